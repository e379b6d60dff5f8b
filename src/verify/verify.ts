/**
 * The verifier: reads every figure back from rendered briefs with its own
 * reader (no `Intl`, nothing from the renderer) and matches each to a fact
 * of the dataset at the precision shown. Pure: takes file contents.
 */
import { Parser } from "htmlparser2";
import { isScalar, LineCounter, parseDocument } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose, phrase } from "../diagnostics/report.ts";
import type { Locale } from "../content/schema.ts";
import { readPlainYaml } from "../content/yaml-plain.ts";
import type { ChangeFact, VerifierDataset, VerifierFact } from "./facts.ts";
import { Origins, type InputText } from "./origin.ts";
import { oddCharacters, readFigures, statesMoreThan, type FigureUnit, type ReadFigure, type ReaderLocale } from "./reader.ts";

/** One output file to verify. */
export interface VerifyFile {
  /** Path shown in diagnostics (project-relative). */
  file: string;
  locale: Locale;
  format: "markdown" | "html";
  contents: string;
}

/** What the verifier knows of an article: its dataset (`facts.yaml`) and the source language. */
export interface VerifyArticle {
  slug: string;
  facts: VerifierDataset;
  sourceLang: Locale;
  /** The inputs whose texts reach the briefs: a problem found in an output also names where its text was written. */
  inputs?: readonly InputText[];
}

/** A figure found in an output and the fact it matched. */
export interface VerifiedFigure {
  file: string;
  line: number;
  /** 1-based column on that line of the file where the figure's text starts (its end is `column + text.length`). */
  column: number;
  text: string;
  factId: string;
}

/** The result of {@link verifyArticle}. */
export interface Verification {
  figures: VerifiedFigure[];
  diagnostics: Diagnostic[];
}

/** A run of text from an output, with the language it is written in. */
interface Passage {
  text: string;
  /** Line and 1-based column in the file where `text` starts. */
  line: number;
  column: number;
  locale: Locale;
  /** Where it comes from, for messages (`front matter title`, `body`). */
  where: string;
}

/** A figure the dataset knows, as the verifier sees it. */
interface Known {
  id: string;
  fact: VerifierFact;
  required: boolean;
  /** what the fact shows as a figure; absent when it cannot be worked out (a change between unknown facts) */
  target: Target | undefined;
}

/** What a fact shows as a figure: its unit, its signed value, and how precisely it is known. */
interface Target {
  unit: FigureUnit;
  value: number | string | readonly [number, number];
  /** the step the dataset states (money `precision`, 10^−`decimals`); a figure shown finer is false precision */
  precision?: number;
  /** money is rounded for display at any step; other figures at most at their precision */
  money: boolean;
  /** a change fact: preferred for a figure with a sign or a direction word */
  change: boolean;
}

