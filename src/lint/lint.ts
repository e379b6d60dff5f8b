/**
 * `newsbrief lint`: the language of every brief checked line by line, each
 * finding reported at the input that produced the text (the locale file's
 * message, the `facts.yaml` story text or label, the template line) and
 * naming the output line where it shows. Pure: texts and spellers in.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { LintSettings } from "../content/config.ts";
import type { Locale } from "../types.ts";
import { DEFAULT_SEVERITY, lintLine, readableLine, type LintRule, type Speller } from "./rules.ts";

/** A brief to lint: its Markdown file. */
export interface LintBrief {
  file: string;
  locale: Locale;
  markdown: string;
}

/** A text file the briefs are made from. */
export interface LintSource {
  file: string;
  text: string;
  /** `locale`: a locale file (every string is in that language); `facts`: strings under a `fr`/`nl`/`en` key; `template`: each line. */
  kind: "locale" | "facts" | "template";
  locale?: Locale;
}

/** A finding, at its input, and where it shows in the output. */
export interface LintFinding {
  diagnostic: Diagnostic;
  output: { file: string; line: number; column: number };
}

/** A string of an input, with its line and language. */
interface Origin {
  file: string;
  line: number;
  column: number;
  text: string;
  locale?: Locale | undefined;
}

/** Lints every body line of `briefs`; a finding is reported once per input place and rule. */
export function lintBriefs(briefs: readonly LintBrief[], sources: readonly LintSource[], spellers: Partial<Record<Locale, Speller>>, settings?: LintSettings): LintFinding[] {
  // Where texts are written: looked up only once a line has a finding, the shared inputs' once per run.
  let origins: Origin[] | undefined;
  const originsNow = () => (origins ??= sources.flatMap(cachedOriginsOf));
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  for (const brief of briefs) {
    const lines = brief.markdown.split("\n");
    const bodyStart = bodyLineOf(lines);
    for (let index = bodyStart; index < lines.length; index++) {
      const raw = lines[index]!;
      if (raw.trim() === "" || raw.trim() === "---") continue;
      for (const finding of lintLine(readableLine(raw), brief.locale, spellers[brief.locale])) {
        const severity = settings?.rules[finding.check] ?? DEFAULT_SEVERITY[finding.check];
        if (severity === "off") continue;
        const output = { file: brief.file, line: index + 1, column: finding.start + 1 };
        const origin = attribute(originsNow(), finding.text, brief.locale, raw, finding.start);
        const at = origin ?? { file: brief.file, line: output.line, column: output.column };
        const key = `${at.file}:${at.line}:${at.column}:${finding.check}:${finding.text}:${brief.locale}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const diagnostic = diagnose(
          CATALOGUE["lint/<rule>"],
          { rule: finding.check, text: finding.text, locale: brief.locale, output: `${output.file}:${output.line}` },
          { file: at.file, line: at.line, column: at.column, severity, expected: finding.expected, actual: showText(finding.text), shownAt: output },
        );
        findings.push({ diagnostic, output });
      }
    }
  }
  return findings;
}

function showText(text: string): string {
  return JSON.stringify(text).replace(/\u00A0/g, "\\u00A0").replace(/\u202F/g, "\\u202F");
}

function bodyLineOf(lines: readonly string[]): number {
  if (lines[0] !== "---") return 0;
  const end = lines.indexOf("---", 1);
  return end === -1 ? 0 : end + 1;
}

/**
 * The input whose text holds what was found: the finding with the text
 * around it first (a typography finding is about its neighbours), then the
 * word alone; locale files before story texts before templates.
 */
function attribute(origins: readonly Origin[], text: string, locale: Locale, line: string, start: number): Origin | undefined {
  const mine = origins.filter((o) => o.locale === undefined || o.locale === locale);
  const around = line.slice(Math.max(0, start - 3), start + text.length + 3).replace(/\\/g, "");
  const word = text.trim();
  // A label starts a list item with a capital: its story text does not.
  for (const needle of [around, word, word.charAt(0).toLowerCase() + word.slice(1)]) {
    if (needle === "") continue;
    for (const origin of mine) {
      // The word alone is found as a whole word: “den” is not in “précédente”.
      const at = needle === around ? origin.text.indexOf(needle) : wholeWordAt(origin.text, needle);
      if (at === -1) continue;
      const offset = needle === around ? at + (text.length > 0 ? Math.max(0, around.indexOf(text)) : 0) : at;
      return { ...origin, column: origin.column + offset };
    }
  }
  return undefined;
}

/** Where `word` first stands in `text` as a whole word (no letter or digit on either side), or -1. */
function wholeWordAt(text: string, word: string): number {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHARACTER.test(text.charAt(at - 1)) && !WORD_CHARACTER.test(text.charAt(at + word.length))) return at;
  }
  return -1;
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/** The origins of the locale files and templates, by file and text: they are the same for every article of a run. */
const sharedOrigins = new Map<string, Origin[]>();

function cachedOriginsOf(source: LintSource): Origin[] {
  if (source.kind === "facts") return originsOf(source);
  const key = `${source.file}\0${source.text}`;
  let found = sharedOrigins.get(key);
  if (!found) {
    // A run has a handful of shared inputs; a long-lived process that edits them keeps only the latest.
    if (sharedOrigins.size > 64) sharedOrigins.clear();
    sharedOrigins.set(key, (found = originsOf(source)));
  }
  return found;
}

function originsOf(source: LintSource): Origin[] {
  if (source.kind === "template") {
    return source.text.split("\n").map((text, index) => ({ file: source.file, line: index + 1, column: 1, text }));
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, logLevel: "silent" });
  const found: Origin[] = [];
  // Texts the briefs show: a locale's message, a story text in one locale, and a quote's speaker (a name, the same in every locale).
  const walk = (node: unknown, locale: Locale | undefined, key?: string) => {
    if (isScalar(node)) {
      if (typeof node.value === "string" && node.range && (source.kind === "locale" || locale || key === "speaker")) {
        const pos = lineCounter.linePos(node.range[0]);
        const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
        found.push({ file: source.file, line: pos.line, column: pos.col + (quoted ? 1 : 0), text: node.value, locale: source.locale ?? locale });
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        walk(pair.value, key === "fr" || key === "nl" || key === "en" ? key : locale, key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item as Node, locale);
    }
  };
  walk(doc.contents, undefined);
  // Locale messages first, longest texts last: a short label should not take a sentence's finding.
  return found;
}

/** The severity of a rule under the settings. */
export function severityOf(rule: LintRule, settings?: LintSettings): "error" | "warning" | "off" {
  return settings?.rules[rule] ?? DEFAULT_SEVERITY[rule];
}
