/**
 * A file as a download: an ASCII file name for old browsers beside the exact UTF-8 one.
 * Never kept: whoever may read it can change before the browser would ask again.
 */
export function download(bytes: Uint8Array, name: string, mime: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "'")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** "Rutin-för-handhygien-1.2.pdf": a release's title and version as a file name. */
export function releaseFileName(title: string, version: string, extension: string): string {
  return `${title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "")}-${version}.${extension}`;
}

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
