import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { SubmitButton } from "#app/components/ui/submit-button.tsx";
import { personOptions } from "#app/components/person-options.ts";
import { suggestedAuthority } from "#app/models/deviation-rules.ts";
import {
  authorityReports,
  deviationSeverities,
  type AuthorityReport,
  type DeviationKind,
  type DeviationSeverity,
} from "#app/domain/values.ts";
import type { FieldErrors } from "#app/utils/forms.ts";

type TriageProps = {
  report: { kind: DeviationKind; severity: DeviationSeverity | null; authority: AuthorityReport | null } & Record<
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
  const [severity, setSeverity] = useState<DeviationSeverity>(r.severity ?? "medium");
  const [authority, setAuthority] = useState<string>(r.authority ?? suggestedAuthority(r.kind, r.severity) ?? "");
  const suggested = suggestedAuthority(r.kind, severity);
  return (
    <details className="card details-panel" open={open}>
      <summary>{t("deviations.triage")}</summary>
      <Form method="post" className="form-grid" noValidate>
        <TextField
          label={t("deviations.category")}
          name="category"
          defaultValue={r.category ?? ""}
          maxLength={100}
          error={errors?.category}
        />
        <SelectField
          label={t("deviations.severity")}
          name="severity"
          value={severity}
          onChange={(e) => {
            const next = e.currentTarget.value as DeviationSeverity;
            setSeverity(next);
            const proposal = suggestedAuthority(r.kind, next);
            if (proposal && authority === "") setAuthority(proposal);
          }}
          options={deviationSeverities.map((s) => ({ value: s, label: t(`deviationSeverities.${s}`) }))}
        />
        <SelectField
          label={t("deviations.responsible")}
          name="responsibleId"
          defaultValue={r.responsibleId ?? ""}
          options={personOptions(people, "—")}
          error={errors?.responsibleId}
        />
        <TextField
          label={t("deviations.due")}
          name="dueOn"
          type="date"
          defaultValue={r.dueOn ?? ""}
          error={errors?.dueOn}
        />
        <SelectField
          label={t("deviations.authority")}
          hint={
            suggested
              ? t("deviations.authoritySuggested", { authority: t(`authorities.${suggested}`) })
              : t("deviations.authorityHint")
          }
          name="authority"
          value={authority}
          onChange={(e) => setAuthority(e.currentTarget.value)}
          options={[
            { value: "", label: t("deviations.noAuthority") },
            ...authorityReports.map((a) => ({ value: a, label: t(`authorities.${a}`) })),
          ]}
        />
        <div className="form-actions">
          <SubmitButton name="intent" value="triage">
            {t("deviations.saveTriage")}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}
