/**
 * Who is in a live document, as everyone else sees it. The server stamps each connection's
 * presence with the person it signed in (id, name, and a colour from this fixed palette), so
 * no client can appear as someone else or smuggle markup into another person's screen.
 */
export type PresenceUser = { id: string; name: string; color: string };

/** Colours with at least 4.5:1 contrast against white text (the initials on an avatar). */
const palette = ["#0b5c52", "#1f4e8a", "#8a3b12", "#6b2c8f", "#9c1f4f", "#3f6212", "#7c4a03", "#155e75"];

/** A stable colour per person, so a caret keeps its colour from day to day. */
export function colourFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}

export const presenceOf = (person: { id: string; name: string }): PresenceUser => ({
  id: person.id,
  name: person.name,
  color: colourFor(person.id),
});
