import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { acknowledgementProgress, readerGroupsOf } from "#app/models/acknowledgements.server.ts";
import { freezeDocument } from "#app/models/document-content.server.ts";
import { listDocuments } from "#app/models/documents.server.ts";
import { currentRelease, dayOf, listReleases, versionOf } from "#app/models/releases.server.ts";
import { diffCandidateAgainstCurrent } from "#app/models/release-diff.server.ts";
import { candidateOf, listReviewRounds, reviewRoundResource } from "#app/models/review-rounds.server.ts";
import { unitTree } from "#app/models/units.server.ts";
import { listUsers } from "#app/models/users.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import { hasPasskey } from "#app/auth/passkeys.server.ts";
import { hasProviderIdentity } from "#app/models/identities.server.ts";
import { getSignInSettings } from "#app/models/sign-in-settings.server.ts";
import { runIntent } from "#app/routes/intents.server.ts";
import { SIGNED_AT_PROVIDER } from "./control/approval-at-provider.server.ts";
import { documentOr404 } from "./document-or-404.server.ts";
import { controlIntents } from "./control/intents.server.ts";
import { KeepingPanel } from "./control/keeping-panel.tsx";
import { ReleasesPanel } from "./control/releases-panel.tsx";
import { ReviewHistory, ReviewPanel } from "./control/review-panel.tsx";
import type { Route } from "./+types/control";

/**
 * Document control for one document: the review round and its candidate, the approver's
 * decision with signature, the releases, who has read them, and the periodic review. Each
 * form's handler sits in control/intents.server.ts, each panel in control/.
 */

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requirePermission(request, context, "view", { type: "documents" });
  if (!can(user, "read", resource)) throw data({ reason: "forbidden" }, { status: 403 });
  const canManage = can(user, "manage", resource);
  const reviews = listReviewRounds(context.db, document.id);
  const open = reviews.find((r) => r.status === "open");
  const candidate = open && candidateOf(context.db, open.id);
  const releases = listReleases(context.db, document.id);
  const current = currentRelease(context.db, document.id);
  const people = listUsers(context.db).filter((u) => u.active);
  const unitNames = new Map(unitTree(context.db).map((u) => [u.id, u.name]));
  return {
    document,
    today: dayOf(new Date()),
    me: user.id,
    canManage,
    canRequest: can(user, "requestReview", resource),
    approvers: people.filter((p) => can(p, "approve", { type: "releases" })).map((p) => ({ id: p.id, name: p.name })),
    reviewerCandidates: people
      .filter((p) => can(p, "view", { type: "documents" }))
      .map((p) => ({ id: p.id, name: p.name, role: p.role })),
    units: unitTree(context.db),
    open:
      open && candidate
        ? {
            ...open,
            candidateHtml: candidate.html,
            // The redline against the release in effect, which reviewers read first.
            candidateDiff: diffCandidateAgainstCurrent(context.db, document.id, candidate.json),
            isApprover: can(user, "approve", reviewRoundResource(open, [])),
            isReviewer: can(
              user,
              "giveOpinion",
              reviewRoundResource(
                open,
                open.reviewers.map((r) => r.userId),
              ),
            ),
            // The approval applies to the candidate; say so plainly when the draft has moved on.
            draftChanged: freezeDocument(context.db, document.id).hash !== open.candidateHash,
          }
        : null,
    signing: open ? signingWaysOf(context, user.id) : null,
    signedAtProvider: outcomeAtProvider(new URL(request.url).searchParams.get(SIGNED_AT_PROVIDER)),
    history: reviews.filter((r) => r.status !== "open"),
    releases: releases.map((r) => ({
      ...r,
      version: versionOf(r),
      // A withdrawn document's last release in effect says so, not "Gällande".
      isCurrent: r.id === current?.id && document.status !== "archived",
      withdrawn: r.id === current?.id && document.status === "archived",
      progress: canManage ? acknowledgementProgress(context.db, r.id) : null,
      // Who must acknowledge it, for everyone; how far they have come, for those who keep it.
      readerGroups: readerGroupsOf(context.db, r.id).map((g) =>
        g.kind === "role" ? { kind: g.kind, value: g.value } : { kind: g.kind, value: unitNames.get(g.value) ?? "–" },
      ),
    })),
    hasPrevious: releases.length > 0,
    // What may take a withdrawn document's place: another document in use.
    replacements: canManage
      ? listDocuments(context.db, { status: "draft" })
          .filter((d) => d.id !== document.id && currentRelease(context.db, d.id))
          .map((d) => ({ id: d.id, title: d.title }))
      : [],
    replacement: document.replacedBy
      ? (listDocuments(context.db).find((d) => d.id === document.replacedBy) ?? null)
      : null,
  };
}

