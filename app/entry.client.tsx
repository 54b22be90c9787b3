import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { isLocale, loadCatalogue } from "#app/i18n/index.ts";

// The page says its language; only that catalogue is fetched, and before hydration, so the
// first render in the browser reads the same words the server wrote.
const lang = document.documentElement.lang;
void loadCatalogue(isLocale(lang) ? lang : "sv").then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
});
