import Image from "@tiptap/extension-image";

/**
 * Pictures live in Lots' own file store and are shown only through its permission check, so a
 * document's image points at that store and nowhere else: no outside address (which would tell
 * another server who reads what) and no inline data (which would bloat every keystroke's update).
 */
const PREFIX = "/dokument/filer/";
const FILE_SRC = /^\/dokument\/filer\/([a-z2-7]{16})$/;

export const documentFileHref = (fileId: string) => `${PREFIX}${fileId}`;

/** The stored file a picture shows, or null for any other address. */
export function documentFileIdOf(src: unknown): string | null {
  return typeof src === "string" ? (FILE_SRC.exec(src)?.[1] ?? null) : null;
}

export const DocumentImage = Image.configure({
  inline: false,
  allowBase64: false,
  resize: { enabled: true, alwaysPreserveAspectRatio: true, minWidth: 48, minHeight: 48 },
});
