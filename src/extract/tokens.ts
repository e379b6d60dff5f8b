/**
 * Splits a text into atomic tokens with their offsets: digit runs, letter
 * runs, runs of horizontal space, line breaks and single other characters.
 * Separators, decimal marks and elisions are read by the parser, which sees
 * their context.
 */

/** The kind of a token. */
export type TokenKind = "num" | "word" | "space" | "sym";

/** One token of the input. */
export interface Token {
  kind: TokenKind;
  /** The exact characters. */
  text: string;
  /** Lower case, with typographic apostrophes as `'` and dashes as `-`. */
  norm: string;
  start: number;
  end: number;
  /** Space tokens: how many line breaks they hold. */
  breaks: number;
  /** The sentence the token belongs to (0-based). */
  sentence: number;
  /** The paragraph the token belongs to (0-based, blank lines separate paragraphs). */
  paragraph: number;
}

/** Horizontal spaces, including the no-break and narrow no-break spaces of French typography. */
export const SPACES = new Set([" ", "\t", "\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u2003", "\u2008", "\u200a", "\ufeff"]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

const APOSTROPHES = /[\u2019\u02bc\u2018\u00b4`]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d]/g;

/** Normalises a token's text for comparisons. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(APOSTROPHES, "'").replace(DASHES, "-");
}

/** Tokenises `text`; linear in its length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let paragraph = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    const ch = text[i]!;
    let kind: TokenKind;
    let breaks = 0;
    if (isDigit(text.charCodeAt(i))) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      kind = "num";
    } else if (ch === "\n" || ch === "\r" || SPACES.has(ch)) {
      while (i < n && (text[i] === "\n" || text[i] === "\r" || SPACES.has(text[i]!))) {
        if (text[i] === "\n") breaks++;
        i++;
      }
      kind = "space";
    } else if (isLetter(ch)) {
      // Letters, and combining marks that may follow them in decomposed text.
      while (i < n && /[\p{L}\p{M}]/u.test(text[i]!)) i++;
      kind = "word";
    } else {
      const code = text.codePointAt(i)!;
      i += code > 0xffff ? 2 : 1;
      kind = "sym";
    }
    const raw = text.slice(start, i);
    const token: Token = { kind, text: raw, norm: normalise(raw), start, end: i, breaks, sentence, paragraph };
    if (kind === "space" && breaks > 0) {
      // A line break ends a sentence (headings, list items); a blank line ends a paragraph.
      token.sentence = sentence;
      sentence++;
      if (breaks > 1) paragraph++;
    }
    tokens.push(token);
    if (kind === "sym" && (raw === "." || raw === "!" || raw === "?" || raw === "…")) {
      // A full stop ends a sentence only when a space and a capital or a digit follow (not in 1.232 or p.c. or).
      const after = text.slice(i, i + 3);
      if (/^[ \u00a0\u202f]+[\p{Lu}«"“]/u.test(after) || i >= n) sentence++;
    }
  }
  return tokens;
}
