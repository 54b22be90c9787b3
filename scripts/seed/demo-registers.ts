import { addDays, format } from "date-fns";
import type { Db } from "#db/client.ts";
import type { Actor } from "#app/auth/permissions.server.ts";
import { createAction, moveAction, type ActionInput } from "#app/models/actions.server.ts";
import { createLinked } from "#app/models/links.server.ts";
import { dayOf } from "#app/models/releases.server.ts";
import { createRisk, type RiskInput } from "#app/models/risks.server.ts";
import { createKpi, createObjective, importMeasurements } from "#app/models/kpis.server.ts";

type DemoRisk = Omit<RiskInput, "ownerId" | "unitId" | "nextReviewOn"> & {
  unit: string;
  /** An action that treats the risk, if it has one. */
  action?: Omit<ActionInput, "ownerId" | "unitId" | "dueOn" | "effectCheckOn" | "source"> & { dueInDays: number };
};

const demoRisks: DemoRisk[] = [
  {
    kind: "risk",
    title: "Felkalibrerad våg vid utleverans",
    category: "quality",
    cause: "Vågen i lagret kalibreras bara en gång om året.",
    consequenceText: "Kunder får fel mängd och reklamerar.",
    treatment: "reduce",
    unit: "Lager och logistik",
    inherent: { likelihood: 4, consequence: 4 },
    residual: { likelihood: 3, consequence: 4 },
    action: {
      title: "Inför veckovis kontrollvägning",
      reason: "Sänka sannolikheten för felvägning.",
      effectPlan: "Stickprov på tio leveranser per vecka under tre månader.",
      effectMeasure: "Antal viktavvikelser per månad",
      dueInDays: 21,
    },
  },
  {
    kind: "risk",
    title: "Belastningsskador vid manuell lyft",
    category: "work_environment",
    cause: "Tunga kartonger lyfts för hand vid monteringslinjen.",
    consequenceText: "Rygg- och axelbesvär, sjukfrånvaro.",
    treatment: "reduce",
    unit: "Montering",
    inherent: { likelihood: 4, consequence: 3 },
    residual: { likelihood: 3, consequence: 3 },
    action: {
      title: "Installera lyfthjälpmedel vid linje 2",
      reason: "Skyddsrond visade tunga lyft.",
      effectPlan: "Uppföljning i skyddsrond och medarbetarenkät efter tre månader.",
      effectMeasure: "Rapporterade besvär och tillbud",
      dueInDays: -5,
    },
  },
  {
    kind: "risk",
    title: "Nätfiske mot kundservice",
    category: "information_security",
    cause: "Falska e-postmeddelanden som liknar kunders beställningar.",
    consequenceText: "Intrång och läckta kunduppgifter.",
    treatment: "reduce",
    unit: "Kundservice",
    inherent: { likelihood: 3, consequence: 5 },
    residual: { likelihood: 2, consequence: 5 },
  },
  {
    kind: "opportunity",
    title: "Returförpackningar med större kunder",
    category: "environment",
    cause: "Kunder efterfrågar mindre förpackningsavfall.",
    consequenceText: "Lägre kostnad och mindre avfall.",
    treatment: "accept",
    unit: "Lager och logistik",
    inherent: { likelihood: 3, consequence: 2 },
    residual: { likelihood: 3, consequence: 2 },
  },
];

/** The demo's risks and the actions that treat them, made through the same models as the app. */
export function seedDemoRegisters(db: Db, owner: Actor, units: Map<string, string>, now: Date): void {
  for (const { unit, action, ...risk } of demoRisks) {
    const unitId = units.get(unit)!;
    const riskId = createRisk(
      db,
      owner,
      { ...risk, ownerId: owner.id, unitId, nextReviewOn: dayOf(addDays(now, 180)) },
      now,
    );
    if (!action) continue;
    const { dueInDays, ...fields } = action;
    const input: ActionInput = {
      ...fields,
      source: "risk",
      ownerId: owner.id,
      unitId,
      dueOn: dayOf(addDays(now, dueInDays)),
      effectCheckOn: dayOf(addDays(now, dueInDays + 90)),
    };
    createLinked(
      db,
      owner,
      { kind: "risk", id: riskId },
      (tx) => ({
        kind: "action",
        id: createAction(tx, owner, input, {}, now),
      }),
      now,
    );
  }
  const idea = createAction(
    db,
    owner,
    {
      title: "Digital avvikelserapport i mobilen",
      reason: "Förbättringsförslag från medarbetare.",
      source: "improvement",
      ownerId: owner.id,
      unitId: null,
      dueOn: dayOf(addDays(now, 30)),
      effectPlan: "Jämför antal rapporterade avvikelser före och efter.",
      effectMeasure: "Avvikelser per månad",
      effectCheckOn: dayOf(addDays(now, 120)),
    },
    {},
    now,
  );
  moveAction(db, owner, idea, "start", {}, now);
  seedDemoKpis(db, owner, now);
}

/** One objective with two KPIs and two years of monthly figures: one on target, one not. */
function seedDemoKpis(db: Db, owner: Actor, now: Date): void {
  const year = now.getFullYear();
  const objectiveId = createObjective(
    db,
    owner,
    {
      title: "Nöjda kunder som får rätt leverans i tid",
      description: "Kvalitetsmål ur kvalitetspolicyn, följs upp varje kvartal.",
      ownerId: owner.id,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    },
    now,
  );
  const months = (count: number, value: (i: number) => number, from: number) =>
    Array.from({ length: count }, (_, i) => {
      const date = new Date(from, i, 1);
      return { period: format(date, "yyyy-MM"), value: value(i) };
    });
  const kpis = [
    {
      name: "Leveransprecision",
      unit: "%",
      direction: "higher" as const,
      target: 95,
      warning: 92,
      dataSource: "Affärssystemet, leveransrapporten",
      figures: (i: number, last: boolean) => (last ? 91 + (i % 4) : 93 + (i % 3)),
    },
    {
      name: "Reklamationer",
      unit: "st",
      direction: "lower" as const,
      target: 5,
      warning: 8,
      dataSource: "Reklamationsregistret",
      figures: (i: number, last: boolean) => (last ? 9 - (i % 3) : 4 + (i % 2)),
    },
  ];
  for (const { figures, ...kpi } of kpis) {
    const id = createKpi(db, owner, { ...kpi, frequency: "monthly", ownerId: owner.id, objectiveId }, now);
    const rows = [
      ...months(12, (i) => figures(i, true), year - 1),
      ...months(Math.max(1, now.getMonth()), (i) => figures(i, false), year),
    ];
    importMeasurements(
      db,
      owner,
      id,
      rows.map((r) => [r.period, String(r.value)]),
      now,
    );
  }
}
