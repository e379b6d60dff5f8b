/**
 * Whether a figure read from the source says what a fact stores: the same
 * kind of figure, the same unit, and the same value at the precision the
 * source writes it ("1,2 milliard" stands for anything that rounds to it).
 */
import type { Fact } from "../content/schema.ts";
import type { ExtractedFigure } from "../extract/types.ts";

/** A figure read from the source body. */
export type SourceFigure = ExtractedFigure;

/** Reads every figure of a French text. */
export type FigureReader = (text: string) => SourceFigure[];

/** How a figure compares with a fact. */
export type Agreement =
  | { ok: true; step: number }
  | { ok: false; problem: "unit" | "value" | "hedge" | "direction" | "bound"; expected: string; step: number };

/** An adverb that may stand between a verb of rise or fall and its figure: “recule ainsi de 0,3 point”. */
const ADVERB = String.raw`(?:\s+(?:ainsi|encore|donc|toutefois|néanmoins|cependant|également|aussi|même|légèrement|nettement|fortement|sensiblement|seulement))?`;

/** French words just before a figure that make it a change, and its direction. */
const DIRECTION_WORDS: ReadonlyArray<readonly [RegExp, 1 | -1]> = [
  [new RegExp(String.raw`(?:en (?:hausse|progression|augmentation|croissance)|(?:une )?(?:hausse|progression|augmentation|croissance)|(?:a |ont )?(?:progressé|augmenté|crû|grimpé|bondi)|(?:gagne|gagnent|progresse|progressent|augmente|augmentent|grimpe|grimpent|bondit|bondissent))${ADVERB}\s+(?:de\s+)?$`, "i"), 1],
  [new RegExp(String.raw`(?:en (?:baisse|recul|diminution|repli)|(?:une |un )?(?:baisse|recul|diminution|repli|chute)|(?:a |ont )?(?:reculé|diminué|baissé|chuté)|(?:recule|reculent|baisse|baissent|diminue|diminuent|perd|perdent|chutent))${ADVERB}\s+(?:de\s+)?$`, "i"), -1],
];

/**
 * The French words of a measure that has a word for below zero: its label above zero and its
 * label below (bénéfice net, perte nette), and the words that name it without a sign
 * (résultat net, solde budgétaire: the cues that hold no word of gain or loss).
 */
export interface SignedWords {
  positive: string;
  negative: string;
  neutral?: readonly string[];
}

/** The words of gain and of loss a measure's French words give (see {@link signedWordsOf}). */
export interface SignedMeasure {
  fr: { label: string };
  negative?: { fr: { label: string } } | undefined;
  cues?: readonly string[] | undefined;
}

/**
 * Words of gain and of loss, besides a measure's own labels: what French calls the sign of a
 * net result, a budget or trade balance or a result per share (“un bénéfice de 12 millions”,
 * “une perte de 3 millions”, “dans le rouge à hauteur de 5 millions”, “un boni”, “déficitaire
 * de”). One list, for the provenance check and for drafts. Used only for a measure that has a
 * `negative` variant, and only when tied to the figure (see {@link SIGN_LINK}): on their own
 * they name too many other things (une perte de valeur, au bénéfice de).
 */
const SIGN_LEXICON: ReadonlyArray<readonly [RegExp, 1 | -1]> = [
  [/bénéfices?|bénéficiaires?|profits?|excédents?|excédentaires?|surplus|dans le vert|(?:résultats?|soldes?)(?: nets?)? positifs?/iu, 1],
  [/pertes?|déficits?|déficitaires?|trou|dans le rouge|(?:résultats?|soldes?)(?: nets?)? négatifs?/iu, -1],
  // In lower case only: “le Mali”, “M. Boni” are names.
  [/boni/u, 1],
  [/mali/u, -1],
];

