import type { FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "../+types/control";

/** What each panel of the control page reads: the page's data and the errors of its own forms. */
export type PanelProps = {
  data: Route.ComponentProps["loaderData"];
  errorsFor: (intent: string) => FieldErrors;
  /** The form that spoke last and whether it was done, for panels that fold or stay open. */
  last?: { intent: string; done?: string | true };
};
