import type { JSONContent } from "@tiptap/core";
import type { Db } from "#db/client.ts";
import { diffContent } from "./content-diff.ts";
import { freezeDocument, renderDiffHtml } from "./document-content.server.ts";
import { isGraph, mapDiffHtml } from "./process-map-content.server.ts";
import type { ProcessGraph } from "./process-map.ts";
import {
  currentRelease,
  findRelease,
  ReleaseError,
  releasePair,
  requireRelease,
  versionOf,
} from "./releases.server.ts";

/** A diff ready to show: the versions compared and the marked-up HTML. */
export type ReleaseDiff = { from: string; to: string; html: string; changed: boolean };

function diffHtml(before: JSONContent | ProcessGraph, after: JSONContent | ProcessGraph) {
  if (isGraph(before) && isGraph(after)) return mapDiffHtml(before, after);
  const { doc, changed } = diffContent(before as JSONContent, after as JSONContent);
  return { html: renderDiffHtml(doc), changed };
}

/** Two releases of one document, by version (e.g. "1.0" and "1.1"). */
export function diffReleases(db: Db, documentId: string, fromVersion: string, toVersion: string): ReleaseDiff {
  const from = findRelease(db, documentId, fromVersion);
  const to = findRelease(db, documentId, toVersion);
  if (!from || !to) throw new ReleaseError("release.notFound");
  return diffReleaseIds(db, documentId, from.id, to.id);
}

/** Two releases by id; refuses releases that belong to another document. */
export function diffReleaseIds(db: Db, documentId: string, fromId: string, toId: string): ReleaseDiff {
  const { from, to } = releasePair(db, documentId, fromId, toId);
  const parse = (json: string) => JSON.parse(json) as JSONContent;
  return { from: versionOf(from), to: versionOf(to), ...diffHtml(parse(from.contentJson), parse(to.contentJson)) };
}

/** The living draft against the release in effect: what the next approval would change. */
export function diffDraftAgainstCurrent(db: Db, documentId: string): ReleaseDiff | null {
  const current = currentRelease(db, documentId);
  if (!current) return null;
  const released = JSON.parse(requireRelease(db, current.id).contentJson) as JSONContent;
  return { from: versionOf(current), to: "draft", ...diffHtml(released, freezeDocument(db, documentId).json) };
}

/** A review's frozen candidate against the release in effect: what approving it would change. */
export function diffCandidateAgainstCurrent(db: Db, documentId: string, candidateJson: string): ReleaseDiff | null {
  const current = currentRelease(db, documentId);
  if (!current) return null;
  const released = JSON.parse(requireRelease(db, current.id).contentJson) as JSONContent;
  return { from: versionOf(current), to: "candidate", ...diffHtml(released, JSON.parse(candidateJson) as JSONContent) };
}
