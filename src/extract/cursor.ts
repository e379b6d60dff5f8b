/**
 * A cursor over the tokens of a text: looking ahead and back over spaces,
 * matching phrases of the lexicon, and telling what surrounds a number.
 * The figure readers build on it.
 */
import { CURRENCIES, MONTHS, PREFIX_CURRENCIES, SCALES, SEASONS, UNITS, type Phrase, type UnitPhrase } from "./lexicon.ts";
import { CAPITAL_STOP, FOLLOW_OK, LABEL_ADJECTIVES, LABEL_WORDS } from "./context.ts";
import { tokenize, type Token } from "./tokens.ts";
import { isParticiple, isYearToken } from "./values.ts";

/** A figure while it is being read, with what the carrying rules need. */
export interface Found {
  first: number;
  last: number;
  start: number;
  end: number;
  unit: string;
  value: number | [number, number] | string;
  approx: boolean;
  /** Quantities: the number before its scale, and the scale's power of ten. */
  mantissa?: number;
  exp?: number;
  duration?: UnitPhrase["duration"];
  /** A number with neither scale nor unit, that a neighbour may complete. */
  bare?: boolean;
  /** The number is written in digits. */
  digits?: boolean;
  /** A scaled number without unit (`44,5 millions`), that may take the paragraph's currency. */
  scaledOnly?: boolean;
  /** The bare or scaled number is followed by a function word or punctuation, not by a noun. */
  openEnded?: boolean;
  /** Where an inferred currency comes from (see `ExtractedFigure.currencySource`). */
  currencySource?: "sentence" | "paragraph" | "article";
  /** A bound (`plus de`, `jusqu’à`). */
  bound?: "more-than" | "at-least" | "less-than" | "up-to";
  /** The number was written `1.284` and read with a decimal point. */
  dotDecimal?: boolean;
}

export interface NumberRead {
  value: number;
  /** Index of the last token of the number. */
  last: number;
  integerDigits: string;
  fractionDigits: string;
  grouped: boolean;
  /** More digits than a double holds exactly: not read as a figure, but skipped whole. */
  tooLong: boolean;
  /** `1.284`: one dot before one group of three digits, read as thousands; the value read with a decimal point instead. */
  dotAsDecimal?: number;
}

/** A space token that holds at most one line break (a blank line separates). */
export const isSpace = (t: Token | undefined): boolean => t !== undefined && t.kind === "space" && t.breaks <= 1;

/** The tokens of one text, the figures found so far, and the helpers every reader uses. */
export abstract class TokenCursor {
  protected readonly tokens: Token[];
  protected readonly found: Found[] = [];

  constructor(protected readonly text: string) {
    this.tokens = tokenize(text);
  }

  // ---------------------------------------------------------------- token helpers

  protected tok(i: number): Token | undefined {
    return this.tokens[i];
  }

  /** The next non-space token after `i`, across at most one line break; -1 if none. */
  protected next(i: number): number {
    let j = i + 1;
    if (isSpace(this.tokens[j])) j++;
    return j < this.tokens.length && this.tokens[j]!.kind !== "space" ? j : -1;
  }

  /** The previous non-space token before `i`, across at most one line break; -1 if none. */
  protected prev(i: number): number {
    let j = i - 1;
    if (isSpace(this.tokens[j])) j--;
    return j >= 0 && this.tokens[j]!.kind !== "space" ? j : -1;
  }

  protected norm(i: number): string {
    return i >= 0 ? (this.tokens[i]?.norm ?? "") : "";
  }