/** Verifies every output file of one article against its dataset. */
export function verifyArticle(article: VerifyArticle, files: readonly VerifyFile[]): Verification {
  const known = knownFacts(article.facts);
  const figures: VerifiedFigure[] = [];
  const diagnostics: Diagnostic[] = [];
  const origins = new Origins(article.inputs ?? []);
  for (const file of files) {
    const { passages, problems } = file.format === "markdown" ? markdownPassages(file, article) : htmlPassages(file, article);
    diagnostics.push(...problems);
    diagnostics.push(...oddCharacterProblems(file, origins));
    const seen = new Set<string>();
    const lines = file.contents.split("\n");
    for (const passage of passages) {
      // Figures come in the order of the text: the newlines before each are counted on from the last one.
      let newlines = 0;
      let counted = 0;
      for (const figure of readFigures(passage.text, passage.locale as ReaderLocale)) {
        if (figure.start < counted) {
          newlines = 0;
          counted = 0;
        }
        newlines += countNewlines(passage.text, figure.start, counted);
        counted = figure.start;
        const line = passage.line + newlines;
        const estimate = newlines === 0 ? passage.column + figure.start : 1 + columnOf(passage.text, figure.start);
        const column = exactColumn(lines[line - 1] ?? "", figure.text, estimate);
        // Where the figure was written is looked up only for a figure that has a problem.
        const placed = () => {
          const before = passage.text.slice(Math.max(0, figure.start - 40), figure.start).split(/\s/).slice(-3).join(" ");
          const origin = origins.find([{ text: `${before}${figure.text}`, skip: before.length }, figure.text], passage.locale);
          return { file: file.file, line, column, ...(origin ? { origin } : {}) };
        };
        for (const problem of figure.problems) {
          diagnostics.push(diagnose(CATALOGUE["verify/style"], { figure: figure.text, where: passage.where, problem }, { ...placed(), actual: figure.text }));
        }
        const match = matchFigure(figure, known, passage.where);
        if (match.fact) {
          seen.add(match.fact.id);
          figures.push({ file: file.file, line, column, text: figure.text, factId: match.fact.id });
          if (match.ambiguous) {
            diagnostics.push(diagnose(CATALOGUE["verify/ambiguous-figure"], { figure: figure.text, ids: match.ambiguous, where: passage.where }, { ...placed(), actual: figure.text }));
          }
        } else {
          diagnostics.push(
            diagnostic({
              ...placed(),
              rule: match.rule,
              message: match.message,
              expected: match.expected,
              actual: figure.text,
            }),
          );
        }
      }
    }
    for (const entry of known) {
      if (entry.required && !seen.has(entry.id)) {
        diagnostics.push(
          diagnose(CATALOGUE["verify/missing-fact"], { id: entry.id, locale: file.locale, page: file.format === "html" }, {
            file: file.file,
            expected: describeFact(entry),
          }),
        );
      }
    }
  }
  return { figures, diagnostics };
}

/** What the verifier matches figures against: every fact with its target, and the editorial date. */
function knownFacts(facts: VerifyArticle["facts"]): Known[] {
  const byId = new Map(facts.facts.map((fact) => [fact.id, fact]));
  const date: VerifierFact = { id: "editorial.date", type: "date", value: facts.editorial.date };
  return [...facts.facts, date].map((fact) => {
    const target = targetOf(fact, byId);
    // A change that rounds to zero is said in words (stable, stabiel, unchanged): it shows no figure to find.
    const stable = fact.type === "change" && typeof target?.value === "number" && Math.round(Math.abs(target.value) * 10 ** (fact.decimals ?? (fact.unit === "percent" && Math.abs(target.value) < 10 ? 1 : 0))) === 0;
    return { id: fact.id, fact, required: fact !== date && fact.required !== false && !stable, target };
  });
}

/**
 * The fact a figure read from a brief shows, matched exactly as
 * verification matches it (the best fact); undefined when none does.
 */
export function factMatcher(facts: VerifyArticle["facts"]): (figure: ReadFigure) => string | undefined {
  const known = knownFacts(facts);
  return (figure) => matchFigure(figure, known, "").fact?.id;
}

type Match =
  | { fact: Known; ambiguous?: string[]; rule?: undefined }
  | { fact?: undefined; rule: string; message: string; expected: string };

const stepOf = (decimals: number | undefined): number | undefined => (decimals === undefined ? undefined : 10 ** -decimals);

/** The number a fact stands for, for a change between two facts. */
function numberOf(fact: VerifierFact | undefined): number | undefined {
  if (!fact || fact.type === "change" || typeof fact.value !== "number" || fact.type === "year") return undefined;
  return fact.value;
}

