/**
 * The corpus of `npm run bench` (and of its test): N articles made from model
 * articles (`content/<slug>/facts.yaml` and `source.fr.md`). Article i is
 * model i mod M with its own date, funder, publisher and company, and its own
 * figure values: the plain quantities of the model are scaled by a factor of
 * `FACTORS`, in `facts.yaml` (value and evidence) and in the source (title and
 * body) together, so that provenance and the verifier still hold. Article i is
 * always the same text.
 *
 * What is scaled, per model (worked out once from its facts and its source):
 * money, counts, quantities, percentages, points and changes written in
 * digits, each where every quotation of its evidence holds exactly one figure
 * of its unit that states its value. Facts tied together are scaled together
 * or not at all: a change computed from two facts (`from`, `to`) is computed
 * again from their new values, the total of a complete breakdown is the sum of
 * its new parts, and a partial breakdown must stay within its total. What is
 * kept: dates, years and periods (calendar-consistent), durations, figures in
 * words ("une vingtaine"), and shares and margins (ratios of amounts that are
 * scaled by the same factor, so they do not move). Every variant is checked
 * before it is used: the figure extractor must read, in the new source, the
 * same figures as in the model, with the new values where they were changed;
 * every quotation and `ignore` text must stand as often as before; and the
 * new `facts.yaml` must say what was meant. A group of facts whose variant
 * fails a check keeps the model's values.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, isSeq, parse, parseDocument } from "yaml";
import type { Fact } from "../../src/content/schema.ts";
import { computeChange } from "../../src/content/rules.ts";
import { extractFromDocument } from "../../src/extract/document.ts";
import { extractFigures, type ExtractedFigure } from "../../src/extract/index.ts";
import { agreement, unitsFor, writtenForm } from "../../src/provenance/consistency.ts";
import { findQuotation, normalizeQuotation } from "../../src/provenance/text.ts";

/** A model article: its folder name and the texts of its two files. */
export interface Model {
  slug: string;
  facts: string;
  source: string;
}

/** One generated article. */
export interface Article {
  facts: string;
  source: string;
}

/**
 * The factors article values are scaled by: article i of a model with M
 * models uses `FACTORS[floor(i / M) % FACTORS.length]`, so the first
 * M × FACTORS.length articles hold every variant there is. Kept within
 * 0.8–1.25 so that amounts keep their scale word and rates stay plausible.
 */
export const FACTORS = [0.8, 1.15, 0.9, 1.25, 0.85, 1.1, 0.95, 1.2] as const;

/** The model articles of a `content/` folder, by slug. */
export function loadModels(contentDir: string): Model[] {
  const found: Model[] = [];
  if (!existsSync(contentDir)) return found;
  for (const slug of readdirSync(contentDir).sort()) {
    const dir = path.join(contentDir, slug);
    if (!existsSync(path.join(dir, "facts.yaml")) || !existsSync(path.join(dir, "source.fr.md"))) continue;
    found.push({ slug, facts: readFileSync(path.join(dir, "facts.yaml"), "utf8"), source: readFileSync(path.join(dir, "source.fr.md"), "utf8") });
  }
  return found;
}

/** The folder of article i: `content/brief-00042`. */
export function articleSlug(i: number): string {
  return `brief-${String(i).padStart(5, "0")}`;
}

/** Writes articles 0 to count − 1 into `root/content/`. */
export function writeCorpus(root: string, models: readonly Model[], count: number): void {
  for (let i = 0; i < count; i++) {
    const { facts, source } = article(models, i);
    const dir = path.join(root, "content", articleSlug(i));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "facts.yaml"), facts);
    writeFileSync(path.join(dir, "source.fr.md"), source);
  }
}

/** Article i of a corpus made from `models`. */
export function article(models: readonly Model[], i: number): Article {
  if (models.length === 0) throw new Error("no model article to make a corpus from");
  const model = models[i % models.length]!;
  const round = Math.floor(i / models.length);
  return vary(scaled(model, round % FACTORS.length), i);
}

// ------------------------------------------------------------ names and dates

