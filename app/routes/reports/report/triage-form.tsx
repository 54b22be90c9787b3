import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { personOptions } from "#app/components/person-options.ts";
import { suggestedAuthority } from "#app/models/report-rules.ts";
import {
  authorityReports,
  reportSeverities,
  type AuthorityReport,
  type ReportKind,
  type ReportSeverity,
} from "#app/domain/values.ts";
import type { FieldErrors } from "#app/utils/forms.ts";

type TriageProps = {
  report: { kind: ReportKind; severity: ReportSeverity | null; authority: AuthorityReport | null } & Record<
    "category" | "responsibleId" | "dueOn",
    string | null
  >;
  people: { id: string; name: string }[];
  open: boolean;
  errors?: FieldErrors;
};

/** Triage; choosing "serious" for an accident or near miss proposes the report to Arbetsmiljöverket at once. */
export function TriageForm({ report: r, people, open, errors }: TriageProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<ReportSeverity>(r.severity ?? "medium");
  const [authority, setAuthority] = useState<string>(r.authority ?? suggestedAuthority(r.kind, r.severity) ?? "");
  const suggested = suggestedAuthority(r.kind, severity);
  return (
    <details className="card details-panel" open={open}>
      <summary>{t("reports.triage")}</summary>
      <Form method="post" className="form-grid" noValidate>
        <TextField
          label={t("reports.category")}
          name="category"
          defaultValue={r.category ?? ""}
          maxLength={100}
          error={errors?.category}
        />
        <SelectField
          label={t("reports.severity")}
          name="severity"
          value={severity}
          onChange={(e) => {
            const next = e.currentTarget.value as ReportSeverity;
            setSeverity(next);
            const proposal = suggestedAuthority(r.kind, next);
            if (proposal && authority === "") setAuthority(proposal);
          }}
          options={reportSeverities.map((s) => ({ value: s, label: t(`reportSeverities.${s}`) }))}
        />
        <SelectField
          label={t("reports.responsible")}
          name="responsibleId"
          defaultValue={r.responsibleId ?? ""}
          options={personOptions(people, "—")}
          error={errors?.responsibleId}
        />
        <TextField
          label={t("reports.due")}
          name="dueOn"
          type="date"
          defaultValue={r.dueOn ?? ""}
          error={errors?.dueOn}
        />
        <SelectField
          label={t("reports.authority")}
          hint={
            suggested
              ? t("reports.authoritySuggested", { authority: t(`authorities.${suggested}`) })
              : t("reports.authorityHint")
          }
          name="authority"
          value={authority}
          onChange={(e) => setAuthority(e.currentTarget.value)}
          options={[
            { value: "", label: t("reports.noAuthority") },
            ...authorityReports.map((a) => ({ value: a, label: t(`authorities.${a}`) })),
          ]}
        />
        <div className="form-actions">
          <SubmitButton name="intent" value="triage">
            {t("reports.saveTriage")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}
