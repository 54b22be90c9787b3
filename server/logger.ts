import pino, { type Logger } from "pino";

/** Links carry one-time tokens in their path: never write those to a log. */
export function redactUrl(url: string): string {
  return url.replace(/\/(inbjudan|aterstall-losenord)\/[^/?#]+/g, "/$1/[token]");
}

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "lots" } });
}
