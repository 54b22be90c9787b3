import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { isLocale, loadCatalogue } from "#app/i18n/index.ts";

// The page says its language; only that catalogue is fetched, and before hydration, so the
// first render in the browser reads the same words the server wrote.
const lang = document.documentElement.lang;
loadCatalogue(isLocale(lang) ? lang : "sv").then(
  () => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <HydratedRouter />
        </StrictMode>,
      );
    });
  },
  // Without its messages the page is not hydrated: it stays as the server sent it, and reading
  // and reporting work that way too (forms post without JavaScript).
  (error: unknown) => console.error("Lots: the language catalogue did not load", error),
);
