/**
 * `extractFigures`: finds every figure in a French text (amounts, percentages,
 * counts, dates, years, durations, physical quantities) with its exact span
 * and its value in base units. Pure and deterministic; linear in the length
 * of the text (every rule looks ahead or back a bounded number of tokens).
 */
import { CURRENCIES, MONTHS, PREFIX_CURRENCIES, SCALES, SEASONS, UNITS, type Phrase, type Scale, type UnitPhrase } from "./lexicon.ts";
import { tokenize, type Token } from "./tokens.ts";
import type { ExtractedFigure } from "./types.ts";
import { CARDINALS, COLLECTIVES, DENOMINATORS, cardinalValue } from "./words.ts";
import { CAPITAL_STOP, CONNECTORS, DETERMINERS, FOLLOW_OK, HEDGE_AFTER, HEDGE_BEFORE, LABEL_WORDS, ORDINAL_SUFFIXES, YEAR_INTRO } from "./context.ts";
import { comparable, iso, isoDuration, isParticiple, isYearToken, pad, scaleValue, validDate } from "./values.ts";

export type { ExtractedFigure } from "./types.ts";

/** Finds every figure in `text`, sorted by start offset. */
export function extractFigures(text: string): ExtractedFigure[] {
  return new Reader(text).read();
}

/** A figure while it is being read, with what the carrying rules need. */
interface Found {
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
}

interface NumberRead {
  value: number;
  /** Index of the last token of the number. */
  last: number;
  integerDigits: string;
  fractionDigits: string;
  grouped: boolean;
  /** More digits than a double holds exactly: not read as a figure, but skipped whole. */
  tooLong: boolean;
}

const isSpace = (t: Token | undefined): boolean => t !== undefined && t.kind === "space" && t.breaks <= 1;

