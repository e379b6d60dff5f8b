/**
 * Brief templates: Handlebars in strict mode with a fixed set of helpers.
 * Every figure goes through `figure`, every dataset text through a helper
 * that escapes it for Markdown, every sentence through `t`. Templates are
 * checked against each article before anything renders.
 */
import Handlebars from "handlebars";
import type { HelperDelegate, HelperOptions } from "handlebars";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Article } from "../content/load.ts";
import { textOf, translatedFrom, type Fact, type Locale, type LocalizedText } from "../content/schema.ts";
import type { FigureFormatter } from "./figures.ts";
import { escapeMarkdown } from "./markdown.ts";
import type { Messages } from "./messages.ts";
import type { TemplateFile } from "../types.ts";

/** What the helpers render against: one article in one locale. */
export interface BriefScope {
  article: Article;
  locale: Locale;
  messages: Messages;
  figures: FigureFormatter;
  lists: Intl.ListFormat;
  facts: ReadonlyMap<string, Fact>;
}

/** What a helper's first argument names, for the static check. */
type Names = "fact" | "story" | "story-list" | "breakdown" | "quote" | "related" | "message" | "none";

const HELPERS: Record<string, Names> = {
  t: "message",
  figure: "fact",
  label: "fact",
  bare: "fact",
  text: "story",
  list: "story-list",
  parts: "breakdown",
  largest: "breakdown",
  runnerUp: "breakdown",
  complete: "breakdown",
  quotes: "none",
  quoteText: "quote",
  speaker: "quote",
  role: "quote",
  translationNote: "quote",
  relatedIds: "none",
  relatedLine: "related",
};
const BUILT_INS = new Set(["if", "unless", "each", "with"]);

/** A template compiled for rendering, with what it names. */
export interface BriefTemplate {
  name: string;
  file: string;
  render(scope: BriefScope): string;
  /** Every literal name the template passes to a helper, with its position. */
  references: readonly Reference[];
}

interface Reference {
  helper: string;
  kind: Names;
  name: string;
  line: number;
  column: number;
}

/** Parses and compiles brief templates; syntax errors and unknown helpers are diagnostics. */
export function compileTemplates(files: readonly TemplateFile[]): { templates: Map<string, BriefTemplate>; diagnostics: Diagnostic[] } {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const templates = new Map<string, BriefTemplate>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(file.text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = /line (\d+)/.exec(message);
      diagnostics.push(diagnostic({ file: file.file, line: at ? Number(at[1]) : 0, column: at ? 1 : 0, rule: "template/syntax", message: message.split("\n")[0] ?? message }));
      continue;
    }
    const references: Reference[] = [];
    const problems = walk(ast, references);
    diagnostics.push(...problems.map((p) => diagnostic({ file: file.file, ...p })));
    if (problems.length > 0) continue;
    const compiled = hb.compile(ast, { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])) });
    templates.set(file.name, { name: file.name, file: file.file, references, render: (scope) => compiled({}, { data: { scope } }) });
  }
  return { templates, diagnostics };
}

/** Checks every literal name a template uses against one article and the messages. */
export function checkTemplate(template: BriefTemplate, article: Article, messages: Messages): Diagnostic[] {
  const { facts } = article;
  const exists: Record<Names, (name: string) => boolean> = {
    fact: (n) => facts.facts.some((f) => f.id === n),
    story: (n) => n in facts.story && !Array.isArray(facts.story[n]),
    "story-list": (n) => Array.isArray(facts.story[n]),
    breakdown: (n) => facts.breakdowns.some((b) => b.id === n),
    quote: (n) => facts.quotes.some((q) => q.id === n),
    related: (n) => facts.related.some((r) => r.id === n),
    message: (n) => messages.has(n),
    none: () => true,
  };
  return template.references
    .filter((ref) => !exists[ref.kind](ref.name))
    .map((ref) =>
      diagnostic({
        file: template.file,
        line: ref.line,
        column: ref.column,
        rule: ref.kind === "message" ? "template/unknown-message" : "template/unknown-name",
        message:
          ref.kind === "message"
            ? `template uses message \`${ref.name}\`, which locales/${messages.locale}.json does not have`
            : `template names ${ref.kind.replace("-", " ")} \`${ref.name}\`, which ${article.files.factsFile} does not define`,
        expected: `a ${ref.kind.replace("-", " ")} defined for article ${article.slug}`,
        actual: ref.name,
      }),
    );
}

