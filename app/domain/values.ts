/**
 * The fixed vocabularies of the schema, without Drizzle: browser code imports them from here,
 * so table definitions (and drizzle-orm) never reach the client bundle.
 */
export const roles = ["admin", "quality_manager", "process_owner", "auditor", "staff", "external_auditor"] as const;
export type Role = (typeof roles)[number];

/** Whose password accounts need a second factor unless the organisation chooses otherwise. */
export const defaultSecondFactorRoles: Role[] = ["admin", "quality_manager"];

export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];

export const documentTypes = ["policy", "routine", "instruction", "plan", "audit_report"] as const;
export type DocumentType = (typeof documentTypes)[number];

/**
 * Everything under document control: the written documents; process maps, which are
 * reviewed, approved and released by the same mechanism but drawn rather than written; and
 * management review records and annual reports, which are started from live data rather than
 * from a blank page.
 */
export const controlledTypes = [...documentTypes, "process_map", "management_review", "annual_report"] as const;
export type ControlledType = (typeof controlledTypes)[number];

/** Management, core (kärnprocess) and support processes, as a process landscape groups them. */
export const processKinds = ["management", "core", "support"] as const;
export type ProcessKind = (typeof processKinds)[number];

export const documentAreas = ["quality", "environment", "work_environment", "information_security"] as const;
export type DocumentArea = (typeof documentAreas)[number];

/**
 * Where a controlled document is in its register: in use (its living draft, and its releases
 * if it has any) or archived (withdrawn from use, kept for the record).
 */
export const documentStatuses = ["draft", "archived"] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/**
 * What a person named on one draft may do there (a staff member or a union representative in
 * a policy workshop): write with the others, or only comment.
 */
export const participantRoles = ["editor", "commenter"] as const;
export type ParticipantRole = (typeof participantRoles)[number];

/** A document's register entry, as forms edit it and the model stores it. */
export type DocumentDetails = {
  title: string;
  /** The organisation's own document number, if it uses them. */
  reference?: string | null;
  type: ControlledType;
  ownerId: string;
  unitId: string | null;
  areas: DocumentArea[];
  tags: string[];
  /** Months between periodic reviews (12 when not given). */
  reviewIntervalMonths?: number;
};

