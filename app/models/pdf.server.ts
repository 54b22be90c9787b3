import { download } from "./downloads.server.ts";
import { createRequire } from "node:module";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

/**
 * The one PDF renderer: pdfmake with its bundled Roboto fonts. Content never refers to files
 * or URLs, so nothing but the fonts may be read while rendering.
 */
const require = createRequire(import.meta.url);
const font = (file: string) => require.resolve(`pdfmake/build/fonts/Roboto/${file}`);
const fonts = {
  normal: font("Roboto-Regular.ttf"),
  bold: font("Roboto-Medium.ttf"),
  italics: font("Roboto-Italic.ttf"),
  bolditalics: font("Roboto-MediumItalic.ttf"),
};
pdfmake.setFonts({ Roboto: fonts });
const fontFiles = new Set(Object.values(fonts));
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));

/** The house style every PDF shares: A4, Roboto, the heading sizes. */
export const pdfStyle = {
  defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.25 },
  styles: {
    h1: { fontSize: 16, bold: true, margin: [0, 8, 0, 6] },
    h2: { fontSize: 14, bold: true, margin: [0, 8, 0, 4] },
    h3: { fontSize: 12, bold: true, margin: [0, 6, 0, 4] },
    h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
  },
} satisfies Partial<TDocumentDefinitions>;

/** The footer every PDF carries: who it is from on the left, "page X of Y" on the right. */
export function pageFooter(
  left: string,
  pageOf: (page: number, pages: number) => string,
): TDocumentDefinitions["footer"] {
  return (page: number, pages: number) => ({
    columns: [
      { text: left, fontSize: 8, color: "#444444" },
      { text: pageOf(page, pages), alignment: "right", fontSize: 8 },
    ],
    margin: [40, 16, 40, 0],
  });
}

/** A PDF as a download (see downloads.server.ts). */
export const pdfDownload = (pdf: Buffer, name: string): Response => download(pdf, name, "application/pdf");

export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(definition).getBuffer();
}
