import { useTranslation } from "react-i18next";
import { TextField } from "#app/components/ui/field.tsx";
import { Notice } from "#app/components/ui/notice.tsx";
import type { FieldError } from "#app/utils/forms.ts";
import type { ImportProblem } from "#app/models/requirement-rules.ts";

/** Why a file of requirements was refused: every problem, by row and code, nothing saved. */
export function ImportProblems({ problems }: { problems: ImportProblem[] | undefined }) {
  const { t } = useTranslation();
  if (!problems) return null;
  return (
    <Notice tone="error">
      <p>{t("frameworks.import.refused")}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{t(p.key as "frameworks.import.duplicate", { row: p.row, code: p.code })}</li>
        ))}
      </ul>
    </Notice>
  );
}

/** The file of requirements to upload: CSV, Excel or JSON, with its limits stated. */
export function RequirementFileField({ error }: { error: FieldError | undefined }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t("frameworks.import.file")}
      hint={t("frameworks.import.fileHint")}
      name="file"
      type="file"
      accept=".csv,.xlsx,.json"
      error={error}
    />
  );
}