/** The lexicon's words as whole words, every place they stand. */
const SIGN_LEXICON_WORDS = SIGN_LEXICON.map(([words, sign]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.source})(?![\\p{L}\\p{N}])`, `g${words.flags}`), sign] as const);

/** What before a word of gain or loss says it is not the sign of an amount: au bénéfice de, au profit de, sans perte, aucun déficit. */
const NOT_A_SIGN = /(?:^|[^\p{L}])(?:aux?|sans|aucune?|pas de|ni)\s+$/u;

/**
 * What may stand between a word of the lexicon and its figure, and nothing else: words that
 * qualify it (nette, public, de l’exercice), a verb that links it to its amount (s’élève,
 * atteint, se creuse, est ramenée), and a preposition or a hedge (à, de, d’, à hauteur de,
 * près de). “une perte de 3 millions”, “la perte du groupe s’élève à 3 millions” and
 * “réduire la perte à 3 millions” tie “perte” to its figure; “une perte de valeur de 186
 * millions”, “des pertes de change, atteint 10 millions” and “la perte exceptionnelle et
 * s’établit à 10 millions” do not.
 */
const SIGN_LINK = new RegExp(
  `^(?:\\s*(?:[,:(]|(?:${[
    // what qualifies the word
    "nette?s?|nets|consolidée?s?|annuelle?s?|semestrielle?s?|trimestrielle?s?|record|cumulée?s?|globale?s?|globaux|totale?s?|totaux|publique?s?|publics|budgétaires?|commerciale?s?|commerciaux|structurelle?s?|structurels|primaires?",
    "attendue?s?|prévue?s?|estimée?s?|réalisée?s?|enregistrée?s?|affichée?s?|dégagée?s?|publiée?s?|annoncée?s?|définitive?s?|provisoire?s?",
    "(?:part )?du groupe|de financement|(?:de|sur|pour) l’(?:exercice|année)|(?:de|sur|pour) (?:la période|le semestre|le trimestre)",
    // what links it to its amount
    "a|ont|avait|est|sont|était|étaient|sera|seront|serait|seraient|été|reste|restent|restait|demeure|devrait|devraient|pourrait|pourraient|doit|va|vont|se|s’",
    "élev\\p{L}*|élèv\\p{L}*|établi\\p{L}*|mont(?:e|ent|ait|aient|era|ant|ée?s?)|chiffr\\p{L}*|atteint|atteign\\p{L}*|atteindr\\p{L}*|ressort\\p{L}*|totalis\\p{L}*|représent\\p{L}*",
    "creus\\p{L}*|rédui\\p{L}*|résorb\\p{L}*|alourd\\p{L}*|allég\\p{L}*|allèg\\p{L}*|ramen\\p{L}*|limit\\p{L}*|port(?:e|ent|ait|era|ée?s?)|pass(?:e|ent|ait|era|ée?s?)|revien\\p{L}*|revenue?s?|tomb\\p{L}*",
    "recul\\p{L}*|progress\\p{L}*|grimp\\p{L}*|chut\\p{L}*|baiss\\p{L}*|augment\\p{L}*|diminu\\p{L}*|bondi\\p{L}*",
    "toutefois|cependant|pourtant|ainsi|donc|désormais|encore|déjà|finalement|seulement|légèrement|nettement|fortement|nouveau|total",
    // a preposition, a bound or a hedge before the figure
    "à|au|de|d’|pour|hauteur|l’ordre|près|plus|moins|environ|quelque|presque|quasiment|un|peu|jusqu’|pas|peine",
  ].join("|")})(?:(?<=’)|(?![\\p{L}\\p{N}]))))*\\s*$`,
  "u",
);

/** A text in lower case (unless `keepCase`) with plain apostrophes and spaces, of the same length. */
function plainWords(text: string, keepCase = false): string {
  const plain = text.replace(/['\u2018\u02BC]/g, "’").replace(/\s/g, " ");
  return keepCase ? plain : plain.replace(/\p{Lu}/gu, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c));
}

/** Where `words` (already plain) stand last in `text` as whole words, with spaces of any length between them. */
function lastWholeWords(text: string, words: string): { at: number; length: number } | undefined {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ +/g, " +");
  let found: { at: number; length: number } | undefined;
  for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "gu"))) found = { at: match.index, length: match[0].length };
  return found;
}

/** Whether a text holds a word of gain or loss of the lexicon, or one of `labels`, as whole words. */
function holdsSignWord(text: string, labels: readonly string[]): boolean {
  const plain = plainWords(text);
  return labels.some((label) => lastWholeWords(plain, plainWords(label)) !== undefined) || SIGN_LEXICON_WORDS.some(([words]) => plainWords(text, true).match(words) !== null);
}

/** The signed words of a measure that has a `negative` variant, or nothing for one that has none. */
export function signedWordsOf(measure: SignedMeasure): SignedWords | undefined {
  if (!measure.negative) return undefined;
  const labels = [measure.fr.label, measure.negative.fr.label];
  return { positive: measure.fr.label, negative: measure.negative.fr.label, neutral: (measure.cues ?? []).filter((cue) => !holdsSignWord(cue, labels)) };
}

/** The words that give a figure its sign: the sign, and where they start in the body. */
export interface SignWords {
  sign: 1 | -1;
  start: number;
}

/**
 * The sign the words of a signed measure give a figure, and where they stand. The nearest
 * of them before the figure in its sentence wins (at most 80 characters back, not before
 * the figure `after` ends), as whole words: the measure's labels anywhere there (“le
 * bénéfice net progresse toutefois à 214,3 millions”), the words of gain and of loss of
 * {@link SIGN_LEXICON} only when tied to the figure (“une perte de 3 millions”, “dans le
 * rouge à hauteur de 5 millions”). A word that names the measure without a sign nearer the
 * figure (“après une perte nette l’an dernier, le résultat net atteint 5 millions”) leaves
 * the sign unsaid.
 */
export function signWordsBefore(body: string, figure: SourceFigure, words: SignedWords, after = 0): SignWords | undefined {
  const start = Math.max(body.lastIndexOf(". ", figure.start), body.lastIndexOf("\n", figure.start), figure.start - 80, after, 0);
  const before = plainWords(body.slice(start, figure.start));
  const cased = plainWords(body.slice(start, figure.start), true);
  let best: { at: number; length: number; sign: 1 | -1 | 0 } | undefined;
  const consider = (found: { at: number; length: number } | undefined, sign: 1 | -1 | 0) => {
    if (found && (!best || found.at > best.at || (found.at === best.at && found.length > best.length))) best = { ...found, sign };
  };
  consider(lastWholeWords(before, plainWords(words.positive)), 1);
  consider(lastWholeWords(before, plainWords(words.negative)), -1);
  for (const neutral of words.neutral ?? []) consider(lastWholeWords(before, plainWords(neutral)), 0);
  for (const [lexicon, sign] of SIGN_LEXICON_WORDS) {
    for (const match of cased.matchAll(lexicon)) {
      const end = match.index + match[0].length;
      if (!NOT_A_SIGN.test(before.slice(0, match.index)) && SIGN_LINK.test(before.slice(end))) consider({ at: match.index, length: match[0].length }, sign);
    }
  }
  const found = best as { at: number; sign: 1 | -1 | 0 } | undefined;
  return found && found.sign !== 0 ? { sign: found.sign, start: start + found.at } : undefined;
}

/** The sign the words of a signed measure give a figure (see {@link signWordsBefore}). */
export function signFromWords(body: string, figure: SourceFigure, words: SignedWords, after = 0): 1 | -1 | undefined {
  return signWordsBefore(body, figure, words, after)?.sign;
}

/** Where the last figure before `figure` ends (0 when there is none): words before it belong to that figure. */
export function endOfFigureBefore(figures: readonly SourceFigure[], figure: SourceFigure): number {
  return figures.filter((f) => f.end <= figure.start).reduce((end, f) => Math.max(end, f.end), 0);
}

/**
 * {@link endOfFigureBefore} for many figures of one text: the ends sorted
 * once and searched, so that a long text is not read again for each figure.
 */
export function endsOfFiguresBefore(figures: readonly SourceFigure[]): (figure: SourceFigure) => number {
  const ends = figures.map((f) => f.end).sort((a, b) => a - b);
  return (figure) => {
    // The last end at or before the figure's start.
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ends[mid]! <= figure.start) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? 0 : ends[low - 1]!;
  };
}

/**
 * The direction of a change that the words right after a count or an amount
 * give it (“18 600 de moins qu’un an plus tôt”, “1,5 milliard d’euros de
 * plus”, “300 emplois de plus”), if any, with where those words end.
 */
export function directionAfter(body: string, figure: SourceFigure): { sign: 1 | -1; end: number } | undefined {
  if ((figure.unit !== "count" && !/^[A-Z]{3}$/.test(figure.unit)) || typeof figure.value !== "number") return undefined;
  const after = /^[\s\u00a0\u202f]+(?:[\p{L}’'-]+[\s\u00a0\u202f]+)?de (moins|plus)(?![\p{L}]| en plus)/iu.exec(body.slice(figure.end, figure.end + 40));
  if (!after) return undefined;
  return { sign: after[1]!.toLowerCase() === "moins" ? -1 : 1, end: figure.end + after[0].length };
}

/** The direction of a change the words right before `figure` in `body` announce (“en baisse de 3,2 %”), if any. */
export function directionBefore(body: string, figure: SourceFigure): 1 | -1 | undefined {
  if (!["percent", "percentage-point", "basis-point"].includes(figure.unit) || typeof figure.value !== "number") return undefined;
  const before = body.slice(Math.max(0, figure.start - 40), figure.start).replace(/\s+/g, " ");
  return DIRECTION_WORDS.find(([words]) => words.test(before))?.[1];
}

/** The units a fact of each type may be read with. */
export function unitsFor(fact: Fact): readonly string[] {
  switch (fact.type) {
    case "money":
      return [fact.currency];
    case "quantity":
      return [fact.unit];
    case "change":
      return fact.unit === "money" ? (fact.currency ? [fact.currency] : ["EUR", "USD", "GBP", "CHF"]) : [fact.unit];
    default:
      return [fact.type];
  }
}

/** The extractor's season codes (ISO 8601-2), by the season words of facts. */
const SEASON_CODES: Record<string, string> = { spring: "21", summer: "22", autumn: "23", winter: "24" };

/** A season fact's value (`2026-spring`, `2026-2027-winter`) as the extractor writes seasons (`2026-21`, `2026/2027-24`). */
function seasonCode(value: string): string {
  const match = /^(\d{4})(?:-(\d{4}))?-(\w+)$/.exec(value);
  return match ? `${match[1]}${match[2] === undefined ? "" : `/${match[2]}`}-${SEASON_CODES[match[3]!]}` : value;
}

const NUMBER = /\d{1,3}(?:[ .\u00A0\u202F]\d{3})+(?:,\d+)?|\d+(?:,\d+)?/;

const WORD_SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bmilliards?\b/iu, 1e9],
  [/\bmillions?\b/iu, 1e6],
  [/\bmilles?\b/iu, 1e3],
];

/** How a number is written: the power of ten of its scale word and its decimals. */
export interface WrittenForm {
  /** 1, 1 000, 1 000 000 or 1 000 000 000 ("mille", "millions", "milliard"). */
  scale: number;
  /** Digits after the decimal comma. */
  decimals: number;
}

/** A half of a scale word: "un demi-milliard", "deux millions et demi" (0,5 milliard, 2,5 millions). */
const HALF = /(?<![\p{L}])demi[-\u2010\u2011]|[\s\u00A0\u202F]et[\s\u00A0\u202F]+demie?(?![\p{L}])/iu;

/** Works out how a figure is written, from its text and the value the extractor read. */
export function writtenForm(figure: SourceFigure): WrittenForm {
  if (typeof figure.value !== "number") return { scale: 1, decimals: 0 };
  // A half is a decimal of the scale word: "un demi-milliard" states 500 000 000 to the 100 000 000.
  const scaleWord = WORD_SCALES.find(([word]) => word.test(figure.text))?.[1];
  if (scaleWord !== undefined && HALF.test(figure.text)) return { scale: scaleWord, decimals: 1 };
  const match = NUMBER.exec(figure.text);
  // A number in words ("deux millions") is as precise as its scale word.
  if (!match) return { scale: scaleWord ?? 1, decimals: 0 };
  let [whole, decimals = ""] = match[0].replace(/[ .\u00A0\u202F]/g, "").split(",");
  // 1.284 milliards read with a decimal point (English formatting): the digits after the point are decimals.
  const dotted = /^(\d{1,3})\.(\d{3})$/.exec(match[0]);
  const wordScale = /milliard|Mds?\b|Mrds?\b|Md€|Mds€/i.test(figure.text) ? 1e9 : /million|Mio|M€|m€|\bM\b/.test(figure.text) ? 1e6 : 1;
  if (dotted && Math.abs(figure.value / Number(`${dotted[1]!}.${dotted[2]!}`) / wordScale - 1) < 1e-9) {
    whole = dotted[1]!;
    decimals = dotted[2]!;
  }
  const mantissa = Number(`${whole}.${decimals || "0"}`);
  let scale = 1;
  if (mantissa !== 0 && figure.value !== 0) {
    const exponent = Math.round(Math.log10(Math.abs(figure.value / mantissa)));
    if (Math.abs(figure.value / mantissa / 10 ** exponent - 1) < 1e-9) scale = 10 ** exponent;
  }
  return { scale, decimals: decimals.length };
}

/**
 * The step of the last digit the figure is written with, in base units:
 * "1,2 milliard" → 100 000 000, "1.232.726.898 euros" → 1, "12,5 %" → 0.1.
 */
export function writtenStep(figure: SourceFigure): number {
  const { scale, decimals } = writtenForm(figure);
  return roundStep(scale / 10 ** decimals);
}

function roundStep(step: number): number {
  // 10 ** -1 is exact, but 1e9 / 10 is not always: keep steps on clean powers of ten.
  return Number(step.toPrecision(12));
}

/**
 * Compares a figure read from the source with a fact. `value` is the fact's
 * value when the fact does not hold it itself (a change computed from its ends).
 */
export function agreement(fact: Fact, figure: SourceFigure, value?: number, direction?: 1 | -1): Agreement {
  const step = writtenStep(figure);
  const units = unitsFor(fact);
  if (!units.includes(figure.unit)) {
    return { ok: false, problem: "unit", expected: units.join(" or "), step };
  }
  switch (fact.type) {
    case "year-range": {
      const value = figure.value;
      if (!Array.isArray(value) || value[0] !== fact.value[0] || value[1] !== fact.value[1]) {
        return { ok: false, problem: "value", expected: `${fact.value[0]}–${fact.value[1]} exactly`, step };
      }
      break;
    }
    case "month":
    case "date":
      if (!sameDay(figure.value, fact.value)) return { ok: false, problem: "value", expected: `${fact.value} exactly`, step };
      break;
    case "quarter":
    case "half-year":
      // A quarter written without its year (“au troisième trimestre”) reads as --Q3, and stands for that quarter of any year.
      if (figure.value !== fact.value && !(typeof figure.value === "string" && figure.value.startsWith("--") && fact.value.slice(4) === figure.value.slice(1))) {
        return { ok: false, problem: "value", expected: `${fact.value} exactly`, step };
      }
      break;
    case "year":
    case "duration":
      if (figure.value !== fact.value) return { ok: false, problem: "value", expected: `${fact.value} exactly`, step };
      break;
    case "season":
      if (figure.value !== fact.value && figure.value !== seasonCode(fact.value)) return { ok: false, problem: "value", expected: `${fact.value} exactly`, step };
      break;
    default: {
      const stored = fact.type === "change" ? (value ?? fact.value) : fact.value;
      if (stored === undefined) return { ok: false, problem: "value", expected: "a value", step };
      // A fall, a loss or a deficit is written with words in the source ("en baisse de 2,4 %", "une perte de 12 millions"): its figure has no sign.
      const shown = typeof figure.value === "number" && figure.value >= 0 && stored < 0 ? -figure.value : figure.value;
      if (typeof shown !== "number" || Math.abs(shown - stored) > step / 2 + Math.abs(stored) * 1e-12) {
        return { ok: false, problem: "value", expected: `${stored}, which written with a step of ${step} is ${formatRounded(stored, step)}`, step };
      }
      // A change the source calls a rise or a fall (“en baisse de 3,2 %”), or an amount it calls a loss or a profit, is stored with that sign.
      if (direction !== undefined && stored !== 0 && Math.sign(stored) !== direction) {
        const side = `a value ${direction < 0 ? "below" : "above"} zero (${direction * Math.abs(stored)})`;
        return { ok: false, problem: "direction", expected: fact.type === "change" ? `${direction < 0 ? "a fall" : "a rise"}: ${side}` : side, step };
      }
    }
  }
  // A bound of the source (“plus de 6 milliards”) is the fact's bound: without it a brief would state the figure as exact.
  if (figure.bound !== undefined && fact.bound !== figure.bound) {
    return { ok: false, problem: "bound", expected: `\`bound: ${figure.bound}\` on the fact, as the source says`, step };
  }
  // The extractor reads a bound ("plus de") as a hedge: a bound fact accepts it.
  if (figure.approx && fact.approx !== true && fact.bound === undefined) {
    return { ok: false, problem: "hedge", expected: "`approx: true` on the fact, since the source hedges the figure", step };
  }
  return { ok: true, step };
}

function sameDay(read: unknown, stored: string): boolean {
  if (typeof read !== "string") return false;
  // A date written without its year ("15 avril") reads as --MM-DD.
  if (read.startsWith("--")) return stored.length === 10 && stored.slice(4) === read.slice(1);
  return read === stored;
}

function formatRounded(value: number, step: number): string {
  return String(roundStep(Math.round(value / step) * step));
}

/** A figure's value as a short text for messages. */
export function showValue(value: SourceFigure["value"]): string {
  return Array.isArray(value) ? `${value[0]}–${value[1]}` : String(value);
}
