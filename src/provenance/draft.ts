/**
 * Drafts: a new article folder from a French text, and a draft facts.yaml
 * with one fact per figure the extractor reads. Every figure and its
 * evidence come from the text; what an editor must decide is a `TODO`
 * placeholder, which `newsbrief check` lists as `draft/todo`.
 */
import { stringify } from "yaml";
import { parseSource } from "../content/load.ts";
import { frontMatterEnd } from "../plan/front-matter.ts";
import type { Fact } from "../content/schema.ts";
import type { FigureReader, SourceFigure } from "./consistency.ts";
import { agreement, directionAfter, directionBefore, endsOfFiguresBefore, signedWordsOf, signWordsBefore, writtenForm, writtenStep, type SignedMeasure } from "./consistency.ts";
import { ageBrackets } from "./age-brackets.ts";
import { comparisonSpan } from "./comparison-spans.ts";
import { datelineOf } from "./dateline.ts";
import { findQuotation, normalizeQuotation, overlaps, type Span } from "./text.ts";

/** The placeholder written where an editor must decide. */
export const TODO = "TODO";

/** The title of a text: its first Markdown heading, or else its first non-empty line. */
export function titleOf(text: string): string | undefined {
  const lines = text.split("\n").map((line) => line.trim());
  const heading = lines.find((line) => /^#{1,6}\s+\S/.test(line));
  const title = heading ? heading.replace(/^#{1,6}\s+/, "").replace(/\s+#+$/, "") : lines.find((line) => line.length > 0);
  return title?.trim() || undefined;
}

/** The text of a new `source.fr.md`: front matter from what the text says, then the text verbatim. */
export function draftSource(text: string, title: string, dated?: { date: string; dateline: string }): string {
  return [
    "---",
    `title: ${quote(title)}`,
    "lang: fr",
    "# What the article does not say: uncomment and fill in what applies.",
    "# category: the article's section",
    "# publisher: the credited source, if the brief names it",
    "# url: https://… (the article's address, http or https)",
    dated ? `date: ${quote(dated.date)} # the article's date, from its dateline “${dated.dateline}”: check it` : "# date: YYYY-MM-DD (the article's date)",
    "---",
    "",
    text,
  ].join("\n");
}

/** What a draft is made from. */
export interface DraftInput {
  /** The article's title, for the header comment. */
  title?: string;
  /** The text the figures were read from (the source body). */
  body: string;
  /** The article's date as its source's front matter gives it (`date:`), proposed as the brief's. */
  date?: string;
  figures: readonly SourceFigure[];
  /**
   * The story type the article will be, with its measures: a figure whose
   * words name a measure ("chiffre d’affaires de 19 285,1 M€") gets
   * `measure:` instead of labels to write in three languages.
   */
  type?: { name: string; measures: Readonly<Record<string, DraftMeasure>> };
}

/**
 * A measure as drafts use it: its cues name it; its French labels, when it has a `negative`
 * variant, give an amount of it the sign its words say (“une perte de 12,4 millions” is
 * drafted below zero), with the words of gain and of loss the provenance check reads.
 */
export type DraftMeasure = { cues: readonly string[]; kind?: string | undefined } & Partial<SignedMeasure>;

/**
 * The kinds of measure (`kind` in `type.yaml`) a fact of each type may take:
 * a count is not an unemployment rate, whatever cue stands before it. A
 * change is of the measure it changes, of any kind, except that points are
 * a change of a percentage. A measure of another kind, or without one, fits
 * a quantity; a measure without a kind fits any fact.
 */
const KINDS_OF: Partial<Record<Fact["type"], readonly string[]>> = {
  money: ["money", "money-per-share"],
  count: ["count"],
  percent: ["percent"],
  "percentage-point": ["percent"],
  duration: ["duration"],
};
const NOT_QUANTITIES = new Set(Object.values(KINDS_OF).flat());

/** Whether a measure of `kind` may name `fact`. */
function fits(kind: string | undefined, fact: Fact): boolean {
  if (kind === undefined) return true;
  if (fact.type === "quantity") return !NOT_QUANTITIES.has(kind);
  const wanted = fact.type === "change" ? (fact.unit === "percentage-point" ? KINDS_OF["percentage-point"] : undefined) : KINDS_OF[fact.type];
  return wanted === undefined || wanted.includes(kind);
}

interface DraftFact {
  id: string;
  /** The comment and fields before `evidence`. */
  lines: string[];
  evidence: string[];
}

/** Units the fact model has no type for yet: their figures are drafted under `ignore:`. */
const NO_FACT_TYPE = new Set(["time", "fraction"]);

/** The kinds of fact a measure names (the first line of a drafted fact). */
const MEASURED = /^type: (?:money|count|percent|percentage-point|basis-point|quantity|change)$/;

/**
 * The words between a change and the level it reaches, in lower case with typographic
 * apostrophes: “recule de 7,8 % à 1,32 milliard”, “grimpe de 12 % pour atteindre 2,1 milliards”,
 * “progresse de 3 %, pour s’établir à 12,4 millions”. Not “soit”, which gives the change in units.
 */
const LEVEL_AFTER_CHANGE = /^\s*,?\s*(?:à|(?:pour|et) (?:atteindre|atteint|totaliser|totalise|(?:s’établir|s’établit|se fixer|se fixe|s’élever|s’élève|passer|passe|revenir|revient|ressortir|ressort|se situer|se situe|tomber|tombe|culminer|culmine|se hisser|se hisse) à))\s+$/u;

/** A sentence that opens with a subject pronoun, up to the figure. */
const PRONOUN_OPENING = /^\s*(Il|Elle|Ils|Elles)\s[^.!?]*$/u;

/** The text of `body` from the start of the sentence `at` is in, up to `at`. */
function sentenceBefore(body: string, at: number): string {
  const before = body.slice(Math.max(0, at - 300), at);
  const end = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("! "), before.lastIndexOf("? "));
  return end === -1 ? before : before.slice(end + 1);
}

/** The words right before an earlier value a figure is compared with: “…, contre 5,8 %”. */
const COMPARED_WITH = /(?:^|[\s,;(])contre\s+$/u;

/** The extractor's units of dates and periods, which may stand between a figure and what it is compared with. */
const PERIOD_UNITS = new Set(["year", "year-range", "month", "date", "quarter", "half-year", "season"]);

/** The kinds of fact that need no label (the first line of a drafted fact). */
const PERIOD = /^type: (?:year|year-range|month|date|quarter|half-year|season)$/;

/** A change fact from a rate the words before it call a rise or a fall. */
function changeFields(figure: SourceFigure, direction: 1 | -1): { id: string; lines: string[]; fact: Fact } {
  const value = Math.abs(figure.value as number) * direction;
  const { decimals } = writtenForm(figure);
  const lines = ["type: change", `unit: ${figure.unit}`, `value: ${value}`, ...(decimals > 0 && decimals <= 3 ? [`decimals: ${decimals}`] : [])];
  const id = idOf("change", direction > 0 ? "up" : "down", String(Math.abs(value)));
  const fact = { id, type: "change", unit: figure.unit, value, ...(decimals > 0 ? { decimals } : {}), label: { fr: TODO, nl: TODO, en: TODO } } as Fact;
  return { id, lines, fact };
}

/** A drafted amount made negative: a loss or a deficit the words say, which the figure writes without a sign. */
function negated(fields: { id: string; lines: string[]; fact: Fact }, size: number): { id: string; lines: string[]; fact: Fact } {
  const lines = fields.lines.map((line) => (line === `value: ${size}` ? `value: ${-size}` : line));
  return { id: fields.id, lines, fact: { ...fields.fact, value: -size } as Fact };
}

/** Why a draft leaves out the ages of an age bracket: no decision to make, but a word for the label. */
const AGE_BRACKET = "an age bracket: the population the figure is about, not a duration (say it in that figure's label)";
const COMPARISON_SPAN = "the span a figure is compared over, not a duration: the brief says it with the change (en glissement annuel, par rapport à…)";

/** The currencies briefs can show (facts.yaml `currency`). */
const SHOWN_CURRENCIES = new Set(["EUR", "USD", "GBP", "CHF"]);

/** The units of quantity facts. */
const QUANTITY_UNITS = new Set(["MW", "GW", "MWh", "GWh", "TWh", "km", "t", "ha"]);

/** The extractor's season codes (ISO 8601-2) and the season words of facts. */
const SEASONS: Record<string, string> = { "21": "spring", "22": "summer", "23": "autumn", "24": "winter" };

/**
 * A draft facts.yaml. It parses under the project's YAML rules (no anchors,
 * aliases or tags) and its shape is valid once the placeholders are filled.
 * Each evidence quotation is unique in the body (widened with the words
 * around the figure when the figure's own words occur more than once), facts
 * with the same value, unit and words are merged, and every quotation is
 * checked with the provenance check's own rules: a figure the check would
 * not accept as the drafted fact is listed under `ignore:` with the problem.
 */
export function draftFacts(input: DraftInput): string {
  const figures = input.figures.filter((f) => f.unit !== "label");
  const plain = normalizeQuotation(input.body);
  // The figures a span overlaps, in the text's order: found by their start, not by reading every figure.
  const order = new Map(figures.map((f, i) => [f, i] as const));
  const byStart = [...figures].sort((a, b) => a.start - b.start || order.get(a)! - order.get(b)!);
  const longest = byStart.reduce((max, f) => Math.max(max, f.end - f.start), 0);
  const inside = (span: Span) => {
    let low = 0;
    let high = byStart.length;
    // The first figure that starts late enough to reach into the span.
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byStart[mid]!.start < span.start - longest) low = mid + 1;
      else high = mid;
    }
    const found: SourceFigure[] = [];
    for (let i = low; i < byStart.length && byStart[i]!.start < span.end; i++) if (overlaps(byStart[i]!, span)) found.push(byStart[i]!);
    return found.sort((a, b) => order.get(a)! - order.get(b)!);
  };
  const facts: DraftFact[] = [];
  const merged = new Map<string, DraftFact>();
  const ignored: string[] = [];
  const ids = new Set<string>();
  const ignore = (figure: SourceFigure, quotation: string, reason: string) => {
    ignored.push(`  # ${contextOf(input.body, figure)}`, `  - text: ${quote(quotation)}`, `    reason: ${quote(reason)}`);
  };
  // Words that hold a figure but no fact, left out once per wording with their reason: ages that
  // name a population (“des 15-74 ans”) and the span a figure is compared over (“sur un an”).
  const wordings = new Map<SourceFigure, { text: string; reason: string }>();
  for (const [figure, bracket] of ageBrackets(input.body, figures)) wordings.set(figure, { text: bracket.text, reason: AGE_BRACKET });
  for (const figure of figures) {
    const span = wordings.has(figure) ? undefined : comparisonSpan(input.body, figure);
    if (span) wordings.set(figure, { text: span.text, reason: COMPARISON_SPAN });
  }
  const leftOut = new Set<string>();
  // The last figure drafted as a change of a measure, for the level that may follow it.
  let change: { figure: SourceFigure; measure: { id: string; cue: string } } | undefined;
  // Ages of a bracket and a comparison's span stand between a measure's words and its figure
  // (“le taux d’emploi des 20-64 ans atteint 72,4 %”) without being the figure those words name.
  const endBefore = endsOfFiguresBefore(figures.filter((f) => !wordings.has(f)));
  // The last figure drafted with a measure, for the one it is compared with (“6,1 %, contre 5,8 %”).
  let measured: { figure: SourceFigure; measure: { id: string; cue: string }; kind: string } | undefined;
  const answered = new Map<string, string | undefined>();
  for (const figure of figures) {
    const quotation = uniqueQuotation(input.body, plain, figure);
    const wording = wordings.get(figure);
    if (wording) {
      if (!leftOut.has(normalizeQuotation(wording.text))) ignore(figure, wording.text, wording.reason);
      leftOut.add(normalizeQuotation(wording.text));
      continue;
    }
    if (/^[A-Z]{3}$/.test(figure.unit) && !SHOWN_CURRENCIES.has(figure.unit)) {
      ignore(figure, quotation, `briefs show amounts in EUR, USD, GBP and CHF: ${figure.unit} has no fact type`);
      continue;
    }
    // A count said to be more or fewer (“18 600 de moins”) is a change too.
    const direction = directionBefore(input.body, figure) ?? (figure.unit === "count" ? directionAfter(input.body, figure)?.sign : undefined);
    let fields = direction ? changeFields(figure, direction) : factFields(figure);
    if (!fields) {
      const reason = NO_FACT_TYPE.has(figure.unit) || !/^[A-Z]{3}$|^count$|^percent$|^percentage-point$|^basis-point$|^year$|^year-range$|^month$|^date$|^quarter$|^half-year$|^season$|^duration$/.test(figure.unit)
        ? `no fact type yet for ${figure.unit}`
        : `${TODO}: why the brief leaves out this ${figure.unit} figure`;
      ignore(figure, quotation, reason);
      continue;
    }
    // The check the draft must pass: the quotation stands once in the body and reads as the fact.
    // A text that repeats itself asks the same question again: each is answered once.
    const asked = `${quotation}\u0000${JSON.stringify(fields.fact)}`;
    const problem = answered.has(asked) ? answered.get(asked) : evidenceProblem(fields.fact, quotation, plain, inside);
    answered.set(asked, problem);
    if (problem) {
      ignore(figure, quotation, `${TODO}: make it a fact by hand (the draft's evidence would be refused: ${problem}), or say why the brief leaves it out`);
      continue;
    }
    // Only amounts, counts, rates and quantities are measures; the words must name this figure, with no other figure between.
    const previous = endBefore(figure);
    // A change ("en baisse de 3,2 %") is of the measure named before the figure it follows.
    const drafted = fields.fact;
    const fitting = input.type ? Object.fromEntries(Object.entries(input.type.measures).filter(([, m]) => fits(m.kind, drafted))) : {};
    // A level right after its change ("recule de 7,8 % à 1,32 milliard") is the new value of the change's measure.
    const level = !direction && change && MEASURED.test(fields.lines[0] ?? "") && change.measure.id in fitting && LEVEL_AFTER_CHANGE.test(normalizeCue(input.body.slice(change.figure.end, figure.start))) ? change : undefined;
    // A value after “contre” that only periods separate from a figure of a measure is that measure's earlier value.
    const between = measured ? figures.filter((f) => f.start >= measured!.figure.end && f.end <= figure.start) : [];
    const compared = !direction && !level && measured && measured.kind === (fields.lines[0] ?? "") && measured.measure.id in fitting
      && between.every((f) => PERIOD_UNITS.has(f.unit)) && COMPARED_WITH.test(normalizeCue(input.body.slice(previous, figure.start))) ? measured : undefined;
    const found = level
      ? { ...level.measure, level: level.figure }
      : compared
        ? { ...compared.measure, compared: compared.figure }
        : input.type && MEASURED.test(fields.lines[0] ?? "") ? measureOf(input.body, figure, fitting, direction ? 0 : previous) : undefined;
    // A change whose sentence opens with a pronoun (“Elle recule ainsi de 0,23 point”) is of the measure last named in its paragraph.
    const pronoun = !found && direction && measured && measured.measure.id in fitting && !input.body.slice(measured.figure.end, figure.start).includes("\n\n") ? PRONOUN_OPENING.exec(sentenceBefore(input.body, figure.start)) : undefined;
    const measure = found ?? (pronoun && measured ? { ...measured.measure, pronoun: pronoun[1]!, of: measured.figure } : undefined);
    change = direction && measure ? { figure, measure: { id: measure.id, cue: measure.cue } } : undefined;
    if (MEASURED.test(fields.lines[0] ?? "") && !PERIOD_UNITS.has(figure.unit)) measured = !direction && measure ? { figure, measure: { id: measure.id, cue: measure.cue }, kind: fields.lines[0] ?? "" } : undefined;
    // An amount of a measure that has words for below zero takes the sign its words give it, as the check reads them.
    const named = measure ? input.type?.measures[measure.id] : undefined;
    const signedWords = named?.fr && fields.fact.type === "money" ? signedWordsOf({ ...named, fr: named.fr }) : undefined;
    const sign = signedWords ? signWordsBefore(input.body, figure, signedWords, previous) : undefined;
    const below = sign?.sign === -1 && typeof figure.value === "number" && figure.value > 0;
    if (below) fields = negated(fields, figure.value as number);
    // A bound ("plus d’un million") is another fact than the figure itself ("un million"), and a loss another than a profit.
    const key = `${figure.unit}|${JSON.stringify(figure.value)}|${below ? "-" : ""}|${figure.approx ? "~" : ""}|${figure.bound ?? ""}|${normalizeQuotation(figure.text)}`;
    const same = merged.get(key);
    if (same && same.evidence.length < 20) {
      if (!same.evidence.includes(quotation)) same.evidence.push(quotation);
      continue;
    }
    let id = fields.id;
    for (let n = 2; ids.has(id); n++) id = `${fields.id}-${n}`;
    ids.add(id);
    const notes = readingNotes(figure);
    const signNote = sign && below ? [`  # the words “${oneLine(input.body.slice(sign.start, figure.start)).trim()}” before the figure say it is below zero: check its sign`] : [];
    const fact: DraftFact = {
      id,
      lines: [
        `  # ${contextOf(input.body, figure)}`,
        ...notes.map((note) => `  # ${note}`),
        ...(measure && "level" in measure
          ? [`  # the figure is the level the change “${oneLine(measure.level.text)}” reaches: the measure ${measure.id}, as the change's: check it`]
          : measure && "compared" in measure
            ? [`  # the figure is what “${oneLine(measure.compared.text)}” is compared with (contre): the measure ${measure.id}, as its: check it`]
          : measure && "pronoun" in measure
            ? [`  # “${measure.pronoun}” stands for the measure of “${oneLine(measure.of.text)}” before it, ${measure.id}: check it`]
          : measure
            ? [`  # the words “${measure.cue}” ${measure.after ? "after" : "before"} the figure name the measure ${measure.id}: check it`]
            : []),
        ...signNote,
        `  - id: ${id}`,
        ...fields.lines.map((line) => `    ${line}`),
        ...(measure ? [`    measure: ${measure.id}`] : PERIOD.test(fields.lines[0] ?? "") ? [] : [`    label: { fr: ${quote(TODO)}, nl: ${quote(TODO)}, en: ${quote(TODO)} }`]),
      ],
      evidence: [quotation],
    };
    merged.set(key, fact);
    facts.push(fact);
  }
  const date = editorialDate(input, figures);
  const out = [
    `# Draft facts${input.title ? ` of ${quote(input.title)}` : ""}, read from the source by \`newsbrief extract --draft\`.`,
    "# Every figure and its evidence come from the source. Each TODO is an editor's decision:",
    "# `newsbrief check` lists those still open (draft/todo).",
    "version: 2",
    "",
    ...(date.from === undefined
      ? ["# TODO: the brief's date and template are the newsroom's decisions, not the article's."]
      : input.type ? [] : ["# TODO: the brief's template is the newsroom's decision, not the article's."]),
    "editorial:",
    ...(date.from === undefined ? [] : [`  # ${date.from}`]),
    `  date: ${quote(date.value)}`,
    input.type ? `  template: ${input.type.name}` : `  template: ${quote(`${TODO}: the story type, a name \`newsbrief templates\` lists, such as funding-announcement`)}`,
    "",
    "# TODO: the texts the template names (funder, programme, focus…), each in fr, nl and en.",
    `story: ${quote(`${TODO}: the texts the template names, each in fr, nl and en`)}`,
    "",
  ];
  if (facts.length === 0) out.push(`facts: ${quote(`${TODO}: the article's figures (the extractor read none)`)}`);
  else {
    out.push(input.type ? "# TODO: the label in fr, nl and en of each fact without a measure; `required: false` on a figure the brief may leave out." : "# TODO: each fact's label in fr, nl and en; `required: false` on a figure the brief may leave out.");
    out.push("facts:");
    for (const fact of facts) out.push(...fact.lines, `    evidence: [${fact.evidence.map(quote).join(", ")}]`, "");
    out.pop();
  }
  if (ignored.length > 0) {
    out.push("", "# TODO: figures no fact stands for: say why each is left out, or make it a fact.", "ignore:", ...ignored);
  }
  out.push("", "# Add breakdowns:, quotes: and related: as the brief needs them (see README, “The facts format”).", "");
  return out.join("\n");
}

/**
 * The brief's date a draft proposes, and a comment on where it comes from: the source's front
 * matter (the dateline, when the front matter gives the dateline's date), else the dateline that opens the text (“BRUXELLES, 12 avril 2027 (Belga) –”), whose
 * year is left to the editor when it writes none; else a TODO. Never a date the source does not give.
 */
function editorialDate(input: DraftInput, figures: readonly SourceFigure[]): { value: string; from?: string } {
  const dateline = datelineOf(input.body, figures, input.title);
  // A front matter's date that is its dateline's (as `new` writes it) is said to come from the dateline.
  if (input.date && dateline?.date.value !== input.date) return { value: input.date, from: "the source's front matter gives the article's date: check that it is the brief's" };
  if (!dateline) return { value: `${TODO}: the brief's date, YYYY-MM-DD` };
  const words = `the dateline “${oneLine(dateline.text).trim()}”`;
  const { value } = dateline.date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { value, from: `${words} gives the article's date: check that it is the brief's` };
  return { value: `${TODO}: the year of ${value.slice(2)} (the dateline does not write it), as YYYY-MM-DD`, from: `${words} gives the article's day, not its year` };
}