const FUNDERS = [
  ["la Commission européenne", "de Europese Commissie", "the European Commission"],
  ["la Région wallonne", "het Waals Gewest", "the Walloon Region"],
  ["la Région flamande", "het Vlaams Gewest", "the Flemish Region"],
  ["la Fédération Wallonie-Bruxelles", "de Federatie Wallonië-Brussel", "the Wallonia-Brussels Federation"],
  ["le gouvernement fédéral", "de federale regering", "the federal government"],
];

// Publishers as a credit line names them ("Source : Statbel."): names without an article, as in content/.
const PUBLISHERS = [
  ["Statbel", "Statbel", "Statbel"],
  ["Banque nationale de Belgique", "Nationale Bank van België", "National Bank of Belgium"],
  ["Bureau fédéral du Plan", "Federaal Planbureau", "Federal Planning Bureau"],
  ["IWEPS", "IWEPS", "IWEPS"],
  ["Eurostat", "Eurostat", "Eurostat"],
  ["SPF Finances", "FOD Financiën", "FPS Finance"],
  ["OCDE", "OESO", "OECD"],
];
const COMPANIES = ["Halvera Group", "Brabo Logistics", "Meuse Énergie", "Kempen Foods", "Ardenne Telecom", "Scheldt Steel", "Sonian Pharma", "Lys Textiles"];

/** A story text (`key:` as a flow map or a block map of fr/nl/en) given other words. */
function storyText(facts: string, key: string, [fr, nl, en]: readonly string[]): string {
  return facts
    .replace(new RegExp(`(\\n  ${key}: )\\{ fr: [^,}]*, nl: [^,}]*, en: [^}]* \\}`), `$1{ fr: ${fr}, nl: ${nl}, en: ${en} }`)
    .replace(new RegExp(`(\\n  ${key}:\\n    fr: )[^\\n]*\\n    nl: [^\\n]*\\n    en: [^\\n]*`), `$1${fr}\n    nl: ${nl}\n    en: ${en}`);
}

/** An article's own date, funder, company and publisher, so that briefs, feeds and titles differ from one article to the next. */
function vary(model: Article, i: number): Article {
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
  let facts = model.facts.replace(/^(\s*date:\s*)"\d{4}-\d\d-\d\d"/m, `$1"${day}"`);
  facts = storyText(facts, "funder", FUNDERS[i % FUNDERS.length]!);
  facts = storyText(facts, "publisher", PUBLISHERS[i % PUBLISHERS.length]!);
  const company = COMPANIES[i % COMPANIES.length]!;
  facts = storyText(facts, "company", [company, company, company]);
  return { facts, source: model.source };
}

// ------------------------------------------------------------------- values

/** A change to a text: [start, end) replaced by `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A figure of the source (title or body), offsets in the whole file. */
type Figure = ExtractedFigure;

/** A figure of the source that a fact states, and how its number is written. */
interface Claim {
  figure: Figure;
  /** The number's digits in the file: [start, end). */
  numberStart: number;
  numberEnd: number;
  /** Power of ten of its scale word (0, 6, 9) and its decimals. */
  scale: number;
  decimals: number;
}

/** A quotation of a fact's evidence, with where it stands in the body. */
interface Quotation {
  text: string;
  /** Offsets of the YAML scalar in facts.yaml. */
  node: [number, number];
  /** Each place it stands in the body, with the figure it states there. */
  spans: Array<{ start: number; end: number; claim: Claim }>;
}

/** A fact whose value can be scaled. */
interface Candidate {
  id: string;
  fact: Fact & { value: number };
  /** Offsets of the value scalar in facts.yaml, when the fact states one. */
  valueNode: [number, number] | undefined;
  quotations: Quotation[];
  /** Figures of the title that state this fact. */
  title: Claim[];
  /** Power of ten of the step new values are rounded to: the finest quotation, its trailing zeros kept ("280 000", "60 millions"). */
  step: number;
}

/** What a model's analysis gives: the facts to scale, in groups that are scaled together. */
interface Analysis {
  candidates: Map<string, Candidate>;
  groups: string[][];
  breakdowns: Array<{ of: string; parts: string[]; complete: boolean }>;
  changes: Array<{ id: string; from: string; to: string }>;
  title: { start: number; end: number } | undefined;
  /** The model's figures and quotation counts, compared with each variant's. */
  bodyFigures: Figure[];
  titleFigures: Figure[];
  quotationCounts: Map<string, number>;
  ignoreCounts: Map<string, { count: number; numbered: boolean }>;
}