type Problem = Omit<Diagnostic, "file" | "severity">;

function walk(node: hbs.AST.Node, references: Reference[]): Problem[] {
  const problems: Problem[] = [];
  const visit = (n: hbs.AST.Node | undefined | null): void => {
    if (!n) return;
    switch (n.type) {
      case "Program":
        (n as hbs.AST.Program).body.forEach(visit);
        return;
      case "MustacheStatement":
      case "SubExpression":
      case "BlockStatement": {
        const call = n as hbs.AST.MustacheStatement | hbs.AST.BlockStatement;
        const path = call.path as hbs.AST.PathExpression;
        const name = path.original;
        const at = { line: call.loc.start.line, column: call.loc.start.column + 1 };
        if (n.type === "BlockStatement" ? !BUILT_INS.has(name) : !(name in HELPERS) && !BUILT_INS.has(name)) {
          problems.push({ ...at, rule: "template/unknown-helper", message: `\`${name}\` is not a brief helper: data reaches a brief only through helpers`, expected: `one of ${[...Object.keys(HELPERS), ...BUILT_INS].join(", ")}`, actual: name });
        }
        const first = call.params[0];
        const kind = HELPERS[name];
        if (kind && kind !== "none" && first?.type === "StringLiteral") {
          references.push({ helper: name, kind, name: (first as hbs.AST.StringLiteral).value, ...at });
        }
        call.params.forEach(visit);
        call.hash?.pairs.forEach((pair) => visit(pair.value));
        if (n.type === "BlockStatement") {
          visit((n as hbs.AST.BlockStatement).program);
          visit((n as hbs.AST.BlockStatement).inverse);
        }
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        problems.push({ line: n.loc.start.line, column: n.loc.start.column + 1, rule: "template/unsupported", message: "partials and decorators are not supported in brief templates" });
        return;
      case "NumberLiteral":
        problems.push({ line: n.loc.start.line, column: n.loc.start.column + 1, rule: "template/digit", message: "templates cannot contain numbers: figures come only from the dataset" });
        return;
      case "ContentStatement": {
        // `original` is the raw text the position refers to (typed wrongly upstream).
        const text = (n as unknown as { original: string }).original;
        const digit = text.search(/[0-9]/);
        if (digit !== -1) {
          const before = text.slice(0, digit);
          const newlines = before.split("\n").length - 1;
          const column = newlines === 0 ? n.loc.start.column + digit + 1 : digit - before.lastIndexOf("\n");
          problems.push({ line: n.loc.start.line + newlines, column, rule: "template/digit", message: "templates cannot contain digits: figures come only from the dataset", actual: text.slice(digit).split("\n")[0] ?? "" });
        }
        return;
      }
      default:
        return;
    }
  };
  visit(node);
  return problems;
}

/**
 * Wraps a brief helper: Handlebars passes its arguments then an options
 * object; the helper receives the scope, its first argument as a name, and
 * the hash.
 */
function define(helper: string, body: (scope: BriefScope, name: string, hash: Record<string, unknown>) => unknown): HelperDelegate {
  return (...args: unknown[]) => {
    const options = args[args.length - 1] as HelperOptions;
    const scope = (options.data as { scope: BriefScope }).scope;
    const first = args.length > 1 ? args[0] : "";
    if (typeof first !== "string") throw new Error(`${helper} needs a name, got ${typeof first}`);
    return body(scope, first, options.hash as Record<string, unknown>);
  };
}

function localized(text: LocalizedText, locale: Locale): string {
  return escapeMarkdown(textOf(text[locale]));
}

function stripArticle(text: string, locale: Locale): string {
  const articles: Record<Locale, RegExp> = { fr: /^(?:l’|le |la |les )/, nl: /^(?:de |het )/, en: /^the /i };
  return text.replace(articles[locale], "");
}

function factOf(scope: BriefScope, id: string): Fact {
  const fact = scope.facts.get(id);
  if (!fact) throw new Error(`unknown fact ${id}`);
  return fact;
}

function rankedParts(scope: BriefScope, id: string): string[] {
  const breakdown = scope.article.facts.breakdowns.find((b) => b.id === id);
  if (!breakdown) throw new Error(`unknown breakdown ${id}`);
  // Largest first; equal amounts keep the dataset's order.
  return breakdown.parts
    .map((part, index) => ({ part, index, value: factOf(scope, part).value as number }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .map((p) => p.part);
}

function quoteOf(scope: BriefScope, id: string) {
  const quote = scope.article.facts.quotes.find((q) => q.id === id);
  if (!quote) throw new Error(`unknown quote ${id}`);
  return quote;
}

function registerHelpers(hb: typeof Handlebars): void {
  const helpers: Record<keyof typeof HELPERS, HelperDelegate> = {
    t: define("t", (scope, key, hash) => scope.messages.format(key, Object.fromEntries(Object.entries(hash).map(([k, v]) => [k, String(v)])))),
    figure: define("figure", (scope, id, hash) => scope.figures.format(factOf(scope, id), { full: hash.full === true })),
    label: define("label", (scope, id) => localized(factOf(scope, id).label, scope.locale)),
    bare: define("bare", (scope, id) => escapeMarkdown(stripArticle(textOf(factOf(scope, id).label[scope.locale]), scope.locale))),
    text: define("text", (scope, key) => {
      const value = scope.article.facts.story[key];
      if (!value || Array.isArray(value)) throw new Error(`story text ${key} is missing or a list`);
      return localized(value, scope.locale);
    }),
    list: define("list", (scope, key) => {
      const value = scope.article.facts.story[key];
      if (!Array.isArray(value)) throw new Error(`story list ${key} is missing or not a list`);
      return scope.lists.format(value.map((item) => localized(item, scope.locale)));
    }),
    parts: define("parts", (scope, id) => rankedParts(scope, id)),
    largest: define("largest", (scope, id) => rankedParts(scope, id)[0]),
    runnerUp: define("runnerUp", (scope, id) => rankedParts(scope, id)[1] ?? ""),
    complete: define("complete", (scope, id) => scope.article.facts.breakdowns.find((b) => b.id === id)?.complete === true),
    quotes: define("quotes", (scope) => scope.article.facts.quotes.map((q) => q.id)),
    quoteText: define("quoteText", (scope, id) => localized(quoteOf(scope, id).text, scope.locale)),
    speaker: define("speaker", (scope, id) => escapeMarkdown(quoteOf(scope, id).speaker)),
    role: define("role", (scope, id) => localized(quoteOf(scope, id).role, scope.locale)),
    translationNote: define("translationNote", (scope, id) => {
      const from = translatedFrom(quoteOf(scope, id).text[scope.locale]);
      return from ? scope.messages.format("brief.quote.translated", { language: scope.messages.format(`language.${from}`) }) : "";
    }),
    relatedIds: define("relatedIds", (scope) => scope.article.facts.related.map((r) => r.id)),
    relatedLine: define("relatedLine", (scope, id) => {
      const related = scope.article.facts.related.find((r) => r.id === id);
      if (!related) throw new Error(`unknown related article ${id}`);
      const title = localized(related.title, scope.locale);
      const from = translatedFrom(related.title[scope.locale]);
      return from
        ? scope.messages.format("brief.credit.relatedTranslated", { title, language: scope.messages.format(`language.${from}`) })
        : scope.messages.format("brief.credit.related", { title });
    }),
  };
  for (const [name, helper] of Object.entries(helpers)) hb.registerHelper(name, helper);
}