/**
 * The draft facts.yaml of a file as read: a `source.fr.md` (its front
 * matter's title, figures of its body) or a plain French text.
 */
export function draftFromDocument(text: string, read: FigureReader, type?: DraftInput["type"]): string {
  const plain = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const source = plain.startsWith("---\n") ? parseSource(plain, "source").value : undefined;
  const typed = type ? { type } : {};
  if (source) return draftFacts({ title: source.frontMatter.title, body: source.body, figures: read(source.body), ...(source.frontMatter.date ? { date: source.frontMatter.date } : {}), ...typed });
  // A front matter that does not validate is still not part of the article's text.
  const body = plain.slice(frontMatterEnd(plain));
  return draftFacts({ ...(titleOf(body) ? { title: titleOf(body)! } : {}), body, figures: read(body), ...typed });
}

function factFields(figure: SourceFigure): { id: string; lines: string[]; fact: Fact } | undefined {
  const found = factFieldsOf(figure);
  if (!found) return undefined;
  const base = { id: found.id, label: { fr: TODO, nl: TODO, en: TODO }, ...(figure.approx ? { approx: true } : {}), ...(figure.bound ? { bound: figure.bound } : {}) };
  // For the check only: a day or month without its year is checked against any year.
  const value = typeof figure.value === "string" && figure.value.startsWith("--") ? `2000${figure.value.slice(1)}` : figure.value;
  const unit = figure.unit;
  const fact = (/^[A-Z]{3}$/.test(unit)
    ? { ...base, type: "money", currency: unit, value }
    : QUANTITY_UNITS.has(unit)
      ? { ...base, type: "quantity", unit, value }
      : { ...base, type: unit, value: found.value ?? value }) as Fact;
  return { ...found, fact };
}

