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

/** The currencies read, by their ISO code. */
export type Currency = "EUR" | "USD" | "GBP" | "CHF";
/** The units of a quantity, by their symbol. */
export type Quantity = "MW" | "GW" | "MWh" | "GWh" | "TWh" | "km" | "t" | "ha";
/** The currencies the reader knows. */
export const CURRENCIES: readonly Currency[] = ["EUR", "USD", "GBP", "CHF"];
/** The quantity units the reader knows. */
export const QUANTITIES: readonly Quantity[] = ["MW", "GW", "MWh", "GWh", "TWh", "km", "t", "ha"];

/** What kind of figure was read: a currency code for money, a unit symbol for a quantity. */
export type FigureUnit =
  | Currency
  | Quantity
  | "percent"
  | "percentage-point"
  | "basis-point"
  | "count"
  | "year"
  | "year-range"
  | "month"
  | "date"
  | "quarter"
  | "half-year"
  | "season"
  | "duration"
  | "fraction";

/** A bound word before a figure (plus de, minstens, up to): not a hedge. */
export type Bound = "more-than" | "at-least" | "less-than" | "up-to";

/** How the sign of a figure's value was shown. */
export interface FigureSign {
  /** a sign character (−, +, or a hyphen used as one), a direction word (en baisse de, up) or a loss word (perte nette de) */
  by: "sign" | "direction" | "loss";
  negative: boolean;
  /** the sign or the words, as written */
  word: string;
}

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
  /** money, count, percent, points, quantities: a signed number in base units (1,2 milliard d’euros → 1200000000;
   *  40 % → 40; en baisse de 2,4 % → −2.4; perte nette de 12 millions d’euros → −12000000);
   *  year: the year number; year-range: [from, to]; month: "YYYY-MM"; date: "YYYY-MM-DD"; quarter: "2024-Q4";
   *  half-year: "2025-H1"; season: "2026-spring", "2026-2027-winter"; duration: ISO 8601 ("P3Y", "PT48H");
   *  fraction: the fraction as a number (deux tiers → 2/3, half → 0.5) */
  value: number | [number, number] | string;
  /** for numeric units: the value of one unit of the last digit shown, in base units
   *  ("1,2 milliard" → 100000000; "544,7 millions" → 100000; "1 232 726 898" → 1). Absent for dates, years. */
  step?: number;
  /** for numeric units: the step of the last digit that states the figure's precision, when it is coarser than
   *  `step`: the trailing zeros of a whole number before a scale word say nothing ("900 millions" → 100000000,
   *  as "0,9 milliard"), nor do those of a whole amount below a million, which has no scale word to be written
   *  with ("900 000 francs" → 100000). Written decimals do ("900,0 millions" states 100000), and so does an
   *  amount of a million or more written in full ("544 700 000 euros" states 1). Absent when it is `step`. */
  significantStep?: number;
  /** true when a hedge word (près de, ongeveer, about, …) immediately precedes the figure; absent otherwise */
  approx?: boolean;
  /** a bound word (plus de, minstens, up to, …) immediately before an amount, count or quantity; absent otherwise */
  bound?: Bound;
  /** how the value's sign was shown; absent for an unsigned figure */
  sign?: FigureSign;
  /** house-style violations found in this figure (empty when it is written exactly as the conventions say) */
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Locale data: the only place where French, Dutch and English differ.

type Spacing = "required" | "none" | "nbsp" | "a0" | "either";

/** A word looked for next to a number: scale word, currency word, percent, point or other unit. */
interface Word {
  w: string; // exact, case-sensitive spelling
  exp?: number; // scale words: power of ten
  cur?: Currency; // the word is, or contains, a currency (M€, d’euros, $)
  qty?: Quantity; // a unit of quantity (mégawatts, km)
  dur?: "Y" | "M" | "W" | "D" | "H"; // a unit of duration (ans, weken, hours)
  adj?: boolean; // scale word followed by the plain-number currency (mille euros, not mille d’euros)
  agree?: { sg: string; pl: string }; // agreement: singular below 2, plural from 2
  space?: Spacing; // what must separate it from the number (default: some space)
  needsPrefix?: boolean; // only read after a leading currency (en "m", so that "100m" stays a length)
  problem?: string; // the spelling itself breaks house style
}

/** Words before a figure that say it rises or falls, or is a loss, matched at the end of the text before it. */
interface Direction {
  re: RegExp; // on the lower-cased text before the figure, ending with the words and their connector
  negative: (words: string) => boolean;
}

/** A period written with words (quarter, half-year, season), read at the start of a word. */
interface Period {
  re: RegExp; // sticky
  read: (m: RegExpExecArray, loc: ReaderLocale) => { unit: FigureUnit; value: string; problems: string[] } | null;
}

interface LocaleData {
  decimal: "," | ".";
  group: string; // house thousands separator
  groupName: string;
  scales: Word[];
  curAfterScale: Word[];
  curAfterNumber: Word[];
  curBefore: Word[]; // leading currency (€1.2 billion, CHF 105.7 million)
  percent: Word[];
  points: Word[];
  basisPoints: Word[];
  quantities: Word[];
  durations: Word[];
  numberWords: string[][]; // one to nine, lower case; the first spelling is the house one
  months: string[][]; // per month: canonical spelling first, then tolerated misspellings
  hedges: string[];
  bounds: [string, Bound][];
  directions: Direction;
  losses: RegExp;
  after: Direction; // direction words after the figure (2,4 procent lager, a 2.4% fall)
  periods: Period[];
  firstDay?: string; // fr "1er"
}

const w = (s: string, o: Omit<Word, "w"> = {}): Word => ({ w: s, ...o });
const AG = (sg: string, pl = `${sg}s`) => ({ sg, pl });
const FR_ABBR = "scale word must be written out in fr";
const NL_ABBR = "scale word must be written out in nl";
const NL_PL = "scale word never takes a plural in nl";
const EN_S = "scale word never takes an s in en";
const EN_LEAD = "currency must be written as a leading € in en";
const HYPHEN = "a sign must be the minus sign − (U+2212), never a hyphen or a dash";

/** Spellings of a unit with French or English agreement. */
const agreeing = (sg: string, pl: string, o: Omit<Word, "w" | "agree">): Word[] => [w(sg, { ...o, agree: AG(sg, pl) }), w(pl, { ...o, agree: AG(sg, pl) })];
/** Unit symbols every locale reads. */
const SYMBOLS: Word[] = [w("MW", { qty: "MW" }), w("GW", { qty: "GW" }), w("MWh", { qty: "MWh" }), w("GWh", { qty: "GWh" }),
  w("TWh", { qty: "TWh" }), w("km", { qty: "km" }), w("ha", { qty: "ha" })];

const ORD4 = { fr: ["premier", "deuxième", "troisième", "quatrième"], nl: ["eerste", "tweede", "derde", "vierde"], en: ["first", "second", "third", "fourth"] };
const SP = "[ \\u00A0]";
const YEAR = "(\\d{4})";
const END = "(?![\\p{L}\\p{N}])";
const re = (source: string): RegExp => new RegExp(source, "iuy");

