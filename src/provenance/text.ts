/**
 * Finding an editor's quotation in the source: exact text, with only the
 * typographic apostrophes and the no-break spaces of both sides made plain.
 * Each replacement is one code unit for one, so offsets found in the
 * normalized text are offsets in the original.
 */

/** Apostrophes that count as `'` when matching evidence. */
const APOSTROPHES = /[\u2019\u2018\u02BC]/g;
/** No-break and narrow no-break spaces that count as a space. */
const NO_BREAK_SPACES = /[\u00A0\u202F\u2007]/g;

/** The text with typographic apostrophes and no-break spaces made plain; same length. */
export function normalizeQuotation(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(NO_BREAK_SPACES, " ");
}

/** A stretch of the source body, by code-unit offsets. */
export interface Span {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Every place where `needle` stands in `haystack` (both already normalized)
 * as whole words: a quotation that starts or ends with a letter or digit
 * does not match inside a longer word or number ("60 millions" is not in
 * "160 millions").
 */
export function findQuotation(haystack: string, needle: string, limit = Infinity): Span[] {
  const spans: Span[] = [];
  if (needle.length === 0) return spans;
  const startsWithWord = WORD.test(needle[0]!);
  const endsWithWord = WORD.test(needle[needle.length - 1]!);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (startsWithWord && at > 0 && WORD.test(haystack[at - 1]!)) continue;
    if (endsWithWord && end < haystack.length && WORD.test(haystack[end]!)) continue;
    spans.push({ start: at, end });
    if (spans.length >= limit) break;
  }
  return spans;
}

/** True when two spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Turns offsets in a text into 1-based lines and columns, from a given first line. */
export function positionFinder(text: string, firstLine = 1): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: firstLine + low, column: offset - starts[low]! + 1 };
  };
}
