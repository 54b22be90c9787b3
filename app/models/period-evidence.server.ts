import { and, asc, desc, eq, gte, inArray, lte, ne, or } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import {
  auditFindings,
  audits,
  checklistRounds,
  samCompilations,
  samFollowUps,
  samResponses,
  type ActionSource,
  type DeviationKind,
} from "#db/schema/index.ts";
import { isNonconformity } from "./audit-rules.ts";
import { overdue } from "./action-states.ts";
import { listActions } from "./actions.server.ts";
import { allChecks } from "./checklists.server.ts";
import { statusOf } from "./kpi-rules.ts";
import { listKpis, measurements } from "./kpis.server.ts";
import type { Fact } from "./management-review-rules.ts";
import { dayOf } from "./releases.server.ts";
import type { DeviationTrends } from "./deviation-trends.server.ts";
import { levelOf } from "./risk-scoring.ts";
import { listRisks, riskScale } from "./risks.server.ts";

/**
 * What the system knows about a period, as lines of evidence: the management review and the
 * annual reports are both written from it. Each function answers one question and says
 * whether there was anything to say (`hasData`). The period's report analysis is made once by
 * the caller and handed to each function that reads them.
 */

export type Period = { from: string; to: string };
export type Evidence = { hasData: boolean; facts: Fact[] };

const LIST_LENGTH = 8;
const nothing: Evidence = { hasData: false, facts: [] };

/**
 * Actions (of one source, or all) made in a span of time: how many are closed, open and late,
 * and which are still open.
 */
export function actionEvidence(
  db: Db,
  made: { source?: ActionSource; from?: string; before: Date },
  now: Date,
): Evidence {
  const all = listActions(db, made.source ? { source: made.source } : {}, now).filter(
    (a) => a.createdAt < made.before && (!made.from || dayOf(a.createdAt) >= made.from),
  );
  if (all.length === 0) return nothing;
  const open = all.filter((a) => a.status !== "effect_verified");
  return {
    hasData: true,
    facts: [
      {
        key: "actions",
        values: {
          total: all.length,
          closed: all.length - open.length,
          open: open.length,
          overdue: open.filter((a) => overdue(a, dayOf(now))).length,
        },
      },
      ...open.slice(0, LIST_LENGTH).map((a) => ({
        key: "action",
        values: { number: a.number, title: a.title, due: a.dueOn },
        terms: { status: `actionStatuses.${a.status}` },
      })),
    ],
  };
}

/** Each KPI's latest figure within the period, against its target, and which way it is going. */
export function kpiEvidence(db: Db, period: Period): Evidence {
  const facts = listKpis(db).flatMap((k) => {
    const series = measurements(db, k.id).filter((m) => m.period <= period.to.slice(0, m.period.length));
    const last = series.at(-1);
    if (!last) return [];
    const previous = series.at(-2)?.value;
    const trend = previous === undefined || last.value === previous ? "flat" : last.value > previous ? "up" : "down";
    const status = statusOf(k, last.value);
    return [
      {
        key: "kpi",
        values: { name: k.name, value: last.value, unit: k.unit, target: k.target, period: last.period },
        terms: { status: `kpis.status.${status}`, trend: `managementReviews.trend.${trend}` },
      },
    ];
  });
  return { hasData: facts.length > 0, facts };
}

/**
 * Reports of the period, of the given kinds (all when none are given): how many, how many
 * closed and sent to an authority, by kind, the categories that recur, and the corrective actions.
 */
export function reportEvidence(
  db: Db,
  trends: DeviationTrends,
  period: Period,
  now: Date,
  kinds?: readonly DeviationKind[],
): Evidence {
  const byKind = trends.byKind.filter((k) => !kinds || kinds.includes(k.name as DeviationKind));
  const total = byKind.reduce((sum, k) => sum + k.count, 0);
  const corrective = listActions(db, { source: "deviation" }, now).filter((a) => {
    const day = dayOf(a.createdAt);
    return day >= period.from && day <= period.to;
  });
  return {
    // Nothing reported is also an answer the system gives: the register was open all period.
    hasData: true,
    facts: [
      kinds
        ? { key: "reportsOfKinds", values: { total } }
        : { key: "reports", values: { total, closed: trends.closed, authority: trends.authority.length } },
      ...byKind.map((k) => ({
        key: "reportKind",
        values: { count: k.count },
        terms: { kind: `deviationKinds.${k.name}` },
      })),
      ...(kinds
        ? []
        : [
            {
              key: "corrective",
              values: {
                count: corrective.length,
                verified: corrective.filter((a) => a.status === "effect_verified").length,
              },
            },
            ...trends.recurring.map((r) => ({ key: "recurring", values: { category: r.name, count: r.count } })),
            ...trends.lessons
              .slice(0, LIST_LENGTH)
              .map((l) => ({ key: "lesson", values: { number: l.number, title: l.title, learning: l.learning } })),
          ]),
    ],
  };
}

