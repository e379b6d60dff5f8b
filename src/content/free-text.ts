/**
 * The free texts of `facts.yaml` carry no figure: story texts, labels, roles
 * and related titles are words only, and a figure (in digits or in words)
 * must be a fact. A translated quote carries exactly the figures of its
 * original. No text that reaches a brief may hold a digit other than 0–9 or
 * an invisible or bidirectional control character. Figures are read with the
 * verifier's reader, a leaf module that imports nothing.
 */
import { diagnose } from "../diagnostics/report.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { oddCharacters, readFigures, type ReadFigure } from "../verify/reader.ts";
import { LOCALES, textOf, type Facts, type Locale, type LocalizedText } from "./schema.ts";
import type { PositionedYaml } from "./yaml.ts";

/** One text of `facts.yaml` that reaches a brief. */
interface FreeText {
  path: (string | number)[];
  text: string;
  /** the language it is written in; undefined for a name (a quote's speaker) */
  locale: Locale | undefined;
  /** says what the text is, in messages */
  what: string;
  /** a figure in it is an error (not in quotes: a speaker's words may hold figures) */
  noFigures: boolean;
}

/** Checks every text of a valid `facts.yaml` that reaches a brief; `text` is the file's source. */
export function checkFreeTexts(facts: Facts, yaml: PositionedYaml, file: string, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const locateIn = locator(yaml, text);
  for (const free of freeTexts(facts)) {
    const at = (needle: string, offset: number) => ({ file, path: free.path.join("."), ...locateIn(free.path, free.text, needle, offset) });
    for (const odd of oddCharacters(free.text)) {
      const entry = odd.kind === "invisible" ? CATALOGUE["facts/invisible-character"] : CATALOGUE["facts/foreign-digit"];
      diagnostics.push(diagnose(entry, { code: odd.code, what: free.what }, { ...at(odd.char, odd.index), actual: odd.code }));
    }
    if (!free.noFigures || free.locale === undefined) continue;
    for (const figure of readFigures(free.text, free.locale)) {
      diagnostics.push(
        diagnose(CATALOGUE["facts/figure-in-text"], { figure: figure.text, what: free.what }, { ...at(figure.text, figure.start), expected: "words only, the figure as a fact", actual: figure.text }),
      );
    }
  }
  for (const [index, quote] of facts.quotes.entries()) {
    const original = readFigures(textOf(quote.text[quote.lang]), quote.lang);
    for (const locale of LOCALES) {
      if (locale === quote.lang) continue;
      const written = quote.text[locale];
      const text = textOf(written);
      const translation = readFigures(text, locale);
      if (sameFigures(original, translation)) continue;
      const path = typeof written === "string" ? ["quotes", index, "text", locale] : ["quotes", index, "text", locale, "text"];
      // At the first figure the original does not have, else at the translation's start.
      const wanted = new Set(original.map(key));
      const extra = translation.find((f) => !wanted.has(key(f)));
      diagnostics.push(
        diagnose(CATALOGUE["facts/quote-figures"], { locale, quote: quote.id, lang: quote.lang }, {
          file,
          path: path.join("."),
          ...(extra ? locateIn(path, text, extra.text, extra.start) : yaml.locate(path)),
          expected: describe(original),
          actual: describe(translation),
        }),
      );
    }
  }
  return diagnostics;
}

/** Every text of the dataset that a brief shows, with its path. */
function freeTexts(facts: Facts): FreeText[] {
  const out: FreeText[] = [];
  const localized = (path: (string | number)[], value: LocalizedText, what: string, noFigures = true) => {
    for (const locale of LOCALES) {
      const text = value[locale];
      const at = typeof text === "string" ? [...path, locale] : [...path, locale, "text"];
      out.push({ path: at, text: textOf(text), locale, what: `${what} (${locale})`, noFigures });
    }
  };
  for (const [key, value] of Object.entries(facts.story)) {
    if (Array.isArray(value)) value.forEach((item, k) => localized(["story", key, k], item, `story text \`${key}\``));
    else localized(["story", key], value, `story text \`${key}\``);
  }
  facts.facts.forEach((fact, k) => {
    if (fact.label) localized(["facts", k, "label"], fact.label, `the label of fact \`${fact.id}\``);
  });
  facts.quotes.forEach((quote, k) => {
    out.push({ path: ["quotes", k, "speaker"], text: quote.speaker, locale: undefined, what: `the speaker of quote \`${quote.id}\``, noFigures: false });
    localized(["quotes", k, "role"], quote.role, `the role of quote \`${quote.id}\`'s speaker`);
    localized(["quotes", k, "text"], quote.text, `quote \`${quote.id}\``, false);
  });
  facts.related.forEach((related, k) => localized(["related", k, "title"], related.title, `the title of related article \`${related.id}\``));
  return out;
}

/**
 * Where `needle`, found at `offset` of the text at `path`, stands in the file:
 * exactly when the file holds the text as it is (a plain or quoted scalar,
 * on one line or folded), else at the start of the text.
 */
function locator(yaml: PositionedYaml, source: string): (path: (string | number)[], value: string, needle: string, offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number) => (lineStarts[line - 1] ?? 0) + column - 1;
  const positionOf = (offset: number) => {
    let line = 1;
    while (line < lineStarts.length && (lineStarts[line] ?? Infinity) <= offset) line++;
    return { line, column: offset - (lineStarts[line - 1] ?? 0) + 1 };
  };
  return (path, value, needle, offset) => {
    const start = yaml.locate(path);
    const from = offsetOf(start.line, start.column);
    // The words before the needle in the text, as far as they stand on the needle's own line.
    const before = value.slice(0, offset).split("\n").pop()?.split(" ").slice(-2).join(" ") ?? "";
    const window = source.slice(from, from + value.length * 2 + 16);
    for (const probe of [`${before}${needle}`, needle]) {
      const at = window.indexOf(probe);
      if (at !== -1) return positionOf(from + at + probe.length - needle.length);
    }
    return start;
  };
}

const key = (f: ReadFigure) => `${f.unit}|${JSON.stringify(typeof f.value === "number" ? Number(f.value.toPrecision(12)) : f.value)}|${f.approx ? "~" : ""}|${f.bound ?? ""}`;

/** The same figures, whatever their order and spelling. */
function sameFigures(a: readonly ReadFigure[], b: readonly ReadFigure[]): boolean {
  const keys = (list: readonly ReadFigure[]) => list.map(key).sort().join("\n");
  return keys(a) === keys(b);
}

function describe(figures: readonly ReadFigure[]): string {
  return figures.length === 0 ? "no figure" : figures.map((f) => `“${f.text}”`).join(", ");
}
