/**
 * `extractFigures`: finds every figure in a French text (amounts, percentages,
 * counts, dates, years, durations, physical quantities) with its exact span
 * and its value in base units. Pure and deterministic; linear in the length
 * of the text (every rule looks ahead or back a bounded number of tokens).
 */
import { BOUND_AFTER, BOUND_BEFORE, CONNECTORS, HEDGE_AFTER, HEDGE_BEFORE, MONEY_NOUNS, ORDINAL_SUFFIXES, STREET_WORDS, YEAR_INTRO } from "./context.ts";
import type { Found, NumberRead } from "./cursor.ts";
import { DateReader } from "./dates.ts";
import { CURRENCIES, PREFIX_CURRENCIES, SCALES, UNITS, type Scale, type UnitPhrase } from "./lexicon.ts";
import type { ExtractedFigure } from "./types.ts";
import { comparable, isoDuration, isYearToken, pad, scaleValue, validDate } from "./values.ts";

export type { ExtractedFigure } from "./types.ts";

/** Finds every figure in `text`, sorted by start offset. */
export function extractFigures(text: string): ExtractedFigure[] {
  return new Reader(text).read();
}

/**
 * Reads a text token by token: at each token, a date, a month or season, a
 * time, a year range, then a quantity; then lets bare numbers take the scale
 * and unit of their neighbours.
 */