/** 2026-2027 (fr, nl) or 2026-27 (en): the second year of a winter, with problems. */
function seasonValue(m: RegExpExecArray, name: string, loc: ReaderLocale, missing: string[]) {
  const problems = [...missing];
  const season = SEASON_NAMES[loc].findIndex((names) => names.includes(name.toLowerCase()));
  const names = SEASON_NAMES[loc][season];
  if (!names) return null;
  if (names[0] !== name.toLowerCase()) problems.push(`season must be written ${names[0]} in ${loc}`);
  const key = ["spring", "summer", "autumn", "winter"][season] ?? "";
  const from = Number(m[m.length - 2]);
  const toText = m[m.length - 1];
  if (toText === undefined) return { unit: "season" as const, value: `${from}-${key}`, problems };
  const to = toText.length === 2 ? Math.floor(from / 100) * 100 + Number(toText) + (Number(toText) < from % 100 ? 100 : 0) : Number(toText);
  if (to !== from + 1) problems.push("a season spans at most two following years");
  if (key !== "winter") problems.push("only a winter spans two years");
  if (loc === "en" && toText.length === 4) problems.push(`the second year of a season is written with two digits in en: ${from}-${String(to).slice(2)}`);
  if (loc !== "en" && toText.length === 2) problems.push(`the second year of a season is written in full in ${loc}: ${from}-${to}`);
  return { unit: "season" as const, value: `${from}-${to}-${key}`, problems };
}
const SEASON_NAMES: Record<ReaderLocale, string[][]> = {
  fr: [["printemps"], ["été"], ["automne"], ["hiver"]],
  nl: [["voorjaar", "lente"], ["zomer"], ["najaar", "herfst"], ["winter"]],
  en: [["spring"], ["summer"], ["autumn", "fall"], ["winter"]],
};
const YEARS = `${YEAR}(?:[-\\u2013](\\d{4}|\\d{2}))?${END}`;