/** The digits of a number as French writes them ("1 232,5", "1.232.726.898", "2,38"). */
const NUMBER = /\d{1,3}(?:[ .\u00A0\u202F]\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g;
/** Words after a number that agree with it: singular below 2, plural from 2. */
const AGREEING = /^[ \u00A0\u202F](milliard|million|euro|point|franc|dollar)(s?)(?![\p{L}\p{N}])/u;
/** A share or a margin (its id or measure says so) is a ratio of amounts that are scaled together: it does not move, nor does its change in points. */
function isRatio(fact: Fact): boolean {
  const points = fact.type === "percent" || (fact.type === "change" && (fact.unit === "percentage-point" || fact.unit === "basis-point"));
  return points && [fact.id, (fact as { measure?: string }).measure ?? ""].some((name) => /(?:^|-)(?:share|margin)$/.test(name));
}

const NUMERIC_TYPES = new Set(["money", "count", "quantity", "percent", "percentage-point", "basis-point", "change"]);

const analyses = new WeakMap<Model, Analysis>();
const variants = new WeakMap<Model, Map<number, Article>>();

/** The model with the values of factor `k`, memoized: there are few variants per model. */
function scaled(model: Model, k: number): Article {
  let byFactor = variants.get(model);
  if (!byFactor) variants.set(model, (byFactor = new Map()));
  let made = byFactor.get(k);
  if (!made) byFactor.set(k, (made = scaleModel(model, FACTORS[k]!)));
  return made;
}

/** The model's title in its front matter, when it can be edited as it stands (no escapes). */
function titleSpan(source: string): { start: number; end: number } | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!front) return undefined;
  const line = /^title:[ \t]*(.*?)[ \t]*$/m.exec(front[1]!);
  if (!line) return undefined;
  const lineStart = front[0].indexOf(line[0]);
  let start = lineStart + line[0].indexOf(line[1]!, "title:".length);
  let end = start + line[1]!.length;
  const raw = line[1]!;
  if (raw.startsWith('"') || raw.startsWith("'")) {
    if (raw.length < 2 || raw[raw.length - 1] !== raw[0] || raw.includes("\\") || raw.slice(1, -1).includes(raw[0]!)) return undefined;
    start += 1;
    end -= 1;
  }
  return { start, end };
}

/** How a figure's number is written, or undefined when it is not one number in digits. */
function claimOf(figure: Figure): Claim | undefined {
  if (typeof figure.value !== "number") return undefined;
  const numbers = [...figure.text.matchAll(NUMBER)];
  if (numbers.length !== 1) return undefined;
  const digits = numbers[0]![0];
  // "1.284 milliards": a dot that may be a decimal point. Left alone.
  if (/^\d{1,3}\.\d{3}$/.test(digits)) return undefined;
  const { scale, decimals } = writtenForm(figure);
  const numberStart = figure.start + numbers[0]!.index!;
  return { figure, numberStart, numberEnd: numberStart + digits.length, scale: Math.round(Math.log10(scale)), decimals };
}

/** The step (a power of ten) a claim's digits are written with, trailing zeros of a whole number counted. */
function roundness(claim: Claim, text: string): number {
  const digits = text.slice(claim.numberStart, claim.numberEnd);
  if (claim.decimals > 0) return claim.scale - claim.decimals;
  const whole = digits.replace(/\D/g, "");
  const zeros = whole.length - whole.replace(/0+$/, "").length;
  return claim.scale + Math.min(zeros, whole.length - 1);
}

/**
 * Works out once per model which facts can be scaled: each figure its
 * evidence quotes (and the title's figure that says the same), and the
 * groups of facts that computed changes and breakdowns tie together.
 */
