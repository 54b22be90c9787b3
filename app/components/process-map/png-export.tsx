import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A PNG of the map, drawn in the browser from the same SVG the server exports: the SVG is
 * painted onto a canvas at twice its size, so the picture stays sharp in a slide or a report.
 */
export function PngExportButton({ svgUrl, fileName }: { svgUrl: string; fileName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const svg = await (await fetch(svgUrl)).text();
      const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      const image = new Image();
      await new Promise((resolve, reject) => {
        image.onload = resolve;
        image.onerror = reject;
        image.src = url;
      });
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      const context = canvas.getContext("2d")!;
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      const link = document.createElement("a");
      link.download = `${fileName}.png`;
      link.href = canvas.toDataURL("image/png");
      link.click();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button button-ghost" onClick={() => void download()} aria-busy={busy || undefined}>
      {t("processes.exportPng")}
    </button>
  );
}
