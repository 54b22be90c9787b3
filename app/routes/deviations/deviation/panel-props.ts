import type { FieldErrors } from "#app/utils/forms.ts";
import type { Route } from "../+types/deviation";

/** What each panel of a deviation's page reads: the page's data and the errors of its own forms. */
export type PanelProps = {
  data: Route.ComponentProps["loaderData"];
  errorsFor: (intent: string) => FieldErrors | undefined;
};