/**
 * How this approver can sign: a passkey if they have one; at the provider if they sign in
 * there; otherwise their password, which people signing in at the provider do not use.
 */
function signingWaysOf(context: Route.LoaderArgs["context"], userId: string) {
  const atProvider =
    Boolean(getSignInSettings(context.db, context.config.oidc).provider) && hasProviderIdentity(context.db, userId);
  return { password: !atProvider, passkey: hasPasskey(context.db, userId), atProvider };
}

/** What an approval signed at the provider came to, as the way back reports it. */
function outcomeAtProvider(value: string | null) {
  if (value && /^approved:\d+\.\d+$/.test(value))
    return { done: `control.approved:${value.slice("approved:".length)}` };
  if (value && /^reviewRound\.[a-zA-Z]+$/.test(value)) return { refused: `errors.${value}` };
  return null;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { document, resource } = documentOr404(context, params.id);
  const { user } = requirePermission(request, context, "view", { type: "documents" });
  const form = await request.formData();
  return runIntent(form, controlIntents, { context, user, document, resource, form });
}

/** Forms that show their own refusal beside their button, where the person is looking. */
const ownFormIntents = new Set(["approve", "approveAtProvider", "reject", "withdraw", "opinion", "requestReview"]);

function Done({ done }: { done: string }) {
  const { t } = useTranslation();
  const [key, value] = done.split(":");
  return <Notice tone="success">{t(key as "control.reviewRequested", { value })}</Notice>;
}

export default function DocumentControl({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const doc = loaderData.document;
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const panel = { data: loaderData, errorsFor, last: actionData };
  return (
    <>
      <PageHeader title={t("control.title", { title: doc.title })} intro={t("control.intro")}>
        <Link to={`/dokument/${doc.id}`} className="button button-secondary">
          {t("control.backToDraft")}
        </Link>
      </PageHeader>
      {actionData && !ownFormIntents.has(actionData.intent) ? <FormRefusal errors={actionData.errors} /> : null}
      {typeof actionData?.done === "string" ? <Done done={actionData.done} /> : null}
      {!actionData && loaderData.signedAtProvider?.done ? <Done done={loaderData.signedAtProvider.done} /> : null}
      {!actionData && loaderData.signedAtProvider?.refused ? (
        <Notice tone="error">{t(loaderData.signedAtProvider.refused as "errors.reviewRound.providerRefused")}</Notice>
      ) : null}
      {doc.status === "archived" ? (
        <Notice>
          {t("control.withdrawnNotice", {
            date: doc.withdrawnAt ? formatDate(doc.withdrawnAt, i18n.language) : "–",
            reason: doc.withdrawnReason ?? "–",
          })}{" "}
          {loaderData.replacement ? (
            <Link to={`/gallande/${loaderData.replacement.id}`}>
              {t("reading.replacedBy", { title: loaderData.replacement.title })}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      <ReviewPanel {...panel} />
      <ReleasesPanel data={loaderData} />
      {loaderData.canManage ? <KeepingPanel {...panel} /> : null}
      <ReviewHistory data={loaderData} />
    </>
  );
}