function analyse(model: Model): Analysis {
  const cached = analyses.get(model);
  if (cached) return cached;
  const source = model.source;
  const body = extractFromDocument(source).filter((f) => f.unit !== "label");
  const title = titleSpan(source);
  const titleFigures = title ? extractFigures(source.slice(title.start, title.end)).filter((f) => f.unit !== "label").map((f) => ({ ...f, start: f.start + title.start, end: f.end + title.start })) : [];
  const plain = normalizeQuotation(source);
  // Quotations stand in the body: search from its first character, so that the title is never taken for the body.
  const bodyStart = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source)?.[0].length ?? 0;
  const find = (text: string) => findQuotation(plain, normalizeQuotation(text)).filter((s) => s.start >= bodyStart);

  const doc = parseDocument(model.facts);
  const data = doc.toJS() as { facts?: Array<Fact & Record<string, unknown>>; breakdowns?: Array<{ of: string; parts: string[]; complete?: boolean }>; ignore?: Array<{ text: string; occurrence?: number }> };
  const factNodes = doc.get("facts", true);
  const items = isSeq(factNodes) ? factNodes.items : [];
  const facts = data.facts ?? [];

  const quotationCounts = new Map<string, number>();
  const ignoreCounts: Analysis["ignoreCounts"] = new Map();
  for (const fact of facts) for (const text of fact.evidence ?? []) quotationCounts.set(text, find(text).length);
  for (const entry of data.ignore ?? []) ignoreCounts.set(entry.text, { count: find(entry.text).length, numbered: entry.occurrence !== undefined || ignoreCounts.get(entry.text)?.numbered === true });

  const candidates = new Map<string, Candidate>();
  const claimedBy = new Map<Figure, string[]>();
  facts.forEach((fact, index) => {
    const node = items[index];
    if (!isMap(node) || typeof fact.value !== "number" || !NUMERIC_TYPES.has(fact.type)) return;
    if (isRatio(fact)) return;
    const evidence = node.get("evidence", true);
    if (!isSeq(evidence) || evidence.items.length === 0) return;
    const valueNode = node.get("value", true);
    const quotations: Quotation[] = [];
    for (const item of evidence.items) {
      if (!isScalar(item) || typeof item.value !== "string" || !item.range) return;
      const spans: Quotation["spans"] = [];
      for (const span of find(item.value)) {
        // Exactly one figure of the fact's unit, which states the fact's value, in digits.
        const inside = body.filter((f) => f.start < span.end && span.start < f.end && unitsFor(fact).includes(f.unit));
        if (inside.length !== 1 || !agreement(fact, inside[0]!).ok) return;
        const claim = claimOf(inside[0]!);
        if (!claim || claim.numberStart < span.start || claim.numberEnd > span.end) return;
        spans.push({ start: span.start, end: span.end, claim });
      }
      if (spans.length === 0) return;
      quotations.push({ text: item.value, node: [item.range[0], item.range[1]], spans });
    }
    const claims = quotations.flatMap((q) => q.spans.map((s) => s.claim));
    const step = Math.min(...claims.map((c) => roundness(c, source)));
    candidates.set(fact.id, {
      id: fact.id,
      fact: fact as Candidate["fact"],
      valueNode: isScalar(valueNode) && valueNode.range ? [valueNode.range[0], valueNode.range[1]] : undefined,
      quotations,
      title: [],
      step,
    });
    for (const claim of claims) claimedBy.set(claim.figure, [...(claimedBy.get(claim.figure) ?? []), fact.id]);
  });

  const unusable = new Set<string>();
  // A figure of the body that two facts state cannot take two new values.
  for (const ids of claimedBy.values()) if (ids.length > 1) for (const id of ids) unusable.add(id);
  // A figure of the title goes with the one fact it states; with two, neither moves.
  for (const figure of titleFigures) {
    const stating = [...candidates.values()].filter((c) => unitsFor(c.fact).includes(figure.unit) && agreement(c.fact, figure).ok);
    if (stating.length > 1) for (const c of stating) unusable.add(c.id);
    const claim = stating.length === 1 ? claimOf(figure) : undefined;
    if (stating.length === 1) {
      if (claim) stating[0]!.title.push(claim);
      else unusable.add(stating[0]!.id);
    }
  }

  // Facts tied by a computed change or a breakdown are scaled together, or not at all.
  const changes = facts.flatMap((f) => {
    const { from, to } = f as { from?: string; to?: string };
    return f.type === "change" && from !== undefined && to !== undefined ? [{ id: f.id, from, to }] : [];
  });
  const breakdowns = (data.breakdowns ?? []).map((b) => ({ of: b.of, parts: b.parts, complete: b.complete === true }));
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id);
    return up === undefined || up === id ? id : root(up);
  };
  const join = (ids: string[]) => {
    for (const id of ids.slice(1)) parent.set(root(id), root(ids[0]!));
  };
  for (const fact of facts) parent.set(fact.id, fact.id);
  for (const c of changes) join([c.id, c.from, c.to]);
  for (const b of breakdowns) join([b.of, ...b.parts]);
  const members = new Map<string, string[]>();
  for (const fact of facts) members.set(root(fact.id), [...(members.get(root(fact.id)) ?? []), fact.id]);
  const groups = [...members.values()].filter((ids) => ids.every((id) => candidates.has(id) && !unusable.has(id)));

  const analysis: Analysis = { candidates, groups, breakdowns, changes, title, bodyFigures: body, titleFigures, quotationCounts, ignoreCounts };
  analyses.set(model, analysis);
  return analysis;
}

