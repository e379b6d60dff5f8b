/**
 * Parsing an article: from the texts of `facts.yaml` and `source.fr.md` to a
 * validated {@link Article}, or diagnostics. Pure: reading files is io.ts's job.
 */
import matter from "gray-matter";
import { compareDiagnostics, diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose, phrase } from "../diagnostics/report.ts";
import { checkFreeTexts } from "./free-text.ts";
import { findPlaceholders } from "./todo.ts";
import { checkRawDates, checkUniqueIds, RULES, type RuleContext } from "./rules.ts";
import { Facts, SourceFrontMatter } from "./schema.ts";
import { missingRequirements, type StoryTypeDefinition } from "./story-type.ts";
import { validateShape } from "./validate.ts";
import { parseYaml, type PositionedYaml } from "./yaml.ts";
import type { ArticleFiles } from "../types.ts";

/** The French source article. */
export interface SourceArticle {
  frontMatter: SourceFrontMatter;
  /** The Markdown body, after the front matter. */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

/** A validated article, ready to render. */
export interface Article {
  slug: string;
  facts: Facts;
  source: SourceArticle;
  files: ArticleFiles;
  /** Line and column in `facts.yaml` of the node at a path (of the key with `options.key`). */
  locate: PositionedYaml["locate"];
}

/** A slug: lower-case words joined by hyphens, at most 80 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Options of {@link loadArticle}. */
export interface LoadOptions {
  /** The names of the brief templates that exist; `editorial.template` must be one of them. */
  templates?: ReadonlySet<string>;
  /**
   * The story types by name: an article must have what its type requires,
   * and name only measures its type knows.
   */
  types?: ReadonlyMap<string, StoryTypeDefinition>;
}

/** What {@link loadArticle} makes of an article's files. */
export interface LoadedArticle {
  /** The article, when it has no error: ready to render. */
  article?: Article;
  /**
   * The article as read, when both files have the right shape, whether or
   * not it passed the rules: enough to check it against its source and its
   * template, so that those problems are reported in the same run. Never
   * rendered while it has errors.
   */
  read?: Article;
  /**
   * When some facts, story texts, breakdowns, quotes, related articles,
   * `ignore` entries or `editorial` fields have the wrong shape and the rest
   * of `facts.yaml` is right, or when only the source's front matter (not its
   * title) has the wrong shape: the article without them, for the checks that
   * look at one fact at a time (its evidence in the source). `kept` gives each
   * fact's index in the file; `locate` points into the file.
   */
  partial?: {
    article: Article;
    kept: readonly number[];
    /** No fact and no `ignore` entry was left out: what no fact covers in the source is known too. */
    whole: boolean;
  };
  diagnostics: Diagnostic[];
}

/** Parses and validates one article; every problem is reported, none thrown. */
export function loadArticle(files: ArticleFiles, options: LoadOptions = {}): LoadedArticle {
  const diagnostics: Diagnostic[] = [];
  if (!SLUG_PATTERN.test(files.slug) || files.slug.length > 80) {
    diagnostics.push(
      diagnose(CATALOGUE["content/invalid-slug"], { slug: files.slug }, {
        file: files.factsFile,
        expected: "lower-case letters, digits and single hyphens, at most 80 characters",
        actual: files.slug,
      }),
    );
  }
  const facts = parseFacts(files.factsText, files.factsFile, options);
  diagnostics.push(...facts.diagnostics);
  const source = parseSource(files.sourceText, files.sourceFile);
  diagnostics.push(...source.diagnostics);
  // A source whose front matter has the wrong shape still has its title and body to trace the facts to.
  const sourceRead = source.value ?? source.partial;
  const factsRead = facts.partial ?? (facts.value && facts.locate ? { value: facts.value, kept: facts.value.facts.map((_, i) => i), locate: facts.locate, whole: true } : undefined);
  if ((facts.partial || !source.value) && factsRead && sourceRead) {
    const { value, kept, locate, whole } = factsRead;
    return { partial: { article: { slug: files.slug, facts: value, source: sourceRead, files, locate }, kept, whole }, diagnostics };
  }
  if (!facts.value || !facts.locate || !source.value) return { diagnostics };
  const read: Article = { slug: files.slug, facts: facts.value, source: source.value, files, locate: facts.locate };
  if (diagnostics.some((d) => d.severity === "error")) return { read, diagnostics };
  return { article: read, read, diagnostics };
}

/**
 * Parses `facts.yaml`: YAML, then the zod shape, then the cross-field rules.
 * A `TODO` placeholder is a `draft/todo` error, and hides the problems of its field.
 */
export function parseFacts(text: string, file: string, options: LoadOptions = {}): ParsedFacts {
  const yaml = parseYaml(text, { file });
  if (yaml.value === undefined) return { diagnostics: yaml.diagnostics };
  const todos = findPlaceholders(yaml, file);
  const parsed = parseFactsYaml(yaml, file, options, text);
  if (todos.diagnostics.length === 0) {
    const partial = parsed.value ? undefined : partialFacts(yaml, parsed.diagnostics);
    return { ...parsed, locate: yaml.locate, ...(partial && { partial }) };
  }
  const diagnostics = [...todos.diagnostics, ...parsed.diagnostics.filter((d) => !todos.covers(d))].sort(compareDiagnostics);
  // A fact still to be decided is left out like a fact of the wrong shape.
  const partial = partialFacts(yaml, [...diagnostics, ...parsed.diagnostics]);
  return { diagnostics, ...(partial && { partial }) };
}

/** What {@link parseFacts} makes of `facts.yaml`. */
export interface ParsedFacts {
  /** The facts, when their shape is right (the rules may still have failed: see the diagnostics). */
  value?: Facts;
  diagnostics: Diagnostic[];
  locate?: PositionedYaml["locate"];
  /** Without `value`: the file without the parts of the wrong shape, when every such problem lies inside one (see `partialFacts`). */
  partial?: { value: Facts; kept: readonly number[]; locate: PositionedYaml["locate"]; whole: boolean };
}

/**
 * What stands in for an `editorial` field of the wrong shape in the facts
 * checked one at a time: none of those checks reads the brief's date or tags,
 * and a template that matches no story type only leaves its measures unknown.
 */
const EDITORIAL_STAND_IN: Readonly<Record<string, unknown>> = { date: "2000-01-01", template: "unknown" };

/**
 * The facts of the right shape, when every problem of shape (or `TODO`)
 * lies inside a fact, a story text, a breakdown, a quote, a related article,
 * an `ignore` entry or `editorial`, and the file is right without them. Only
 * the facts are checked further, so what else is left out (or stood in for,
 * in `editorial`) changes nothing of that.
 */
function partialFacts(yaml: PositionedYaml, problems: readonly Diagnostic[]): ParsedFacts["partial"] {
  const doc = yaml.value;
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { facts?: unknown }).facts)) return undefined;
  const record = doc as Record<string, unknown>;
  const left = new Map<string, Set<string>>();
  for (const problem of problems) {
    if (problem.severity !== "error") continue;
    const [, section, item] = /^(facts|story|breakdowns|quotes|related|ignore|editorial)(?:\.([^.]+))?/.exec(problem.path ?? "") ?? [];
    if (section === undefined || (item === undefined && section !== "editorial")) return undefined;
    left.set(section, (left.get(section) ?? new Set()).add(item ?? ""));
  }
  const facts = record.facts as unknown[];
  const leftFacts = left.get("facts");
  const kept = facts.map((_, i) => i).filter((i) => !leftFacts?.has(String(i)));
  if (left.size === 0 || kept.length === 0) return undefined;
  const without = { ...record, facts: kept.map((i) => facts[i]) } as Record<string, unknown>;
  for (const [section, items] of left) {
    const value = without[section];
    if (section === "editorial") {
      const editorial = typeof value === "object" && value !== null && !Array.isArray(value) && !items.has("") ? (value as Record<string, unknown>) : {};
      without.editorial = {
        ...Object.fromEntries(Object.entries(EDITORIAL_STAND_IN).filter(([key]) => items.has(key) || !Object.hasOwn(editorial, key))),
        ...Object.fromEntries(Object.entries(editorial).filter(([key]) => !items.has(key) && !items.has(""))),
      };
      continue;
    }
    if (section === "facts" || value === undefined) continue;
    without[section] = Array.isArray(value) ? value.filter((_, i) => !items.has(String(i))) : Object.fromEntries(Object.entries(value as object).filter(([key]) => !items.has(key)));
  }
  const shape = Facts.safeParse(without);
  if (!shape.success) return undefined;
  const locate: PositionedYaml["locate"] = (path, options) => yaml.locate(path[0] === "facts" && typeof path[1] === "number" ? ["facts", kept[path[1]] ?? path[1], ...path.slice(2)] : path, options);
  return { value: shape.data, kept, locate, whole: !leftFacts && !left.has("ignore") };
}

