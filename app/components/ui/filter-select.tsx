import { useTranslation } from "react-i18next";

/** A filter in a list's filter bar: "any" first, then the choices; the value travels in the URL. */
export function FilterSelect(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  anyLabel?: string;
  withoutDefault?: boolean;
}) {
  const { t } = useTranslation();
  const id = `filter-${props.name}`;
  const options = props.withoutDefault ? props.options.slice(1) : props.options;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.anyLabel ?? t("documents.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