/** `magnitude` rounded to a multiple of 10^step. */
function roundTo(magnitude: number, step: number): number {
  return step >= 0 ? Math.round(magnitude / 10 ** step) * 10 ** step : Math.round(magnitude * 10 ** -step) / 10 ** -step;
}

/** A value as facts.yaml writes it: an integer, or the decimals of its step. */
function yamlNumber(value: number, step: number): string {
  return step >= 0 ? String(Math.round(value)) : value.toFixed(-step);
}

/** The new values of a group's facts at factor f, or undefined when they would not hold together. */
function groupValues(analysis: Analysis, ids: string[], f: number): Map<string, number> | undefined {
  const values = new Map<string, number>();
  const derived = new Set<string>();
  for (const b of analysis.breakdowns) if (b.complete && ids.includes(b.of)) derived.add(b.of);
  for (const c of analysis.changes) if (ids.includes(c.id)) derived.add(c.id);
  for (const id of ids) {
    if (derived.has(id)) continue;
    const c = analysis.candidates.get(id)!;
    const old = c.fact.value;
    const magnitude = roundTo(Math.abs(old) * f, c.step);
    if (magnitude === 0) return undefined;
    values.set(id, Math.sign(old) * magnitude);
  }
  for (const b of analysis.breakdowns) {
    if (!ids.includes(b.of)) continue;
    if (b.parts.some((p) => !values.has(p))) return undefined; // nested breakdowns: not scaled
    const sum = b.parts.reduce((total, p) => total + values.get(p)!, 0);
    if (b.complete) {
      const total = analysis.candidates.get(b.of)!;
      // The sum must be written at the total's finest step, or the total would not add up.
      if (Math.abs(roundTo(sum, total.step) - sum) > Math.abs(sum) * 1e-12) return undefined;
      values.set(b.of, roundTo(sum, total.step));
    } else if (!values.has(b.of) || sum > values.get(b.of)!) return undefined;
  }
  for (const c of analysis.changes) {
    if (!ids.includes(c.id)) continue;
    const change = analysis.candidates.get(c.id)!;
    const from = values.get(c.from);
    const to = values.get(c.to);
    if (from === undefined || to === undefined || change.fact.type !== "change") return undefined;
    const computed = computeChange(change.fact.unit, from, to);
    if (computed === undefined) return undefined;
    const value = Math.sign(computed) * roundTo(Math.abs(computed), change.step);
    // Still a move the same way: the source's words ("recule de") say its direction.
    if (value === 0 || Math.sign(value) !== Math.sign(change.fact.value)) return undefined;
    values.set(c.id, value);
  }
  for (const [id, value] of values) {
    const { fact } = analysis.candidates.get(id)!;
    if (fact.type === "percent" && Math.abs(fact.value) < 100 && Math.abs(value) >= 100) return undefined;
  }
  return values;
}

/** A number written as the claim writes it, at the same decimals and with the same thousands separator. */
function writeNumber(claim: Claim, old: string, units: number): string {
  const decimals = claim.decimals;
  const whole = Math.floor(units / 10 ** decimals);
  const fraction = decimals > 0 ? `,${String(units % 10 ** decimals).padStart(decimals, "0")}` : "";
  const separator = /\d([ .\u00A0\u202F])\d/.exec(old.split(",")[0]!)?.[1] ?? (old.replace(/\D/g, "").length >= 4 ? "" : "\u202F");
  const digits = String(whole);
  const grouped = separator === "" ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return grouped + fraction;
}