function parseFactsYaml(yaml: PositionedYaml, file: string, options: LoadOptions, text: string): { value?: Facts; diagnostics: Diagnostic[] } {
  const shape = validateShape(Facts, yaml, file, "facts");
  const diagnostics = [...yaml.diagnostics, ...shape.diagnostics];
  const ctx = ruleContext(yaml, file, diagnostics);
  if (!shape.value) {
    // The rules need a valid shape; duplicate ids and dates that do not exist can still be found.
    checkUniqueIds(yaml.value, ctx);
    checkRawDates(yaml.value, ctx);
    return { diagnostics: diagnostics.sort(compareDiagnostics) };
  }
  for (const rule of RULES) rule(shape.value, ctx);
  diagnostics.push(...checkFreeTexts(shape.value, yaml, file, text));
  const template = shape.value.editorial.template;
  if (options.templates && !options.templates.has(template)) {
    ctx.report({
      path: ["editorial", "template"],
      ...phrase(CATALOGUE["facts/unknown-template"], { template }),
      expected: [...options.templates].sort().map((t) => `\`${t}\``).join(", ") || "a template in templates/",
      actual: template,
    });
  }
  const type = options.types?.get(template);
  if (type) {
    shape.value.facts.forEach((fact, index) => {
      if (fact.measure !== undefined && !Object.hasOwn(type.measures, fact.measure)) {
        ctx.report({ path: ["facts", index, "measure"], ...phrase(CATALOGUE["facts/unknown-measure"], { measure: fact.measure, template }), expected: Object.keys(type.measures).sort().join(", ") || "no measure (the type has none): a label", actual: fact.measure });
      }
      // Below zero, a measure with words for it says the sign in words, and its figure carries none: a label would leave the sign unsaid.
      const negative = fact.measure === undefined || !Object.hasOwn(type.measures, fact.measure) ? undefined : type.measures[fact.measure]!.negative;
      if (negative && fact.label && fact.type === "money" && fact.value < 0) {
        ctx.report({ path: ["facts", index, "label"], ...phrase(CATALOGUE["facts/label-hides-sign"], { id: fact.id, measure: fact.measure!, negative: `${negative.fr.label}, ${negative.nl.label}, ${negative.en.label}` }), expected: "no `label`: the measure's words for below zero", actual: "a `label`" });
      }
    });
    for (const missing of missingRequirements(type, shape.value)) {
      ctx.report({ path: missing.path, ...phrase(CATALOGUE["facts/missing-requirement"], { template, what: missing.what }), expected: missing.what, actual: "nothing" });
    }
  }
  return { value: shape.value, diagnostics: diagnostics.sort(compareDiagnostics) };
}

