import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TrailStoryEntry } from "#app/models/trail-story.server.ts";

// Placeholders that no catalogue text holds: the translated sentence is split on them, so names
// and titles (people's own text) become text nodes and are never parsed as markup.
const ACTOR = "\u0000actor\u0000";
const SUBJECT = "\u0000subject\u0000";

/**
 * How an event was done, where its sentence says so ("… skrev under med sin nyckel"): the
 * signature of an approval, the kind of a second factor. A sentence without that variant is
 * the plain one.
 */
function variantOf(data: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(data ?? "{}") as { signature?: unknown; kind?: unknown };
    const variant = parsed.signature ?? parsed.kind;
    return typeof variant === "string" ? variant : undefined;
  } catch {
    return undefined;
  }
}

/** "Karin Kvist godkände Kvalitetspolicy version 1.1", with the record linked where the reader may open it. */
export function TrailSentence({
  event,
}: {
  event: Pick<TrailStoryEntry, "type" | "actorName" | "subject"> & { data?: string };
}) {
  const { t } = useTranslation();
  const { subject } = event;
  const key = `trail.sentences.${event.type}` as "trail.sentences.document.created";
  const template = t(key, { actor: ACTOR, subject: SUBJECT, defaultValue: "", context: variantOf(event.data) });
  const title = subject
    ? subject.version
      ? t("trail.titleWithVersion", { title: subject.title, version: subject.version })
      : subject.title
    : t("trail.removedSubject");
  const parts: Record<string, ReactNode> = {
    [ACTOR]: <strong>{event.actorName ?? t("trail.system")}</strong>,
    [SUBJECT]: subject?.href ? <Link to={subject.href}>{title}</Link> : <em>{title}</em>,
  };
  // An event kind this release has no sentence for still says who and what, by its key.
  const sentence = template || `${ACTOR}: ${event.type} – ${SUBJECT}`;
  return (
    <>
      {sentence.split(new RegExp(`(${ACTOR}|${SUBJECT})`)).map((part, i) => (
        <Fragment key={i}>{parts[part] ?? part}</Fragment>
      ))}
    </>
  );
}
