import { requirePermission } from "#app/auth/guards.server.ts";
import { pdfDownload } from "#app/models/pdf.server.ts";
import { evidencePack, evidencePackPdf } from "#app/models/evidence-pack.server.ts";
import { evidencePackLabels } from "#app/models/evidence-pack-labels.ts";
import type { Route } from "./+types/evidence-pdf";

/** The evidence pack as one PDF, in the language of the person who downloads it. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "view", { type: "evidencePack" });
  const pack = evidencePack(context.db, user);
  const pdf = await evidencePackPdf(context.db, pack, evidencePackLabels(user.locale, pack.generatedOn));
  return pdfDownload(pdf, `bevispaket-${pack.generatedOn}.pdf`);
}