/** A review round: open until the approver decides, or until a newer candidate replaces it. */
export const reviewStatuses = ["open", "approved", "rejected", "replaced"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** What a reviewer has said about a candidate. */
export const reviewerVerdicts = ["pending", "accepted", "commented"] as const;
export type ReviewerVerdict = (typeof reviewerVerdicts)[number];

/** Who must acknowledge a release: everyone in a unit, or everyone with a role. */
export const readerGroupKinds = ["unit", "role"] as const;
export type ReaderGroupKind = (typeof readerGroupKinds)[number];

export const notificationKinds = [
  "mention",
  "review",
  "decision",
  "reviewDue",
  "toRead",
  "assigned",
  "reportAssigned",
  "reportClosed",
  "samSent",
  "samDue",
  "samAnswered",
  "findingAssigned",
  "findingAnswered",
  "cycleDue",
  "delegationProposed",
  "delegationAnswered",
  "participation",
  "opinion",
  // Say which decision: "decision" and "delegationAnswered" remain for notices already sent.
  "approved",
  "rejected",
  "delegationAccepted",
  "handedOver",
  "delegationReturned",
  "delegationRevoked",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Where an action stands. Done is not closed: an action is closed only when its effect has
 * been verified; "not effective" sends it back to work or on to a follow-up action.
 */
export const actionStatuses = ["planned", "in_progress", "done", "effect_verified", "not_effective"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Why an action exists: the action plan is one for everything. */
export const actionSources = [
  "risk",
  "document_review",
  "deviation",
  "audit",
  "management_review",
  "sam_follow_up",
  "self_monitoring",
  "improvement",
  "kpi",
  "other",
] as const;
export type ActionSource = (typeof actionSources)[number];

/** What an uploaded file belongs to: a report, an authority's receipt for one, or a check's photo. */
export const attachmentOwners = ["report", "authority_receipt", "checklist_round"] as const;
export type AttachmentOwner = (typeof attachmentOwners)[number];

/**
 * A picture in a document's text, a form (blankett) listed with it, or the file it was
 * imported from (kept as evidence when it was approved outside Lots).
 */
export const documentFileKinds = ["image", "form", "source"] as const;
export type DocumentFileKind = (typeof documentFileKinds)[number];

/** What the one link table can connect (docs/ARCHITECTURE.md, wall 9). */
export const linkableKinds = [
  "document",
  "process",
  "activity",
  "risk",
  "objective",
  "kpi",
  "action",
  "deviation",
  "finding",
  "requirement",
  "change_analysis",
  "sam_follow_up",
  "management_review",
  "meeting",
] as const;
export type LinkableKind = (typeof linkableKinds)[number];

/** How often a person gets an e-mail summary of what waits for them (when SMTP is configured). */
export const digestFrequencies = ["daily", "weekly", "never"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** What staff report: avvikelse, tillbud, olycka/arbetsskada, klagomål, synpunkt, förbättringsförslag. */
export const deviationKinds = ["deviation", "near_miss", "accident", "complaint", "feedback", "improvement"] as const;
export type DeviationKind = (typeof deviationKinds)[number];

/** A report's life: reported, triaged (owner, severity, due date), investigated, closed with a lesson. */
export const deviationStatuses = ["reported", "triaged", "investigating", "closed"] as const;
export type DeviationStatus = (typeof deviationStatuses)[number];

export const deviationSeverities = ["low", "medium", "high", "serious"] as const;
export type DeviationSeverity = (typeof deviationSeverities)[number];

/**
 * Events that must also go to an authority: serious work-environment events to
 * Arbetsmiljöverket, lex Maria (health care) and lex Sarah (social care) events to IVO.
 */
export const authorityReports = ["arbetsmiljoverket", "lex_maria", "lex_sarah"] as const;
export type AuthorityReport = (typeof authorityReports)[number];

/** Where a cause lies, as in a fishbone diagram; optional beside the 5 whys. */
export const causeCategories = [
  "people",
  "method",
  "equipment",
  "material",
  "environment",
  "measurement",
  "management",
] as const;
export type CauseCategory = (typeof causeCategories)[number];

/** How often a checklist is answered. */
export const checklistFrequencies = ["weekly", "monthly", "quarterly", "yearly"] as const;
export type ChecklistFrequency = (typeof checklistFrequencies)[number];

export const questionTypes = ["yes_no", "yes_no_partly", "scale", "text", "photo"] as const;
export type QuestionType = (typeof questionTypes)[number];
export type ChecklistQuestion = { id: string; text: string; type: QuestionType };

/** What kind of change a risk analysis is made before (AFS 2023:1 asks for one before changes in the work). */
export const changeKinds = ["organisation", "method", "equipment", "premises", "other"] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const riskKinds = ["risk", "opportunity"] as const;
export type RiskKind = (typeof riskKinds)[number];

export const riskCategories = ["quality", "environment", "work_environment", "information_security", "other"] as const;
export type RiskCategory = (typeof riskCategories)[number];

export const riskTreatments = ["accept", "reduce", "avoid", "share"] as const;
export type RiskTreatment = (typeof riskTreatments)[number];

/**
 * The organisation's risk scale: a label per step of likelihood and of consequence, lowest
 * first. Five by five with Swedish labels unless the organisation chooses otherwise.
 */
export type RiskScale = { likelihood: string[]; consequence: string[] };
export const defaultRiskScale: RiskScale = {
  likelihood: ["Mycket osannolik", "Osannolik", "Möjlig", "Sannolik", "Mycket sannolik"],
  consequence: ["Obetydlig", "Liten", "Måttlig", "Allvarlig", "Mycket allvarlig"],
};

/** Whether a KPI is better high (delivery precision) or low (complaints). */
export const kpiDirections = ["higher", "lower"] as const;
export type KpiDirection = (typeof kpiDirections)[number];

/** How often a KPI is measured; a measurement's period is written to match (2026-03, 2026-Q1, 2026). */
export const kpiFrequencies = ["monthly", "quarterly", "yearly"] as const;
export type KpiFrequency = (typeof kpiFrequencies)[number];

/**
 * Why a follow-up of the systematic work-environment management (SAM) is run: the yearly one
 * AFS 2023:1 asks for, or off-cycle after a reorganisation or a serious event.
 */
export const samReasons = ["annual", "reorganisation", "serious_event", "other"] as const;
export type SamReason = (typeof samReasons)[number];

/** How a unit's manager and safety representative go through the follow-up together. */
export const samMethods = ["questionnaire", "interview", "workplace_meeting"] as const;
export type SamMethod = (typeof samMethods)[number];

export const samAssessments = ["yes", "partly", "no"] as const;
export type SamAssessment = (typeof samAssessments)[number];
export type SamAnswer = { value: SamAssessment; note: string };

/** A prioritised improvement area of a compilation, with its chain of whys and the cause found. */
export type SamPriority = { area: string; whys: string[]; cause: string };

/** What an internal audit finds: a nonconformity (major or minor), an observation, or an improvement opportunity. */
export const findingKinds = ["major_nc", "minor_nc", "observation", "improvement"] as const;
export type FindingKind = (typeof findingKinds)[number];

/** A finding is open, answered by the person responsible (root cause and actions), or closed by the lead auditor. */
export const findingStatuses = ["open", "answered", "closed"] as const;
export type FindingStatus = (typeof findingStatuses)[number];

/**
 * The yearly reports written from the year's data: the patient-safety report (care providers,
 * due 1 March), the quality report, and the summary of the year's work-environment management.
 */
export const annualReportKinds = ["patient_safety", "quality", "sam_summary"] as const;
export type AnnualReportKind = (typeof annualReportKinds)[number];

/** How far an ISO 27001 control is implemented, as a Statement of Applicability records it. */
export const soaStatuses = ["implemented", "partly", "planned", "not_started"] as const;
export type SoaStatus = (typeof soaStatuses)[number];

/** What the organisation's context holds: internal and external issues, and interested parties. */
export const contextKinds = ["internal", "external", "party"] as const;
export type ContextKind = (typeof contextKinds)[number];

/** How staff take part: workplace meetings (APT), the safety committee, consultation of safety representatives. */
export const meetingKinds = ["workplace_meeting", "safety_committee", "consultation"] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const complianceResults = ["compliant", "partly", "not_compliant"] as const;
export type ComplianceResult = (typeof complianceResults)[number];

/** A delegation is proposed, accepted in writing, returned by its recipient, or revoked by the one who gave it. */
export const delegationStatuses = ["proposed", "accepted", "returned", "revoked"] as const;
export type DelegationStatus = (typeof delegationStatuses)[number];

/** How competence is verified in practice: observed at work, by a sample of work, by double staffing, by a test. */
export const verificationMethods = ["observation", "sample", "double_staffing", "test"] as const;
export type VerificationMethod = (typeof verificationMethods)[number];
