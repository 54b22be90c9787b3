import { I18nextProvider } from "react-i18next";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData, type LinksFunction } from "react-router";
import type { ReactNode } from "react";
import { ErrorContent } from "#app/components/error-content.tsx";
import { useNonce } from "#app/components/nonce.ts";
import { MAP_STYLE } from "#app/models/process-map-style.ts";
import { defaultLocale, i18nFor } from "#app/i18n/index.ts";
import { localeFor } from "#app/i18n/locale.server.ts";
import stylesheet from "#app/styles/app.css?url";
import type { Route } from "./+types/root";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const locale = await localeFor(request, context);
  return { locale, catalogueHref: context.catalogueHrefs[locale] ?? null };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
        {/* The page's catalogue is fetched beside the other scripts, not after them (entry.client.tsx). */}
        {data?.catalogueHref ? <link rel="modulepreload" href={data.catalogueHref} /> : null}
        {/* Process maps drawn inline carry no styles of their own (see mapToSvg). */}
        <style nonce={nonce}>{MAP_STYLE}</style>
      </head>
      <body>
        <I18nextProvider i18n={i18nFor(locale)}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return (
    <main className="error-page" id="main">
      <ErrorContent error={error} />
    </main>
  );
}
