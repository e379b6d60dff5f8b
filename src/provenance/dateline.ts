/**
 * The dateline of an article: the place and date that open its first paragraph, as agencies
 * and press offices write them (“BRUXELLES, 12 avril 2027 (Belga) –”, “Bruxelles, le 12 avril
 * 2027 –”, “Namur, le 12 février 2025.”). Its date is the article's; a draft proposes it as the
 * brief's. The date is the one the figure extractor reads there, never one made up.
 */
import type { SourceFigure } from "./consistency.ts";

/** The dateline's words and the date figure they hold. */
export interface Dateline {
  /** From the place to the dash or full stop that closes the dateline. */
  text: string;
  /** The date read in it: `YYYY-MM-DD`, or `--MM-DD` without a year. */
  date: SourceFigure & { value: string };
}

/**
 * A place and what may stand between it and the date: one to five words that start with a
 * capital or join a place's name (Louvain-la-Neuve, La Roche-en-Ardenne, Braine-l’Alleud), a
 * comma, “le” and a weekday. Markdown emphasis may open it.
 */
const PLACE = /^[*_]{0,2}\p{Lu}[\p{L}’'.-]*(?:[^\S\n](?:\p{Lu}[\p{L}’'.-]*|sur|sous|lez|en|la|le|de|du|des))?(?:[^\S\n]\p{Lu}[\p{L}’'.-]*){0,3},[^\S\n]+(?:[Ll]e[^\S\n]+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[^\S\n]+)?$/u;

/** What closes a dateline after its date: an agency in brackets, emphasis, then a dash, or a full stop before the text. */
const CLOSE = /^[*_]{0,2}(?:[^\S\n]*\([^()\n]{1,40}\))?[*_]{0,2}[^\S\n]*(?:[–—-]|\.(?=\s|$))/u;

/**
 * The dateline that opens a text's first paragraph (its title and Markdown headings aside), if
 * it has one. `title` is the text's title line, which a plain text starts with.
 */
export function datelineOf(body: string, figures: readonly SourceFigure[], title?: string): Dateline | undefined {
  let offset = 0;
  for (const line of body.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed === "" || /^#{1,6}\s/.test(trimmed)) continue;
    const found = datelineAt(body, start, start + line.length, figures);
    // A plain text opens with its title: the dateline may follow it.
    if (found || trimmed !== title?.trim()) return found;
  }
  return undefined;
}

/** The dateline at the start of the line from `start` to `end`, if it is one. */
function datelineAt(body: string, start: number, end: number, figures: readonly SourceFigure[]): Dateline | undefined {
  const lead = start + (/^[^\S\n]*/.exec(body.slice(start, end))?.[0].length ?? 0);
  for (const figure of figures) {
    if (figure.start < lead || figure.start >= end) continue;
    if (figure.unit !== "date" || typeof figure.value !== "string" || !PLACE.test(body.slice(lead, figure.start))) return undefined;
    const close = CLOSE.exec(body.slice(figure.end, end));
    if (!close) return undefined;
    return { text: body.slice(lead, figure.end + close[0].length).replace(/\*+/g, ""), date: figure as SourceFigure & { value: string } };
  }
  return undefined;
}
