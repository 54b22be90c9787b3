import { useTranslation } from "react-i18next";

/** The colour a linked item's status wears: the same as on its own page (heat-map level, KPI status, action state). */
export function statusClass(status: string, attention: boolean): string {
  if (status.startsWith("risk_")) return `level-${status.slice(5)}`;
  if (status.startsWith("kpi_")) return status === "kpi_no_data" ? "badge-neutral" : `kpi-${status.slice(4)}`;
  if (attention) return "badge-inactive";
  if (status === "draft" || status === "released") return `badge-${status === "draft" ? "draft" : "current"}`;
  return `action-${status}`;
}

/** A linked item's live status, in words and colour. */
export function ItemStatus({ status, attention }: { status: string; attention: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${statusClass(status, attention)}`}>{t(`links.status.${status}` as "links.title")}</span>
  );
}