class Reader {
  private readonly tokens: Token[];
  private readonly found: Found[] = [];

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  read(): ExtractedFigure[] {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      if (t.kind === "space") {
        i++;
        continue;
      }
      const next = this.tryDate(i) ?? this.tryMonthOrSeason(i) ?? this.tryTime(i) ?? this.tryYearRange(i) ?? this.tryQuantity(i) ?? this.skipNonFigure(i);
      i = next === undefined || next <= i ? i + 1 : next;
    }
    this.carryBackward();
    this.carryForward();
    this.carryCurrency();
    return this.found
      .map((f) => this.finish(f))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }

  // ---------------------------------------------------------------- token helpers

  private tok(i: number): Token | undefined {
    return this.tokens[i];
  }

  /** The next non-space token after `i`, across at most one line break; -1 if none. */
  private next(i: number): number {
    let j = i + 1;
    if (isSpace(this.tokens[j])) j++;
    return j < this.tokens.length && this.tokens[j]!.kind !== "space" ? j : -1;
  }

  /** The previous non-space token before `i`, across at most one line break; -1 if none. */
  private prev(i: number): number {
    let j = i - 1;
    if (isSpace(this.tokens[j])) j--;
    return j >= 0 && this.tokens[j]!.kind !== "space" ? j : -1;
  }

  private norm(i: number): string {
    return i >= 0 ? (this.tokens[i]?.norm ?? "") : "";
  }

  /** True when token `i` is the word `word` (normalised). */
  private isWord(i: number, ...words: string[]): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === "word" && words.includes(t.norm);
  }

  /** Matches `phrase` starting at token `i`; returns the index of its last token, or -1. */
  private match(i: number, phrase: Phrase): number {
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

  private matchAny<T extends Phrase>(i: number, list: readonly T[]): { phrase: T; last: number } | undefined {
    if (i < 0) return undefined;
    for (const phrase of list) {
      const last = this.match(i, phrase);
      if (last >= 0) return { phrase, last };
    }
    return undefined;
  }

  /** `de` or `d'` at `i`: the index of the token after it, or -1. */
  private afterDe(i: number): number {
    if (this.isWord(i, "de")) return this.next(i);
    if (this.isWord(i, "d") && this.tokens[i + 1]?.norm === "'") return i + 2 < this.tokens.length && this.tokens[i + 2]!.kind !== "space" ? i + 2 : -1;
    return -1;
  }

  /** True when what follows token `last` is punctuation, the end, or a function word (not a noun). */
  private openEnded(last: number): boolean {
    const j = this.next(last);
    if (j < 0) return true;
    const t = this.tokens[j]!;
    if (t.kind === "sym") return t.norm !== "'" && t.norm !== "%" && t.norm !== "€" && t.norm !== "$";
    if (t.kind === "word") return FOLLOW_OK.has(t.norm) || (t.norm === "l" && this.tokens[j + 1]?.norm === "'") || isParticiple(t.norm);
    return false;
  }

  private add(f: Found): number {
    this.found.push(f);
    return f.last + 1;
  }

  private span(first: number, last: number): { start: number; end: number } {
    return { start: this.tokens[first]!.start, end: this.tokens[last]!.end };
  }

  // ---------------------------------------------------------------- numbers

  /** Reads digits with thousands separators and a decimal mark, starting at a `num` token. */
  private readNumber(i: number): NumberRead | undefined {
    const tokens = this.tokens;
    const first = tokens[i];
    if (!first || first.kind !== "num") return undefined;
    let integerDigits = first.text;
    let j = i;
    let separator: string | undefined;
    if (first.text.length <= 3) {
      for (;;) {
        const s = tokens[j + 1];
        const d = tokens[j + 2];
        if (!s || !d || d.kind !== "num" || d.text.length !== 3) break;
        const kind = s.kind === "space" && s.breaks === 0 && s.text.length === 1 ? "space" : s.text === "." ? "." : s.norm === "'" ? "'" : undefined;
        if (!kind || (separator && separator !== kind)) break;
        // A dot followed by a single group of three before a scale word would be odd; treat dots as thousands.
        if (kind === "space" && tokens[j + 3]?.kind === "sym" && tokens[j + 3]!.text === "/" ) break;
        separator = kind;
        integerDigits += d.text;
        j += 2;
      }
    }
    let fractionDigits = "";
    const s = tokens[j + 1];
    const d = tokens[j + 2];
    if (s && d && d.kind === "num" && s.kind === "sym") {
      if (s.text === "," || (s.text === "." && separator !== "." && (d.text.length !== 3 || separator !== undefined))) {
        fractionDigits = d.text;
        j += 2;
      }
    }
    const digits = integerDigits + fractionDigits;
    const value = Number(digits) / 10 ** fractionDigits.length;
    return { value, last: j, integerDigits, fractionDigits, grouped: separator !== undefined, tooLong: digits.length > 15 };
  }

  /** Reads a number in words at `i`: cardinals, `la moitié`, fractions, collectives. */
  private readWords(i: number): { value: number; last: number; unit?: "fraction"; approx?: boolean; needsMore: boolean } | undefined {
    const tokens = this.tokens;
    const t = tokens[i];
    if (!t || t.kind !== "word") return undefined;
    if (t.norm === "moitié" && this.isWord(this.prev(i), "la")) return { value: 0.5, last: i, unit: "fraction", needsMore: false };
    if (!CARDINALS.has(t.norm)) return undefined;
    // l'un, l'une are pronouns; d'un million, qu'un tiers are numbers.
    if (tokens[i - 1]?.norm === "'" && !(tokens[i - 2]?.norm === "d" || tokens[i - 2]?.norm === "qu")) return undefined;
    if (tokens[i - 1]?.text === "-" && tokens[i - 2]?.kind === "word") return undefined;
    const words = [t.norm];
    let last = i;
    for (;;) {
      const prevWord = words[words.length - 1]!;
      const a = tokens[last + 1];
      const b = tokens[last + 2];
      if (a?.text === "-" && b?.kind === "word" && CARDINALS.has(b.norm) && b.norm !== "un" || (a?.text === "-" && b?.norm === "et")) {
        if (b!.norm === "et") {
          // vingt-et-un
          const c = tokens[last + 3];
          const e = tokens[last + 4];
          if (c?.text === "-" && e && (e.norm === "un" || e.norm === "une" || e.norm === "onze")) {
            words.push(e.norm);
            last += 4;
            continue;
          }
          break;
        }
        words.push(b!.norm);
        last += 2;
        continue;
      }
      if (a?.text === "-" && b && (b.norm === "un" || b.norm === "une") && ["vingt", "trente", "quarante", "cinquante", "soixante"].includes(prevWord)) {
        words.push(b.norm);
        last += 2;
        continue;
      }
      const n = this.next(last);
      if (n >= 0 && tokens[n]!.kind === "word" && CARDINALS.has(tokens[n]!.norm) && isSpace(tokens[last + 1])) {
        const w = tokens[n]!.norm;
        const joins = w === "cent" || w === "cents" || w === "mille" || ((prevWord === "cent" || prevWord === "mille") && w !== "un" && w !== "une");
        if (joins) {
          words.push(w);
          last = n;
          continue;
        }
      }
      if (n >= 0 && this.isWord(n, "et") && ["vingt", "trente", "quarante", "cinquante", "soixante"].includes(prevWord)) {
        const m = this.next(n);
        if (m >= 0 && this.isWord(m, "un", "une", "onze")) {
          words.push(this.norm(m));
          last = m;
          continue;
        }
      }
      break;
    }
    const value = cardinalValue(words);
    if (value === undefined) return undefined;
    const n = this.next(last);
    if (n >= 0 && this.tokens[n]!.kind === "word") {
      const w = this.tokens[n]!.norm;
      const denominator = DENOMINATORS.get(w);
      if (denominator !== undefined && w !== "demi" && w !== "demie" && this.match(n, { parts: [w], raw: [w], exact: false }) >= 0) {
        return { value: value / denominator, last: n, unit: "fraction", needsMore: false };
      }
      const collective = COLLECTIVES.get(w);
      if (collective !== undefined && !w.endsWith("s") === (value === 1)) {
        return { value: value * collective, last: n, approx: true, needsMore: false };
      }
    }
    const single = words.length === 1;
    const needsMore = single && (t.norm === "un" || t.norm === "une" || (t.norm === "neuf" && !DETERMINERS.has(this.norm(this.prev(i)))));
    return { value, last, needsMore };
  }

  // ---------------------------------------------------------------- dates, months, times, year ranges

  private tryDate(i: number, allowRange = true): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (t.kind !== "num" || this.attachedBefore(i)) return undefined;
    // 19/09/2025, 19.09.2025, 19-09-2025
    const s1 = tokens[i + 1];
    const m = tokens[i + 2];
    const s2 = tokens[i + 3];
    const y = tokens[i + 4];
    if (s1 && m && s2 && y && s1.kind === "sym" && s1.text === s2.text && ["/", ".", "-"].includes(s1.text) && m.kind === "num" && y.kind === "num" && !this.attachedAfter(i + 4)) {
      if (t.text.length <= 2 && m.text.length <= 2 && (y.text.length === 4 || y.text.length === 2)) {
        const day = Number(t.text);
        const month = Number(m.text);
        const year = y.text.length === 4 ? Number(y.text) : 2000 + Number(y.text);
        if (validDate(year, month, day)) return this.add({ first: i, last: i + 4, ...this.span(i, i + 4), unit: "date", value: iso(year, month, day), approx: false });
      }
      if (t.text.length === 4 && s1.text === "-" && m.text.length === 2 && y.text.length === 2) {
        const year = Number(t.text);
        const month = Number(m.text);
        const day = Number(y.text);
        if (validDate(year, month, day)) return this.add({ first: i, last: i + 4, ...this.span(i, i + 4), unit: "date", value: iso(year, month, day), approx: false });
      }
    }
    // 1er avril 2025, 19 septembre, 1 avril 2025
    if (t.text.length > 2) return undefined;
    const day = Number(t.text);
    if (day < 1 || day > 31) return undefined;
    let last = i;
    if (tokens[i + 1]?.kind === "word") {
      if (day === 1 && (tokens[i + 1]!.norm === "er" || tokens[i + 1]!.norm === "ᵉʳ")) last = i + 1;
      else return undefined;
    }
    const mi = this.next(last);
    const month = this.monthAt(mi);
    if (!month) return allowRange ? this.tryDayRange(i, last, day) : undefined;
    const end = month.last;
    const yi = this.next(end);
    if (yi >= 0 && tokens[yi]!.kind === "num" && tokens[yi]!.text.length === 4 && !this.attachedAfter(yi) && tokens[yi + 1]?.text !== "-") {
      const year = Number(tokens[yi]!.text);
      if (validDate(year, month.month, day)) return this.add({ first: i, last: yi, ...this.span(i, yi), unit: "date", value: iso(year, month.month, day), approx: false });
    }
    if (!validDate(2000, month.month, day)) return undefined;
    return this.add({ first: i, last: end, ...this.span(i, end), unit: "date", value: `--${pad(month.month)}-${pad(day)}`, approx: false });
  }

  /** `du 1er au 15 juillet`, `le 3 ou le 4 mai`: the first day takes the month (and year) of the second. */
  private tryDayRange(i: number, last: number, day: number): number | undefined {
    const c = this.next(last);
    if (!this.isWord(c, "au", "et", "ou") && this.norm(c) !== "-") return undefined;
    let d = this.next(c);
    if (this.isWord(d, "le")) d = this.next(d);
    const t = this.tok(d);
    if (d < 0 || !t || t.kind !== "num" || t.text.length > 2) return undefined;
    const before = this.found.length;
    const next = this.tryDate(d, false);
    const second = this.found[before];
    if (next === undefined || !second || typeof second.value !== "string") return undefined;
    this.found.pop();
    const value = second.value.replace(/-\d\d$/, `-${pad(day)}`);
    const year = value.startsWith("--") ? 2000 : Number(value.slice(0, 4));
    if (!validDate(year, Number(value.slice(-5, -3)), day)) return undefined;
    this.add({ first: i, last, ...this.span(i, last), unit: "date", value, approx: false });
    this.found.push(second);
    return next;
  }

  private monthAt(i: number): { month: number; last: number } | undefined {
    if (i < 0) return undefined;
    const t = this.tokens[i]!;
    if (t.kind !== "word") return undefined;
    const month = MONTHS.get(t.norm);
    if (month === undefined) return undefined;
    let last = i;
    const full = t.norm.length >= 4 && !["janv", "févr", "juil", "sept"].includes(t.norm) || ["mai", "juin", "mars", "août", "aout"].includes(t.norm);
    if (!full) {
      if (this.tokens[i + 1]?.text === ".") last = i + 1;
      else if (t.norm !== "sept") return undefined;
    }
    if (this.tokens[last + 1]?.kind === "word") return undefined;
    return { month, last };
  }

  private tryMonthOrSeason(i: number): number | undefined {
    const t = this.tokens[i]!;
    if (t.kind !== "word") return undefined;
    const month = this.monthAt(i);
    const season = SEASONS.get(t.norm);
    if (!month && season === undefined) return undefined;
    if (season !== undefined) {
      const p = this.prev(i);
      if (!["au", "en", "cet", "ce", "de", "d", "l", "du", "à", "fin", "début", "mi", "'", "-"].includes(this.norm(p))) return undefined;
    }
    const last = month ? month.last : i;
    let yi = this.next(last);
    if (season !== undefined && this.isWord(yi, "de")) yi = this.next(yi);
    const y = this.tok(yi);
    if (yi < 0 || !y || y.kind !== "num" || y.text.length !== 4 || this.attachedAfter(yi)) return undefined;
    const year = Number(y.text);
    if (year < 1800 || year > 2199) return undefined;
    if (month) return this.add({ first: i, last: yi, ...this.span(i, yi), unit: "month", value: `${year}-${pad(month.month)}`, approx: false });
    return this.add({ first: i, last: yi, ...this.span(i, yi), unit: "season", value: `${year}-${season}`, approx: false });
  }

  private tryTime(i: number): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (t.kind !== "num" || t.text.length > 2 || this.attachedBefore(i)) return undefined;
    const hours = Number(t.text);
    if (hours > 24) return undefined;
    let hi = i + 1;
    if (tokens[hi]?.kind === "space" && tokens[hi]!.breaks === 0) hi++;
    const h = tokens[hi];
    if (h && h.kind === "word" && h.norm === "h") {
      let last = hi;
      let minutes = 0;
      let mi = hi + 1;
      if (tokens[mi]?.kind === "space" && tokens[mi]!.breaks === 0 && hi > i + 1) mi++;
      const m = tokens[mi];
      if (m && m.kind === "num" && m.text.length === 2 && Number(m.text) < 60) {
        minutes = Number(m.text);
        last = mi;
      }
      if (tokens[last + 1]?.kind === "word" || tokens[last + 1]?.kind === "num") return undefined;
      return this.add({ first: i, last, ...this.span(i, last), unit: "time", value: `${pad(hours)}:${pad(minutes)}`, approx: false });
    }
    if (tokens[i + 1]?.text === ":" && tokens[i + 2]?.kind === "num" && tokens[i + 2]!.text.length === 2 && Number(tokens[i + 2]!.text) < 60 && !this.attachedAfter(i + 2) && tokens[i + 3]?.text !== ":") {
      return this.add({ first: i, last: i + 2, ...this.span(i, i + 2), unit: "time", value: `${pad(hours)}:${tokens[i + 2]!.text}`, approx: false });
    }
    return undefined;
  }

  /** 2025-2027, 2025–2027, 2025-27, de 2025 à 2027, entre 2025 et 2027, du … au …. */
  private tryYearRange(i: number): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (!isYearToken(t) || this.attachedBefore(i) || this.isLabelContext(i)) return undefined;
    const from = Number(t.text);
    const dash = tokens[i + 1];
    const second = tokens[i + 2];
    const after = tokens[i + 3];
    if (dash && second && (dash.norm === "-" || dash.text === "/") && second.kind === "num" && !this.attachedAfter(i + 2) && after?.text !== "-" && after?.text !== "/") {
      const short = second.text.length === 2 && dash.norm === "-";
      const to = short ? Math.floor(from / 100) * 100 + Number(second.text) : Number(second.text);
      if ((second.text.length === 4 || short) && to > from && to - from <= 100) {
        return this.add({ first: i, last: i + 2, ...this.span(i, i + 2), unit: "year-range", value: [from, to], approx: false });
      }
    }
    const c = this.next(i);
    if (c >= 0 && this.isWord(c, "à", "a", "et", "au")) {
      const yi = this.next(c);
      const y = this.tok(yi);
      if (yi >= 0 && y && isYearToken(y) && !this.attachedAfter(yi) && !this.isFollowedByUnit(yi)) {
        const to = Number(y.text);
        const p = this.prev(i);
        const opener = this.isWord(p, "de", "entre", "du") ? p : -1;
        const connector = this.norm(c);
        const paired = (connector === "et" && this.norm(opener) === "entre") || (connector !== "et" && (opener >= 0 || connector === "à" || connector === "au"));
        if (paired && to > from) {
          const first = opener >= 0 ? opener : i;
          return this.add({ first, last: yi, ...this.span(first, yi), unit: "year-range", value: [from, to], approx: false });
        }
      }
    }
    return undefined;
  }

  private isFollowedByUnit(last: number): boolean {
    const n = this.next(last);
    return n >= 0 && (this.matchAny(n, UNITS) !== undefined || this.matchAny(n, CURRENCIES) !== undefined || this.matchAny(n, SCALES) !== undefined);
  }

  /** True when token `i` is glued to a letter or a hyphenated word before it (A320, Covid-19). */
  private attachedBefore(i: number): boolean {
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
  private attachedAfter(i: number): boolean {
    const n = this.tokens[i + 1];
    if (!n) return false;
    if (n.kind === "word") return true;
    if ((n.text === "." || n.text === ",") && this.tokens[i + 2]?.kind === "num") return true;
    return false;
  }

  /** The number at `i` names something: article 12, France 2030, n° 5. */
  private isLabelContext(i: number): boolean {
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
    if (LABEL_WORDS.has(t.norm) && !(t.norm === "points" || t.norm === "point") ) return true;
    if ((t.norm === "point" || t.norm === "points") && /^\d{1,2}$/.test(this.tokens[i]!.text) && !this.isFollowedByUnit(i)) return true;
    const firstChar = t.text[0]!;
    if (firstChar !== firstChar.toLowerCase() && !CAPITAL_STOP.has(t.norm) && !MONTHS.has(t.norm) && !SEASONS.has(t.norm)) {
      if (PREFIX_CURRENCIES.some((c) => c.raw.length === 1 && c.raw[0] === t.text)) return false;
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- quantities

  private tryQuantity(i: number): number | undefined {
    const tokens = this.tokens;
    let first = i;
    let j = i;
    let currency: string | undefined;
    let negative = false;
    let parenthesised = false;

    // Currency before the number: € 12, CHF 1,2 million, $5.
    const prefix = this.matchAny(i, PREFIX_CURRENCIES);
    if (prefix) {
      let k = prefix.last + 1;
      if (tokens[k]?.kind === "space" && tokens[k]!.breaks === 0) k++;
      if (tokens[k]?.kind === "num" || ((tokens[k]?.norm === "-" || tokens[k]?.text === "+") && tokens[k + 1]?.kind === "num")) {
        currency = prefix.phrase.unit;
        j = k;
      } else if (tokens[i]!.kind !== "word") {
        return undefined;
      }
    }
    // Signs: −2,4 %, -3, +1,5 %.
    const signTok = tokens[j];
    if (signTok && signTok.kind === "sym" && (signTok.norm === "-" || signTok.text === "+") && tokens[j + 1]?.kind === "num") {
      const p = tokens[j - 1];
      const pp = tokens[j - 2];
      const glued = p !== undefined && (p.kind === "num" || p.kind === "word");
      const afterNumber = p?.kind === "space" && pp?.kind === "num";
      if (glued || afterNumber) return undefined;
      negative = signTok.norm === "-";
      j++;
    }
    // Accounting negatives: (2,4) %.
    if (signTok && signTok.text === "(" && !currency && tokens[j + 1]?.kind === "num") {
      const n = this.readNumber(j + 1);
      if (n && tokens[n.last + 1]?.text === ")") {
        const after = this.next(n.last + 1);
        const unit = this.matchAny(after, UNITS.filter((u) => u.unit === "percent" || u.unit === "percentage-point")) ?? this.matchAny(after, CURRENCIES);
        const scale = this.matchAny(after, SCALES);
        if (unit || scale) {
          parenthesised = true;
          negative = true;
          j = j + 1;
        }
      }
      if (!parenthesised) return undefined;
    }

    const t = tokens[j];
    if (!t) return undefined;
    let mantissa: number;
    let last: number;
    let approx = false;
    let fraction = false;
    let fromWords = false;
    let collective = false;
    let read: NumberRead | undefined;
    let needsMore = false;
    if (t.kind === "num") {
      if (this.attachedBefore(j) && !currency) return undefined;
      read = this.readNumber(j);
      if (!read) return undefined;
      if (read.tooLong) return read.last + 1;
      mantissa = read.value;
      last = read.last;
      const glued = tokens[last + 1];
      if (glued?.kind === "word" && ORDINAL_SUFFIXES.has(glued.norm)) return undefined;
    } else if (t.kind === "word") {
      const w = this.readWords(j);
      if (!w) return undefined;
      mantissa = w.value;
      last = w.last;
      fraction = w.unit === "fraction";
      approx = w.approx === true;
      collective = w.approx === true;
      fromWords = true;
      needsMore = w.needsMore;
      if (fraction) {
        const p = this.prev(j);
        if (t.norm === "moitié" && p >= 0) first = p;
      }
    } else {
      return undefined;
    }
    if (negative) mantissa = -mantissa;
    if (parenthesised) last = last + 1;

    // Scale: 1,2 milliard, 44,5 M€, une centaine de millions.
    let exp = 0;
    let scaleCurrency: string | undefined;
    let k = this.next(last);
    if (collective && this.afterDe(k) >= 0 && this.matchAny(this.afterDe(k), SCALES)) k = this.afterDe(k);
    const scale = fraction ? undefined : this.matchAny(k, SCALES);
    let scaled: { phrase: Scale; last: number } | undefined;
    if (scale && !(tokens[last + 1]?.kind === "word" && tokens[last + 1] !== tokens[k]) ) {
      const s = scale.phrase;
      let ok = true;
      let currencyAfter: { phrase: UnitPhrase; last: number } | undefined;
      if (s.needsCurrency) {
        currencyAfter = this.matchAny(this.next(scale.last), CURRENCIES);
        ok = currencyAfter !== undefined && !s.currency;
        if (s.currency) ok = true;
      }
      if (ok) {
        scaled = scale;
        exp = s.exp;
        scaleCurrency = s.currency;
        last = scale.last;
      }
    }
    // Glued letters that are neither a scale nor a unit: 5G, 3D, 4x4.
    if (!fromWords && tokens[(read?.last ?? last) + 1]?.kind === "word" && !scaled) {
      const unitGlued = this.matchAny((read?.last ?? last) + 1, UNITS) ?? this.matchAny((read?.last ?? last) + 1, CURRENCIES);
      if (!unitGlued) return undefined;
    }

    // Unit: d'euros, €, %, points de pourcentage, ans, km².
    let unit: string | undefined = scaleCurrency ?? currency;
    let duration: UnitPhrase["duration"];
    if (!unit && !fraction) {
      let u = this.next(last);
      let viaDe = false;
      const de = this.afterDe(u);
      if (de >= 0 && (scaled || collective)) {
        u = de;
        viaDe = true;
      }
      const cur = this.matchAny(u, CURRENCIES);
      const phys = cur ? undefined : this.matchAny(u, UNITS);
      const hit = cur ?? phys;
      if (hit && !(hit.phrase.noDe && viaDe) && !(hit.phrase.needsScale && !scaled)) {
        // "12 m" after a de-less number only when nothing but a boundary follows.
        unit = hit.phrase.unit;
        duration = hit.phrase.duration;
        last = hit.last;
        if (duration) {
          // un an et demi, deux heures et demie
          const e = this.next(last);
          const dm = this.next(e);
          if (this.isWord(e, "et") && this.isWord(dm, "demi", "demie")) {
            mantissa += 0.5;
            last = dm;
          }
        }
      }
    }
    if (needsMore && !unit && !scaled) return undefined;
    if (needsMore && (this.norm(j) === "un" || this.norm(j) === "une") && duration === "D") return undefined;

    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    const f: Found = { first, last, start, end, unit: unit ?? (fraction ? "fraction" : "count"), value: 0, approx, mantissa, exp };
    if (duration) f.duration = duration;
    if (!unit && !fraction) {
      if (!scaled) {
        // A bare number: a year, a label, a list marker, or a count.
        if (!fromWords) {
          if (read && this.isListMarker(j, read)) return last + 1;
          if (this.isLabelContext(j) && !negative) {
            f.unit = "label";
            f.value = mantissa;
            f.last = this.referenceEnd(last);
            f.end = tokens[f.last]!.end;
            return this.add(f);
          }
          // Phone numbers and codes: 02 123 45 67, 0800 12 345.
          if (read && read.integerDigits.length > 1 && read.integerDigits.startsWith("0") && !read.fractionDigits) return this.digitGroupsEnd(j) + 1;
          // References: (UE) 2021/694, 2025-123 (a year range or a date was read before).
          if (read && read.last === j && (tokens[j + 1]?.text === "/" || tokens[j + 1]?.text === "-") && tokens[j + 2]?.kind === "num" && !this.attachedAfter(j + 2)) {
            if (tokens[j + 1]!.text === "/" || isYearToken(tokens[j]!)) {
              f.unit = "label";
              f.value = mantissa;
              f.last = this.referenceEnd(j);
              f.end = tokens[f.last]!.end;
              return this.add(f);
            }
          }
          if (tokens[j - 1]?.text === "[" || (tokens[j - 1]?.text === "(" && tokens[last + 1]?.text === ")" && !isYearToken(tokens[j]!))) return last + 1;
          if (read && !negative && isYearToken(tokens[j]!) && read.last === j && this.looksLikeYear(j)) {
            f.unit = "year";
            f.value = Number(tokens[j]!.text);
            return this.add(f);
          }
        }
        f.bare = !collective;
        f.digits = !fromWords;
      } else {
        f.scaledOnly = true;
      }
      f.openEnded = this.openEnded(last);
    }
    if (this.hedged(f.start, f.end)) f.approx = true;
    return this.add(f);
  }

  /** The last token of a reference that goes on with `/694` or `-123`. */
  private referenceEnd(last: number): number {
    let k = last;
    while ((this.tokens[k + 1]?.text === "/" || this.tokens[k + 1]?.text === "-") && this.tokens[k + 2]?.kind === "num") k += 2;
    return k;
  }

  /** The last token of a run of digit groups separated by single spaces or dots (02 123 45 67). */
  private digitGroupsEnd(first: number): number {
    let k = first;
    for (;;) {
      const s = this.tokens[k + 1];
      const d = this.tokens[k + 2];
      if (!s || !d || d.kind !== "num" || d.text.length > 4) return k;
      if (!((s.kind === "space" && s.breaks === 0 && s.text.length === 1) || s.text === "." || s.text === "/" || s.text === "-")) return k;
      k += 2;
    }
  }

  private looksLikeYear(i: number): boolean {
    const p = this.prev(i);
    if (p >= 0 && YEAR_INTRO.has(this.norm(p))) return true;
    if (p >= 0 && this.tokens[p]!.norm === "'" && YEAR_INTRO.has(this.norm(p - 1))) return true;
    return this.openEnded(i) || this.tokens[this.next(i)]?.kind !== "word";
  }

  private isListMarker(i: number, read: NumberRead): boolean {
    const p = this.tokens[i - 1];
    const atLineStart = i === 0 || (p?.kind === "space" && (p.breaks > 0 || i === 1)) || (p?.kind === "sym" && p.text === "#");
    const after = this.tokens[read.last + 1];
    return atLineStart && after !== undefined && (after.text === "." || after.text === ")") && (this.tokens[read.last + 2]?.kind === "space" || this.tokens[read.last + 2] === undefined);
  }

  private hedged(start: number, end: number): boolean {
    const before = this.text
      .slice(Math.max(0, start - 40), start)
      .toLowerCase()
      .replace(/[\u2019\u02bc]/g, "'")
      .replace(/[\s\u00a0\u202f]+/g, " ");
    if (HEDGE_BEFORE.test(before)) return true;
    return HEDGE_AFTER.test(this.text.slice(end, end + 20));
  }

  /** Skips a token that cannot start a figure, with the number glued to it (A320, 1er, 3e). */
  private skipNonFigure(i: number): number | undefined {
    const t = this.tokens[i]!;
    if (t.kind !== "num") return undefined;
    let j = i;
    while (this.tokens[j + 1] && this.tokens[j + 1]!.kind !== "space") j++;
    return j + 1;
  }

  // ---------------------------------------------------------------- carrying scale and unit to neighbours

  /** `entre 2 et 3 milliards`, `10 à 15 %`, `10-15 %`: a bare number takes the scale and unit of the next one. */
  private carryBackward(): void {
    for (let n = this.found.length - 2; n >= 0; n--) {
      const b = this.found[n]!;
      const f = this.found[n + 1]!;
      if (b.bare && b.digits && f.unit === "date" && typeof f.value === "string" && this.onlyConnectorBetween(b.last, f.first, ["et", ","])) {
        // les 2 et 3 avril 2025: the first day takes the month and year of the second.
        const day = b.mantissa ?? 0;
        const next = f.value.replace(/-\d\d$/, `-${pad(day)}`);
        const month = Number(next.slice(-5, -3));
        const year = next.startsWith("--") ? 2000 : Number(next.slice(0, 4));
        if (Number.isInteger(day) && validDate(year, month, day)) {
          b.unit = "date";
          b.value = next;
          delete b.mantissa;
          b.bare = false;
        }
        continue;
      }
      if (!b.bare || b.unit !== "count" || f.mantissa === undefined || f.bare) continue;
      if (f.unit === "label" || f.unit === "fraction" || f.unit === "year") continue;
      if (!this.onlyConnectorBetween(b.last, f.first)) continue;
      b.unit = f.unit;
      b.exp = f.exp ?? 0;
      if (f.duration) b.duration = f.duration;
      b.bare = false;
      if (f.scaledOnly) b.scaledOnly = true;
      b.openEnded = f.openEnded ?? false;
    }
  }

  private onlyConnectorBetween(last: number, first: number, allowed: readonly string[] = [...CONNECTORS]): boolean {
    let connectors = 0;
    for (let k = last + 1; k < first; k++) {
      const t = this.tokens[k]!;
      if (t.kind === "space") {
        if (t.breaks > 0) return false;
        continue;
      }
      if (allowed.includes(t.norm)) connectors++;
      else return false;
    }
    return connectors === 1;
  }

  /** `21,4 milliards en engagements et 20,5 en paiements`: a bare number later in the sentence takes the scale and unit. */
  private carryForward(): void {
    let model: Found | undefined;
    for (const f of this.found) {
      if (model && this.tokens[model.last]!.sentence !== this.tokens[f.first]!.sentence) model = undefined;
      if (f.bare && f.digits && f.unit === "count" && f.openEnded && model && comparable(f.mantissa ?? 0, model.mantissa ?? 0)) {
        f.unit = model.unit;
        f.exp = model.exp ?? 0;
        f.bare = false;
        f.scaledOnly = model.scaledOnly ?? false;
        continue;
      }
      if (f.mantissa !== undefined && !f.bare && f.unit !== "fraction" && f.unit !== "duration" && f.unit !== "label" && f.unit !== "year" && ((f.exp ?? 0) > 0 || f.unit !== "count")) model = f;
    }
  }

  /**
   * `(44,5 millions)` after `290,8 millions d’euros` in the same paragraph: the amount is in euros.
   * A scaled amount before any currency takes the currency of a later amount in the same sentence
   * (`1,3 milliard, dont 544,7 M€`).
   */
  private carryCurrency(): void {
    let currency: string | undefined;
    let paragraph = -1;
    const isCurrency = (unit: string) => /^[A-Z]{3}$/.test(unit);
    // The currency of the next amount in the same sentence, for each figure (one pass from the end).
    const laterInSentence: Array<string | undefined> = [];
    let later: string | undefined;
    let laterSentence = -1;
    for (let n = this.found.length - 1; n >= 0; n--) {
      const f = this.found[n]!;
      const sentence = this.tokens[f.first]!.sentence;
      if (sentence !== laterSentence) {
        later = undefined;
        laterSentence = sentence;
      }
      laterInSentence[n] = later;
      if (isCurrency(f.unit)) later = f.unit;
    }
    this.found.forEach((f, n) => {
      const p = this.tokens[f.first]!.paragraph;
      if (p !== paragraph) {
        paragraph = p;
        currency = undefined;
      }
      if (isCurrency(f.unit)) currency = f.unit;
      else if (f.scaledOnly && f.unit === "count" && f.openEnded) {
        const unit = currency ?? laterInSentence[n];
        if (unit) f.unit = unit;
      }
    });
  }

  private finish(f: Found): ExtractedFigure {
    let value = f.value;
    if (f.mantissa !== undefined && f.unit !== "year") {
      const n = scaleValue(f.mantissa, f.exp ?? 0);
      value = f.unit === "duration" ? isoDuration(n, f.duration ?? "Y") : n;
    }
    const figure: ExtractedFigure = { text: this.text.slice(f.start, f.end), start: f.start, end: f.end, value, unit: f.unit };
    if (f.approx) figure.approx = true;
    return figure;
  }
}