class Reader extends DateReader {
  read(): ExtractedFigure[] {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      if (t.kind === "space") {
        i++;
        continue;
      }
      const next = this.tryPeriod(i) ?? this.tryDate(i) ?? this.tryMonthOrSeason(i) ?? this.tryTime(i) ?? this.tryYearRange(i) ?? this.tryQuantity(i) ?? this.skipNonFigure(i);
      i = next === undefined || next <= i ? i + 1 : next;
    }
    this.carryBackward();
    this.carryForward();
    this.applyTableHeaders();
    this.carryCurrency();
    return this.found
      .map((f) => this.finish(f))
      .sort((a, b) => a.start - b.start || a.end - b.end);
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
    // Signs: −2,4 %, -3, +1,5 %, and a sign set apart by a space (- 7,8 %).
    const signTok = tokens[j];
    const spacedSign = signTok !== undefined && tokens[j + 1]?.kind === "space" && tokens[j + 1]!.breaks === 0 && tokens[j + 1]!.text.length === 1 && tokens[j + 2]?.kind === "num";
    if (signTok && signTok.kind === "sym" && (signTok.norm === "-" || signTok.text === "+") && (tokens[j + 1]?.kind === "num" || spacedSign)) {
      const p = tokens[j - 1];
      const pp = tokens[j - 2];
      const glued = p !== undefined && (p.kind === "num" || p.kind === "word");
      const afterNumber = p?.kind === "space" && p.breaks === 0 && pp?.kind === "num";
      if (glued || afterNumber) return undefined;
      if (spacedSign) {
        // A dash at the start of a line is a list bullet, unless the line is a table cell (- 14,7 |).
        const lineStart = p === undefined || (p.kind === "space" && p.breaks > 0);
        const before = this.prev(j);
        if (before >= 0 && (tokens[before]!.kind === "num" || tokens[before]!.norm === "%") && !lineStart) return undefined;
        if (lineStart && !this.onlyCellAfter(j + 2)) return undefined;
        if (!lineStart && p?.kind === "space" && before >= 0 && tokens[before]!.kind === "word" && tokens[before]!.text[0] !== tokens[before]!.text[0]!.toLowerCase() && tokens[before - 1]?.kind !== "space") return undefined;
      }
      negative = signTok.norm === "-";
      j += spacedSign ? 2 : 1;
    }
    // Accounting negatives: (2,4) %.
    if (signTok && signTok.text === "(" && !currency && tokens[j + 1]?.kind === "num") {
      const n = this.readNumber(j + 1);
      if (n && tokens[n.last + 1]?.text === ")") {
        const after = this.next(n.last + 1);
        const unit = this.matchAny(after, UNITS.filter((u) => u.unit === "percent" || u.unit === "percentage-point")) ?? this.matchAny(after, CURRENCIES);
        const scale = this.matchAny(after, SCALES);
        // (17) | in a table: an accounting negative cell.
        const cell = after >= 0 && tokens[after]!.text === "|";
        if (unit || scale || cell) {
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
    let dotDecimal = false;
    if (t.kind === "num") {
      if (this.attachedBefore(j) && !currency) return undefined;
      read = this.readNumber(j);
      if (!read) return undefined;
      if (read.tooLong) return read.last + 1;
      mantissa = read.value;
      last = read.last;
      if (read.dotAsDecimal !== undefined && this.dotDecimalReading(read.last)) {
        mantissa = read.dotAsDecimal;
        dotDecimal = true;
      }
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
    // un milliard et demi, 2 millions et demi: a half of the scale word.
    if (scaled && Number.isInteger(mantissa)) {
      const et = this.next(last);
      const demi = this.next(et);
      if (this.isWord(et, "et") && this.isWord(demi, "demi", "demie") && tokens[demi + 1]?.norm !== "-") {
        mantissa += mantissa < 0 ? -0.5 : 0.5;
        last = demi;
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
      // les neuf premiers mois, les trois dernières années
      if (this.isWord(u, "premiers", "premières", "derniers", "dernières", "prochains", "prochaines") && this.matchAny(this.next(u), UNITS)?.phrase.duration) u = this.next(u);
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
          // au 16, rue de la Loi: a street number.
          if (tokens[last + 1]?.text === "," && STREET_WORDS.has(this.norm(this.next(last + 1)))) {
            f.unit = "label";
            f.value = mantissa;
            return this.add(f);
          }
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
      // 1,6 million d’une garantie: the amount stands alone before "de" and a determiner.
      const de = this.afterDe(this.next(last));
      // 310 millions d’économies: a noun of money takes the currency as the amount alone would.
      // 5 millions financeront…: French counts a noun after million or milliard only through "de", so
      // any other word after them is not what the number counts (mille, an adjective, takes its noun directly).
      const scaleWord = scaled !== undefined && scaled.phrase.exp >= 6 && /^milli/i.test(scaled.phrase.raw.join(""));
      f.openEnded = this.openEnded(last) || (scaled !== undefined && (this.isWord(de, "un", "une", "le", "la", "les", "l", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs") || this.isMoneyNoun(de))) || (scaleWord && de < 0 && this.tokens[this.next(last)]?.kind === "word");
    }
    if (dotDecimal) f.dotDecimal = true;
    if (!fraction) {
      const bound = this.bound(f.start, f.end);
      if (bound) f.bound = bound;
    }
    if (this.hedged(f.start, f.end)) f.approx = true;
    return this.add(f);
  }

  /** Whether token `i` is a noun of money (`économies`, `investissements`) as a whole word, not the start of a longer one. */
  private isMoneyNoun(i: number): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === "word" && MONEY_NOUNS.has(t.norm) && this.tokens[i + 1]?.text !== "-";
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
    // Le chiffre d’affaires 2023 du Groupe, le budget de l’Etat 2006 que…
    if (this.isWord(this.next(i), "du", "de", "des", "d", "que", "qu")) return true;
    return this.openEnded(i) || this.tokens[this.next(i)]?.kind !== "word";
  }

  /** The rest of the line after a number is a table cell: a unit, a bar, nothing else (`- 14,7 |`). */
  private onlyCellAfter(i: number): boolean {
    for (let k = i + 1; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      if (t.kind === "space") {
        if (t.breaks > 0) return true;
        continue;
      }
      if (t.text === "|") return true;
      if (t.kind === "word" && !this.matchAny(k, UNITS) && !this.matchAny(k, CURRENCIES) && !this.matchAny(k, SCALES)) return false;
    }
    return true;
  }

  /**
   * Whether `1.284` before the token after `last` reads with a decimal point: before
   * `milliards` (1 284 milliards is not a plausible amount), or in a text that writes
   * its decimals with a point and never with a comma (English formatting).
   */
  private dotDecimalReading(last: number): boolean {
    const scale = this.matchAny(this.next(last), SCALES);
    if (scale && scale.phrase.exp >= 9) return true;
    this.englishFormatting ??= /(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])/.test(this.text) && !/\d,\d/.test(this.text);
    return this.englishFormatting;
  }

  private englishFormatting: boolean | undefined;

  private bound(start: number, end: number): Found["bound"] {
    const before = this.text
      .slice(Math.max(0, start - 40), start)
      .toLowerCase()
      .replace(/[\u2019\u02bc]/g, "'")
      .replace(/[\s\u00a0\u202f]+/g, " ");
    for (const [pattern, bound] of BOUND_BEFORE) if (pattern.test(before)) return bound;
    const after = this.text.slice(end, end + 20).toLowerCase();
    for (const [pattern, bound] of BOUND_AFTER) if (pattern.test(after)) return bound;
    return undefined;
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
      if (b.unit === "date" && f.unit === "date" && typeof b.value === "string" && typeof f.value === "string" && b.value.startsWith("--") && /^\d{4}/.test(f.value) && this.onlyConnectorBetween(b.last, f.first, ["au", "à", "a", "et", "-"])) {
        // du 1er octobre au 31 décembre 2023: the first day takes the year of the second.
        const year = Number(f.value.slice(0, 4)) - (b.value.slice(2) > f.value.slice(5) ? 1 : 0);
        b.value = `${year}${b.value.slice(1)}`;
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
   * Table headers (`(En millions d’euros)`, `Compte de résultat - en M€ |`, `Résultat par action (en €) |`):
   * the bare cells below take their currency and scale, up to the first line of prose.
   */
  private applyTableHeaders(): void {
    const tokens = this.tokens;
    const headers: Array<{ at: number; currency: string; exp: number }> = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!this.isWord(i, "en")) continue;
      const p = this.prev(i);
      const pt = tokens[p];
      const opens = p < 0 || tokens[i - 1]?.kind === "space" && tokens[i - 1]!.breaks > 0 || (pt !== undefined && ["(", "-", "|", ":", "["].includes(pt.norm));
      if (!opens) continue;
      const k = this.next(i);
      let currency: string | undefined;
      let exp = 0;
      let last = -1;
      const scale = this.matchAny(k, SCALES);
      if (scale?.phrase.currency) {
        currency = scale.phrase.currency;
        exp = scale.phrase.exp;
        last = scale.last;
      } else if (scale) {
        const c = this.matchAny(this.afterDe(this.next(scale.last)), CURRENCIES) ?? this.matchAny(this.next(scale.last), CURRENCIES);
        if (c) {
          currency = c.phrase.unit;
          exp = scale.phrase.exp;
          last = c.last;
        }
      } else {
        const c = this.matchAny(k, CURRENCIES);
        if (c && !c.phrase.needsScale) {
          currency = c.phrase.unit;
          last = c.last;
        }
      }
      if (!currency) continue;
      const after = tokens[this.next(last)];
      const closes = after === undefined || this.next(last) < 0 || [")", "|", "]"].includes(after.norm) || (tokens[last + 1]?.kind === "space" && tokens[last + 1]!.breaks > 0);
      if (closes) headers.push({ at: i, currency, exp });
    }
    if (headers.length === 0) return;
    let h = -1;
    let header: (typeof headers)[number] | undefined;
    // A sentence of prose ends with a full stop or a colon and holds no table bar.
    const ends = new Map<number, string>();
    const bars = new Set<number>();
    for (const t of tokens) {
      if (t.kind === "space") continue;
      ends.set(t.sentence, t.text);
      if (t.text === "|") bars.add(t.sentence);
    }
    const prose = (sentence: number) => (ends.get(sentence) === "." || ends.get(sentence) === ":") && !bars.has(sentence);
    let lastSentence = -1;
    for (const f of this.found) {
      while (h + 1 < headers.length && headers[h + 1]!.at < f.first) {
        h++;
        header = headers[h];
        lastSentence = tokens[header!.at]!.sentence;
      }
      if (!header) continue;
      const sentence = tokens[f.first]!.sentence;
      for (let s = lastSentence + 1; s <= sentence && header; s++) if (prose(s)) header = undefined;
      lastSentence = sentence;
      if (!header) continue;
      if (!(f.bare && f.digits && f.unit === "count" && f.mantissa !== undefined)) continue;
      const n = this.next(f.last);
      const nt = tokens[n];
      const cell = n < 0 || nt === undefined || nt.kind === "num" || ["|", "+", "-", "(", "·"].includes(nt.norm) || (tokens[f.last + 1]?.kind === "space" && tokens[f.last + 1]!.breaks > 0);
      if (!cell) continue;
      f.unit = header.currency;
      f.exp = header.exp;
      f.bare = false;
      const at = tokens[header.at]!;
      f.currencySource = at.sentence === sentence ? "sentence" : at.paragraph === tokens[f.first]!.paragraph ? "paragraph" : "article";
    }
  }

  /**
   * An amount with a scale but no currency (`44,5 millions`, `dont 5 millions`) takes the currency
   * the text names elsewhere: the nearest in the same sentence, else the last one of the paragraph,
   * else the article's, when the article names only one.
   */
  private carryCurrency(): void {
    const isCurrency = (unit: string) => /^[A-Z]{3}$/.test(unit);
    const articleCurrencies = new Set(this.found.filter((f) => isCurrency(f.unit) && !f.currencySource).map((f) => f.unit));
    const article = articleCurrencies.size === 1 ? [...articleCurrencies][0] : undefined;
    const explicit = this.found.map((f) => (isCurrency(f.unit) && !f.currencySource ? f.unit : undefined));
    const sentenceOf = (n: number) => this.tokens[this.found[n]!.first]!.sentence;
    const paragraphOf = (n: number) => this.tokens[this.found[n]!.first]!.paragraph;
    // For each figure: the index of the nearest explicit currency before it in its sentence, after it
    // in its sentence, and before it in its paragraph (two linear passes).
    const before: number[] = [];
    const after: number[] = [];
    const inParagraph: number[] = [];
    let lastSentence = -1;
    let lastParagraph = -1;
    this.found.forEach((_, n) => {
      const prevN = n - 1;
      before[n] = prevN >= 0 && sentenceOf(prevN) === sentenceOf(n) ? (explicit[prevN] ? prevN : before[prevN]!) : -1;
      inParagraph[n] = prevN >= 0 && paragraphOf(prevN) === paragraphOf(n) ? (explicit[prevN] ? prevN : inParagraph[prevN]!) : -1;
      lastSentence = sentenceOf(n);
      lastParagraph = paragraphOf(n);
    });
    for (let n = this.found.length - 1; n >= 0; n--) {
      const nextN = n + 1;
      after[n] = nextN < this.found.length && sentenceOf(nextN) === sentenceOf(n) ? (explicit[nextN] ? nextN : after[nextN]!) : -1;
    }
    void lastSentence;
    void lastParagraph;
    this.found.forEach((f, n) => {
      if (!(f.scaledOnly && f.unit === "count" && f.openEnded)) return;
      const b = before[n]!;
      const a = after[n]!;
      const nearest = b < 0 ? a : a < 0 ? b : n - b <= a - n ? b : a;
      if (nearest >= 0) {
        f.unit = explicit[nearest]!;
        f.currencySource = "sentence";
      } else if (inParagraph[n]! >= 0) {
        f.unit = explicit[inParagraph[n]!]!;
        f.currencySource = "paragraph";
      } else if (article) {
        f.unit = article;
        f.currencySource = "article";
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
    if (f.bound) figure.bound = f.bound;
    if (f.currencySource) figure.currencySource = f.currencySource;
    return figure;
  }
}
