import { MAP_STYLE } from "./process-map-style.ts";
import { LANE_HEIGHT, LANE_LABEL_WIDTH, nodeSize, type MapNode, type ProcessGraph } from "./process-map.ts";

/**
 * A process map drawn as SVG from its graph: what a release keeps, what staff read, and what
 * the SVG and PNG exports are. Text is escaped here; nothing a client wrote reaches it raw.
 */

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** Breaks a label into lines that fit a node, at most three. */
function lines(label: string, perLine: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (current && `${current} ${word}`.length > perLine) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  if (out.length > 3) return [...out.slice(0, 2), `${out[2]}…`];
  return out;
}

function text(label: string, cx: number, cy: number, perLine: number, className = "map-label") {
  const rows = lines(label, perLine);
  const top = cy - ((rows.length - 1) * 16) / 2;
  return rows
    .map(
      (row, i) =>
        `<text class="${className}" x="${cx}" y="${top + i * 16}" text-anchor="middle" dominant-baseline="middle">${esc(row)}</text>`,
    )
    .join("");
}

function shape(node: MapNode): string {
  const { width, height } = nodeSize[node.kind];
  const { x, y } = node;
  const cx = x + width / 2;
  const cy = y + height / 2;
  switch (node.kind) {
    case "start":
      return `<circle class="map-start" cx="${cx}" cy="${cy}" r="${width / 2}"/>${node.label ? text(node.label, cx, y + height + 14, 18) : ""}`;
    case "end":
      return `<circle class="map-end" cx="${cx}" cy="${cy}" r="${width / 2}"/>${node.label ? text(node.label, cx, y + height + 14, 18) : ""}`;
    case "decision":
      return `<polygon class="map-decision" points="${cx},${y} ${x + width},${cy} ${cx},${y + height} ${x},${cy}"/>${text(node.label, cx, cy, 12)}`;
    case "document":
      return `<path class="map-document" d="M${x},${y} h${width} v${height - 10} q${-width / 4},${-14} ${-width / 2},0 t${-width / 2},0 z"/>${text(node.label, cx, cy - 4, 20)}`;
    case "subprocess":
      return `<rect class="map-activity" x="${x}" y="${y}" width="${width}" height="${height}" rx="8"/><rect class="map-marker" x="${cx - 7}" y="${y + height - 16}" width="14" height="14"/><path class="map-marker-plus" d="M${cx - 4},${y + height - 9} h8 M${cx},${y + height - 13} v8"/>${text(node.label, cx, cy - 6, 20)}`;
    case "note":
      return `<rect class="map-note" x="${x}" y="${y}" width="${width}" height="${height}"/>${text(node.label, cx, cy, 22)}`;
    default:
      return `<rect class="map-activity" x="${x}" y="${y}" width="${width}" height="${height}" rx="8"/>${text(node.label, cx, cy, 20)}`;
  }
}

const centre = (node: MapNode) => ({
  x: node.x + nodeSize[node.kind].width / 2,
  y: node.y + nodeSize[node.kind].height / 2,
});

/** Where a straight line from the centre towards a point leaves the node's box. */
function border(node: MapNode, toward: { x: number; y: number }) {
  const c = centre(node);
  const { width, height } = nodeSize[node.kind];
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(Math.abs(width / 2 / (dx || 1e-9)), Math.abs(height / 2 / (dy || 1e-9)));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

export type SvgOptions = {
  title: string;
  /** Where a step leads when clicked (its routine), if anywhere. */
  hrefFor?: (node: MapNode) => string | null;
  /**
   * Shown inside a page: the page carries the styles (under its CSP nonce), so the drawing
   * holds no <style> of its own for the CSP to refuse. Files and PDFs keep theirs.
   */
  inline?: boolean;
};

export function mapToSvg(graph: ProcessGraph, { title, hrefFor, inline = false }: SvgOptions): string {
  const xs = graph.nodes.flatMap((n) => [n.x, n.x + nodeSize[n.kind].width]);
  const ys = graph.nodes.flatMap((n) => [n.y, n.y + nodeSize[n.kind].height + 24]);
  const left = Math.min(0, ...xs) - (graph.lanes.length ? LANE_LABEL_WIDTH + 20 : 20);
  const right = Math.max(400, ...xs) + 40;
  const top = Math.min(0, ...ys) - 20;
  const bottom = Math.max(graph.lanes.length * LANE_HEIGHT, ...ys) + 20;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const lanes = graph.lanes
    .map((lane, i) => {
      const y = i * LANE_HEIGHT;
      return `<rect class="${i % 2 ? "map-lane-alt" : "map-lane"}" x="${left}" y="${y}" width="${right - left}" height="${LANE_HEIGHT}"/>${text(lane.label, left + LANE_LABEL_WIDTH / 2, y + LANE_HEIGHT / 2, 16, "map-lane-label")}`;
    })
    .join("");
  const edges = graph.edges
    .map((edge) => {
      const source = byId.get(edge.source)!;
      const target = byId.get(edge.target)!;
      const from = border(source, centre(target));
      const to = border(target, centre(source));
      const label = edge.label
        ? `<text class="map-edge-label" x="${(from.x + to.x) / 2}" y="${(from.y + to.y) / 2 - 6}" text-anchor="middle">${esc(edge.label)}</text>`
        : "";
      return `<line class="map-edge" x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" marker-end="url(#arrow)"/>${label}`;
    })
    .join("");
  const nodes = graph.nodes
    .map((node) => {
      const href = hrefFor?.(node);
      const drawn = `<g data-node="${esc(node.id)}">${shape(node)}</g>`;
      return href ? `<a href="${esc(href)}" aria-label="${esc(node.label)}">${drawn}</a>` : drawn;
    })
    .join("");
  return [
    // With steps to click, the drawing is a group of links; without, one picture.
    `<svg xmlns="http://www.w3.org/2000/svg" class="process-map-svg" role="${nodes.includes("<a ") ? "group" : "img"}" aria-label="${esc(title)}" viewBox="${left} ${top} ${right - left} ${bottom - top}" width="${right - left}" height="${bottom - top}">`,
    `<title>${esc(title)}</title>${inline ? "" : `<style>${MAP_STYLE}</style>`}`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4f5d59"/></marker></defs>`,
    lanes,
    edges,
    nodes,
    `</svg>`,
  ].join("");
}