/** The periods of a locale: quarter and half-year with ordinal words, the list form (T4 2024, Q4 2024), seasons. */
function periods(loc: ReaderLocale, link: string, quarter: string, half: string, halfOrds: string[], halfProblem?: [string, string]): Period[] {
  const ord = (list: string[], word: string) => list.indexOf(word.toLowerCase());
  const linkProblem = (m: string | undefined, what: string) =>
    loc === "fr" ? (m !== undefined ? [`no “${link}” between ${what} and the year in fr`] : [])
      : m === undefined ? [`${what} takes “${link}” before the year in ${loc}`] : [];
  return [
    {
      re: re(`(${ORD4[loc].join("|")})${SP}${quarter}(?:${SP}(${link}))?${SP}${YEAR}${END}`),
      read: (m) => ({ unit: "quarter", value: `${m[3]}-Q${ord(ORD4[loc], m[1] ?? "") + 1}`, problems: linkProblem(m[2], "the quarter") }),
    },
    {
      re: re(`([TQ])([1-4])${SP}${YEAR}${END}`),
      read: (m) => {
        const want = loc === "fr" ? "T" : "Q";
        const problems = m[1]!.toUpperCase() === want && m[1] === want ? [] : [`a quarter in a list is written ${want}${m[2]} ${m[3]} in ${loc}`];
        return { unit: "quarter", value: `${m[3]}-Q${m[2]}`, problems };
      },
    },
    {
      re: re(`(${halfOrds.join("|")})${SP}(${half}${halfProblem ? `|${halfProblem[0]}` : ""})(?:${SP}(${link}))?${SP}${YEAR}${END}`),
      read: (m) => {
        const k = ord(halfOrds, m[1] ?? "");
        const problems = linkProblem(m[3], "the half-year");
        if (halfProblem && m[2]?.toLowerCase() === halfProblem[0]) problems.push(halfProblem[1]);
        return { unit: "half-year", value: `${m[4]}-H${k === 0 ? 1 : 2}`, problems };
      },
    },
    {
      re: re(`(${SEASON_NAMES[loc].flat().join("|")})(?:${SP}(${link}))?${SP}${YEARS}`),
      read: (m) => seasonValue(m, m[1] ?? "", loc, loc === "en" ? (m[2] !== undefined ? ["no “of” between the season and the year in en"] : []) : linkProblem(m[2], "the season")),
    },
  ];
}

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
      w("Md€", { exp: 9, cur: "EUR", space: "either", problem: `${FR_ABBR}: milliard d’euros` }),
      w("M€", { exp: 6, cur: "EUR", space: "either", problem: `${FR_ABBR}: millions d’euros` }),
      w("Mds", { exp: 9, problem: `${FR_ABBR}: milliards` }),
      w("Md", { exp: 9, problem: `${FR_ABBR}: milliard` }),
    ],
    curAfterScale: [
      w("d’euros", { cur: "EUR" }),
      w("d'euros", { cur: "EUR", problem: "apostrophe must be ’ (U+2019) in fr: d’euros" }),
      w("de euros", { cur: "EUR", problem: "before a vowel the currency must be d’euros in fr" }),
      w("euros", { cur: "EUR", problem: "after a scale word the currency must be d’euros in fr" }),
      w("€", { cur: "EUR", space: "either", problem: "currency must be written d’euros in fr" }),
      w("de dollars", { cur: "USD" }),
      w("dollars", { cur: "USD", problem: "after a scale word the currency must be de dollars in fr" }),
      w("$", { cur: "USD", space: "either", problem: "currency must be written de dollars in fr" }),
      w("de livres sterling", { cur: "GBP" }),
      w("de livres", { cur: "GBP", problem: "currency must be written de livres sterling in fr" }),
      w("£", { cur: "GBP", space: "either", problem: "currency must be written de livres sterling in fr" }),
      w("de francs suisses", { cur: "CHF" }),
      w("de francs", { cur: "CHF" }),
      w("CHF", { cur: "CHF", problem: "currency must be written de francs suisses in fr" }),
    ],
    curAfterNumber: [
      ...agreeing("euro", "euros", { cur: "EUR" }),
      w("d’euros", { cur: "EUR", problem: "after a plain number the currency must be euros in fr" }),
      w("€", { cur: "EUR", space: "either", problem: "currency must be written euros in fr" }),
      ...agreeing("dollar", "dollars", { cur: "USD" }),
      w("$", { cur: "USD", space: "either", problem: "currency must be written dollars in fr" }),
      ...agreeing("livre sterling", "livres sterling", { cur: "GBP" }),
      w("£", { cur: "GBP", space: "either", problem: "currency must be written livres sterling in fr" }),
      ...agreeing("franc suisse", "francs suisses", { cur: "CHF" }),
      ...agreeing("franc", "francs", { cur: "CHF" }),
      w("CHF", { cur: "CHF", problem: "currency must be written francs suisses in fr" }),
    ],
    curBefore: [
      w("€", { cur: "EUR", space: "either", problem: "currency must follow the number in fr" }),
      w("EUR", { cur: "EUR", problem: "currency must follow the number in fr" }),
      ...["$", "US$", "USD"].map((s) => w(s, { cur: "USD", space: "either", problem: "currency must follow the number in fr: dollars" })),
      ...["£", "GBP"].map((s) => w(s, { cur: "GBP", space: "either", problem: "currency must follow the number in fr: livres sterling" })),
      w("CHF", { cur: "CHF", problem: "currency must follow the number in fr: francs suisses" }),
    ],
    percent: [w("%", { space: "nbsp" }), w("pour cent")],
    points: agreeing("point de pourcentage", "points de pourcentage", {}),
    basisPoints: agreeing("point de base", "points de base", {}),
    quantities: [
      ...agreeing("mégawatt", "mégawatts", { qty: "MW" }), ...agreeing("gigawatt", "gigawatts", { qty: "GW" }),
      ...agreeing("mégawattheure", "mégawattheures", { qty: "MWh" }), ...agreeing("gigawattheure", "gigawattheures", { qty: "GWh" }),
      ...agreeing("térawattheure", "térawattheures", { qty: "TWh" }), ...agreeing("kilomètre", "kilomètres", { qty: "km" }),
      ...agreeing("tonne", "tonnes", { qty: "t" }), ...agreeing("hectare", "hectares", { qty: "ha" }), ...SYMBOLS,
    ],
    durations: [...agreeing("an", "ans", { dur: "Y" }), w("mois", { dur: "M" }), ...agreeing("semaine", "semaines", { dur: "W" }),
      ...agreeing("jour", "jours", { dur: "D" }), ...agreeing("heure", "heures", { dur: "H" })],
    numberWords: [["un", "une"], ["deux"], ["trois"], ["quatre"], ["cinq"], ["six"], ["sept"], ["huit"], ["neuf"]],
    months: [["janvier"], ["février", "fevrier"], ["mars"], ["avril"], ["mai"], ["juin"], ["juillet"],
      ["août", "aout"], ["septembre"], ["octobre"], ["novembre"], ["décembre", "decembre"]],
    hedges: ["près de", "environ", "quelque"],
    bounds: [["plus de", "more-than"], ["au moins", "at-least"], ["moins de", "less-than"], ["jusqu’à", "up-to"]],
    directions: {
      // The nouns the briefs use (en hausse de), and the verbs a source's title may use (recule de, a grimpé de).
      re: /(?:^|[^\p{L}\p{N}])((?:en |une |un |la |le )?(?:hausse|baisse|progression|recul|augmentation|diminution|repli|chute) (?:de |d’)|(?:(?:a |ont )?(?:progressé|augmenté|grimpé|bondi|reculé|diminué|baissé|chuté)|progresse|progressent|augmente|augmentent|grimpe|grimpent|bondit|bondissent|recule|reculent|diminue|diminuent|baisse|baissent|chute|chutent)(?: encore| ainsi| [\p{L}]+ment)? (?:de |d’))$/u,
      negative: (words) => /baiss|recul|diminu|repli|chut/.test(words),
    },
    losses: /(?:^|[^\p{L}\p{N}])((?:perte nette|perte|déficit) (?:de |d’|s’élève à |s’élevant à ))$/u,
    after: { re: /^$/u, negative: () => false },
    periods: periods("fr", "de", "trimestre", "semestre", ["premier", "second", "deuxième"]),
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
    curAfterScale: [], // same as after a number, filled in below
    curAfterNumber: [
      w("euro", { cur: "EUR" }),
      w("euros", { cur: "EUR", problem: "euro never takes an s in nl" }),
      w("€", { cur: "EUR", space: "either", problem: "currency must be written euro in nl" }),
      w("dollar", { cur: "USD" }),
      w("dollars", { cur: "USD", problem: "dollar never takes a plural after a number in nl" }),
      w("$", { cur: "USD", space: "either", problem: "currency must be written dollar in nl" }),
      w("pond sterling", { cur: "GBP" }),
      w("pond", { cur: "GBP" }),
      w("ponden", { cur: "GBP", problem: "pond never takes a plural after a number in nl" }),
      w("£", { cur: "GBP", space: "either", problem: "currency must be written pond in nl" }),
      w("Zwitserse frank", { cur: "CHF" }),
      w("Zwitserse franken", { cur: "CHF", problem: "frank never takes a plural after a number in nl" }),
      w("frank", { cur: "CHF", problem: "currency must be written Zwitserse frank in nl" }),
      w("franken", { cur: "CHF", problem: "currency must be written Zwitserse frank in nl" }),
      w("CHF", { cur: "CHF", problem: "currency must be written Zwitserse frank in nl" }),
    ],
    curBefore: [
      w("€", { cur: "EUR", space: "either", problem: "currency must follow the number in nl: euro" }),
      w("EUR", { cur: "EUR", problem: "currency must follow the number in nl: euro" }),
      ...["$", "US$", "USD"].map((s) => w(s, { cur: "USD", space: "either", problem: "currency must follow the number in nl: dollar" })),
      ...["£", "GBP"].map((s) => w(s, { cur: "GBP", space: "either", problem: "currency must follow the number in nl: pond" })),
      w("CHF", { cur: "CHF", problem: "currency must follow the number in nl: Zwitserse frank" }),
    ],
    percent: [w("%", { space: "none" }), w("procent")],
    points: [w("procentpunt"), w("procentpunten")],
    basisPoints: [w("basispunten"), w("basispunt")],
    quantities: [
      w("megawatt", { qty: "MW" }), w("gigawatt", { qty: "GW" }), w("megawattuur", { qty: "MWh" }),
      w("gigawattuur", { qty: "GWh" }), w("terawattuur", { qty: "TWh" }), w("kilometer", { qty: "km" }),
      w("ton", { qty: "t" }), w("hectare", { qty: "ha" }),
      ...[["megawatts", "megawatt", "MW"], ["gigawatts", "gigawatt", "GW"], ["tonnen", "ton", "t"], ["hectares", "hectare", "ha"],
        ["hectaren", "hectare", "ha"]].map(([pl = "", sg = "", q]) => w(pl, { qty: q as Quantity, problem: `a unit never takes a plural after a number in nl: ${sg}` })),
      ...SYMBOLS,
    ],
    durations: [w("jaar", { dur: "Y" }), w("jaren", { dur: "Y", problem: "jaar never takes a plural after a number in nl" }),
      ...agreeing("maand", "maanden", { dur: "M" }), ...agreeing("week", "weken", { dur: "W" }), ...agreeing("dag", "dagen", { dur: "D" }),
      w("uur", { dur: "H" }), w("uren", { dur: "H", problem: "uur never takes a plural after a number in nl" })],
    numberWords: [["één"], ["twee"], ["drie"], ["vier"], ["vijf"], ["zes"], ["zeven"], ["acht"], ["negen"]],
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december"].map((m) => [m]),
    hedges: ["bijna", "ongeveer", "zo’n"],
    bounds: [["meer dan", "more-than"], ["minstens", "at-least"], ["ten minste", "at-least"], ["minder dan", "less-than"], ["tot", "up-to"], ["maximaal", "up-to"]],
    directions: {
      re: /(?:^|[^\p{L}\p{N}])((?:een )?(?:stijging|daling) van |(?:steeg|daalde|stijgt|daalt)(?: [\p{L}’-]+){0,3} met )$/u,
      negative: (words) => /daling|daalde|daalt/.test(words),
    },
    losses: /(?:^|[^\p{L}\p{N}])((?:nettoverlies|verlies|tekort) (?:van |bedraagt |bedroeg ))$/u,
    after: { re: /^[ \u00A0](lager|hoger)(?![\p{L}\p{N}])/u, negative: (words) => words.includes("lager") },
    periods: periods("nl", "van", "kwartaal", "jaarhelft", ["eerste", "tweede"], ["helft", "a half-year is written jaarhelft in nl"]),
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
    curAfterScale: [],
    curAfterNumber: [w("euros", { cur: "EUR", problem: EN_LEAD }), w("euro", { cur: "EUR", problem: EN_LEAD }),
      w("dollars", { cur: "USD", problem: "currency must be written as a leading $ in en" }),
      w("pounds", { cur: "GBP", problem: "currency must be written as a leading £ in en" }),
      w("Swiss francs", { cur: "CHF", problem: "currency must be written as a leading CHF in en" }),
      w("francs", { cur: "CHF", problem: "currency must be written as a leading CHF in en" })],
    curBefore: [w("€", { cur: "EUR", space: "none" }), w("EUR", { cur: "EUR", problem: EN_LEAD }),
      w("$", { cur: "USD", space: "none" }), w("US$", { cur: "USD", space: "none" }),
      w("USD", { cur: "USD", problem: "currency must be written as a leading $ in en" }),
      w("£", { cur: "GBP", space: "none" }), w("GBP", { cur: "GBP", problem: "currency must be written as a leading £ in en" }),
      w("CHF", { cur: "CHF", space: "a0" })],
    percent: [w("%", { space: "none" }), w("per cent"), w("percent", { problem: "write per cent or % in en" })],
    points: [w("percentage points"), w("percentage point")],
    basisPoints: [w("basis points"), w("basis point")],
    quantities: [
      w("megawatts", { qty: "MW" }), w("megawatt", { qty: "MW" }), w("gigawatts", { qty: "GW" }), w("gigawatt", { qty: "GW" }),
      ...(["MWh", "GWh", "TWh"] as const).flatMap((q) => {
        const base = { MWh: "megawatt", GWh: "gigawatt", TWh: "terawatt" }[q];
        return [w(`${base} hours`, { qty: q }), w(`${base} hour`, { qty: q }), w(`${base}-hours`, { qty: q }), w(`${base}-hour`, { qty: q })];
      }),
      w("kilometres", { qty: "km" }), w("kilometre", { qty: "km" }), w("kilometers", { qty: "km" }), w("kilometer", { qty: "km" }),
      w("tonnes", { qty: "t" }), w("tonne", { qty: "t" }), w("tons", { qty: "t", problem: "write tonnes in en" }),
      w("hectares", { qty: "ha" }), w("hectare", { qty: "ha" }), ...SYMBOLS,
    ],
    durations: [...agreeing("year", "years", { dur: "Y" }), ...agreeing("month", "months", { dur: "M" }),
      ...agreeing("week", "weeks", { dur: "W" }), ...agreeing("day", "days", { dur: "D" }), ...agreeing("hour", "hours", { dur: "H" })],
    numberWords: [["one"], ["two"], ["three"], ["four"], ["five"], ["six"], ["seven"], ["eight"], ["nine"]],
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"].map((m) => [m.toLowerCase()]),
    hedges: ["nearly", "about", "some"],
    bounds: [["more than", "more-than"], ["at least", "at-least"], ["less than", "less-than"], ["fewer than", "less-than"], ["up to", "up-to"]],
    directions: {
      re: /(?:^|[^\p{L}\p{N}])((?:a )?(?:rise|fall|increase|decrease|drop) of |(?:rose|fell|increased|decreased|dropped) by |up |down )$/u,
      negative: (words) => /fall|decrease|drop|fell|down/.test(words),
    },
    losses: /(?:^|[^\p{L}\p{N}])((?:net loss|loss|deficit) (?:of |was |amounts to |amounted to ))$/u,
    after: { re: /^[ \u00A0](fall|rise)(?![\p{L}\p{N}])/u, negative: (words) => words.includes("fall") },
    periods: periods("en", "of", "quarter", "half", ["first", "second"]),
  },
};
LOCALES.nl.curAfterScale = LOCALES.nl.curAfterNumber;
LOCALES.en.curAfterScale = LOCALES.en.curAfterNumber;
for (const L of Object.values(LOCALES)) {
  // Longest spelling first, so that "millions" wins over "million" and "mld." over "mld".
  for (const list of [L.scales, L.curAfterScale, L.curAfterNumber, L.curBefore, L.percent, L.points, L.basisPoints, L.quantities, L.durations]) {
    list.sort((a, b) => b.w.length - a.w.length);
  }
  L.bounds.sort((a, b) => b[0].length - a[0].length);
}