/** What a fact shows as a figure. A change between two facts is computed here, with the verifier's own code. */
function targetOf(fact: VerifierFact, byId: ReadonlyMap<string, VerifierFact>): Target | undefined {
  const plain = { money: false, change: false };
  switch (fact.type) {
    case "money":
      return { unit: fact.currency as FigureUnit, value: fact.value, ...(fact.precision !== undefined ? { precision: fact.precision } : {}), money: true, change: false };
    case "count":
      return { unit: "count", value: fact.value, ...plain };
    case "percent":
    case "percentage-point":
    case "basis-point":
    case "quantity": {
      const precision = stepOf(fact.decimals);
      return { unit: (fact.type === "quantity" ? fact.unit : fact.type) as FigureUnit, value: fact.value, ...(precision !== undefined ? { precision } : {}), ...plain };
    }
    case "change":
      return changeTarget(fact, byId);
    default:
      return { unit: fact.type, value: fact.value, ...plain };
  }
}

function changeTarget(fact: ChangeFact, byId: ReadonlyMap<string, VerifierFact>): Target | undefined {
  const from = fact.from === undefined ? undefined : byId.get(fact.from);
  const to = fact.to === undefined ? undefined : byId.get(fact.to);
  const currency = fact.currency ?? (from?.type === "money" ? from.currency : undefined) ?? (to?.type === "money" ? to.currency : undefined);
  const unit = (fact.unit === "money" ? (currency ?? "EUR") : fact.unit) as FigureUnit;
  const money = fact.unit === "money";
  // A money change is known to its own precision when it states one, else to its decimals, else to its facts' (below).
  let precision = (money ? fact.precision : undefined) ?? stepOf(fact.decimals);
  let value = fact.value;
  if (fact.from !== undefined || fact.to !== undefined) {
    const a = numberOf(from);
    const b = numberOf(to);
    if (a === undefined || b === undefined) return undefined;
    switch (fact.unit) {
      case "percent":
        if (a === 0) return undefined;
        value = ((b - a) / Math.abs(a)) * 100;
        break;
      case "basis-point":
        value = (b - a) * 100;
        break;
      default:
        value = b - a;
    }
    if (money && precision === undefined) {
      const known = [from, to].map((f) => (f?.type === "money" ? f.precision : undefined)).filter((p): p is number => p !== undefined);
      if (known.length > 0) precision = Math.max(...known);
    }
  }
  if (value === undefined) return undefined;
  return { unit, value, ...(precision !== undefined ? { precision } : {}), money, change: true };
}

/**
 * A bare four-digit number reads as a year between 1900 and 2100 and as a
 * count elsewhere; either may be a year or a count fact.
 */
function compatible(kind: FigureUnit, figure: ReadFigure): boolean {
  if (kind === figure.unit) return true;
  const bareInteger = typeof figure.value === "number" && Number.isInteger(figure.value) && (figure.step ?? 1) === 1 && figure.sign === undefined;
  return bareInteger && ((kind === "year" && figure.unit === "count") || (kind === "count" && figure.unit === "year"));
}

/**
 * A shown number matches a fact when the fact, rounded to the step shown, gives it. Money may be
 * rounded to any step for display; any other figure is shown at most at the precision its fact
 * states ("1 %" is no rendering of a fact 0.7 with one decimal, which shows "0,7 %").
 */
function valueMatches(figure: ReadFigure, target: Target, value = figure.value): boolean {
  const want = target.value;
  if (typeof want === "number") {
    if (typeof value !== "number") return false;
    const shown = figure.step ?? 1;
    const step = target.money || target.precision === undefined ? shown : Math.min(shown, target.precision);
    // Half a step either way, with room for the binary representation of decimals.
    return Math.abs(want - value) <= step / 2 + (Math.abs(value) + Math.abs(want)) * 1e-12;
  }
  if (Array.isArray(want)) return Array.isArray(value) && value[0] === want[0] && value[1] === want[1];
  return value === want;
}

/** The precision a fact is known at, to rank candidates: stated, else the decimals of its value. */
function rankPrecision(target: Target, figure: ReadFigure): number | undefined {
  if (target.precision !== undefined) return target.precision;
  if (typeof target.value !== "number") return undefined;
  if (target.change) return figure.step; // computed at the step shown
  const decimals = /\.(\d+)$/.exec(String(target.value))?.[1]?.length ?? 0;
  return 10 ** -decimals;
}

