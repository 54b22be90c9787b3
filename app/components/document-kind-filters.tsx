import { useTranslation } from "react-i18next";
import { documentAreas, documentTypes, type DocumentArea, type DocumentType } from "#app/domain/values.ts";
import { FilterSelect } from "./ui/filter-select.tsx";
import { unitOptions } from "./unit-options.ts";

type Props = {
  filter: { type?: DocumentType; area?: DocumentArea; unitId?: string };
  units: { id: string; name: string; depth: number }[];
};

/** What kind of document, for which area and unit: the filters the register and the reading view share. */
export function DocumentKindFilters({ filter, units }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <FilterSelect
        name="type"
        label={t("documents.type")}
        value={filter.type}
        options={documentTypes.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
      />
      <FilterSelect
        name="area"
        label={t("documents.area")}
        value={filter.area}
        options={documentAreas.map((v) => ({ value: v, label: t(`areas.${v}`) }))}
      />
      <FilterSelect name="unitId" label={t("documents.unit")} value={filter.unitId} options={unitOptions(units)} />
    </>
  );
}