// ---------------------------------------------------------------------------------------------
// Character helpers

const SPACES = " \u00A0\u202F\t\n";
const NBSPS = "\u00A0\u202F";
const GROUP_CHARS = ",. \u00A0\u202F"; // read as thousands separators (only the locale's own is house style)
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== "" && SPACES.includes(c);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** A letter, digit or mark; ASCII (most of any text) without a regular expression. */
const isWordChar = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code < 128 ? ((code | 32) >= 97 && (code | 32) <= 122) || (code >= 48 && code <= 57) : WORD_CHAR.test(c);
};
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
  /** read from words: "article" when it is only an article (un, een, a), which is a figure only before a scale, currency or unit word */
  words?: "number" | "article";
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

/** digits/10^decimals plus one half, as digits and decimals (2 → 2,5; 1,5 → 2,0). */
function plusHalf(digits: string, decimals: number): { digits: string; decimals: number } {
  return { digits: String(BigInt(digits) * 10n + 5n * 10n ** BigInt(decimals)), decimals: decimals + 1 };
}

/** Is digits/10^decimals × 10^exp below 2 (French singular)? */
const below2 = (digits: string, decimals: number, exp = 0): boolean =>
  BigInt(digits) * 10n ** BigInt(exp) < 2n * 10n ** BigInt(decimals);

/** Exactly one: English takes the singular for one alone (1 year, 0 years, 1.5 years). */
const isOne = (digits: string, decimals: number, exp = 0): boolean =>
  BigInt(digits) * 10n ** BigInt(exp) === 10n ** BigInt(decimals);

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
    case "a0":
      return gap === "\u00A0" ? [] : [`a no-break space (U+00A0) must follow ${word.w} in ${loc}`];
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

/** A leading currency (€, EUR, CHF) ending just before the number at i, not before `floor`. */
function wordBefore(t: string, i: number, L: LocaleData, loc: ReaderLocale, floor: number): Hit | null {
  const gap = isSpace(t[i - 1]) ? (t[i - 1] ?? "") : "";
  for (const word of L.curBefore) {
    const s = i - gap.length - word.w.length;
    if (s < floor || !t.startsWith(word.w, s) || isWordChar(t[s - 1])) continue;
    const problems = [...(word.problem ? [word.problem] : []), ...spacingProblems(word, gap, loc, "after")];
    return { word, start: s, end: i, problems };
  }
  return null;
}

/** What the words right before a figure say of it. */
interface Context {
  hedge?: string;
  bound?: Bound;
  boundWord?: string;
  /** where the bound word starts */
  boundAt?: number;
  direction?: { negative: boolean; word: string };
  loss?: string;
}

/** True when `tail` ends with `word` and no letter or digit comes right before it. */
const endsWithWord = (tail: string, word: string): boolean =>
  tail.endsWith(word) && !isWordChar(tail[tail.length - word.length - 1]);

/**
 * Reads the words before `start`: a hedge or a bound just before the figure (one space between), and
 * before them a direction word or a loss word ("en baisse de", "perte nette de", "up").
 */