/** Lower is better: a change for a signed figure first, then the precision closest to the step shown. */
function score(figure: ReadFigure, target: Target): [number, number] {
  const signed = figure.sign !== undefined && figure.sign.by !== "loss";
  const tier = signed === target.change ? 0 : 1;
  const p = rankPrecision(target, figure);
  const distance = p === undefined || figure.step === undefined ? 0 : Math.abs(Math.log10(p) - Math.log10(figure.step));
  return [tier, distance];
}

function matchFigure(figure: ReadFigure, known: readonly Known[], where: string): Match {
  const sameKind = known.filter((k) => k.target !== undefined && compatible(k.target.unit, figure));
  const matching = sameKind.filter((k) => valueMatches(figure, k.target!));
  if (matching.length === 0) {
    const flipped = typeof figure.value === "number" && figure.value !== 0 ? sameKind.find((k) => valueMatches(figure, k.target!, -(figure.value as number))) : undefined;
    const nearest = flipped ?? nearestFact(figure, sameKind);
    return {
      ...phrase(CATALOGUE["verify/unmatched-figure"], { figure: figure.text, where }),
      expected: nearest
        ? `\`${nearest.id}\` = ${describeFact(nearest)}${flipped ? " (the sign differs)" : ""}`
        : `a ${figure.unit} fact (the dataset has none)`,
    };
  }
  const agrees = (k: Known) => Boolean(k.fact.approx) === Boolean(figure.approx) && (k.fact.bound ?? undefined) === (figure.bound ?? undefined);
  const agreeing = matching.filter(agrees);
  const pool = agreeing.length > 0 ? agreeing : matching;
  const scored = pool.map((k) => ({ k, s: score(figure, k.target!) }));
  const better = (a: [number, number], b: [number, number]) => a[0] - b[0] || (Math.abs(a[1] - b[1]) < 1e-9 ? 0 : a[1] - b[1]);
  let best = scored[0]!;
  for (const entry of scored) if (better(entry.s, best.s) < 0) best = entry;
  const candidate = best.k;
  const fact = candidate.fact;
  const target = candidate.target!;
  if (target.precision !== undefined && finerThan(figure, target.precision)) {
    return { ...phrase(CATALOGUE["verify/false-precision"], { figure: figure.text, id: candidate.id, where }), expected: `a step of at least ${target.precision}` };
  }
  // A bound lost, added or turned around (into a hedge too) is a bound problem; then a hedge.
  if (fact.bound !== figure.bound) {
    return {
      ...phrase(CATALOGUE["verify/bound"], { figure: figure.text, id: candidate.id, bound: fact.bound, shown: figure.bound, where }),
      expected: describeFact(candidate),
    };
  }
  if (Boolean(fact.approx) !== Boolean(figure.approx)) {
    return {
      ...phrase(CATALOGUE["verify/approximation"], { figure: figure.text, id: candidate.id, approx: Boolean(fact.approx), where }),
      expected: describeFact(candidate),
    };
  }
  const ties = scored.filter((entry) => better(entry.s, best.s) === 0).map((entry) => entry.k.id);
  const ids = [...new Set(ties)];
  return ids.length > 1 ? { fact: candidate, ambiguous: ids } : { fact: candidate };
}

/** Does `figure` state more than a fact known at `precision`? It states the step of its last significant digit (the trailing zeros of "900 millions" state nothing). */
function finerThan(figure: ReadFigure, precision: number): boolean {
  const stated = figure.significantStep ?? figure.step;
  return stated !== undefined && statesMoreThan(stated, typeof figure.value === "number" ? figure.value : undefined, precision);
}

