import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { LinkedPanel } from "#app/components/linked-panel.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { PageHeader } from "#app/components/ui/page-header.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { requirePermission } from "#app/auth/guards.server.ts";
import { can } from "#app/auth/permissions.server.ts";
import { refusalAsFormError } from "#app/models/errors.ts";
import { linkedTo } from "#app/models/links.server.ts";
import { completeFollowUp, levelsOfFollowUp } from "#app/models/sam-compilations.server.ts";
import { followUpTitle } from "#app/models/sam.server.ts";
import { responsesOf } from "#app/models/sam-answers.server.ts";
import { linkFormIntent } from "#app/routes/links/link-form.server.ts";
import { followUpOr404 } from "./follow-up-or-404.server.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "./+types/follow-up";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = requirePermission(request, context, "read", { type: "sam" });
  const f = followUpOr404(context, params.id);
  const responses = responsesOf(context.db, f.id);
  const canManage = can(user, "manage", { type: "sam" });
  return {
    followUp: {
      id: f.id,
      title: followUpTitle(f),
      reason: f.reason,
      background: f.background,
      method: f.method,
      dueOn: f.dueOn,
      completedAt: f.completedAt?.toISOString() ?? null,
    },
    units: responses.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      managerName: r.managerName,
      safetyRepName: r.safetyRepName,
    })),
    levels: levelsOfFollowUp(context.db, f.id, responses).map((l) => ({
      level: l.level,
      name: l.name,
      units: l.scope.length,
      answered: l.answered,
      compiledAt: l.compilation?.compiledAt.toISOString() ?? null,
    })),
    linked: linkedTo(context.db, user, { kind: "sam_follow_up", id: f.id }),
    canLink: can(user, "edit", { type: "links" }),
    canManage: canManage && !f.completedAt,
    canAddAction: canManage && !f.completedAt && can(user, "create", { type: "actions" }),
  };
}

export async function action({
  request,
  params,
  context,
}: Route.ActionArgs): Promise<{ intent: string; errors: FieldErrors; done?: boolean }> {
  const { user } = requirePermission(request, context, "read", { type: "sam" });
  const f = followUpOr404(context, params.id);
  const form = await request.formData();
  const linking = linkFormIntent(context.db, user, { kind: "sam_follow_up", id: f.id }, form);
  if (linking) return { intent: "link", ...linking };
  try {
    completeFollowUp(context.db, user, f.id);
  } catch (error) {
    return { intent: "complete", errors: refusalAsFormError(error) };
  }
  return { intent: "complete", errors: {}, done: true };
}

/** One follow-up: which units have answered, the levels it is compiled at, and its actions. */
export default function SamFollowUp({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { followUp: f } = loaderData;
  const completing = actionData?.intent === "complete" ? actionData : undefined;
  const linkErrors = actionData?.intent === "link" ? actionData.errors : undefined;
  const levelName = (l: { level: string; name: string | null }) => l.name ?? t("sam.organisation");
  return (
    <>
      <PageHeader title={f.title} intro={t("sam.followUpIntro")}>
        <Link to="/avvikelser/sam" className="button button-ghost">
          {t("admin.back")}
        </Link>
      </PageHeader>
      <p className="document-meta">
        <span className="badge badge-neutral">{t(`sam.reasons.${f.reason}`)}</span>{" "}
        <span className={`badge ${f.completedAt ? "badge-current" : "badge-draft"}`}>
          {t(f.completedAt ? "links.status.sam_completed" : "links.status.sam_open")}
        </span>{" "}
        {t(`sam.methods.${f.method}`)} · {t("checklists.dueOn", { date: formatDate(f.dueOn, i18n.language) })}
      </p>
      <FormRefusal errors={completing?.errors} />
      {completing?.done ? <Notice tone="success">{t("sam.completedNotice")}</Notice> : null}
      {f.background ? (
        <section className="card">
          <h2>{t("sam.background")}</h2>
          <p className="pre-line">{f.background}</p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="units-heading">
        <h2 id="units-heading">{t("sam.units")}</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("sam.units")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sam.unit")}</th>
                <th scope="col">{t("deviations.status")}</th>
                <th scope="col">{t("sam.answeredBy")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.units.map((u) => (
                <tr key={u.unitId}>
                  <td>
                    <Link to={`/avvikelser/sam/${f.id}/enhet/${u.unitId}`}>{u.unitName}</Link>
                  </td>
                  <td>
                    {u.answeredAt ? (
                      <span className="badge report-closed">
                        {t("sam.answeredOn", { date: formatDate(u.answeredAt, i18n.language) })}
                      </span>
                    ) : (
                      <span className="badge report-triaged">{t("sam.awaitingAnswer")}</span>
                    )}
                  </td>
                  <td>
                    {u.answeredAt ? t("sam.together", { manager: u.managerName, safetyRep: u.safetyRepName }) : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="levels-heading">
        <h2 id="levels-heading">{t("sam.levels")}</h2>
        <p className="muted">{t("sam.levelsIntro")}</p>
        <ul className="plain-list">
          {loaderData.levels.map((l) => (
            <li key={l.level}>
              <Link to={`/avvikelser/sam/${f.id}/niva/${l.level}`}>{levelName(l)}</Link>{" "}
              <span className="muted">{t("sam.answeredOf", { answered: l.answered, sent: l.units })}</span>{" "}
              <span className={`badge ${l.compiledAt ? "badge-current" : "badge-draft"}`}>
                {l.compiledAt
                  ? t("sam.compiledOn", { date: formatDate(l.compiledAt, i18n.language) })
                  : t("sam.notCompiled")}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <LinkedPanel
        self={{ kind: "sam_follow_up", id: f.id }}
        items={loaderData.linked}
        canLink={loaderData.canLink && !f.completedAt}
        error={linkErrors?.form ?? linkErrors?.target}
      >
        {loaderData.canAddAction ? (
          <p>
            <Link to={`/atgarder/ny?fran=sam_follow_up:${f.id}`} className="button button-secondary">
              {t("sam.newAction")}
            </Link>
          </p>
        ) : null}
      </LinkedPanel>
      {loaderData.canManage ? (
        <section className="card" aria-labelledby="complete-heading">
          <h2 id="complete-heading">{t("sam.complete")}</h2>
          <p className="muted">{t("sam.completeHint")}</p>
          <Form method="post">
            <SubmitButton name="intent" value="complete">
              {t("sam.complete")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