function context(t: string, start: number, L: LocaleData): Context {
  const out: Context = {};
  if (!isSpace(t[start - 1])) return out;
  const from = Math.max(0, start - 60);
  let tail = t.slice(from, start).toLowerCase().replace(/[\u00A0\u202F\t\n]/g, " ").replace(/'/g, "’");
  if (tail.length !== start - from) return out; // lower-casing changed the length: leave the words unread
  const hedge = L.hedges.find((h) => endsWithWord(tail, `${h} `));
  const bound = hedge ? undefined : L.bounds.find(([b]) => endsWithWord(tail, `${b} `));
  if (hedge) {
    out.hedge = hedge;
    tail = tail.slice(0, -hedge.length - 1);
  } else if (bound) {
    out.bound = bound[1];
    out.boundWord = bound[0];
    out.boundAt = start - bound[0].length - 1;
    tail = tail.slice(0, -bound[0].length - 1);
  }
  const direction = L.directions.re.exec(tail);
  if (direction?.[1]) out.direction = { negative: L.directions.negative(direction[1]), word: direction[1].trim() };
  const loss = L.losses.exec(tail);
  if (loss?.[1]) out.loss = loss[1].trim();
  return out;
}

/** True when a hedge, or a bound other than "up to", comes right before `start`: the number is then no year. */
function notAYear(t: string, start: number, L: LocaleData): boolean {
  const c = context(t, start, L);
  return c.hedge !== undefined || (c.bound !== undefined && c.bound !== "up-to");
}

function agreement(word: Word, singular: boolean, label: string, loc: ReaderLocale): string[] {
  const a = word.agree;
  if (!a) return [];
  const [one, other] = loc === "en" ? ["for one", "except for one"] : ["below 2", "from 2"];
  if (singular && word.w !== a.sg) return [`${label} must be singular ${one}: ${a.sg}`];
  if (!singular && word.w !== a.pl) return [`${label} must be plural ${other}: ${a.pl}`];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Numbers written in words: cardinals (trois cents, vingt-deux, tweeëntwintig, twenty-two), halves
// (un milliard et demi, anderhalf miljard, one and a half billion) and fractions (deux tiers, half).

/** A word list looked up with words read from a text: no inherited keys, so "constructor" is no number. */
const lexicon = <T>(entries: Record<string, T>): Readonly<Record<string, T>> => Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

const FR_ATOMS = lexicon({
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50,
  soixante: 60, "quatre-vingt": 80, "quatre-vingts": 80, cent: 100, cents: 100, mille: 1000,
});
const EN_ATOMS = lexicon({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
});
const NL_UNITS = lexicon({ een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9 });
const NL_BELOW_20 = lexicon({
  ...NL_UNITS, tien: 10, elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18, negentien: 19,
});
const NL_TENS = lexicon({ twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90 });

/** The words that are an article as well as "one": a figure only before a scale, currency or unit word. */
const ARTICLES: Record<ReaderLocale, string[]> = { fr: ["un", "une"], nl: ["een"], en: ["a", "an", "one"] };
/** After "un an", "een jaar", "one year": words that make it the time of a comparison (a year earlier), not a figure. */
const RELATIVE: Record<ReaderLocale, RegExp> = {
  fr: /^[ \u00A0](?:plus tôt|plus tard|auparavant|avant|après)(?![\p{L}\p{N}])/u,
  nl: /^[ \u00A0](?:eerder|later|geleden|daarvoor)(?![\p{L}\p{N}])/u,
  en: /^[ \u00A0](?:earlier|later|ago|before)(?![\p{L}\p{N}])/u,
};
/** "and" between the words of a cardinal (vingt et un, one hundred and five). */
const AND: Record<ReaderLocale, string> = { fr: "et", nl: "en", en: "and" };
/** A half after a number or its scale word: un milliard et demi, two and a half, twee en een half. */
const HALF_AFTER: Record<ReaderLocale, RegExp> = {
  fr: /[ \u00A0]et[ \u00A0]demie?(?![\p{L}\p{N}])/iuy,
  nl: /(?:[ \u00A0]en[ \u00A0](?:een[ \u00A0])?half|ënhalf|enhalf)(?![\p{L}\p{N}])/iuy,
  en: /[ \u00A0]and[ \u00A0]a[ \u00A0]half(?![\p{L}\p{N}])/iuy,
};
/** Fraction words after a cardinal or an article (deux tiers, een derde, three quarters): [numerator, denominator]. */
const FRACTIONS: Record<ReaderLocale, Readonly<Record<string, number>>> = {
  fr: lexicon({ tiers: 3, quart: 4, quarts: 4 }),
  nl: lexicon({ derde: 3, derden: 3, kwart: 4 }),
  en: lexicon({ half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4 }),
};
/** Words that are a fraction on their own (la moitié, de helft, half). */
const HALF_WORDS: Record<ReaderLocale, string[]> = { fr: ["moitié"], nl: ["helft", "half", "halve"], en: ["half"] };

const LETTER = /\p{L}/u;
/** A letter; ASCII without a regular expression. */
const isLetter = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code < 128 ? (code | 32) >= 97 && (code | 32) <= 122 : LETTER.test(c);
};
const HYPHENS = "-\u2010\u2011";

const NL_COMPOUND = new RegExp(`^(${Object.keys(NL_UNITS).join("|")})(?:en|ën)(${Object.keys(NL_TENS).join("|")})$`, "u");

/** A Dutch cardinal written as one word (tweeëntwintig, honderdvijftig, drieduizend), or undefined. */
function dutchCardinal(word: string): number | undefined {
  const below100 = (s: string): number | undefined => {
    const plain = NL_BELOW_20[s] ?? NL_TENS[s];
    if (plain !== undefined) return plain;
    const m = NL_COMPOUND.exec(s);
    const unit = m ? NL_UNITS[m[1] ?? ""] : undefined;
    const ten = m ? NL_TENS[m[2] ?? ""] : undefined;
    return unit !== undefined && ten !== undefined ? unit + ten : undefined;
  };
  const times = (s: string, word: string, factor: number, below: (s: string) => number | undefined, lead: (s: string) => number | undefined): number | undefined => {
    const at = s.indexOf(word);
    if (at === -1) return below(s);
    const head = s.slice(0, at);
    const tail = s.slice(at + word.length).replace(/^(?:ën|en)(?=.)/u, "");
    const n = head === "" ? 1 : lead(head);
    const rest = tail === "" ? 0 : below(tail);
    return n === undefined || rest === undefined || n === 0 ? undefined : n * factor + rest;
  };
  const below1000 = (s: string) => times(s, "honderd", 100, below100, (h) => (NL_UNITS[h] !== undefined && h !== "een" ? NL_UNITS[h] : undefined));
  return times(word, "duizend", 1000, below1000, below1000);
}

/** The word (a run of letters) at i, lower-cased, and where it ends. */
function wordAt(t: string, i: number): { word: string; end: number } {
  const end = runEnd(t, i, isLetter);
  return { word: t.slice(i, end).toLowerCase(), end };
}

/**
 * A cardinal in words at i (fr, en: words joined by spaces, hyphens and "et"/"and"; nl: one word),
 * its value and whether it is only an article. Each word must be smaller than the one before it,
 * as in a real cardinal, so that "deux trois" is two numbers.
 */
function cardinalAt(t: string, i: number, loc: ReaderLocale): { end: number; value: number; article: boolean } | null {
  const first = wordAt(t, i);
  if (first.word === "") return null;
  if (loc === "nl") {
    const value = dutchCardinal(first.word);
    return value === undefined ? null : { end: first.end, value, article: first.word === "een" };
  }
  const atoms = loc === "fr" ? FR_ATOMS : EN_ATOMS;
  const lookup = (p: number): { word: string; end: number; value: number } | null => {
    // quatre-vingt(s) is one word of the lexicon, hyphen included
    const w1 = wordAt(t, p);
    if (w1.word === "quatre" && t[w1.end] === "-") {
      const w2 = wordAt(t, w1.end + 1);
      const v = atoms[`quatre-${w2.word}`];
      if (v !== undefined) return { word: `quatre-${w2.word}`, end: w2.end, value: v };
    }
    const v = atoms[w1.word] ?? (loc === "en" && (w1.word === "a" || w1.word === "an") ? 1 : undefined);
    return v === undefined || w1.word === "" ? null : { word: w1.word, end: w1.end, value: v };
  };
  const head = lookup(i);
  if (!head) return null;
  let total = 0;
  let group = 0;
  let last = Infinity;
  let end = i;
  let count = 0;
  let p = i;
  let atom: ReturnType<typeof lookup> = head;
  while (atom) {
    const v = atom.value;
    if (count > 0 && (atom.word === "a" || atom.word === "an")) break;
    if (v === 1000) {
      if (last <= 1000 && last !== Infinity && group === 0) break; // mille mille
      total += (group === 0 ? 1 : group) * 1000;
      group = 0;
    } else if (v === 100) {
      if (group > 9) break; // vingt cents, cent cent: two numbers
      group = (group === 0 ? 1 : group) * 100;
    } else {
      const fits = last === Infinity || (v < last && (last >= 100 || (v < 10 && last % 10 === 0) || (v < 20 && (last === 60 || last === 80))));
      if (!fits) break;
      group += v;
    }
    last = v;
    end = atom.end;
    count++;
    // The next word: after a hyphen, a space, or "et"/"and" and a space.
    const sep = t[end];
    if (sep === undefined || !(HYPHENS.includes(sep) || isSpace(sep))) break;
    p = end + 1;
    const and = wordAt(t, p);
    if (and.word === AND[loc] && (isSpace(t[and.end]) || HYPHENS.includes(t[and.end] ?? "x"))) p = and.end + 1;
    atom = lookup(p);
    // "et" only joins un, une and onze (vingt et un, soixante et onze); "and" only follows hundred or thousand.
    if (atom && p !== end + 1 && (loc === "fr" ? ![1, 11].includes(atom.value) : last < 100)) break;
  }
  const firstWord = head.word;
  const value = total + group;
  return { end, value, article: count === 1 && ARTICLES[loc].includes(firstWord) };
}

/**
 * A number written in words at i, as a {@link Num}: a cardinal with a half after it, a half or a
 * fraction before a scale word (anderhalf miljard, half a billion, un demi-milliard), or null.
 * A fraction on its own (deux tiers, la moitié) is read by {@link readFraction}.
 */
function wordNumber(t: string, i: number, L: LocaleData, loc: ReaderLocale): Num | null {
  const { word, end: wordEnd } = wordAt(t, i);
  const num = (end: number, digits: string, decimals: number, words: Num["words"] = "number"): Num =>
    ({ end, digits, decimals, grouped: false, problems: [], words });
  // A half before a scale word: half a billion, un demi-milliard, anderhalf miljard, een half miljoen.
  if (loc === "en" && word === "half") {
    const a = wordAt(t, wordEnd + 1);
    if (isSpace(t[wordEnd]) && (a.word === "a" || a.word === "an") && wordAfter(t, a.end, L.scales, loc, false)) return num(a.end, "5", 1);
  }
  if (loc === "fr" && word === "demi" && t[wordEnd] === "-" && wordAfter(t, wordEnd + 1, L.scales, loc, false)) return num(wordEnd + 1, "5", 1);
  if (loc === "fr" && (word === "un" || word === "une") && isSpace(t[wordEnd]) && wordAt(t, wordEnd + 1).word === "demi") {
    const demi = wordAt(t, wordEnd + 1);
    if (t[demi.end] === "-" && wordAfter(t, demi.end + 1, L.scales, loc, false)) return num(demi.end + 1, "5", 1);
  }
  if (loc === "nl") {
    if (word === "anderhalf") return num(wordEnd, "15", 1);
    const half = /^(.+?)(?:ën|en)half$/u.exec(word);
    const n = half ? dutchCardinal(half[1] ?? "") : undefined;
    if (n !== undefined) return num(wordEnd, `${n}5`, 1);
    if (word === "een" || word === "half") {
      const next = word === "een" && isSpace(t[wordEnd]) ? wordAt(t, wordEnd + 1) : undefined;
      const halfEnd = word === "half" ? wordEnd : next?.word === "half" ? next.end : -1;
      if (halfEnd !== -1 && (wordAfter(t, halfEnd, L.scales, loc, false) || wordAfter(t, halfEnd, L.durations, loc, false))) return num(halfEnd, "5", 1);
    }
  }
  const cardinal = cardinalAt(t, i, loc);
  if (!cardinal) return null;
  // "pour cent" is a percent sign, not a hundred; "neuf" after a noun means new.
  if (word === "cent" && /pour[ \u00A0]$/iu.test(t.slice(Math.max(0, i - 5), i))) return null;
  if (word === "neuf" && cardinal.end === wordEnd && !/^[ \u00A0](?!(?:et|ou|mais|à|de|du|des|en)(?![\p{L}\p{N}]))\p{L}/iu.test(t.slice(wordEnd))) return null;
  const half = sticky(HALF_AFTER[loc], t, cardinal.end);
  if (half) return num(half.index + half[0].length, `${cardinal.value}5`, 1);
  return num(cardinal.end, String(cardinal.value), 0, cardinal.article ? "article" : "number");
}

/** A fraction in words: deux tiers, un quart, een derde, drie kwart, two thirds, a quarter, la moitié, de helft, half. */
const readFraction: Reader = (t, i, L, loc) => {
  const { word, end } = wordAt(t, i);
  // a half before a scale word is a number (half a billion, een half miljoen), read as an amount
  if (wordNumber(t, i, L, loc)?.decimals === 1) return null;
  if (HALF_WORDS[loc].includes(word) && !HYPHENS.includes(t[end] ?? "x")) return figure(t, i, end, "fraction", 0.5, []);
  const cardinal = cardinalAt(t, i, loc); // en "a" and "one" are cardinals there
  if (!cardinal || !isSpace(t[cardinal.end]) && !HYPHENS.includes(t[cardinal.end] ?? "x")) return null;
  const next = wordAt(t, cardinal.end + 1);
  const denominator = FRACTIONS[loc][next.word];
  if (denominator === undefined || HYPHENS.includes(t[next.end] ?? "x")) return null;
  // nl "een derde" is also "a third (phase)": a fraction only before "van" or at the end of a phrase.
  if (loc === "nl" && cardinal.article && next.word === "derde" && /^[ \u00A0](?!van(?![\p{L}]))\p{L}/u.test(t.slice(next.end, next.end + 5))) return null;
  return figure(t, i, next.end, "fraction", cardinal.value / denominator, []);
};

// ---------------------------------------------------------------------------------------------
// Figure readers. Each returns a figure starting at i (or just before, for a leading €), or null.

type Reader = (t: string, i: number, L: LocaleData, loc: ReaderLocale, floor: number, plain?: boolean, words?: Num) => ReadFigure | null;

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

/** A sign character at k, standing before a number or a leading currency: not after a letter or a digit. */
const SIGNS = "\u2212+-\u2013";
const isSign = (t: string, k: number, floor: number): boolean =>
  k >= floor && t[k] !== undefined && SIGNS.includes(t[k] ?? "") && !isWordChar(t[k - 1]) && !SIGNS.includes(t[k - 1] || "x");

const isoDuration = (n: number, unit: NonNullable<Word["dur"]>): string => (unit === "H" ? `PT${n}H` : `P${n}${unit}`);

/** Amounts, percentages, points, quantities, durations, plain numbers and standalone years. */
const readAmount: Reader = (t, i, L, loc, floor, plain = false, words?: Num): ReadFigure | null => {
  const num = words ?? readNumber(t, i, L, loc, plain);
  let { digits, decimals } = num;
  const problems = [...num.problems];
  // A sign right before the number (−2,4 %, €-12), else right before a leading currency (−€12 million).
  let signPos = isSign(t, i - 1, floor) ? i - 1 : -1;
  const prefix = wordBefore(t, signPos === -1 ? i : signPos, L, loc, floor);
  if (prefix) {
    problems.push(...prefix.problems);
    if (signPos !== -1) problems.push(`a sign comes before the currency in ${loc}`);
    else if (isSign(t, prefix.start - 1, floor)) signPos = prefix.start - 1;
  }
  const start = Math.min(i, prefix?.start ?? i, signPos === -1 ? i : signPos);
  const signChar = signPos !== -1 ? (t[signPos] ?? "") : "";
  if (signChar === "-" || signChar === "\u2013") problems.push(`${HYPHEN} in ${loc}`);
  let unit: FigureUnit = prefix?.word.cur ?? "count";
  let money = prefix !== null;
  let end = num.end;
  let exp = 0;
  let duration: string | undefined;
  const take = (hit: Hit | null, label: string, singular: boolean): Hit | null => {
    if (hit) {
      problems.push(...hit.problems, ...agreement(hit.word, singular, label, loc));
      end = hit.end;
    }
    return hit;
  };
  const scale = take(wordAfter(t, end, L.scales, loc, prefix !== null), "scale word", below2(digits, decimals));
  if (scale) {
    exp = scale.word.exp ?? 0;
    const half = sticky(HALF_AFTER[loc], t, end);
    if (half) {
      ({ digits, decimals } = plusHalf(digits, decimals));
      end = half.index + half[0].length;
    }
    if (scale.word.cur) {
      unit = scale.word.cur;
      money = true;
    }
  }
  // French and Dutch agree in the singular below 2 (1,5 an); English only for one (1.5 years).
  const single = loc === "en" ? isOne(digits, decimals, exp) : below2(digits, decimals, exp);
  if (!money) {
    const list = scale && !scale.word.adj ? L.curAfterScale : L.curAfterNumber;
    const cur = take(wordAfter(t, end, list, loc, false), "currency word", single)?.word.cur;
    if (cur) {
      unit = cur;
      money = true;
    }
  }
  if (!money && !scale) {
    if (take(wordAfter(t, end, L.points, loc, false), "unit", single)) unit = "percentage-point";
    else if (take(wordAfter(t, end, L.basisPoints, loc, false), "unit", single)) unit = "basis-point";
    else if (take(wordAfter(t, end, L.percent, loc, false), "unit", single)) unit = "percent";
  }
  if (unit === "count") {
    const qty = take(wordAfter(t, end, L.quantities, loc, false), "unit", single)?.word.qty;
    if (qty) unit = qty;
    else if (!scale) {
      const dur = take(wordAfter(t, end, L.durations, loc, false), "unit", single)?.word.dur;
      const half = dur ? sticky(HALF_AFTER[loc], t, end) : null;
      if (half) {
        ({ digits, decimals } = plusHalf(digits, decimals));
        end = half.index + half[0].length;
      }
      if (dur) {
        const n = Number(digits) / 10 ** decimals;
        unit = "duration";
        duration = isoDuration(n, dur);
        if (n >= 1 && n <= 9 && num.words === undefined) problems.push(`a duration from one to nine is written in words in ${loc}: ${L.numberWords[n - 1]?.[0] ?? ""}`);
        if (signChar !== "") problems.push("a duration takes no sign");
      }
    }
  }
  if (num.words === "article" && !(scale || (unit !== "count" && !/^an?$/i.test(t.slice(i, num.end))))) return null; // an article alone
  if (num.words === "article" && duration !== undefined && RELATIVE[loc].test(t.slice(end, end + 16))) return null; // un an plus tôt
  if (end === num.end && !prefix && isWordChar(t[end]) && num.words === undefined) {
    // Glued to letters (4K, 3e): skipped. In "1 232K" only the last digit run is glued; read "1" alone.
    return plain || num.end === runEnd(t, i, isDigit) ? null : readAmount(t, i, L, loc, floor, true);
  }
  if (duration !== undefined) return figure(t, i, end, "duration", duration, problems);
  const { value, step } = scaled(digits, decimals, exp);
  const bare = end === num.end && !prefix && signPos === -1 && !num.grouped && decimals === 0 && digits.length === 4 && num.words === undefined;
  if (bare && value >= 1900 && value <= 2100 && !notAYear(t, start, L)) {
    return figure(t, start, end, "year", value, problems);
  }
  const negative = signChar !== "" && signChar !== "+";
  const fig = figure(t, start, end, unit, negative && value !== 0 ? -value : value, problems, step);
  if (signChar !== "") fig.sign = { by: "sign", negative, word: signChar };
  const zeros = decimals === 0 && value !== 0 && (exp > 0 || value < 1e6) ? digits.length - digits.replace(/0+$/, "").length : 0;
  if (zeros > 0) fig.significantStep = step * 10 ** zeros;
  return fig;
};

/**
 * Does a figure whose digits state `stated` (the step of its last significant digit) say more than a
 * fact known at `precision`? A precision that is not a power of ten (known to 50 millions) can only be
 * written with digits one place finer (950 millions): such a figure is as precise as its fact when its
 * `value` is a whole number of the fact's steps.
 */
export function statesMoreThan(stated: number, value: number | undefined, precision: number): boolean {
  if (stated >= precision * (1 - 1e-9)) return false;
  if (stated < lastPlace(precision) * (1 - 1e-9) || value === undefined) return true;
  const steps = Math.abs(value) / precision;
  return Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps);
}