function nearestFact(figure: ReadFigure, candidates: readonly Known[]): Known | undefined {
  if (typeof figure.value !== "number") return candidates[0];
  const target = figure.value;
  let best: Known | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const value = candidate.target?.value;
    if (typeof value !== "number") continue;
    const distance = Math.abs(Math.log10(Math.abs(value) + 1) - Math.log10(Math.abs(target) + 1)) + Math.abs(value - target) / (Math.abs(value) + 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

function describeFact(known: Pick<Known, "fact" | "target">): string {
  const { fact, target } = known;
  const qualifier = `${fact.approx ? ", approximate" : ""}${fact.bound ? `, bounded ${fact.bound}` : ""}`;
  switch (fact.type) {
    case "money":
      return `${fact.value} ${fact.currency}${fact.precision ? ` (known to ${fact.precision}${qualifier})` : qualifier ? ` (${qualifier.slice(2)})` : ""}`;
    case "year-range":
      return `${fact.value[0]} to ${fact.value[1]}`;
    case "quantity":
      return `${fact.value} ${fact.unit}${qualifier ? ` (${qualifier.slice(2)})` : ""}`;
    case "change": {
      const value = typeof target?.value === "number" ? String(Number(target.value.toPrecision(12))) : "unknown";
      const between = fact.from !== undefined && fact.to !== undefined ? `, from \`${fact.from}\` to \`${fact.to}\`` : "";
      return `${value} (change in ${fact.unit === "money" ? (target?.unit ?? "money") : fact.unit}${between}${qualifier})`;
    }
    default:
      return `${String(fact.value)} (${fact.type}${qualifier})`;
  }
}

function markdownPassages(file: VerifyFile, article: VerifyArticle): { passages: Passage[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const text = file.contents;
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) {
    problems.push(diagnose(CATALOGUE["verify/front-matter"], { problem: "none" }, { file: file.file, line: 1, column: 1 }));
    return { passages: [{ text, line: 1, column: 1, locale: file.locale, where: "body" }], problems };
  }
  const field = plainFrontMatter(match[1]!) ?? parsedFrontMatter(match[1]!, () => {
    problems.push(diagnose(CATALOGUE["verify/front-matter"], { problem: "yaml" }, { file: file.file, line: 2, column: 1 }));
  });
  const passages: Passage[] = [];
  const read = (path: string[], locale: Locale) => {
    const { value, line, column } = field(path);
    if (typeof value === "string") passages.push({ text: value, line, column, locale, where: `front matter ${path.join(".")}` });
  };
  read(["title"], file.locale);
  read(["description"], file.locale);
  read(["source", "title"], article.sourceLang);
  const lang = field(["lang"]);
  if (lang.value !== file.locale) {
    problems.push(diagnose(CATALOGUE["verify/front-matter"], { problem: "lang" }, { file: file.file, line: lang.line, column: lang.column, expected: file.locale, actual: String(lang.value) }));
  }
  const date = field(["date"]);
  if (date.value !== article.facts.editorial.date) {
    problems.push(diagnose(CATALOGUE["verify/unmatched-figure"], { date: "front matter's date" }, { file: file.file, line: date.line, column: date.column, expected: article.facts.editorial.date, actual: String(date.value) }));
  }
  const bodyStart = match[0].split("\n").length;
  passages.push({ text: text.slice(match[0].length), line: bodyStart, column: 1, locale: file.locale, where: "body" });
  return { passages, problems };
}

/** A front-matter field: its value, and where its text starts in the file (after the `---` line). */
type FrontMatterField = (path: string[]) => { value: unknown; line: number; column: number };

/** The fields the verifier reads, at most two keys deep. */
const FRONT_MATTER_FIELDS = [["title"], ["description"], ["source", "title"], ["lang"], ["date"]];

/**
 * Front matter in plain YAML (as briefs are written), read by the quick
 * reader, each field placed by its line; undefined when a field cannot be
 * placed that way, and the YAML parser then reads it.
 */
export function plainFrontMatter(yaml: string): FrontMatterField | undefined {
  const plain = readPlainYaml(yaml);
  if (plain === undefined || !isRecord(plain.value)) return undefined;
  const root = plain.value;
  const lines = yaml.split("\n");
  const places = new Map<string, { value: unknown; line: number; column: number }>();
  for (const path of FRONT_MATTER_FIELDS) {
    const [key, inner] = path as [string, string?];
    const outer = Object.hasOwn(root, key) ? root[key] : undefined;
    const value = inner === undefined ? outer : isRecord(outer) && Object.hasOwn(outer, inner) ? outer[inner] : undefined;
    if (typeof value === "object" && value !== null) continue;
    if (value === undefined) continue;
    const at = lines.findIndex((line) => line.startsWith(`${key}:`));
    let row = at;
    let indent = "";
    if (inner !== undefined) {
      // The map's keys stand at the indentation of its first line; the map ends at the next line at the margin.
      indent = /^ +/.exec(lines[at + 1] ?? "")?.[0] ?? "";
      row = -1;
      for (let i = at + 1; i < lines.length && lines[i]!.startsWith(" "); i++) {
        if (lines[i]!.startsWith(`${indent}${inner}:`)) row = i;
      }
    }
    const line = lines[row];
    if (line === undefined || indent === "" && inner !== undefined) return undefined;
    const start = indent.length + (inner ?? key).length + 1;
    const offset = start + (/^ */.exec(line.slice(start))?.[0].length ?? 0);
    // A field written with no value is placed where the YAML parser places it.
    if (offset >= line.length || line[offset] === "#") return undefined;
    const quoted = line[offset] === '"' || line[offset] === "'";
    places.set(path.join("."), { value, line: row + 2, column: offset + 1 + (quoted ? 1 : 0) });
  }
  return (path) => places.get(path.join(".")) ?? { value: undefined, line: 2, column: 1 };
}

/** Front matter read by the YAML parser, with positions; `broken` is called when it has errors. */
export function parsedFrontMatter(yaml: string, broken: () => void): FrontMatterField {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, logLevel: "silent" });
  if (doc.errors.length > 0) broken();
  return (path) => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return { value: undefined, line: 2, column: 1 };
    const pos = lineCounter.linePos(node.range[0]);
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
    return { value: node.value, line: pos.line + 1, column: pos.col + (quoted ? 1 : 0) };
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function htmlPassages(file: VerifyFile, article: VerifyArticle): { passages: Passage[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const passages: Passage[] = [];
  const html = file.contents;
  // The parser moves forward through the page: newlines are counted on from the last offset asked for.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    if (offset < counted) [counted, line] = [0, 1];
    line += countNewlines(html, offset, counted);
    counted = offset;
    return line;
  };
  const columnAt = (offset: number) => 1 + columnOf(html, offset);
  let buffer = "";
  let bufferStart = 0;
  let skip: string | undefined;
  let script = "";
  let scriptStart = 0;
  let jsonLd = false;
  const flush = () => {
    if (buffer.trim() !== "") passages.push({ text: buffer, line: lineAt(bufferStart), column: columnAt(bufferStart), locale: file.locale, where: "the page" });
    buffer = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        flush();
        if (name === "script" || name === "style") {
          skip = name;
          script = "";
          scriptStart = parser.startIndex;
          // Only a JSON-LD block is read: any other script is code, never shown.
          jsonLd = name === "script" && (attributes.type ?? "").trim().toLowerCase() === "application/ld+json";
        }
        if (name === "meta" && attributes.content !== undefined) {
          const key = attributes.name ?? attributes.property ?? "";
          if (["description", "og:title", "og:description"].includes(key)) {
            passages.push({ text: attributes.content, line: lineAt(parser.startIndex), column: columnAt(parser.startIndex), locale: file.locale, where: `meta ${key}` });
          }
        }
      },
      ontext(text) {
        if (skip) {
          script += text;
          return;
        }
        if (buffer === "") bufferStart = parser.startIndex;
        buffer += text;
      },
      onclosetag(name) {
        if (skip === name) {
          skip = undefined;
          if (jsonLd) passages.push(...jsonLdPassages(script, lineAt(scriptStart), columnAt(scriptStart), file, article, problems));
          return;
        }
        flush();
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flush();
  return { passages, problems };
}

function jsonLdPassages(json: string, line: number, column: number, file: VerifyFile, article: VerifyArticle, problems: Diagnostic[]): Passage[] {
  const lineOfValue = (value: string) => {
    // The JSON-LD block spans lines: point at the line holding the value.
    const index = json.indexOf(JSON.stringify(value).slice(1, -1));
    return index === -1 ? line : line + countNewlines(json, index);
  };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(json) as Record<string, unknown>;
  } catch {
    problems.push(diagnose(CATALOGUE["verify/json-ld"], {}, { file: file.file, line, column: 1 }));
    return [];
  }
  const passages: Passage[] = [];
  for (const key of ["headline", "description"]) {
    const value = data[key];
    if (typeof value === "string") passages.push({ text: value, line: lineOfValue(value), column, locale: file.locale, where: `JSON-LD ${key}` });
  }
  const basedOn = data.isBasedOn as Record<string, unknown> | undefined;
  if (basedOn && typeof basedOn.headline === "string") {
    passages.push({ text: basedOn.headline, line: lineOfValue(basedOn.headline), column, locale: article.sourceLang, where: "JSON-LD isBasedOn.headline" });
  }
  if (data.datePublished !== article.facts.editorial.date) {
    problems.push(diagnose(CATALOGUE["verify/unmatched-figure"], { date: "JSON-LD datePublished" }, { file: file.file, line, column: 1, expected: article.facts.editorial.date, actual: String(data.datePublished) }));
  }
  return passages;
}

/** Every digit other than 0–9 and every invisible or bidirectional control character of an output, with its input. */
function oddCharacterProblems(file: VerifyFile, origins: Origins): Diagnostic[] {
  const where = file.format === "markdown" ? "the brief" : "the page";
  return oddCharacters(file.contents).map((odd) => {
    const before = file.contents.slice(Math.max(0, odd.index - 16), odd.index);
    const after = file.contents.slice(odd.index + odd.char.length, odd.index + odd.char.length + 16);
    const trimmed = before.trimStart();
    const needles = [
      { text: `${before}${odd.char}${after}`, skip: before.length },
      { text: `${trimmed}${odd.char}${after.trimEnd()}`, skip: trimmed.length },
      { text: `${trimmed}${odd.char}`, skip: trimmed.length },
      `${odd.char}${after.trimEnd()}`,
      odd.char,
    ];
    const origin = origins.find(needles, file.locale);
    const entry = odd.kind === "invisible" ? CATALOGUE["verify/invisible-character"] : CATALOGUE["verify/foreign-digit"];
    return diagnose(entry, { code: odd.code, where }, {
      file: file.file,
      line: 1 + countNewlines(file.contents, odd.index),
      column: 1 + columnOf(file.contents, odd.index),
      actual: odd.code,
      ...(origin ? { origin } : {}),
    });
  });
}

/**
 * The 1-based column of `figure` on the raw line: the estimate when the
 * figure stands there, else the occurrence nearest to it (entities and
 * escapes shift columns), else the estimate.
 */
function exactColumn(rawLine: string, figure: string, estimate: number): number {
  if (rawLine.startsWith(figure, estimate - 1)) return estimate;
  let best = -1;
  for (let i = rawLine.indexOf(figure); i !== -1; i = rawLine.indexOf(figure, i + 1)) {
    if (best === -1 || Math.abs(i + 1 - estimate) < Math.abs(best + 1 - estimate)) best = i;
  }
  return best === -1 ? estimate : best + 1;
}

/** The newlines of `text` from `start` up to `end`. */
function countNewlines(text: string, end: number, start = 0): number {
  let count = 0;
  for (let i = text.indexOf("\n", start); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}
