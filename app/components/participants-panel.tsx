import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { z } from "zod";
import { personOptions } from "#app/components/person-options.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormRefusal, Notice } from "#app/components/ui/notice.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { participantRoles, type ParticipantRole } from "#app/domain/values.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { FieldErrors } from "#app/utils/forms.ts";

/** The keeper's form for naming a person on a draft; parsed on the server. */
export const participantSchema = z.object({
  userId: z.string({ error: "validation.required" }).min(1, "validation.required").max(64),
  role: z.enum(participantRoles, "validation.invalidChoice"),
  endsOn: z
    .union([z.literal(""), z.iso.date("validation.invalidDate")])
    .optional()
    .transform((v) => v || null),
  untilRelease: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export type ParticipantRow = {
  userId: string;
  name: string;
  role: ParticipantRole;
  endsOn: string | null;
  untilRelease: boolean;
};

type Props = {
  participants: ParticipantRow[];
  candidates: { id: string; name: string }[];
  errors?: FieldErrors;
  /** What the last form did, to confirm it in words and start the next one empty. */
  done?: "added" | "removed";
};

/** How long a participation lasts, in words: "till och med 3 mars 2027, till fastställelsen". */
export function useParticipationEnd() {
  const { t, i18n } = useTranslation();
  return (p: { endsOn: string | null; untilRelease: boolean }) =>
    [
      p.endsOn ? t("participants.untilDate", { date: formatDate(p.endsOn, i18n.language) }) : null,
      p.untilRelease ? t("participants.untilRelease") : null,
    ]
      .filter(Boolean)
      .join(", ") || t("participants.untilRemoved");
}

/**
 * Who besides the document's keepers works on this draft, and until when. A person named here
 * gets the live editor (or only comments) of this draft and nothing else of the register.
 */
export function ParticipantsPanel({ participants, candidates, errors, done }: Props) {
  const { t } = useTranslation();
  const until = useParticipationEnd();
  const form = useRef<HTMLFormElement>(null);
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    if (done === "added") form.current?.reset();
  }, [done]);
  // Folded away until someone is named, or the keeper has just worked in it.
  const open = participants.length > 0 || done !== undefined || errors !== undefined;
  return (
    <details className="card details-panel participants" open={open}>
      <summary>{t("participants.summary", { count: participants.length })}</summary>
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading" className="visually-hidden">
          {t("participants.title")}
        </h2>
        <p className="field-hint">{t("participants.intro")}</p>
        {done ? <Notice tone="success">{t(`participants.${done}`)}</Notice> : null}
        <FormRefusal errors={errors} />
        {participants.length > 0 ? (
          <ul className="participant-list">
            {participants.map((p) => (
              <li key={p.userId}>
                <span>
                  <strong>{p.name}</strong> · {t(`participants.roles.${p.role}`)} · {until(p)}
                </span>
                <Form method="post">
                  <input type="hidden" name="userId" value={p.userId} />
                  <button
                    type="submit"
                    name="intent"
                    value="removeParticipant"
                    className="button button-secondary"
                    disabled={busy}
                  >
                    {t("participants.remove", { name: p.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("participants.none")}</p>
        )}
        {candidates.length > 0 ? (
          <Form method="post" className="form-grid" ref={form} noValidate>
            <SelectField
              label={t("participants.person")}
              name="userId"
              options={personOptions(candidates, t("common.choosePerson"))}
              error={errors?.userId}
            />
            <SelectField
              label={t("participants.role")}
              name="role"
              options={participantRoles.map((r) => ({ value: r, label: t(`participants.roles.${r}`) }))}
              error={errors?.role}
            />
            <TextField
              label={t("participants.endsOn")}
              name="endsOn"
              type="date"
              optional
              hint={t("participants.endsOnHint")}
              error={errors?.endsOn}
            />
            <label className="checkbox">
              <input type="checkbox" name="untilRelease" defaultChecked /> {t("participants.untilReleaseChoice")}
            </label>
            <div className="form-actions">
              <SubmitButton name="intent" value="addParticipant">
                {t("participants.add")}
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>
    </details>
  );
}