/** The edit of a claimed figure: its number, and the word after it that agrees with it. */
interface FigureEdit {
  /** From the number's first digit to the end of the agreeing word, if any. */
  edit: Edit;
  /** The new number alone. */
  number: string;
  /** The value the new figure states, unsigned, in base units. */
  magnitude: number;
}

/**
 * The edit that writes `value` (the fact's new value) in place of a claimed
 * figure's number, with the word after it agreeing ("1,9 milliard", "2,1
 * milliards"), or undefined when the figure cannot say it.
 */
function editFor(claim: Claim, text: string, value: number): FigureEdit | undefined {
  const step = claim.scale - claim.decimals;
  const units = Math.round(Math.abs(value) / 10 ** step);
  if (units === 0) return undefined;
  const old = text.slice(claim.numberStart, claim.numberEnd);
  const oldMantissa = Number(old.replace(/[^\d,]/g, "").replace(",", "."));
  const newMantissa = units / 10 ** claim.decimals;
  // A scale word stays the same: no "1 200 millions" for 1,2 milliard, and no "0,9 milliard" for 1,1 milliard (a
  // brief would choose "900 millions" for it, and the verifier reads that as more precise than the fact).
  if (claim.scale > 0 && (newMantissa >= 1000 || (oldMantissa >= 1 && newMantissa < 1))) return undefined;
  const number = writeNumber(claim, old, units);
  const magnitude = step >= 0 ? units * 10 ** step : units / 10 ** -step;
  const after = AGREEING.exec(text.slice(claim.numberEnd));
  if (after) {
    const word = `${after[1]}${newMantissa >= 2 ? "s" : ""}`;
    return { edit: { start: claim.numberStart, end: claim.numberEnd + after[0].length, text: `${number}${after[0][0]}${word}` }, number, magnitude };
  }
  // Another word after the number may agree with it in ways not known here: stay on the same side of 2.
  if (/^[ \u00A0\u202F]\p{L}/u.test(text.slice(claim.numberEnd)) && oldMantissa >= 2 !== newMantissa >= 2) return undefined;
  return { edit: { start: claim.numberStart, end: claim.numberEnd, text: number }, number, magnitude };
}

/** Applies edits (which must not overlap) to a text. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** What scaling one group changes. */
interface GroupEdits {
  /** Edits of the source (title and body) and of facts.yaml. */
  source: Edit[];
  facts: Edit[];
  /** The value each edited figure of the model now states, signed as the extractor reads it. */
  expected: Map<Figure, number>;
  /** New values by fact id. */
  values: Map<string, number>;
  /** New quotations by old quotation. */
  evidence: Map<string, string>;
}

/** The edits of one group at factor f, or undefined when the group cannot take f. */
function groupEdits(model: Model, analysis: Analysis, ids: string[], f: number): GroupEdits | undefined {
  const values = groupValues(analysis, ids, f);
  if (!values) return undefined;
  const made: GroupEdits = { source: [], facts: [], expected: new Map(), values, evidence: new Map() };
  const edited = new Map<Figure, FigureEdit | undefined>();
  const edit = (claim: Claim, value: number): FigureEdit | undefined => {
    if (!edited.has(claim.figure)) {
      const figureEdit = editFor(claim, model.source, value);
      edited.set(claim.figure, figureEdit);
      if (figureEdit) {
        made.source.push(figureEdit.edit);
        made.expected.set(claim.figure, Math.sign(claim.figure.value as number) * figureEdit.magnitude);
      }
    }
    return edited.get(claim.figure);
  };
  for (const id of ids) {
    const c = analysis.candidates.get(id)!;
    const value = values.get(id)!;
    if (c.valueNode) made.facts.push({ start: c.valueNode[0], end: c.valueNode[1], text: yamlNumber(value, c.step) });
    for (const q of c.quotations) {
      let quoted: string | undefined;
      for (const span of q.spans) {
        const figureEdit = edit(span.claim, value);
        if (!figureEdit) return undefined;
        // The quotation takes the same edit, cut where it ends: it may end after the number, before the word that agrees with it.
        let { start, end, text } = figureEdit.edit;
        if (end > span.end) {
          if (span.end > span.claim.numberEnd + 1) return undefined;
          end = span.claim.numberEnd;
          text = figureEdit.number;
        }
        const at = { start: start - span.start, end: end - span.start, text };
        // The quotation's own words there are the source's (only spaces and apostrophes may differ).
        if (normalizeQuotation(q.text.slice(at.start, at.end)) !== normalizeQuotation(model.source.slice(start, end))) return undefined;
        const next = applyEdits(q.text, [at]);
        if (quoted !== undefined && quoted !== next) return undefined;
        quoted = next;
      }
      made.evidence.set(q.text, quoted!);
      made.facts.push({ start: q.node[0], end: q.node[1], text: JSON.stringify(quoted) });
    }
    for (const claim of c.title) if (!edit(claim, value)) return undefined;
  }
  return made;
}