/** The problem the provenance check would find with `quotation` as the evidence of `fact`, if any. */
function evidenceProblem(fact: Fact, quotation: string, plain: string, inside: (span: Span) => SourceFigure[]): string | undefined {
  const spans = findQuotation(plain, normalizeQuotation(quotation));
  if (spans.length === 0) return "the quotation is not in the body";
  // The same words read the same way wherever they stand: each reading is judged once.
  const judged = new Map<string, ReturnType<typeof agreement>>();
  const judge = (figure: SourceFigure) => {
    const key = JSON.stringify([figure.text, figure.unit, figure.value, figure.approx, figure.bound, figure.currencySource]);
    let result = judged.get(key);
    if (!result) judged.set(key, (result = agreement(fact, figure)));
    return result;
  };
  for (const span of spans) {
    const read = inside(span);
    if (read.length === 0) return "the quotation holds no figure";
    const results = read.map(judge);
    if (!results.some((r) => r.ok)) {
      const bad = results.find((r) => !r.ok && r.problem !== "unit") ?? results[0]!;
      return bad.ok ? undefined : `${bad.problem}, expected ${bad.expected}`;
    }
  }
  return undefined;
}

/** Notes on how a figure was read, when the reading was a choice. */
function readingNotes(figure: SourceFigure): string[] {
  const notes: string[] = [];
  const dotted = /(?<![\d.,])(\d{1,3})\.(\d{3})(?![\d.,])/.exec(figure.text);
  if (dotted && typeof figure.value === "number") {
    const decimal = Number(`${dotted[1]!}.${dotted[2]!}`);
    const scale = /milliard|Mds?\b|Mrds?\b|Md€|Mds€/i.test(figure.text) ? 1e9 : /million|Mio|M€|m€|\bM\b/.test(figure.text) ? 1e6 : 1;
    if (Math.abs(figure.value - decimal * scale) <= Math.abs(figure.value) * 1e-9) {
      notes.push(`read “${dotted[0]}” with a decimal point (${decimal}), not as ${Number(dotted[1]! + dotted[2]!)}: check the source's number formatting`);
    }
  }
  if (figure.currencySource) notes.push(`the currency ${figure.unit} is not next to the figure: it comes from the ${figure.currencySource}`);
  if (figure.bound) notes.push(`the source gives a bound (${figure.bound}): say so in the label`);
  return notes;
}

