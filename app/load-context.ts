import type { Logger } from "pino";
import type { Db } from "#db/client.ts";
import type { Config } from "#app/config.server.ts";
import type { Authenticated } from "#app/auth/sessions.server.ts";
import type { Mailer } from "#app/models/mail.server.ts";
import type { Locale } from "#app/domain/values.ts";

/** What routes tell the live-editing endpoint, so open connections never outlast a permission. */
export type CollabSignals = {
  accessChanged(filter?: { userId?: string; documentId?: string }): void;
};

/** What the server entry hands every loader and action (server/app.ts builds it). */
export type LotsContext = {
  db: Db;
  config: Config;
  mailer: Mailer;
  logger: Logger;
  cspNonce: string;
  clientIp: string;
  /** The origin the browser used, e.g. https://lots.example.se, for links in mails. */
  origin: string;
  /**
   * The origin this very request was served on: the configured public one, or the local host
   * the front door accepted. What the browser binds form posts and passkeys to.
   */
  servedOrigin: string;
  secure: boolean;
  auth: Authenticated | null;
  collab: CollabSignals;
  /** Where the browser finds each language's catalogue, when the build says (not in development). */
  catalogueHrefs: Partial<Record<Locale, string>>;
};

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends LotsContext {}
}
