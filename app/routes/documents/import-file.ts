import { data } from "react-router";
import { z } from "zod";
import { requirePermission } from "#app/auth/guards.server.ts";
import { openBatch } from "#app/models/import-staging.server.ts";
import { importBatchFile, importChoiceSchema } from "./import.server.ts";
import type { Route } from "./+types/import-file";

const request = z.object({
  batch: z.string().regex(/^[a-z2-7]{16}$/),
  index: z.coerce.number().int().min(0).max(10_000),
  type: z.string().max(40),
});

/** Nothing to show: this address only takes files. */
export function loader(): never {
  throw data({ reason: "methodNotAllowed" }, { status: 405 });
}

/** One file of a previewed batch: the import page calls this file by file to show progress. */
export async function action({ request: req, context }: Route.ActionArgs) {
  const { user } = requirePermission(req, context, "create", { type: "documents" });
  const form = Object.fromEntries(await req.formData());
  const parsed = request.safeParse(form);
  const choice = importChoiceSchema.safeParse(form);
  if (!parsed.success || !choice.success) throw data({ reason: "badRequest" }, { status: 400 });
  const batch = openBatch(context.config.dataDir, parsed.data.batch, user.id);
  if (!batch) throw data({ reason: "notFound" }, { status: 404 });
  return Response.json(await importBatchFile(context, user, batch, parsed.data.index, parsed.data.type, choice.data));
}
