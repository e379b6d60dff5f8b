/**
 * Reading dates, months, seasons, times and year ranges.
 */
import { NumberReader } from "./numbers.ts";
import { MONTHS, PERIOD_ORDINALS, ROMAN_MONTHS, SEASONS } from "./lexicon.ts";
import { ORDINAL_SUFFIXES } from "./context.ts";
import { iso, isYearToken, pad, validDate } from "./values.ts";

/** Reads the figures that say when. */
export abstract class DateReader extends NumberReader {
  protected tryDate(i: number, allowRange = true): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (t.kind !== "num") return undefined;
    // A full numeric date may be glued to the word before it (`Paru le10/01/2024`), nothing else may.
    const gluedToWord = tokens[i - 1]?.kind === "word";
    if (this.attachedBefore(i) && !gluedToWord) return undefined;
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
    // 15.X.2012: the month in Roman numerals.
    if (s1 && m && s2 && y && s1.text === "." && s2.text === "." && m.kind === "word" && ROMAN_MONTHS.has(m.text) && isYearToken(y) && !this.attachedAfter(i + 4) && t.text.length <= 2) {
      const day = Number(t.text);
      const month = ROMAN_MONTHS.get(m.text)!;
      const year = Number(y.text);
      if (validDate(year, month, day)) return this.add({ first: i, last: i + 4, ...this.span(i, i + 4), unit: "date", value: iso(year, month, day), approx: false });
    }
    if (gluedToWord) return undefined;
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
  protected tryDayRange(i: number, last: number, day: number): number | undefined {
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

  protected monthAt(i: number): { month: number; last: number } | undefined {
    if (i < 0) return undefined;
    const t = this.tokens[i]!;
    if (t.kind !== "word") return undefined;
    const month = MONTHS.get(t.norm);
    if (month === undefined) return undefined;
    let last = i;
    const full = t.norm.length >= 4 && !["janv", "févr", "juil", "sept"].includes(t.norm) || ["mai", "juin", "mars", "août", "aout"].includes(t.norm);
    if (!full) {
      const y = this.tok(this.next(i));
      if (this.tokens[i + 1]?.text === ".") last = i + 1;
      else if (t.norm !== "sept" && !(y && isYearToken(y))) return undefined;
    }
    if (this.tokens[last + 1]?.kind === "word") return undefined;
    return { month, last };
  }

  protected tryMonthOrSeason(i: number): number | undefined {
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
    if (yi < 0 || !y || y.kind !== "num" || y.text.length !== 4 || this.attachedAfter(yi)) {
      // en mars, dès juin: a month without its year.
      if (month && !this.attachedAfter(month.last) && this.isWord(this.prev(i), "en", "dès", "depuis", "courant") && !(yi >= 0 && y?.kind === "num")) {
        return this.add({ first: i, last: month.last, ...this.span(i, month.last), unit: "month", value: `--${pad(month.month)}`, approx: false });
      }
      return undefined;
    }
    const year = Number(y.text);
    if (year < 1800 || year > 2199) return undefined;
    if (season !== undefined && (this.tokens[yi + 1]?.norm === "-" || this.tokens[yi + 1]?.text === "/") && this.tokens[yi + 2]?.kind === "num" && !this.attachedAfter(yi + 2)) {
      // l’hiver 2026-2027: a season across two years.
      const second = this.tokens[yi + 2]!;
      const to = second.text.length === 2 ? Math.floor(year / 100) * 100 + Number(second.text) : Number(second.text);
      if (to === year + 1) return this.add({ first: i, last: yi + 2, ...this.span(i, yi + 2), unit: "season", value: `${year}/${to}-${season}`, approx: false });
    }
    if (month) return this.add({ first: i, last: yi, ...this.span(i, yi), unit: "month", value: `${year}-${pad(month.month)}`, approx: false });
    return this.add({ first: i, last: yi, ...this.span(i, yi), unit: "season", value: `${year}-${season}`, approx: false });
  }

  protected tryTime(i: number): number | undefined {
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
    // à 18 heures (not de 16 à 18 heures, a range of durations).
    const p = this.prev(i);
    if (h && h.kind === "word" && (h.norm === "heures" || h.norm === "heure") && hi === i + 2 && this.isWord(p, "à") && !(this.tok(this.prev(p))?.kind === "num" && this.tok(this.prev(p))!.text.length <= 2) && hours <= 23) {
      let last = hi;
      let minutes = 0;
      const mi = this.next(hi);
      const m = this.tok(mi);
      if (m && m.kind === "num" && m.text.length === 2 && Number(m.text) < 60 && !this.attachedAfter(mi) && !this.isFollowedByUnit(mi)) {
        minutes = Number(m.text);
        last = mi;
      }
      return this.add({ first: i, last, ...this.span(i, last), unit: "time", value: `${pad(hours)}:${pad(minutes)}`, approx: false });
    }
    if (tokens[i + 1]?.text === ":" && tokens[i + 2]?.kind === "num" && tokens[i + 2]!.text.length === 2 && Number(tokens[i + 2]!.text) < 60 && !this.attachedAfter(i + 2) && tokens[i + 3]?.text !== ":") {
      return this.add({ first: i, last: i + 2, ...this.span(i, i + 2), unit: "time", value: `${pad(hours)}:${tokens[i + 2]!.text}`, approx: false });
    }
    return undefined;
  }

  /**
   * Quarters and half-years: `troisième trimestre 2024`, `3e trimestre`, `T4 2024`, `T4 24`, `Q3`
   * (`2024-Q4`, `--Q3`); `premier semestre 2025`, `S1 2025`, `H1 2025` (`2025-H1`).
   */
  protected tryPeriod(i: number): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    let n: number | undefined;
    let kind: "Q" | "H" | undefined;
    let last = i;
    let short = false;
    if (t.kind === "word" && (t.text === "T" || t.text === "Q" || t.text === "S" || t.text === "H") && tokens[i + 1]?.kind === "num" && tokens[i + 1]!.text.length === 1 && !this.attachedAfter(i + 1) && tokens[i - 1]?.kind !== "word" && tokens[i - 1]?.kind !== "num") {
      n = Number(tokens[i + 1]!.text);
      kind = t.text === "T" || t.text === "Q" ? "Q" : "H";
      last = i + 1;
      short = true;
    } else {
      let word = i;
      if (t.kind === "word" && PERIOD_ORDINALS.has(t.norm)) n = PERIOD_ORDINALS.get(t.norm);
      else if (t.kind === "num" && t.text.length === 1 && !this.attachedBefore(i) && tokens[i + 1]?.kind === "word" && ORDINAL_SUFFIXES.has(tokens[i + 1]!.norm)) {
        n = Number(t.text);
        word = i + 1;
      }
      if (n === undefined) return undefined;
      const noun = this.next(word);
      if (this.isWord(noun, "trimestre")) kind = "Q";
      else if (this.isWord(noun, "semestre")) kind = "H";
      else return undefined;
      last = noun;
    }
    if (kind === undefined || n === undefined || n < 1 || n > (kind === "Q" ? 4 : 2)) return undefined;
    let year: number | undefined;
    const yi = this.next(last);
    const y = this.tok(yi);
    if (y && isYearToken(y) && !this.attachedAfter(yi) && tokens[yi + 1]?.text !== "/" && tokens[yi + 1]?.norm !== "-") {
      year = Number(y.text);
      last = yi;
    } else if (short && y && y.kind === "num" && y.text.length === 2 && tokens[yi - 1]?.kind === "space" && !this.attachedAfter(yi) && !this.isFollowedByUnit(yi) && tokens[yi + 1]?.text !== "/") {
      // T4 24: a two-digit year (not T3 19,3 %).
      year = 2000 + Number(y.text);
      last = yi;
    } else if (this.isWord(yi, "et")) {
      // Quatrième trimestre et année 2023: the quarter shares the year.
      let a = this.next(yi);
      if (this.isWord(a, "l") && this.tokens[a + 1]?.norm === "'") a = a + 2;
      if (this.isWord(a, "année", "exercice")) {
        const shared = this.tok(this.next(a));
        if (shared && isYearToken(shared)) year = Number(shared.text);
      }
    }
    const value = `${year ?? "-"}-${kind}${n}`;
    return this.add({ first: i, last, ...this.span(i, last), unit: kind === "Q" ? "quarter" : "half-year", value, approx: false });
  }

  /** 2025-2027, 2025–2027, 2025-27, de 2025 à 2027, entre 2025 et 2027, du … au …. */
  protected tryYearRange(i: number): number | undefined {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (!isYearToken(t) || this.attachedBefore(i) || this.isLabelContext(i)) return undefined;
    const from = Number(t.text);
    const dash = tokens[i + 1];
    const second = tokens[i + 2];
    const after = tokens[i + 3];
    if (dash && second && (dash.norm === "-" || dash.text === "/") && second.kind === "num" && !this.attachedAfter(i + 2) && after?.text !== "-" && after?.text !== "/") {
      // 2025-27, and the fiscal year 2023/24.
      const short = second.text.length === 2 && (dash.norm === "-" || (dash.text === "/" && (Number(second.text) - (from % 100) + 100) % 100 === 1));
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

}
