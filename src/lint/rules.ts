/**
 * The language rules of `newsbrief lint`, run on each line of text a brief
 * shows: spelling (through a speller per locale), and the house typography
 * of the locale conventions. Pure: a line in, findings with their columns out.
 */
import type { Locale } from "../types.ts";

import type { LintRule } from "../content/config.ts";

/** The rule ids, each configurable in `newsbrief.config.json` (`lint.rules`), are the settings': */
export { LINT_RULES, type LintRule } from "../content/config.ts";

/** How serious each rule is when the settings do not say. */
export const DEFAULT_SEVERITY: Record<LintRule, "error" | "warning"> = {
  spelling: "error",
  "fr-space-before-punctuation": "error",
  "fr-guillemet-space": "error",
  "fr-unit-space": "error",
  apostrophe: "error",
  "quotation-marks": "error",
  "repeated-word": "warning",
  "double-space": "error",
  range: "warning",
};

/** Says whether a word is spelled right in a locale. */
export type Speller = (word: string) => boolean;

/** One finding on a line. */
export interface Finding {
  /** The lint rule broken. */
  check: LintRule;
  /** 0-based offset in the line, and the text concerned. */
  start: number;
  text: string;
  /** What the house style wants there. */
  expected: string;
}

const NBSP = "[\\u00A0\\u202F]";
const UNITS = "(?:%|km|m|kg|t|MW|GW|kW|MWh|GWh|kWh|°C)";
const WORD = /[\p{L}][\p{L}\p{M}’'-]*[\p{L}]|[\p{L}]/gu;

/** Every finding on one line of a brief in `locale`. */
export function lintLine(line: string, locale: Locale, speller?: Speller): Finding[] {
  const findings: Finding[] = [];
  const each = (check: LintRule, pattern: RegExp, expected: string, group = 0) => {
    for (const match of line.matchAll(pattern)) {
      const text = match[group] ?? match[0];
      const start = match.index + (group === 0 ? 0 : match[0].indexOf(text));
      findings.push({ check, start, text, expected });
    }
  };
  if (locale === "fr") {
    // A no-break space before : ; ! ? (not in a URL, a time or an emoticon-free run of digits).
    each("fr-space-before-punctuation", /(?<![\u00A0\u202F\d/]|^)( ?)([:;!?])(?=\s|$)/gmu, "a no-break space before the sign");
    each("fr-guillemet-space", new RegExp(`«(?!${NBSP})|(?<!${NBSP})»`, "gu"), "a no-break space inside « »");
    each("fr-unit-space", new RegExp(`\\d(?: |)${UNITS}(?![\\p{L}])`, "gu"), "a no-break space between the number and its unit");
    each("quotation-marks", /[“”"]/gu, "« » for a quotation in French");
  } else {
    each("quotation-marks", /[«»"]/gu, "“…” for a quotation, ‘…’ for a term");
  }
  each("apostrophe", /(?<=\p{L})'(?=\p{L})/gu, "the typographic apostrophe ’");
  each("double-space", /(?<=\S) {2,}(?=\S)/gu, "one space");
  each("range", /\b(?:19|20)\d{2}(?: ?[–—] ?| - )(?:19|20)\d{2}\b/gu, "a range written 2025-2027");
  for (const match of line.matchAll(/(?<![\p{L}\p{N}])([\p{L}]+)\s+\1(?![\p{L}\p{N}])/giu)) {
    findings.push({ check: "repeated-word", start: match.index, text: match[0], expected: `“${match[1]}” once` });
  }
  if (speller) {
    for (const match of line.matchAll(WORD)) {
      const word = match[0];
      if (speller(word)) continue;
      findings.push({ check: "spelling", start: match.index, text: word, expected: "a word of the dictionary or of the project's word list" });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/**
 * The text of a Markdown line as a reader sees it, with a map back to
 * the line, column for column: list and heading markers become spaces,
 * emphasis marks and escaping backslashes a zero-width space.
 */
export function readableLine(line: string): string {
  return line
    .replace(/^(#{1,6} |- |\d+\. )/, (m) => " ".repeat(m.length))
    .replace(/\\([\\`*_[\]{}()#+\-.!|<>&@:])/g, "\u200B$1")
    .replace(/\*/g, "\u200B");
}