/** The place of the last digit of a precision other than zero: 100000000 → 100000000, 50000000 → 10000000, 0.25 → 0.01. */
function lastPlace(precision: number): number {
  let exponent = Math.floor(Math.log10(precision)) + 1; // one above, whatever the rounding of log10
  const whole = (x: number) => Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, Math.abs(x));
  while (exponent > -12 && !whole(precision / 10 ** exponent)) exponent--;
  return 10 ** exponent;
}

/**
 * The step an amount written with `decimals` decimals at a scale of 10^`exp` states: that of its last
 * digit, but the trailing zeros of a whole number before a scale word, or of a whole amount below a
 * million, state nothing (see {@link ReadFigure.significantStep}).
 */
export function amountStatedStep(value: number, exp: number, decimals: number): number {
  const step = 10 ** (exp - decimals);
  const shown = String(Math.round(Math.abs(value) / step));
  const zeros = decimals === 0 && shown !== "0" && (exp > 0 || Math.abs(value) < 1e6) ? shown.length - shown.replace(/0+$/, "").length : 0;
  return step * 10 ** zeros;
}

/** An amount, count or duration written in words: deux milliards d’euros, trois ans, anderhalf miljard euro. */
const readWordAmount: Reader = (t, i, L, loc, floor) => {
  const num = wordNumber(t, i, L, loc);
  return num ? readAmount(t, i, L, loc, floor, false, num) : null;
};