/** Complaints and feedback from those the organisation serves. */
export function feedbackEvidence(trends: DeviationTrends): Evidence {
  const count = (kind: DeviationKind) => trends.byKind.find((r) => r.name === kind)?.count ?? 0;
  return {
    hasData: true,
    facts: [{ key: "feedback", values: { complaints: count("complaint"), feedback: count("feedback") } }],
  };
}

/** Improvement proposals of the period, and the improvement actions still under way. */
export function improvementEvidence(db: Db, trends: DeviationTrends, now: Date): Evidence {
  const proposals = trends.byKind.find((r) => r.name === "improvement")?.count ?? 0;
  const open = listActions(db, { source: "improvement", open: true }, now).length;
  return { hasData: true, facts: [{ key: "improvements", values: { proposals, open } }] };
}

/** The internal audits planned in the period and what they found. */
export function auditEvidence(db: Db, period: Period): Evidence {
  // The period's audits, and any other audit whose findings are still open: an open finding is
  // a result the review must see, whenever its audit was planned.
  const stillOpen = db
    .selectDistinct({ auditId: auditFindings.auditId })
    .from(auditFindings)
    .where(ne(auditFindings.status, "closed"));
  const planned = db
    .select({ id: audits.id, number: audits.number, title: audits.title })
    .from(audits)
    .where(or(and(gte(audits.plannedOn, period.from), lte(audits.plannedOn, period.to)), inArray(audits.id, stillOpen)))
    .orderBy(asc(audits.plannedOn))
    .all();
  const facts = planned.map((a) => {
    const findings = db.select().from(auditFindings).where(eq(auditFindings.auditId, a.id)).all();
    return {
      key: "audit",
      values: {
        number: a.number,
        title: a.title,
        findings: findings.length,
        nonconformities: findings.filter((f) => isNonconformity(f.kind)).length,
        open: findings.filter((f) => f.status !== "closed").length,
      },
    };
  });
  return { hasData: facts.length > 0, facts };
}

/** Residual risks by level and the highest of them; with a category, only that category's. */
export function riskEvidence(db: Db, category?: "work_environment"): Evidence {
  const scale = riskScale(db);
  const risks = listRisks(db, category ? { category } : {});
  if (risks.length === 0) return nothing;
  const levels = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const r of risks.filter((r) => r.kind === "risk")) levels[levelOf(scale, r.residual)] += 1;
  const high = risks.filter((r) => r.kind === "risk" && ["high", "critical"].includes(levelOf(scale, r.residual)));
  return {
    hasData: true,
    facts: [
      { key: "riskLevels", values: { ...levels, opportunities: risks.filter((r) => r.kind === "opportunity").length } },
      ...high.slice(0, LIST_LENGTH).map((r) => ({ key: "highRisk", values: { number: r.number, title: r.title } })),
    ],
  };
}

/** The latest completed SAM follow-up of the period's years, with the organisation's conclusions. */
export function samEvidence(db: Db, period: Period): Evidence {
  const followUp = db
    .select()
    .from(samFollowUps)
    .where(
      and(
        gte(samFollowUps.year, Number(period.from.slice(0, 4))),
        lte(samFollowUps.year, Number(period.to.slice(0, 4))),
      ),
    )
    .orderBy(desc(samFollowUps.startedAt))
    .all()
    .find((f) => f.completedAt);
  if (!followUp) return nothing;
  const answered = db
    .select({ answeredAt: samResponses.answeredAt })
    .from(samResponses)
    .where(eq(samResponses.followUpId, followUp.id))
    .all()
    .filter((r) => r.answeredAt).length;
  const organisation = db
    .select()
    .from(samCompilations)
    .where(and(eq(samCompilations.followUpId, followUp.id), eq(samCompilations.level, "organisation")))
    .get();
  return {
    hasData: true,
    facts: [
      { key: "sam", values: { year: followUp.year, completed: dayOf(followUp.completedAt!), answered } },
      ...(organisation
        ? [
            { key: "samStrengths", values: { text: organisation.strengths } },
            { key: "samImprovements", values: { text: organisation.improvements } },
            ...organisation.priorities.map((p) => ({
              key: "samPriority",
              values: { area: p.area, cause: p.cause || "–" },
            })),
          ]
        : []),
    ],
  };
}

/** Self-monitoring in the period: rounds answered, noes found, and checks missed this period. */
export function selfMonitoringEvidence(db: Db, period: Period, now: Date): Evidence {
  const rounds = db
    .select({ answers: checklistRounds.answers, answeredAt: checklistRounds.answeredAt })
    .from(checklistRounds)
    .all()
    .filter((r) => {
      const day = dayOf(r.answeredAt);
      return day >= period.from && day <= period.to;
    });
  const noes = rounds.reduce((sum, r) => sum + Object.values(r.answers).filter((a) => a.value === "no").length, 0);
  const missed = allChecks(db, now).filter((c) => c.missed).length;
  return {
    hasData: rounds.length > 0,
    facts:
      rounds.length > 0 || missed > 0
        ? [{ key: "selfMonitoring", values: { rounds: rounds.length, noes, missed } }]
        : [],
  };
}
