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
import type { Fact, Facts, Locale } from "../content/schema.ts";
import { readFigures, type ReadFigure, type ReaderLocale } from "./reader.ts";

/** One output file to verify. */
export interface VerifyFile {
  /** Path shown in diagnostics (project-relative). */
  file: string;
  locale: Locale;
  format: "markdown" | "html";
  contents: string;
}

/** What the verifier knows of an article: its facts and the source language. */
export interface VerifyArticle {
  slug: string;
  facts: Facts;
  sourceLang: Locale;
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
  fact: Fact | { type: "date"; value: string; approx?: undefined };
  required: boolean;
}

/** Verifies every output file of one article against its dataset. */
export function verifyArticle(article: VerifyArticle, files: readonly VerifyFile[]): Verification {
  const known: Known[] = [
    ...article.facts.facts.map((fact) => ({ id: fact.id, fact, required: fact.required !== false })),
    { id: "editorial.date", fact: { type: "date" as const, value: article.facts.editorial.date }, required: false },
  ];
  const figures: VerifiedFigure[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const { passages, problems } = file.format === "markdown" ? markdownPassages(file, article) : htmlPassages(file, article);
    diagnostics.push(...problems);
    const seen = new Set<string>();
    const lines = file.contents.split("\n");
    for (const passage of passages) {
      for (const figure of readFigures(passage.text, passage.locale as ReaderLocale)) {
        const newlines = countNewlines(passage.text, figure.start);
        const line = passage.line + newlines;
        const estimate = newlines === 0 ? passage.column + figure.start : 1 + columnOf(passage.text, figure.start);
        const at = { file: file.file, line, column: exactColumn(lines[line - 1] ?? "", figure.text, estimate) };
        for (const problem of figure.problems) {
          diagnostics.push(diagnose(CATALOGUE["verify/style"], { figure: figure.text, where: passage.where, problem }, { ...at, actual: figure.text }));
        }
        const match = matchFigure(figure, known, passage.where);
        if (match.fact) {
          seen.add(match.fact.id);
          figures.push({ file: file.file, line, column: at.column, text: figure.text, factId: match.fact.id });
        } else {
          diagnostics.push(
            diagnostic({
              ...at,
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
            expected: describeFact(entry.fact),
          }),
        );
      }
    }
  }
  return { figures, diagnostics };
}

type Match = { fact: Known; rule?: undefined } | { fact?: undefined; rule: string; message: string; expected: string };

function matchFigure(figure: ReadFigure, known: readonly Known[], where: string): Match {
  const sameKind = known.filter((k) => compatible(kindOf(k.fact), figure));
  for (const candidate of sameKind) {
    if (!valueMatches(figure, candidate.fact)) continue;
    const fact = candidate.fact;
    if (fact.type === "money" && figure.step !== undefined && fact.precision !== undefined && figure.step < fact.precision) {
      return { ...phrase(CATALOGUE["verify/false-precision"], { figure: figure.text, id: candidate.id, where }), expected: `a step of at least ${fact.precision}` };
    }
    if (Boolean(fact.approx) !== Boolean(figure.approx)) {
      return {
        ...phrase(CATALOGUE["verify/approximation"], { figure: figure.text, id: candidate.id, approx: Boolean(fact.approx), where }),
        expected: describeFact(fact),
      };
    }
    return { fact: candidate };
  }
  const nearest = nearestFact(figure, sameKind);
  return {
    ...phrase(CATALOGUE["verify/unmatched-figure"], { figure: figure.text, where }),
    expected: nearest ? `\`${nearest.id}\` = ${describeFact(nearest.fact)}` : `a ${figure.unit} fact (the dataset has none)`,
  };
}

/**
 * A bare four-digit number reads as a year between 1900 and 2100 and as a
 * count elsewhere; either may be a year or a count fact.
 */
function compatible(kind: ReadFigure["unit"] | undefined, figure: ReadFigure): boolean {
  if (kind === figure.unit) return true;
  const bareInteger = typeof figure.value === "number" && Number.isInteger(figure.value) && (figure.step ?? 1) === 1;
  return bareInteger && ((kind === "year" && figure.unit === "count") || (kind === "count" && figure.unit === "year"));
}

function kindOf(fact: Known["fact"]): ReadFigure["unit"] | undefined {
  switch (fact.type) {
    case "money":
      return "EUR";
    case "count":
    case "percent":
    case "percentage-point":
    case "year":
    case "year-range":
    case "month":
    case "date":
      return fact.type;
    default:
      return undefined;
  }
}

/** A shown number matches a fact when the fact, rounded to the step shown, gives it. */
function valueMatches(figure: ReadFigure, fact: Known["fact"]): boolean {
  const value = figure.value;
  switch (fact.type) {
    case "money":
    case "count":
    case "percent":
    case "percentage-point": {
      if (typeof value !== "number") return false;
      const step = figure.step ?? 1;
      // Half a step either way, with room for the binary representation of decimals.
      return Math.abs(fact.value - value) <= step / 2 + Math.abs(value) * 1e-12;
    }
    case "year":
      return value === fact.value;
    case "year-range":
      return Array.isArray(value) && value[0] === fact.value[0] && value[1] === fact.value[1];
    case "month":
    case "date":
      return value === fact.value;
    default:
      return false;
  }
}

function nearestFact(figure: ReadFigure, candidates: readonly Known[]): Known | undefined {
  if (typeof figure.value !== "number") return candidates[0];
  const target = figure.value;
  let best: Known | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const value = candidate.fact.value;
    if (typeof value !== "number") continue;
    const distance = Math.abs(Math.log10(Math.abs(value) + 1) - Math.log10(Math.abs(target) + 1)) + Math.abs(value - target) / (Math.abs(value) + 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

function describeFact(fact: Known["fact"]): string {
  switch (fact.type) {
    case "money":
      return `${fact.value} ${fact.currency}${fact.precision ? ` (known to ${fact.precision})` : ""}`;
    case "year-range":
      return `${fact.value[0]} to ${fact.value[1]}`;
    default:
      return `${String(fact.value)} (${fact.type})`;
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(match[1]!, { lineCounter, logLevel: "silent" });
  if (doc.errors.length > 0) {
    problems.push(diagnose(CATALOGUE["verify/front-matter"], { problem: "yaml" }, { file: file.file, line: 2, column: 1 }));
  }
  /** A front-matter string with where its text starts in the file (after the `---` line). */
  const field = (path: string[]): { value: unknown; line: number; column: number } => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return { value: undefined, line: 2, column: 1 };
    const pos = lineCounter.linePos(node.range[0]);
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
    return { value: node.value, line: pos.line + 1, column: pos.col + (quoted ? 1 : 0) };
  };
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

function htmlPassages(file: VerifyFile, article: VerifyArticle): { passages: Passage[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const passages: Passage[] = [];
  const html = file.contents;
  const lineAt = (offset: number) => 1 + countNewlines(html, offset);
  const columnAt = (offset: number) => 1 + columnOf(html, offset);
  let buffer = "";
  let bufferStart = 0;
  let skip: string | undefined;
  let script = "";
  let scriptStart = 0;
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
          if (name === "script") passages.push(...jsonLdPassages(script, lineAt(scriptStart), columnAt(scriptStart), file, article, problems));
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

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}