/**
 * Whether a word (lower case, as {@link wordAt} gives it) may begin what {@link readFraction} or
 * {@link readWordAmount} reads: a word of a cardinal ({@link cardinalAt}'s first word), a half on its
 * own, or a word {@link wordNumber} looks at before a half. Any other word starts neither.
 */
function mayStartWordNumber(word: string, loc: ReaderLocale): boolean {
  if (word === "") return false;
  if (HALF_WORDS[loc].includes(word)) return true;
  switch (loc) {
    case "fr":
      return FR_ATOMS[word] !== undefined || word === "demi";
    case "en":
      return EN_ATOMS[word] !== undefined || word === "a" || word === "an" || word === "half";
    case "nl":
      return word === "anderhalf" || word === "een" || word === "half" || word.endsWith("half") || dutchCardinal(word) !== undefined;
  }
}

/** A quarter, a half-year or a season written with words, or a quarter in list form (T4 2024, Q4 2024). */
const readPeriod: Reader = (t, i, L, loc) => {
  for (const period of L.periods) {
    const m = sticky(period.re, t, i);
    const read = m && period.read(m, loc);
    if (m && read) return figure(t, i, i + m[0].length, read.unit, read.value, read.problems);
  }
  return null;
};

const NOT_AMOUNTS: readonly FigureUnit[] = ["year", "year-range", "month", "date", "quarter", "half-year", "season"];

