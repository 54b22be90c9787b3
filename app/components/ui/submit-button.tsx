import type { ButtonHTMLAttributes } from "react";
import { useNavigation } from "react-router";

/** A submit button that shows it is working and cannot be pressed twice. */
export function SubmitButton({
  children,
  className = "button",
  name,
  value,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" &&
    (name === undefined || navigation.formData?.get(String(name)) === String(value));
  return (
    <button
      type="submit"
      className={className}
      name={name}
      value={value}
      aria-busy={busy || undefined}
      disabled={busy}
      {...rest}
    >
      {children}
    </button>
  );
}
