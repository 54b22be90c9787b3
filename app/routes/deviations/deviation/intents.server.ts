import type { AppLoadContext } from "react-router";
import { z } from "zod";
import type { AuthUser } from "#app/auth/sessions.server.ts";
import { checkFiles } from "#app/models/attachments.server.ts";
import {
  addTimelineEntry,
  addWhy,
  closeDeviation,
  recordAuthorityReport,
  reopenDeviation,
  startInvestigation,
  triageDeviation,
} from "#app/models/deviations.server.ts";
import { once } from "#app/models/submissions.server.ts";
import { authorityReports, causeCategories, deviationSeverities } from "#app/domain/values.ts";
import { parseForm, text } from "#app/utils/forms.ts";
import { done, refused, type Outcome } from "#app/routes/intents.server.ts";

/** What every handler of a deviation's forms works on. */
export type DeviationIntent = { context: AppLoadContext; user: AuthUser; reportId: string; form: FormData };

const day = z.iso.date("validation.invalidDate");
const moment = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "validation.invalidDate");

const triageSchema = z.object({
  category: text(100),
  severity: z.enum(deviationSeverities, "validation.invalidChoice"),
  responsibleId: z.string().min(1, "validation.required").max(40),
  dueOn: day,
  authority: z.enum(["", ...authorityReports], "validation.invalidChoice").transform((v) => (v === "" ? null : v)),
});

function triage({ context, user, reportId, form }: DeviationIntent): Outcome {
  const parsed = parseForm(triageSchema, form);
  if (!parsed.ok) return refused(parsed.errors);
  triageDeviation(context.db, user, reportId, parsed.data);
  return done();
}

function investigate({ context, user, reportId, form }: DeviationIntent): Outcome {
  once(context.db, user.id, form, () => startInvestigation(context.db, user, reportId));
  return done();
}

const timelineSchema = z.object({ happenedAt: moment, text: text(2000), nature: z.enum(["fact", "assessment"]) });

function timeline({ context, user, reportId, form }: DeviationIntent): Outcome {
  const parsed = parseForm(timelineSchema, form);
  if (!parsed.ok) return refused(parsed.errors);
  once(context.db, user.id, form, () => addTimelineEntry(context.db, user, reportId, parsed.data));
  return done();
}

const whySchema = z.object({ answer: text(500) });

function why({ context, user, reportId, form }: DeviationIntent): Outcome {
  const parsed = parseForm(whySchema, form);
  if (!parsed.ok) return refused(parsed.errors);
  once(context.db, user.id, form, () => addWhy(context.db, user, reportId, parsed.data.answer));
  return done();
}

const closeSchema = z.object({
  learning: text(4000),
  causeCategory: z.enum(["", ...causeCategories], "validation.invalidChoice").transform((v) => (v === "" ? null : v)),
});

function close({ context, user, reportId, form }: DeviationIntent): Outcome {
  const parsed = parseForm(closeSchema, form);
  if (!parsed.ok) return refused(parsed.errors);
  once(context.db, user.id, form, () => closeDeviation(context.db, user, reportId, parsed.data));
  return done();
}

function reopen({ context, user, reportId, form }: DeviationIntent): Outcome {
  once(context.db, user.id, form, () => reopenDeviation(context.db, user, reportId, String(form.get("reason") ?? "")));
  return done();
}

const authoritySchema = z.object({ reportedOn: day });

async function authority({ context, user, reportId, form }: DeviationIntent): Promise<Outcome> {
  const parsed = parseForm(authoritySchema, form);
  if (!parsed.ok) return refused(parsed.errors);
  const receipt = await checkFiles(form.getAll("receipt").filter((f): f is File => f instanceof File));
  recordAuthorityReport(
    context.db,
    user,
    reportId,
    { reportedOn: parsed.data.reportedOn, receipt },
    context.config.dataDir,
  );
  return done();
}

/** One handler per form on a deviation's page, named by the form's `intent`. */
export const deviationIntents = { triage, investigate, timeline, why, close, reopen, authority };
