/**
 * The span a change is measured over: “sur un an”, “en un mois”, “un an plus tôt”,
 * “trois mois auparavant”, “il y a un an”. The extractor reads the span as a duration, but
 * it says what a change or a level is compared with, and the brief says that with the
 * change (“en glissement annuel”, “par rapport à…”): a draft leaves it out rather than
 * making it a duration fact.
 */
import type { SourceFigure } from "./consistency.ts";

/** Before the span: “il y a un an”, and “sur un an”, “en un mois”, which only a span of one year, month or week is. */
const BEFORE = /(?:^|[^\p{L}])(?:(sur|en)|il[^\S\n]+y[^\S\n]+a)[^\S\n]+$/iu;

/** A span “sur” or “en” makes a comparison's: “sur dix ans” or “en trois ans” is how long something lasts. */
const ONE_UNIT = /^(?:un[^\S\n]+an|un[^\S\n]+mois|une[^\S\n]+semaine|douze[^\S\n]+mois)$/iu;

/** After the span: “un an plus tôt”, “un an auparavant”, “un an avant”. */
const AFTER = /^[^\S\n]+(?:plus[^\S\n]+tôt|auparavant|avant)(?![\p{L}])/iu;

/**
 * Where the comparison's span of a duration figure stands, with its words (“sur un an”,
 * “un an plus tôt”), if the figure is one.
 */
export function comparisonSpan(body: string, figure: SourceFigure): { start: number; end: number; text: string } | undefined {
  if (figure.unit !== "duration" || figure.approx || figure.bound) return undefined;
  const lineStart = body.lastIndexOf("\n", figure.start - 1) + 1;
  const found = BEFORE.exec(body.slice(Math.max(lineStart, figure.start - 20), figure.start));
  const before = found && (found[1] === undefined || ONE_UNIT.test(figure.text)) ? found : undefined;
  const after = AFTER.exec(body.slice(figure.end, figure.end + 20));
  if (!before && !after) return undefined;
  const start = before ? figure.start - before[0].length + (/^[^\p{L}]/u.test(before[0]) ? 1 : 0) : figure.start;
  const end = after ? figure.end + after[0].length : figure.end;
  return { start, end, text: body.slice(start, end) };
}