/** How long a drafted quotation may grow while it is made to stand once in the body. */
const MAX_QUOTATION = 160;

/**
 * The figure's own words, widened with the words around them until they
 * stand exactly once in the body as whole words, as the check matches them.
 */
function uniqueQuotation(body: string, plain: string, figure: SourceFigure): string {
  let start = figure.start;
  let end = figure.end;
  // Whether the words stand exactly once: two places are enough to say no.
  const count = () => findQuotation(plain, plain.slice(start, end), 2).length;
  // Widen while the words stand more than once, or not as whole words (a figure glued to a word: `le30/10/2024`),
  // within the figure's line and up to MAX_QUOTATION characters: a sentence that a text repeats word for word never
  // becomes unique, and a quotation across lines would not be one line of facts.yaml.
  const lineStart = body.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = body.indexOf("\n", end) === -1 ? body.length : body.indexOf("\n", end);
  for (let turn = 0; end - start < MAX_QUOTATION && count() !== 1 && (start > lineStart || end < lineEnd); turn++) {
    if ((turn % 2 === 0 && start > lineStart) || end >= lineEnd) {
      // One more word to the left: the spaces, then the word before them.
      while (start > lineStart && /\s/.test(body[start - 1]!)) start--;
      while (start > lineStart && !/\s/.test(body[start - 1]!)) start--;
    } else {
      while (end < lineEnd && /\s/.test(body[end]!)) end++;
      while (end < lineEnd && !/\s/.test(body[end]!)) end++;
    }
  }
  return body.slice(start, end);
}

