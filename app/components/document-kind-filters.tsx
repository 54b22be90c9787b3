import { useTranslation } from "react-i18next";
import { documentAreas, documentTypes, type DocumentArea, type DocumentType } from "#app/domain/values.ts";
import { FilterSelect } from "./ui/filter-select.tsx";
import { unitOptions } from "./unit-options.ts";

type Props = {
  filter: { typ?: DocumentType; omrade?: DocumentArea; enhet?: string };
  units: { id: string; name: string; depth: number }[];
};

/** What kind of document, for which area and unit: the filters the register and the reading view share. */
export function DocumentKindFilters({ filter, units }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <FilterSelect
        name="typ"
        label={t("documents.type")}
        value={filter.typ}
        options={documentTypes.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
      />
      <FilterSelect
        name="omrade"
        label={t("documents.area")}
        value={filter.omrade}
        options={documentAreas.map((v) => ({ value: v, label: t(`areas.${v}`) }))}
      />
      <FilterSelect name="enhet" label={t("documents.unit")} value={filter.enhet} options={unitOptions(units)} />
    </>
  );
}
