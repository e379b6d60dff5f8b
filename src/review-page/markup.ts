/**
 * HTML helpers of the review pages: escaping, and marking up stretches of a
 * line that may overlap (an evidence quotation holding a figure) as
 * properly nested elements.
 */

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A stretch of a line to mark up: `[start, end)` in code units of the line. */
export interface Mark {
  start: number;
  end: number;
  /** Wraps the (already escaped) HTML of a piece of the stretch; lower layers wrap outside higher ones. */
  wrap: (inner: string) => string;
  layer: number;
  /** HTML written right after the stretch's last piece. */
  after?: string;
}

/**
 * The line as HTML, with every mark applied. Marks that cross are cut into
 * pieces at each other's edges, so that every element nests properly.
 */
export function markLine(line: string, marks: readonly Mark[]): string {
  const clipped = marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(line.length, m.start)), end: Math.max(0, Math.min(line.length, m.end)) }))
    .filter((m) => m.end > m.start);
  const edges = [...new Set([0, line.length, ...clipped.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const active = clipped.filter((m) => m.start <= from && m.end >= to).sort((a, b) => b.layer - a.layer);
    let piece = escapeHtml(line.slice(from, to));
    for (const mark of active) piece = mark.wrap(piece);
    html += piece;
    for (const mark of clipped) if (mark.end === to && mark.after) html += mark.after;
  }
  return html;
}
