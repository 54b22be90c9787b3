import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { Notice } from "#app/components/ui/notice.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";

/** Where the browser asks for a ceremony's options (routes/account-passkey-options.ts). */
const OPTIONS_URL = "/konto/nycklar/alternativ";

type Ceremony =
  | { mode: "create"; request: Record<string, string> }
  /** Options given by the page's loader, as JSON text. */
  | { mode: "sign"; options: string }
  | { mode: "sign"; request: Record<string, string> };

type Options = PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;

async function optionsFor(ceremony: Ceremony): Promise<Options> {
  if ("options" in ceremony) return JSON.parse(ceremony.options) as PublicKeyCredentialRequestOptionsJSON;
  const response = await fetch(OPTIONS_URL, { method: "POST", body: new URLSearchParams(ceremony.request) });
  const body = (await response.json()) as Options & { error?: string };
  if (!response.ok) throw new Refusal(body.error ?? "passkeys.noAnswer");
  return body;
}

class Refusal extends Error {}

/**
 * A button that asks the person's authenticator (fingerprint, face, PIN or security key) to
 * create or use a passkey, then sends its answer with the form it sits in, in the `passkey`
 * field, as `intent`. WebAuthn needs JavaScript: without it the button is not offered.
 */
export function PasskeyButton({
  label,
  intent,
  className = "button button-secondary",
  ...ceremony
}: Ceremony & { label: string; intent: string; className?: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const answer = useRef<HTMLInputElement>(null);
  const submitter = useRef<HTMLButtonElement>(null);
  if (!hydrated) return null;

  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const optionsJSON = await optionsFor(ceremony);
      // Loaded only when asked for: most pages never need it.
      const webauthn = await import("@simplewebauthn/browser");
      const credential =
        ceremony.mode === "create"
          ? await webauthn.startRegistration({ optionsJSON: optionsJSON as PublicKeyCredentialCreationOptionsJSON })
          : await webauthn.startAuthentication({ optionsJSON: optionsJSON as PublicKeyCredentialRequestOptionsJSON });
      answer.current!.value = JSON.stringify(credential);
      submitter.current!.form!.requestSubmit(submitter.current);
      // The form has been read: a later password submission must not carry this answer.
      answer.current!.value = "";
    } catch (error) {
      setProblem(error instanceof Refusal ? error.message : "passkeys.noAnswer");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <input type="hidden" name="passkey" ref={answer} />
      <button ref={submitter} type="submit" name="intent" value={intent} hidden tabIndex={-1} aria-hidden="true" />
      <button type="button" className={className} onClick={run} aria-busy={busy || undefined} disabled={busy}>
        {label}
      </button>
      {problem ? <Notice tone="error">{t(problem as "passkeys.noAnswer")}</Notice> : null}
    </>
  );
}