/** True when a variant reads as meant: the same figures, the new values where they were changed, every quotation and ignored text as often as before, facts.yaml as meant. */
function holds(model: Model, analysis: Analysis, variant: Article, expected: Map<Figure, number>, values: Map<string, number>, evidence: Map<string, string>): boolean {
  const same = (before: Figure[], after: Figure[]) =>
    before.length === after.length &&
    before.every((b, n) => {
      const a = after[n]!;
      if (a.unit !== b.unit || a.approx !== b.approx || a.bound !== b.bound) return false;
      const want = expected.get(b);
      if (want === undefined) return a.text === b.text && JSON.stringify(a.value) === JSON.stringify(b.value);
      return typeof a.value === "number" && Math.abs(a.value - want) <= Math.abs(want) * 1e-9;
    });
  if (!same(analysis.bodyFigures, extractFromDocument(variant.source).filter((f) => f.unit !== "label"))) return false;
  const title = titleSpan(variant.source);
  if (analysis.title) {
    if (!title) return false;
    if (!same(analysis.titleFigures, extractFigures(variant.source.slice(title.start, title.end)).filter((f) => f.unit !== "label"))) return false;
  }
  const bodyStart = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(variant.source)?.[0].length ?? 0;
  const plain = normalizeQuotation(variant.source);
  const standing = (text: string) => findQuotation(plain, normalizeQuotation(text)).filter((s) => s.start >= bodyStart).length;
  for (const [text, count] of analysis.quotationCounts) if (standing(evidence.get(text) ?? text) !== count) return false;
  // An ignored text may now also stand inside a new figure ("5 millions" in "390,5 millions"): harmless, since that
  // figure is covered; but an `occurrence` counts places, so there the count must not move.
  for (const [text, { count, numbered }] of analysis.ignoreCounts) if (numbered ? standing(text) !== count : standing(text) < count) return false;
  let data: { facts?: Array<{ id: string; value?: unknown; evidence?: string[] }> };
  try {
    data = parse(variant.facts) as typeof data;
  } catch {
    return false;
  }
  const before = parse(model.facts) as typeof data;
  return JSON.stringify(data) === JSON.stringify({ ...before, facts: before.facts?.map((f) => ({ ...f, ...(values.has(f.id) && f.value !== undefined ? { value: values.get(f.id) } : {}), ...(f.evidence ? { evidence: f.evidence.map((e) => evidence.get(e) ?? e) } : {}) })) });
}

/** The model at factor f: every group that holds at f scaled, the others as in the model. */
function scaleModel(model: Model, f: number): Article {
  const analysis = analyse(model);
  const made = analysis.groups.map((ids) => groupEdits(model, analysis, ids, f)).filter((g): g is NonNullable<typeof g> => g !== undefined);
  const variantOf = (parts: typeof made) => {
    const variant = { facts: applyEdits(model.facts, parts.flatMap((p) => p.facts)), source: applyEdits(model.source, parts.flatMap((p) => p.source)) };
    const merge = <K, V>(maps: Array<Map<K, V>>) => new Map(maps.flatMap((m) => [...m]));
    return holds(model, analysis, variant, merge(parts.map((p) => p.expected)), merge(parts.map((p) => p.values)), merge(parts.map((p) => p.evidence))) ? variant : undefined;
  };
  const all = variantOf(made);
  if (all) return all;
  // Some groups do not hold together: keep those that hold one after the other.
  const kept: typeof made = [];
  for (const group of made) if (variantOf([...kept, group])) kept.push(group);
  return variantOf(kept) ?? { facts: model.facts, source: model.source };
}