function factFieldsOf(figure: SourceFigure): { id: string; lines: string[]; value?: string } | undefined {
  const { unit, value } = figure;
  const approx = figure.approx ? ["approx: true"] : figure.bound ? [`bound: ${figure.bound}`] : [];
  if (/^[A-Z]{3}$/.test(unit) && typeof value === "number") {
    const { scale, decimals } = writtenForm(figure);
    const step = writtenStep(figure);
    const word = SCALE_WORDS.get(scale);
    const display = word && decimals <= 3 ? [`display: { scale: ${word}, decimals: ${decimals} }`] : [];
    return {
      id: idOf("amount", mantissaOf(value, scale, decimals), word && word !== "none" ? word : ""),
      lines: ["type: money", `currency: ${unit}`, `value: ${value}`, ...(step > 1 ? [`precision: ${step}`] : []), ...display, ...approx],
    };
  }
  switch (unit) {
    case "count":
      if (typeof value !== "number" || !Number.isInteger(value)) return undefined;
      return { id: idOf("count", String(value)), lines: ["type: count", `value: ${value}`, ...approx] };
    case "percent":
    case "percentage-point": {
      if (typeof value !== "number") return undefined;
      const { decimals } = writtenForm(figure);
      return {
        id: idOf(unit === "percent" ? "percent" : "points", String(value)),
        lines: [`type: ${unit}`, `value: ${value}`, ...(decimals > 0 && decimals <= 3 ? [`decimals: ${decimals}`] : []), ...approx],
      };
    }
    case "basis-point": {
      if (typeof value !== "number") return undefined;
      const { decimals } = writtenForm(figure);
      return { id: idOf("basis-points", String(value)), lines: ["type: basis-point", `value: ${value}`, ...(decimals > 0 && decimals <= 3 ? [`decimals: ${decimals}`] : []), ...approx] };
    }
    case "quarter":
    case "half-year":
      if (typeof value !== "string") return undefined;
      if (/^\d{4}-(?:Q[1-4]|H[12])$/.test(value)) return { id: idOf(unit, value), lines: [`type: ${unit}`, `value: ${quote(value)}`] };
      if (/^--(?:Q[1-4]|H[12])$/.test(value)) return { id: idOf(unit, value.slice(2)), lines: [`type: ${unit}`, `value: ${quote(`${TODO}: the year of ${value.slice(2)} (the source does not write it), as YYYY-${value.slice(2)}`)}`] };
      return undefined;
    case "season": {
      if (typeof value !== "string") return undefined;
      const match = /^(\d{4})(?:\/(\d{4}))?-(2[1-4])$/.exec(value);
      if (!match) return undefined;
      const season = `${match[1]}${match[2] ? `-${match[2]}` : ""}-${SEASONS[match[3]!]}`;
      return { id: idOf("season", season), lines: ["type: season", `value: ${quote(season)}`], value: season };
    }
    case "duration":
      if (typeof value !== "string" || !/^P(?:[1-9]\d{0,3}[YMWD]|T[1-9]\d{0,3}H)$/.test(value)) return undefined;
      return { id: idOf("duration", value.slice(1)), lines: ["type: duration", `value: ${quote(value)}`, ...approx] };
    case "year":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1000 || value > 9999) return undefined;
      return { id: idOf("year", String(value)), lines: ["type: year", `value: ${value}`] };
    case "year-range":
      if (!Array.isArray(value)) return undefined;
      return { id: idOf("years", `${value[0]}-${value[1]}`), lines: ["type: year-range", `value: [${value[0]}, ${value[1]}]`] };
    case "month":
      if (typeof value !== "string") return undefined;
      if (/^\d{4}-\d{2}$/.test(value)) return { id: idOf("month", value), lines: ["type: month", `value: ${quote(value)}`] };
      if (/^--\d{2}$/.test(value)) {
        return { id: idOf("month", value.slice(2)), lines: ["type: month", `value: ${quote(`${TODO}: the year of month ${value.slice(2)} (the source does not write it), as YYYY-MM`)}`] };
      }
      return undefined;
    case "date":
      if (typeof value !== "string") return undefined;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { id: idOf("date", value), lines: ["type: date", `value: ${quote(value)}`] };
      if (/^--\d{2}-\d{2}$/.test(value)) {
        return { id: idOf("date", value.slice(2)), lines: ["type: date", `value: ${quote(`${TODO}: the year of ${value.slice(2)} (the source does not write it), as YYYY-MM-DD`)}`] };
      }
      return undefined;
    default:
      if (QUANTITY_UNITS.has(unit) && typeof value === "number") {
        const { decimals } = writtenForm(figure);
        return { id: idOf("quantity", String(value), unit), lines: ["type: quantity", `unit: ${unit}`, `value: ${value}`, ...(decimals > 0 && decimals <= 3 ? [`decimals: ${decimals}`] : []), ...approx] };
      }
      return undefined;
  }
}