/** Applies the words around a figure: hedge, bound, direction, loss. */
function annotate(t: string, fig: ReadFigure, L: LocaleData, loc: ReaderLocale, previous: ReadFigure | undefined): void {
  const c = context(t, fig.start, L);
  if (c.hedge !== undefined) fig.approx = true;
  if (c.bound && !NOT_AMOUNTS.includes(fig.unit)) {
    // "van 10 tot 20": tot after a figure is the end of a range, not a bound.
    const range = c.boundWord === "tot" && previous !== undefined && t.slice(previous.end, c.boundAt).trim() === "";
    if (!range) {
      fig.bound = c.bound;
      if (c.boundWord === "fewer than" && fig.unit !== "count") fig.problems.push("fewer than is for counts in en: less than");
      if (c.boundWord === "less than" && fig.unit === "count") fig.problems.push("a count takes fewer than in en");
    }
  }
  if (typeof fig.value !== "number" || fig.unit === "year") return;
  const abs = Math.abs(fig.value);
  const after = L.after.re.exec(t.slice(fig.end, fig.end + 12));
  const direction = c.direction ?? (after?.[1] ? { negative: L.after.negative(after[1]), word: after[1] } : undefined);
  if (direction) {
    if (fig.sign) fig.problems.push(`a change said with words takes no sign in ${loc}: ${direction.word}`);
    fig.value = direction.negative && abs !== 0 ? -abs : abs;
    fig.sign = { by: "direction", ...direction };
  } else if (c.loss !== undefined && (CURRENCIES as readonly string[]).includes(fig.unit)) {
    if (fig.sign) fig.problems.push(`a loss is written with its absolute value in ${loc}: ${c.loss}`);
    fig.value = abs === 0 ? 0 : -abs;
    fig.sign = { by: "loss", negative: true, word: c.loss };
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads every figure in `text`, written in `locale`, sorted by start offset and never overlapping.
 *
 * Every standalone number comes back as some figure (at worst a `count`), so that no added or changed
 * digit goes unnoticed. Not read: digits glued to letters (G7, H2O, 4K, 3e) and anything inside an
 * http(s) URL. Figures written against house style are still read, the most plausible way, and carry
 * `problems`.
 *
 * The same text is read many times over (an article's Markdown, HTML and feed item carry the same
 * passages, and a story type's fixed sentences recur in every article of that type), so recent answers
 * are kept per locale. Reading is a function of the text and the locale alone; the figures handed out
 * are frozen, so no caller can change what the next one receives.
 */
export function readFigures(text: string, locale: ReaderLocale): ReadFigure[] {
  if (text.length > RECENT_LONGEST) return readAll(text, locale);
  const recent = RECENT[locale];
  let entry = recent.get(text);
  if (entry === undefined) {
    // A text cut from a larger one keeps the whole of it in memory: what is remembered is read from a copy.
    const own = (` ${text}`).slice(1);
    entry = { text: own, figures: readAll(own, locale).map(frozen) };
    RECENT_CHARS[locale] += own.length;
    // Forgotten oldest first, beyond a number of texts or of characters.
    while (recent.size >= RECENT_SIZE || (RECENT_CHARS[locale] > RECENT_MOST_CHARS && recent.size > 0)) {
      const oldest = recent.keys().next().value!;
      RECENT_CHARS[locale] -= oldest.length;
      recent.delete(oldest);
    }
  } else {
    recent.delete(text); // kept as the most recently used
  }
  recent.set(entry.text, entry);
  return entry.figures.slice();
}

/** How many texts per locale {@link readFigures} remembers, how many characters in all, and the longest text it remembers. */
const RECENT_SIZE = 512;
const RECENT_MOST_CHARS = 1 << 19;
const RECENT_LONGEST = 1 << 14;
const RECENT_CHARS: Record<ReaderLocale, number> = { fr: 0, nl: 0, en: 0 };
const RECENT: Record<ReaderLocale, Map<string, { text: string; figures: ReadFigure[] }>> = { fr: new Map(), nl: new Map(), en: new Map() };

function frozen(figure: ReadFigure): ReadFigure {
  Object.freeze(figure.problems);
  if (figure.sign) Object.freeze(figure.sign);
  if (Array.isArray(figure.value)) Object.freeze(figure.value);
  return Object.freeze(figure);
}

const WORD_READERS: readonly Reader[] = [readPeriod, readFraction, readWordAmount, readMonthYear];
const OTHER_WORD_READERS: readonly Reader[] = [readPeriod, readMonthYear];

function readAll(text: string, locale: ReaderLocale): ReadFigure[] {
  const L = LOCALES[locale];
  const out: ReadFigure[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith("http://", i) || text.startsWith("https://", i)) {
      i = runEnd(text, i, (ch) => ch !== undefined && !isSpace(ch) && !")]>\"'«»<".includes(ch));
      continue;
    }
    const previous = out[out.length - 1];
    const floor = previous?.end ?? 0;
    let fig: ReadFigure | null = null;
    if (isDigit(c)) {
      for (const read of [readIso, readRange, readDate, readAmount]) {
        fig = read(text, i, L, locale, floor);
        if (fig) break;
      }
    } else if (isWordChar(c)) {
      // A fraction or an amount in words starts with a number word: most words are not one.
      const numberWord = mayStartWordNumber(wordAt(text, i).word, locale);
      for (const read of numberWord ? WORD_READERS : OTHER_WORD_READERS) {
        fig = read(text, i, L, locale, floor);
        if (fig) break;
      }
    }
    if (fig) {
      annotate(text, fig, L, locale, previous);
      out.push(fig);
      i = fig.end;
    } else {
      i = isWordChar(c) ? runEnd(text, i, isWordChar) : i + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Characters that hide or disguise a figure.

/** A character used as a digit that is not 0–9: any other decimal digit (Arabic-Indic, Devanagari,
 *  fullwidth), a superscript or subscript, a vulgar fraction, a numeral letter. */
const FOREIGN_DIGIT = /(?![0-9])[\p{Nd}\p{No}\p{Nl}]/gu;
/** Invisible and bidirectional control characters, and a soft hyphen next to a digit. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|\u00AD(?=\p{N})|(?<=\p{N})\u00AD/gu;

/** A character that must never reach a brief. */
export interface OddCharacter {
  /** UTF-16 offset in the text */
  index: number;
  char: string;
  kind: "foreign-digit" | "invisible";
  /** the code point, written U+XXXX */
  code: string;
}

/**
 * For each UTF-16 code unit, whether it may start an odd character: it matches {@link FOREIGN_DIGIT} or
 * {@link INVISIBLE} on its own (the soft hyphen whatever its neighbours), or it is half of a surrogate
 * pair (digits outside the Basic Multilingual Plane). Made on first use.
 */
let oddUnits: Uint8Array | undefined;
function mayBeOdd(): Uint8Array {
  if (oddUnits) return oddUnits;
  const units = new Uint8Array(0x10000);
  const single = /^(?:(?![0-9])[\p{Nd}\p{No}\p{Nl}]|[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD])$/u;
  for (let code = 0x80; code < 0x10000; code++) {
    units[code] = (code >= 0xd800 && code <= 0xdfff) || single.test(String.fromCharCode(code)) ? 1 : 0;
  }
  return (oddUnits = units);
}

/** Every digit other than 0–9 and every invisible or bidirectional control character of `text`, in order. */
export function oddCharacters(text: string): OddCharacter[] {
  const found: OddCharacter[] = [];
  // Most texts have none: a scan of their code units says so without the Unicode regular expressions.
  const units = mayBeOdd();
  let i = 0;
  while (i < text.length && units[text.charCodeAt(i)] === 0) i++;
  if (i === text.length) return found;
  for (const [re, kind] of [[FOREIGN_DIGIT, "foreign-digit"], [INVISIBLE, "invisible"]] as const) {
    for (const m of text.matchAll(re)) {
      const char = m[0];
      const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
      found.push({ index: m.index, char, kind, code });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
