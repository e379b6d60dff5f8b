/**
 * Drafts: a new article folder from a French text, and a draft facts.yaml
 * with one fact per figure the extractor reads. Every figure and its
 * evidence come from the text; what an editor must decide is a `TODO`
 * placeholder, which `newsbrief check` lists as `draft/todo`.
 */
import { stringify } from "yaml";
import { parseSource } from "../content/load.ts";
import { frontMatterEnd } from "../plan/front-matter.ts";
import type { FigureReader, SourceFigure } from "./consistency.ts";
import { writtenForm, writtenStep } from "./consistency.ts";
import { normalizeQuotation } from "./text.ts";

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
export function draftSource(text: string, title: string): string {
  return [
    "---",
    `title: ${quote(title)}`,
    "lang: fr",
    "# What the article does not say: uncomment and fill in what applies.",
    "# category: the article's section",
    "# publisher: the credited source, if the brief names it",
    "# url: https://… (the article's address, http or https)",
    "# date: YYYY-MM-DD (the article's date)",
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
  figures: readonly SourceFigure[];
}

interface DraftFact {
  id: string;
  lines: string[];
}

/**
 * A draft facts.yaml. It parses under the project's YAML rules (no anchors,
 * aliases or tags) and its shape is valid once the placeholders are filled.
 */
export function draftFacts(input: DraftInput): string {
  const figures = input.figures.filter((f) => f.unit !== "label");
  const facts: DraftFact[] = [];
  const ignored: string[] = [];
  const seenText = new Set<string>();
  const ids = new Set<string>();
  for (const figure of figures) {
    const key = normalizeQuotation(figure.text);
    if (seenText.has(key)) continue;
    seenText.add(key);
    const context = contextOf(input.body, figure);
    const fields = factFields(figure);
    if (!fields) {
      ignored.push(
        `  # ${context}`,
        `  - text: ${quote(figure.text)}`,
        `    reason: ${quote(`${TODO}: why the brief leaves out this ${figure.unit} figure`)}`,
      );
      continue;
    }
    let id = fields.id;
    for (let n = 2; ids.has(id); n++) id = `${fields.id}-${n}`;
    ids.add(id);
    facts.push({
      id,
      lines: [
        `  # ${context}`,
        `  - id: ${id}`,
        ...fields.lines.map((line) => `    ${line}`),
        `    label: { fr: ${quote(TODO)}, nl: ${quote(TODO)}, en: ${quote(TODO)} }`,
        `    evidence: [${quote(figure.text)}]`,
      ],
    });
  }
  const out = [
    `# Draft facts${input.title ? ` of ${quote(input.title)}` : ""}, read from the source by \`newsbrief extract --draft\`.`,
    "# Every figure and its evidence come from the source. Each TODO is an editor's decision:",
    "# `newsbrief check` lists those still open (draft/todo).",
    "version: 1",
    "",
    "# TODO: the brief's date and template are the newsroom's decisions, not the article's.",
    "editorial:",
    `  date: ${quote(`${TODO}: the brief's date, YYYY-MM-DD`)}`,
    `  template: ${quote(`${TODO}: the brief template, a name in templates/ such as funding-announcement`)}`,
    "",
    "# TODO: the texts the template names (funder, programme, focus…), each in fr, nl and en.",
    `story: ${quote(`${TODO}: the texts the template names, each in fr, nl and en`)}`,
    "",
  ];
  if (facts.length === 0) out.push(`facts: ${quote(`${TODO}: the article's figures (the extractor read none)`)}`);
  else {
    out.push("# TODO: each fact's label in fr, nl and en; `required: false` on a figure the brief may leave out.");
    out.push("facts:");
    for (const fact of facts) out.push(...fact.lines, "");
    out.pop();
  }
  if (ignored.length > 0) {
    out.push("", "# TODO: figures no fact stands for: say why each is left out, or make it a fact.", "ignore:", ...ignored);
  }
  out.push("", "# Add breakdowns:, quotes: and related: as the brief needs them (see README, “The facts format”).", "");
  return out.join("\n");
}

/**
 * The draft facts.yaml of a file as read: a `source.fr.md` (its front
 * matter's title, figures of its body) or a plain French text.
 */
export function draftFromDocument(text: string, read: FigureReader): string {
  const plain = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const source = plain.startsWith("---\n") ? parseSource(plain, "source").value : undefined;
  if (source) return draftFacts({ title: source.frontMatter.title, body: source.body, figures: read(source.body) });
  // A front matter that does not validate is still not part of the article's text.
  const body = plain.slice(frontMatterEnd(plain));
  return draftFacts({ ...(titleOf(body) ? { title: titleOf(body)! } : {}), body, figures: read(body) });
}

function factFields(figure: SourceFigure): { id: string; lines: string[] } | undefined {
  const { unit, value } = figure;
  const approx = figure.approx ? ["approx: true"] : [];
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
    case "year":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1000 || value > 9999) return undefined;
      return { id: idOf("year", String(value)), lines: ["type: year", `value: ${value}`] };
    case "year-range":
      if (!Array.isArray(value)) return undefined;
      return { id: idOf("years", `${value[0]}-${value[1]}`), lines: ["type: year-range", `value: [${value[0]}, ${value[1]}]`] };
    case "month":
      if (typeof value !== "string" || !/^\d{4}-\d{2}$/.test(value)) return undefined;
      return { id: idOf("month", value), lines: ["type: month", `value: ${quote(value)}`] };
    case "date":
      if (typeof value !== "string") return undefined;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { id: idOf("date", value), lines: ["type: date", `value: ${quote(value)}`] };
      if (/^--\d{2}-\d{2}$/.test(value)) {
        return { id: idOf("date", value.slice(2)), lines: ["type: date", `value: ${quote(`${TODO}: the year of ${value.slice(2)} (the source does not write it), as YYYY-MM-DD`)}`] };
      }
      return undefined;
    default:
      return undefined;
  }
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
  const line = `…${before}[${figure.text}]${after}…`.replace(/\s+/g, " ");
  return line.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
}

/** A YAML double-quoted scalar. */
function quote(text: string): string {
  return stringify(text, { defaultStringType: "QUOTE_DOUBLE", lineWidth: 0 }).trimEnd();
}
