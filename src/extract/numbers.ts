/**
 * Reading one number at a token: digits with their thousands separators and
 * decimal mark, or French number words.
 */
import { isSpace, TokenCursor, type NumberRead } from "./cursor.ts";
import { CARDINALS, COLLECTIVES, DENOMINATORS, cardinalValue } from "./words.ts";
import { DETERMINERS } from "./context.ts";

/** Reads numbers in digits and in words. */
export abstract class NumberReader extends TokenCursor {
  /** Reads digits with thousands separators and a decimal mark, starting at a `num` token. */
  protected readNumber(i: number): NumberRead | undefined {
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
    const read: NumberRead = { value, last: j, integerDigits, fractionDigits, grouped: separator !== undefined, tooLong: digits.length > 15 };
    // 1.284: thousands in French, a decimal point in English formatting.
    if (separator === "." && j === i + 2 && !fractionDigits) read.dotAsDecimal = Number(`${first.text}.${tokens[i + 2]!.text}`);
    return read;
  }

  /** Reads a number in words at `i`: cardinals, `la moitié`, fractions, collectives. */
  protected readWords(i: number): { value: number; last: number; unit?: "fraction"; approx?: boolean; needsMore: boolean } | undefined {
    const tokens = this.tokens;
    const t = tokens[i];
    if (!t || t.kind !== "word") return undefined;
    if (t.norm === "moitié" && this.isWord(this.prev(i), "la")) return { value: 0.5, last: i, unit: "fraction", needsMore: false };
    // demi-milliard: a half of the scale word after the hyphen, which the caller reads next.
    if (t.norm === "demi") return this.halfOfScale(i) ? { value: 0.5, last: i + 1, needsMore: false } : undefined;
    if (!CARDINALS.has(t.norm)) return undefined;
    // l'un, l'une are pronouns; d'un million, qu'un tiers are numbers.
    if (tokens[i - 1]?.norm === "'" && !(tokens[i - 2]?.norm === "d" || tokens[i - 2]?.norm === "qu")) return undefined;
    if (tokens[i - 1]?.text === "-" && tokens[i - 2]?.kind === "word") return undefined;
    // un demi-milliard, un demi-million.
    if ((t.norm === "un" || t.norm === "une") && isSpace(tokens[i + 1]) && this.halfOfScale(i + 2)) return { value: 0.5, last: i + 3, needsMore: false };
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

  /** Whether token `i` is `demi` joined by a hyphen to a scale word (`demi-million`, `demi-milliard`), not glued to a word before it. */
  private halfOfScale(i: number): boolean {
    const tokens = this.tokens;
    if (!this.isWord(i, "demi") || tokens[i + 1]?.norm !== "-" || !this.isWord(i + 2, "million", "milliard", "billion")) return false;
    return !(tokens[i - 1]?.norm === "-" && tokens[i - 2]?.kind === "word");
  }

}
