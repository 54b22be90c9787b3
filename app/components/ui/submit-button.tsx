import { useEffect, useRef, type ButtonHTMLAttributes } from "react";
import { useActionData, useNavigation, useRouteLoaderData } from "react-router";

const SUBMISSION_FIELD = "submission";

/**
 * A submit button that shows it is working and cannot be pressed twice. It also carries the
 * page's submission key, so that a form sent twice is carried out once (submissions.server.ts),
 * and once its form has done its work it clears the form and folds the panel it sits in: a
 * form left open and filled invites the second click that duplicates the work.
 */
export function SubmitButton({
  children,
  className = "button",
  name,
  value,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const navigation = useNavigation();
  const shell = useRouteLoaderData<{ submissionKey?: string }>("routes/app-layout");
  const button = useRef<HTMLButtonElement>(null);
  useSettledForm(button);
  const busy =
    navigation.state === "submitting" &&
    (name === undefined || navigation.formData?.get(String(name)) === String(value));
  return (
    <>
      {shell?.submissionKey ? <input type="hidden" name={SUBMISSION_FIELD} value={shell.submissionKey} /> : null}
      <button
        ref={button}
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
    </>
  );
}

/**
 * A refused form moves focus to its first field in error (or its alert), in view. After this
 * button's form was sent and its action answered `done` (or redirected back to the
 * page still shown, which is how some pages say it went well: refusals come back as data), the
 * form returns to its defaults and the <details> around it closes (unless it shows the confirmation
 * itself). Without JavaScript the page
 * is rendered anew and the same holds.
 */
function useSettledForm(button: React.RefObject<HTMLButtonElement | null>) {
  const navigation = useNavigation();
  const actionData = useActionData() as { done?: unknown } | undefined;
  const sent = useRef(false);
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const onSubmit = () => {
      sent.current = true;
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [button]);
  useEffect(() => {
    if (navigation.state !== "idle" || !sent.current) return;
    sent.current = false;
    const form = button.current?.form;
    if (!form) return;
    if (actionData && !actionData.done) {
      // Refused: the eye and the keyboard go to the first field that says why, wherever it is.
      const invalid =
        form.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]') ??
        document.querySelector<HTMLElement>('main [role="alert"]');
      if (invalid) {
        if (invalid.getAttribute("role") === "alert") invalid.tabIndex = -1;
        invalid.focus();
        invalid.scrollIntoView({ block: "center" });
      }
      return;
    }
    form.reset();
    // The panel folds, unless it holds the confirmation of what was just done.
    const panel = form.closest("details");
    if (panel && !panel.querySelector(".notice-success")) panel.removeAttribute("open");
  }, [navigation.state, actionData, button]);
}
