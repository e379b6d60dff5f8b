/**
 * The figure reader: the verifier's independent oracle. It finds every figure in a rendered brief
 * (amounts, percentages, dates, years, plain numbers) and reads it back to an exact value, noting
 * every departure from the locale conventions (LOCALE-CONVENTIONS.md, beside the project) as a problem.
 *
 * Deliberately self-contained: plain string and regex code, no locale-aware built-in and no import
 * from the project, so that a formatting bug elsewhere can never be mirrored here.
 */

/** The three brief locales the reader understands. */
export type ReaderLocale = "fr" | "nl" | "en";

/** What kind of figure was read. */
export type FigureUnit =
  | "EUR"
  | "percent"
  | "percentage-point"
  | "count"
  | "year"
  | "year-range"
  | "month"
  | "date";

/** One figure found in a text. */
export interface ReadFigure {
  /** exact span of the input */
  text: string;
  /** UTF-16 offset of the first character of the span in the input */
  start: number;
  /** UTF-16 offset just after the span (end exclusive) */
  end: number;
  /** what the figure measures */
  unit: FigureUnit;
  /** EUR/count/percent/percentage-point: a number in base units (1,2 milliard d’euros → 1200000000; 40 % → 40);
   *  year: the year number; year-range: [from, to]; month: "YYYY-MM"; date: "YYYY-MM-DD" */
  value: number | [number, number] | string;
  /** for numeric units: the value of one unit of the last digit shown, in base units
   *  ("1,2 milliard" → 100000000; "544,7 millions" → 100000; "1 232 726 898" → 1). Absent for dates, years. */
  step?: number;
  /** true when a hedge word (près de, ongeveer, about, …) immediately precedes the figure; absent otherwise */
  approx?: boolean;
  /** house-style violations found in this figure (empty when it is written exactly as the conventions say) */
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Locale data: the only place where French, Dutch and English differ.

type Spacing = "required" | "none" | "nbsp" | "either";

/** A word looked for next to a number: scale word, currency word, percent or point unit. */
interface Word {
  w: string; // exact, case-sensitive spelling
  exp?: number; // scale words: power of ten
  euro?: boolean; // the word contains the currency (M€)
  adj?: boolean; // scale word followed by the plain-number currency (mille euros, not mille d’euros)
  agree?: { sg: string; pl: string }; // French agreement: singular below 2, plural from 2
  space?: Spacing; // what must separate it from the number (default: some space)
  needsPrefix?: boolean; // only read after a leading € (en "m", so that "100m" stays a length)
  problem?: string; // the spelling itself breaks house style
}

interface LocaleData {
  decimal: "," | ".";
  group: string; // house thousands separator
  groupName: string;
  scales: Word[];
  euroAfterScale: Word[];
  euroAfterNumber: Word[];
  euroBefore: Word[]; // leading currency (€1.2 billion)
  percent: Word[];
  points: Word[];
  months: string[][]; // per month: canonical spelling first, then tolerated misspellings
  hedges: string[];
  firstDay?: string; // fr "1er"
}

const w = (s: string, o: Omit<Word, "w"> = {}): Word => ({ w: s, ...o });
const AG = (sg: string) => ({ sg, pl: `${sg}s` });
const FR_ABBR = "scale word must be written out in fr";
const NL_ABBR = "scale word must be written out in nl";
const NL_PL = "scale word never takes a plural in nl";
const EN_S = "scale word never takes an s in en";
const EN_LEAD = "currency must be written as a leading € in en";

const LOCALES: Record<ReaderLocale, LocaleData> = {
  fr: {
    decimal: ",",
    group: "\u202F",
    groupName: "a narrow no-break space (U+202F)",
    scales: [
      ...["milliard", "million", "billion"].flatMap((sg, k) => {
        const exp = [9, 6, 12][k] ?? 0;
        return [w(sg, { exp, agree: AG(sg) }), w(`${sg}s`, { exp, agree: AG(sg) })];
      }),
      w("mille", { exp: 3, adj: true }),
      w("Md€", { exp: 9, euro: true, space: "either", problem: `${FR_ABBR}: milliard d’euros` }),
      w("M€", { exp: 6, euro: true, space: "either", problem: `${FR_ABBR}: millions d’euros` }),
      w("Mds", { exp: 9, problem: `${FR_ABBR}: milliards` }),
      w("Md", { exp: 9, problem: `${FR_ABBR}: milliard` }),
    ],
    euroAfterScale: [
      w("d’euros"),
      w("d'euros", { problem: "apostrophe must be ’ (U+2019) in fr: d’euros" }),
      w("euros", { problem: "after a scale word the currency must be d’euros in fr" }),
      w("€", { space: "either", problem: "currency must be written d’euros in fr" }),
    ],
    euroAfterNumber: [
      w("euros", { agree: AG("euro") }),
      w("euro", { agree: AG("euro") }),
      w("d’euros", { problem: "after a plain number the currency must be euros in fr" }),
      w("€", { space: "either", problem: "currency must be written euros in fr" }),
    ],
    euroBefore: [
      w("€", { space: "either", problem: "currency must follow the number in fr" }),
      w("EUR", { problem: "currency must follow the number in fr" }),
    ],
    percent: [w("%", { space: "nbsp" }), w("pour cent")],
    points: [w("points de pourcentage", { agree: { sg: "point de pourcentage", pl: "points de pourcentage" } }),
      w("point de pourcentage", { agree: { sg: "point de pourcentage", pl: "points de pourcentage" } })],
    months: [["janvier"], ["février", "fevrier"], ["mars"], ["avril"], ["mai"], ["juin"], ["juillet"],
      ["août", "aout"], ["septembre"], ["octobre"], ["novembre"], ["décembre", "decembre"]],
    hedges: ["près de", "environ", "quelque", "plus de", "moins de"],
    firstDay: "er",
  },
  nl: {
    decimal: ",",
    group: ".",
    groupName: "a dot",
    scales: [
      w("miljard", { exp: 9 }), w("miljoen", { exp: 6 }), w("duizend", { exp: 3, adj: true }),
      w("biljoen", { exp: 12 }),
      w("miljarden", { exp: 9, problem: `${NL_PL}: miljard` }),
      w("miljoenen", { exp: 6, problem: `${NL_PL}: miljoen` }),
      w("mld.", { exp: 9, problem: `${NL_ABBR}: miljard` }), w("mld", { exp: 9, problem: `${NL_ABBR}: miljard` }),
      w("mln.", { exp: 6, problem: `${NL_ABBR}: miljoen` }), w("mln", { exp: 6, problem: `${NL_ABBR}: miljoen` }),
    ],
    euroAfterScale: [], // same as after a number, filled in below
    euroAfterNumber: [
      w("euro"),
      w("euros", { problem: "euro never takes an s in nl" }),
      w("€", { space: "either", problem: "currency must be written euro in nl" }),
    ],
    euroBefore: [
      w("€", { space: "either", problem: "currency must follow the number in nl: euro" }),
      w("EUR", { problem: "currency must follow the number in nl: euro" }),
    ],
    percent: [w("%", { space: "none" }), w("procent")],
    points: [w("procentpunt"), w("procentpunten")],
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december"].map((m) => [m]),
    hedges: ["bijna", "ongeveer", "zo'n", "zo’n", "meer dan", "minder dan"],
  },
  en: {
    decimal: ".",
    group: ",",
    groupName: "a comma",
    scales: [
      ...["billion", "million", "thousand", "trillion"].flatMap((s, k) => {
        const exp = [9, 6, 3, 12][k] ?? 0;
        return [w(s, { exp }), w(`${s}s`, { exp, problem: `${EN_S}: ${s}` })];
      }),
      w("bn", { exp: 9, space: "either", problem: "scale word must be written out in en: billion" }),
      w("m", { exp: 6, space: "either", needsPrefix: true, problem: "scale word must be written out in en: million" }),
    ],
    euroAfterScale: [],
    euroAfterNumber: [w("euros", { problem: EN_LEAD }), w("euro", { problem: EN_LEAD })],
    euroBefore: [w("€", { space: "none" }), w("EUR", { problem: EN_LEAD })],
    percent: [w("%", { space: "none" }), w("per cent"), w("percent", { problem: "write per cent or % in en" })],
    points: [w("percentage points"), w("percentage point")],
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"].map((m) => [m.toLowerCase()]),
    hedges: ["nearly", "about", "some", "more than", "less than"],
  },
};
LOCALES.nl.euroAfterScale = LOCALES.nl.euroAfterNumber;
LOCALES.en.euroAfterScale = LOCALES.en.euroAfterNumber;
for (const L of Object.values(LOCALES)) {
  // Longest spelling first, so that "millions" wins over "million" and "mld." over "mld".
  for (const list of [L.scales, L.euroAfterScale, L.euroAfterNumber, L.euroBefore, L.percent, L.points]) {
    list.sort((a, b) => b.w.length - a.w.length);
  }
}

// ---------------------------------------------------------------------------------------------
// Character helpers

const SPACES = " \u00A0\u202F\t\n";
const NBSPS = "\u00A0\u202F";
const GROUP_CHARS = ",. \u00A0\u202F"; // read as thousands separators (only the locale's own is house style)
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== "" && SPACES.includes(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
const runEnd = (t: string, i: number, test: (c: string | undefined) => boolean): number => {
  while (i < t.length && test(t[i])) i++;
  return i;
};
/** Exactly three digits at q, not followed by a fourth. */
const isGroup = (t: string, q: number): boolean =>
  isDigit(t[q]) && isDigit(t[q + 1]) && isDigit(t[q + 2]) && !isDigit(t[q + 3]);

// ---------------------------------------------------------------------------------------------
// Numbers

interface Num {
  end: number;
  digits: string; // all digits shown, integer part and decimals
  decimals: number;
  grouped: boolean;
  problems: string[];
}

/** Reads digits, thousands groups and decimals starting at i, the most plausible way. */
function readNumber(t: string, i: number, L: LocaleData, loc: ReaderLocale, plain: boolean): Num {
  let p = runEnd(t, i, isDigit);
  let digits = t.slice(i, p);
  const problems: string[] = [];
  let grouped = false;
  const sep = plain ? undefined : t[p];
  // A separator is a thousands separator only before exactly three digits, after a leading group of
  // at most three. The locale's decimal sign counts as one only when it repeats (1,232,726 in fr).
  if (sep !== undefined && sep !== "" && GROUP_CHARS.includes(sep) && digits.length <= 3) {
    let n = 0;
    while (t[p + 4 * n] === sep && isGroup(t, p + 4 * n + 1)) n++;
    if (n > 0 && (sep !== L.decimal || n >= 2)) {
      for (let k = 0; k < n; k++) digits += t.slice(p + 4 * k + 1, p + 4 * k + 4);
      p += 4 * n;
      grouped = true;
      if (sep !== L.group) problems.push(`thousands separator must be ${L.groupName} in ${loc}`);
      if (",.".includes(sep) && t[p] === sep && isDigit(t[p + 1])) {
        // 1,232,726,89: a mistyped last group is kept in the number, so a dropped digit shows.
        const e = runEnd(t, p + 1, isDigit);
        digits += t.slice(p + 1, e);
        p = e;
        problems.push("a digit group must have exactly 3 digits");
      }
    }
  }
  const intLength = digits.length;
  let decimals = 0;
  const d = t[p];
  if (!plain && d !== undefined && ",.".includes(d) && isDigit(t[p + 1]) && !(grouped && d === sep)) {
    const e = runEnd(t, p + 1, isDigit);
    digits += t.slice(p + 1, e);
    decimals = e - p - 1;
    p = e;
    if (d !== L.decimal) problems.push(`decimal separator must be ${d === "." ? "a comma" : "a point"} in ${loc}`);
  }
  if (!grouped && intLength >= 5) problems.push(`thousands must be grouped with ${L.groupName} in ${loc}`);
  return { end: p, digits, decimals, grouped, problems };
}

/** mantissa × 10^(exp − decimals), exactly when it is an integer. */
function scaled(digits: string, decimals: number, exp: number): { value: number; step: number } {
  const e = exp - decimals;
  if (e >= 0) {
    const f = 10n ** BigInt(e);
    return { value: Number(BigInt(digits) * f), step: Number(f) };
  }
  const f = 10 ** -e;
  return { value: Number(digits) / f, step: 1 / f };
}

/** Is digits/10^decimals × 10^exp below 2 (French singular)? */
const below2 = (digits: string, decimals: number, exp = 0): boolean =>
  BigInt(digits) * 10n ** BigInt(exp) < 2n * 10n ** BigInt(decimals);

// ---------------------------------------------------------------------------------------------
// Words around numbers

interface Hit {
  word: Word;
  start: number;
  end: number;
  problems: string[];
}

function spacingProblems(word: Word, gap: string, loc: ReaderLocale, side: "before" | "after"): string[] {
  switch (word.space ?? "required") {
    case "required":
      return gap ? [] : [`a space is missing ${side} ${word.w}`];
    case "none":
      return gap ? [`no space ${side} ${word.w} in ${loc}`] : [];
    case "nbsp":
      return gap !== "" && NBSPS.includes(gap) ? [] : [`a no-break space must precede ${word.w} in ${loc}`];
    case "either":
      return [];
  }
}

/** The first of `words` found at p, after at most one space character. */
function wordAfter(t: string, p: number, words: Word[], loc: ReaderLocale, hasPrefix: boolean): Hit | null {
  const gap = isSpace(t[p]) ? (t[p] ?? "") : "";
  const q = p + gap.length;
  for (const word of words) {
    if (!t.startsWith(word.w, q) || (word.needsPrefix === true && !hasPrefix)) continue;
    const end = q + word.w.length;
    if (isWordChar(word.w[word.w.length - 1]) && isWordChar(t[end])) continue;
    const problems = [...(word.problem ? [word.problem] : []), ...spacingProblems(word, gap, loc, "before")];
    return { word, start: q, end, problems };
  }
  return null;
}

/** A leading currency (€, EUR) ending just before the number at i, not before `floor`. */
function wordBefore(t: string, i: number, L: LocaleData, loc: ReaderLocale, floor: number): Hit | null {
  const gap = isSpace(t[i - 1]) ? (t[i - 1] ?? "") : "";
  for (const word of L.euroBefore) {
    const s = i - gap.length - word.w.length;
    if (s < floor || !t.startsWith(word.w, s) || isWordChar(t[s - 1])) continue;
    const problems = [...(word.problem ? [word.problem] : []), ...spacingProblems(word, gap, loc, "after")];
    return { word, start: s, end: i, problems };
  }
  return null;
}

/** True when a hedge word and one space character come right before `start`. */
function hedged(t: string, start: number, L: LocaleData): boolean {
  if (!isSpace(t[start - 1])) return false;
  const before = t.slice(Math.max(0, start - 16), start - 1).toLowerCase();
  return L.hedges.some((h) => before.endsWith(h) && !isWordChar(before[before.length - h.length - 1]));
}

function agreement(word: Word, singular: boolean, label: string): string[] {
  const a = word.agree;
  if (!a) return [];
  if (singular && word.w !== a.sg) return [`${label} must be singular below 2: ${a.sg}`];
  if (!singular && word.w !== a.pl) return [`${label} must be plural from 2: ${a.pl}`];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Figure readers. Each returns a figure starting at i (or just before, for a leading €), or null.

type Reader = (t: string, i: number, L: LocaleData, loc: ReaderLocale, floor: number, plain?: boolean) => ReadFigure | null;

const figure = (t: string, start: number, end: number, unit: FigureUnit, value: ReadFigure["value"],
  problems: string[], step?: number): ReadFigure =>
  step === undefined ? { text: t.slice(start, end), start, end, unit, value, problems }
    : { text: t.slice(start, end), start, end, unit, value, step, problems };

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const dateProblems = (y: number, m: number, d: number): string[] =>
  d >= 1 && d <= daysIn(y, m) ? [] : [`no such date: ${y}-${pad(m)}-${pad(d)}`];

const ISO = /(\d{4})-(\d{2})-(\d{2})(?!\d)/y;
const RANGE = /(\d{4})[-\u2013](\d{4})(?![\p{L}\p{N}])/uy;
const DATE = /(\d{1,2})(\p{L}*)[ \u00A0\u202F](\p{L}+)[ \u00A0\u202F](\d{4})(?![\p{L}\p{N}])/uy;
const ORDINALS = ["er", "e", "ste", "de", "st", "nd", "rd", "th"]; // read in dates, only fr 1er is house style
const MONTH_YEAR = /(\p{L}+)[ \u00A0\u202F](\d{4})(?![\p{L}\p{N}])/uy;

function sticky(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

/** Month number (1–12) of a month name, with spelling and capitalisation problems. */
function month(t: string, at: number, name: string, L: LocaleData, loc: ReaderLocale, sentenceStartOk: boolean) {
  const lower = name.toLowerCase();
  const m = L.months.findIndex((names) => names.includes(lower));
  const names = L.months[m];
  if (!names) return null;
  const canonical = names[0] ?? lower;
  const capital = canonical.charAt(0).toUpperCase() + canonical.slice(1);
  const problems: string[] = [];
  if (lower !== canonical) problems.push(`month name must be spelled ${canonical} in ${loc}`);
  else if (loc === "en" && name !== capital) problems.push(`month name must be capitalised in en: ${capital}`);
  else if (loc !== "en" && name !== lower) {
    const sentenceStart = at === 0 || t.slice(at - 2, at) === ". " || t[at - 1] === "\n";
    if (!(sentenceStartOk && sentenceStart && name === capital)) {
      problems.push(`month name must be lower case in ${loc}: ${canonical}`);
    }
  }
  return { m: m + 1, problems };
}

const readIso: Reader = (t, i) => {
  const r = sticky(ISO, t, i);
  const [y, m, d] = [Number(r?.[1]), Number(r?.[2]), Number(r?.[3])];
  if (!r || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return figure(t, i, i + r[0].length, "date", r[0], dateProblems(y, m, d));
};

const readRange: Reader = (t, i) => {
  const r = sticky(RANGE, t, i);
  const [a, b] = [Number(r?.[1]), Number(r?.[2])];
  if (!r || a < 1000 || a > 2999 || b < 1000 || b > 2999) return null;
  return figure(t, i, i + r[0].length, "year-range", [a, b], a < b ? [] : ["year range must go forward"]);
};

const readDate: Reader = (t, i, L, loc) => {
  const r = sticky(DATE, t, i);
  if (!r) return null;
  const [, day = "", suffix = "", name = "", year = ""] = r;
  const d = Number(day);
  if (suffix !== "" && !ORDINALS.includes(suffix)) return null;
  const mo = month(t, i + day.length + suffix.length + 1, name, L, loc, false);
  if (!mo) return null;
  const y = Number(year);
  const problems = [...mo.problems, ...dateProblems(y, mo.m, d)];
  const wanted = L.firstDay !== undefined && d === 1 ? L.firstDay : "";
  if (suffix !== wanted) {
    problems.push(wanted ? `the first day of the month must be written 1${wanted} in ${loc}`
      : `the day must be written without an ordinal suffix in ${loc}`);
  }
  return figure(t, i, i + r[0].length, "date", `${year}-${pad(mo.m)}-${pad(d)}`, problems);
};

const readMonthYear: Reader = (t, i, L, loc) => {
  const r = sticky(MONTH_YEAR, t, i);
  const mo = r && month(t, i, r[1] ?? "", L, loc, true);
  if (!r || !mo) return null;
  return figure(t, i, i + r[0].length, "month", `${r[2]}-${pad(mo.m)}`, mo.problems);
};

/** Amounts, percentages, percentage points, plain numbers and standalone years. */
const readAmount: Reader = (t, i, L, loc, floor, plain = false): ReadFigure | null => {
  const num = readNumber(t, i, L, loc, plain);
  const problems = [...num.problems];
  const prefix = wordBefore(t, i, L, loc, floor);
  const start = prefix?.start ?? i;
  if (prefix) problems.push(...prefix.problems);
  let unit: FigureUnit = prefix ? "EUR" : "count";
  let end = num.end;
  let exp = 0;
  const take = (hit: Hit | null, label: string, singular: boolean): Hit | null => {
    if (hit) {
      problems.push(...hit.problems, ...agreement(hit.word, singular, label));
      end = hit.end;
    }
    return hit;
  };
  const scale = take(wordAfter(t, end, L.scales, loc, prefix !== null), "scale word", below2(num.digits, num.decimals));
  if (scale) {
    exp = scale.word.exp ?? 0;
    if (scale.word.euro) unit = "EUR";
  }
  if (unit !== "EUR") {
    const list = scale && !scale.word.adj ? L.euroAfterScale : L.euroAfterNumber;
    const single = below2(num.digits, num.decimals, exp);
    if (take(wordAfter(t, end, list, loc, false), "currency word", single)) unit = "EUR";
  }
  if (unit === "count" && !scale) {
    const single = below2(num.digits, num.decimals);
    if (take(wordAfter(t, end, L.points, loc, false), "unit", single)) unit = "percentage-point";
    else if (take(wordAfter(t, end, L.percent, loc, false), "unit", single)) unit = "percent";
  }
  if (end === num.end && !prefix && isWordChar(t[end])) {
    // Glued to letters (4K, 3e): skipped. In "1 232K" only the last digit run is glued; read "1" alone.
    return plain || num.end === runEnd(t, i, isDigit) ? null : readAmount(t, i, L, loc, floor, true);
  }
  const { value, step } = scaled(num.digits, num.decimals, exp);
  const bare = end === num.end && !prefix && !num.grouped && num.decimals === 0 && num.digits.length === 4;
  if (bare && value >= 1900 && value <= 2100 && !hedged(t, start, L)) {
    return figure(t, start, end, "year", value, problems);
  }
  return figure(t, start, end, unit, value, problems, step);
};

// ---------------------------------------------------------------------------------------------

/**
 * Reads every figure in `text`, written in `locale`, sorted by start offset and never overlapping.
 *
 * Every standalone number comes back as some figure (at worst a `count`), so that no added or changed
 * digit goes unnoticed. Not read: digits glued to letters (G7, H2O, 4K, 3e) and anything inside an
 * http(s) URL. Figures written against house style are still read, the most plausible way, and carry
 * `problems`.
 */
export function readFigures(text: string, locale: ReaderLocale): ReadFigure[] {
  const L = LOCALES[locale];
  const out: ReadFigure[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith("http://", i) || text.startsWith("https://", i)) {
      i = runEnd(text, i, (ch) => ch !== undefined && !isSpace(ch) && !")]>\"'«»<".includes(ch));
      continue;
    }
    const floor = out[out.length - 1]?.end ?? 0;
    let fig: ReadFigure | null = null;
    if (isDigit(c)) {
      for (const read of [readIso, readRange, readDate, readAmount]) {
        fig = read(text, i, L, locale, floor);
        if (fig) break;
      }
    } else if (isWordChar(c)) {
      fig = readMonthYear(text, i, L, locale, floor);
    }
    if (fig) {
      if (hedged(text, fig.start, L)) fig.approx = true;
      out.push(fig);
      i = fig.end;
    } else {
      i = isWordChar(c) ? runEnd(text, i, isWordChar) : i + 1;
    }
  }
  return out;
}