/**
 * The measure whose cue stands nearest before the figure in its sentence
 * (at most 80 characters back, and after `after`, the end of the figure
 * before it): "le chiffre d’affaires s’établit à 4,8 Md€" → revenue. Case and apostrophes do not matter; the longest cue wins a tie.
 */
export function measureOf(body: string, figure: SourceFigure, measures: Readonly<Record<string, { cues: readonly string[] }>>, after = 0): { id: string; cue: string; after?: true } | undefined {
  // The words right after a figure name it first: “45 navires”, “4 230 personnes”.
  const own = attachedCue(body, figure.end, measures);
  if (own) return { id: own.id, cue: own.cue, after: true };
  let sentenceStart = Math.max(body.lastIndexOf(". ", figure.start), body.lastIndexOf("\n", figure.start), figure.start - 80, after);
  // Those right after the figure before it are that figure's: “45 navires … et 1 200 travailleurs”.
  if (after > 0 && sentenceStart === after) sentenceStart += attachedCue(body, after, measures)?.length ?? 0;
  const before = normalizeCue(body.slice(Math.max(0, sentenceStart), figure.start));
  let best: { id: string; cue: string; at: number } | undefined;
  for (const [id, measure] of Object.entries(measures)) {
    for (const cue of measure.cues) {
      const wanted = normalizeCue(cue);
      if (wanted.length < 3) continue;
      const at = before.lastIndexOf(wanted);
      // Whole words only: "ca" is not a cue inside "capital".
      if (at === -1 || /\p{L}/u.test(before[at - 1] ?? "") || /\p{L}/u.test(before[at + wanted.length] ?? "")) continue;
      const end = at + wanted.length;
      if (!best || end > best.at || (end === best.at && cue.length > best.cue.length)) best = { id, cue, at: end };
    }
  }
  return best ? { id: best.id, cue: best.cue } : undefined;
}