  /** True when token `i` is the word `word` (normalised). */
  protected isWord(i: number, ...words: string[]): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === "word" && words.includes(t.norm);
  }

  /** Matches `phrase` starting at token `i`; returns the index of its last token, or -1. */
  protected match(i: number, phrase: Phrase): number {
    let j = i;
    for (let k = 0; k < phrase.parts.length; k++) {
      if (k > 0) {
        j = this.next(j);
        if (j < 0) return -1;
      }
      const t = this.tokens[j];
      if (!t) return -1;
      if (phrase.exact ? t.text !== phrase.raw[k] && t.norm !== phrase.raw[k] : t.norm !== phrase.parts[k]) return -1;
    }
    const last = this.tokens[j]!;
    const after = this.tokens[j + 1];
    if (last.kind === "word" && after && (after.kind === "word" || after.kind === "num" || after.norm === "'")) return -1;
    if (last.kind === "word" && after && after.text === "-" && this.tokens[j + 2]?.kind === "word") return -1;
    return j;
  }

  protected matchAny<T extends Phrase>(i: number, list: readonly T[]): { phrase: T; last: number } | undefined {
    if (i < 0) return undefined;
    for (const phrase of list) {
      const last = this.match(i, phrase);
      if (last >= 0) return { phrase, last };
    }
    return undefined;
  }

  /** `de` or `d'` at `i`: the index of the token after it, or -1. */
  protected afterDe(i: number): number {
    if (this.isWord(i, "de")) return this.next(i);
    if (this.isWord(i, "d") && this.tokens[i + 1]?.norm === "'") return i + 2 < this.tokens.length && this.tokens[i + 2]!.kind !== "space" ? i + 2 : -1;
    return -1;
  }

  /** True when what follows token `last` is punctuation, the end, or a function word (not a noun). */
  protected openEnded(last: number): boolean {
    const j = this.next(last);
    if (j < 0) return true;
    const t = this.tokens[j]!;
    if (t.kind === "sym") return t.norm !== "'" && t.norm !== "%" && t.norm !== "€" && t.norm !== "$";
    if (t.kind === "word") return FOLLOW_OK.has(t.norm) || (t.norm === "l" && this.tokens[j + 1]?.norm === "'") || isParticiple(t.norm);
    return false;
  }

  protected add(f: Found): number {
    this.found.push(f);
    return f.last + 1;
  }

  protected span(first: number, last: number): { start: number; end: number } {
    return { start: this.tokens[first]!.start, end: this.tokens[last]!.end };
  }

  protected isFollowedByUnit(last: number): boolean {
    const n = this.next(last);
    return n >= 0 && (this.matchAny(n, UNITS) !== undefined || this.matchAny(n, CURRENCIES) !== undefined || this.matchAny(n, SCALES) !== undefined);
  }

  /** True when token `i` is glued to a letter or a hyphenated word before it (A320, Covid-19). */
  protected attachedBefore(i: number): boolean {
    const p = this.tokens[i - 1];
    if (!p) return false;
    if (p.kind === "word") return true;
    if ((p.text === "-" || p.text === "_" || p.text === "/" || p.text === "#" || p.text === "@") && this.tokens[i - 2]?.kind === "word") {
      // mi-2025 is a year; Covid-19 and A-320 are names.
      return !(p.text === "-" && this.tokens[i - 2]!.norm === "mi");
    }
    // The second part of a reference such as 2021/694 or 2025-123.
    const before = this.tokens[i - 2];
    if (before?.kind === "num" && (p.text === "/" || (p.text === "-" && isYearToken(before)))) return true;
    if (p.kind === "num" || (p.kind === "sym" && (p.text === "." || p.text === ",") && this.tokens[i - 2]?.kind === "num")) return true;
    return false;
  }

  /** True when token `i` is glued to a letter after it that makes no unit (5G, 3D). */
  protected attachedAfter(i: number): boolean {
    const n = this.tokens[i + 1];
    if (!n) return false;
    if (n.kind === "word") return true;
    if ((n.text === "." || n.text === ",") && this.tokens[i + 2]?.kind === "num") return true;
    return false;
  }

  /** The number at `i` names something: article 12, France 2030, n° 5. */
  protected isLabelContext(i: number): boolean {
    const p = this.prev(i);
    if (p < 0) return false;
    const t = this.tokens[p]!;
    if (t.kind === "sym") {
      if (t.text === "°" || t.text === "º") return this.isWord(p - 1, "n", "no");
      if (t.text === "." && this.isWord(p - 1, "art", "p", "pp", "no", "n")) return true;
      if (t.text === "#") return p === i - 1;
      return false;
    }
    if (t.kind !== "word" || p !== i - 2 || this.tokens[i - 1]!.breaks > 0) return false;
    // route cantonale 251, rubrique budgétaire 3
    if (LABEL_ADJECTIVES.has(t.norm) && LABEL_WORDS.has(this.norm(this.prev(p)))) return true;
    if (LABEL_WORDS.has(t.norm) && !(t.norm === "points" || t.norm === "point") ) return true;
    if ((t.norm === "point" || t.norm === "points") && /^\d{1,2}$/.test(this.tokens[i]!.text) && !this.isFollowedByUnit(i)) return true;
    const firstChar = t.text[0]!;
    if (firstChar !== firstChar.toLowerCase() && !CAPITAL_STOP.has(t.norm) && !MONTHS.has(t.norm) && !SEASONS.has(t.norm)) {
      if (PREFIX_CURRENCIES.some((c) => c.raw.length === 1 && c.raw[0] === t.text)) return false;
      return true;
    }
    return false;
  }

}