function ruleContext(yaml: PositionedYaml, file: string, into: Diagnostic[]): RuleContext {
  return {
    report: ({ path, severity = "error", ...rest }) => into.push(diagnostic({ file, ...yaml.locate(path), severity, path: path.map(String).join("."), ...rest })),
  };
}

/**
 * Parses `source.fr.md`. Only a bare `---` line opens front matter: any
 * other opener (such as `---js`) is refused before gray-matter sees the
 * text, and gray-matter's own engines are replaced by the safe YAML reader.
 */
export function parseSource(text: string, file: string): { value?: SourceArticle; partial?: SourceArticle; diagnostics: Diagnostic[] } {
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n"));
  if (firstLine !== "---") {
    const opener = firstLine.startsWith("---");
    return {
      diagnostics: [
        diagnostic({
          file,
          line: 1,
          column: 1,
          ...(opener ? phrase(CATALOGUE["front-matter/opener"], {}) : phrase(CATALOGUE["front-matter/missing"], {})),
          expected: "---",
          actual: firstLine.slice(0, 40),
        }),
      ],
    };
  }
  const close = /\n---[ \t]*(?:\n|$)/.exec(text.slice(3));
  if (!close) {
    return { diagnostics: [diagnose(CATALOGUE["front-matter/unclosed"], {}, { file, line: 1, column: 1, expected: "---" })] };
  }
  let yaml: PositionedYaml | undefined;
  const parsed = matter(text, {
    language: "yaml",
    engines: {
      yaml: (input: string) => {
        // gray-matter hands over the text right after `---`, newline included.
        yaml = parseYaml(input, { file, lineOffset: input.startsWith("\n") ? 0 : 1 });
        return {};
      },
    },
  });
  if (!yaml) yaml = parseYaml("", { file, lineOffset: 1 });
  if (yaml.value === undefined && yaml.diagnostics.length > 0) return { diagnostics: yaml.diagnostics };
  const shape = validateShape(SourceFrontMatter, yaml, file, "front-matter", `one of the source's front-matter fields: ${Object.keys(SourceFrontMatter.shape).join(", ")}`);
  const diagnostics = [...yaml.diagnostics, ...shape.diagnostics];
  const bodyLine = text.slice(0, text.length - parsed.content.length).split("\n").length;
  if (!shape.value) {
    const frontMatter = partialFrontMatter(yaml.value, diagnostics);
    return { diagnostics, ...(frontMatter && { partial: { frontMatter, body: parsed.content, bodyLine } }) };
  }
  return { value: { frontMatter: shape.value, body: parsed.content, bodyLine }, diagnostics };
}

/**
 * The source's front matter without its fields of the wrong shape, when its
 * title is right: the facts can still be traced to the title and the body.
 */
function partialFrontMatter(value: unknown, problems: readonly Diagnostic[]): SourceFrontMatter | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const wrong = new Set<string>();
  for (const problem of problems) {
    if (problem.severity !== "error") continue;
    const field = /^[^.]+/.exec(problem.path ?? "")?.[0];
    if (field === undefined) return undefined;
    wrong.add(field);
  }
  const kept = Object.fromEntries(Object.entries(value).filter(([key]) => !wrong.has(key) && Object.hasOwn(SourceFrontMatter.shape, key)));
  const shape = SourceFrontMatter.safeParse({ ...kept, lang: "fr" });
  return shape.success && !wrong.has("title") ? shape.data : undefined;
}