/** A cue that follows `at` at once (a space, perhaps “de” or “d’”, then the cue as whole words), with the length it covers. */
function attachedCue(body: string, at: number, measures: Readonly<Record<string, { cues: readonly string[] }>>): { id: string; cue: string; length: number } | undefined {
  const next = normalizeCue(body.slice(at, at + 60));
  let best: { id: string; cue: string; length: number } | undefined;
  for (const [id, measure] of Object.entries(measures)) {
    for (const cue of measure.cues) {
      const wanted = normalizeCue(cue);
      if (wanted.length < 3) continue;
      const lead = /^[\s\u00a0\u202f]+(?:de |d’)?/u.exec(next)?.[0].length;
      if (lead === undefined || !next.startsWith(wanted, lead) || /\p{L}/u.test(next[lead + wanted.length] ?? "")) continue;
      if (!best || wanted.length > best.cue.length) best = { id, cue, length: lead + wanted.length };
    }
  }
  return best;
}

function normalizeCue(text: string): string {
  return text.toLowerCase().replace(/[’']/g, "’").replace(/\s+/g, " ");
}

const SCALE_WORDS = new Map<number, string>([
  [1, "none"],
  [1e3, "thousand"],
  [1e6, "million"],
  [1e9, "billion"],
]);

function mantissaOf(value: number, scale: number, decimals: number): string {
  return (value / scale).toFixed(decimals);
}

/** An id such as `amount-1-2-billion`: lower-case words and digits joined by hyphens. */
function idOf(...parts: string[]): string {
  const id = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id.slice(0, 70).replace(/-+$/, "");
}

/** The words around a figure, on one line, for a comment. */
function contextOf(body: string, figure: SourceFigure): string {
  const before = body.slice(Math.max(0, figure.start - 40), figure.start);
  const after = body.slice(figure.end, figure.end + 40);
  return oneLine(`…${before}[${figure.text}]${after}…`);
}

/** A text on one line, for a comment: spaces and control characters as single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
}

/** A YAML double-quoted scalar. */
function quote(text: string): string {
  return stringify(text, { defaultStringType: "QUOTE_DOUBLE", lineWidth: 0 }).trimEnd();
}
