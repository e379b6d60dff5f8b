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

/** One token: digits, letters (with combining marks), a run of spaces and line breaks, or any one code point. */
const TOKEN = /(\d+)|(\p{L}[\p{L}\p{M}]*)|([\n\r \t\u00a0\u202f\u2009\u2007\u2002\u2003\u2008\u200a\ufeff]+)|([\s\S])/gu;
const SENTENCE_START = /[ \u00a0\u202f]+[\p{Lu}«"“]/uy;

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
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const kind: TokenKind = m[1] !== undefined ? "num" : m[2] !== undefined ? "word" : m[3] !== undefined ? "space" : "sym";
    let breaks = 0;
    if (kind === "space") for (let k = raw.indexOf("\n"); k !== -1; k = raw.indexOf("\n", k + 1)) breaks++;
    const norm = kind === "word" || kind === "sym" ? normalise(raw) : raw;
    const token: Token = { kind, text: raw, norm, start, end, breaks, sentence, paragraph };
    tokens.push(token);
    if (breaks > 0) {
      // A line break ends a sentence (headings, list items); a blank line ends a paragraph.
      sentence++;
      if (breaks > 1) paragraph++;
    } else if (kind === "sym" && (raw === "." || raw === "!" || raw === "?" || raw === "…")) {
      // A full stop ends a sentence only when a space and a capital follow (not in 1.232 or p.c. or).
      SENTENCE_START.lastIndex = end;
      if (end >= text.length || SENTENCE_START.test(text)) sentence++;
    }
  }
  return tokens;
}
