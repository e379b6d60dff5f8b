/**
 * Brief templates: Handlebars in strict mode with a fixed set of helpers.
 * Every figure goes through `figure`, every dataset text through a helper
 * that escapes it for Markdown, every sentence through `t`. Templates are
 * checked against each article before anything renders.
 */
import Handlebars from "handlebars";
import type { HelperDelegate, HelperOptions } from "handlebars";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose, phrase } from "../diagnostics/report.ts";
import type { Article } from "../content/load.ts";
import { parseStoryType, storyTypeKey, type StoryType, type StoryTypeDefinition } from "../content/story-type.ts";
import { directionOf, type ResolvedArticle } from "../resolve/index.ts";
import { plausibleNames } from "../suggest.ts";
import { LOCALES, textOf, translatedFrom, type Fact, type Locale, type LocalizedText } from "../content/schema.ts";
import { figureMessageKeys, type FigureFormatter } from "./figures.ts";
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
  /** The article's facts by id and derived figures, resolved once per article. */
  resolved: ResolvedArticle;
  /**
   * The currencies already named in full in this part of the brief (the
   * headline, then the body): a later amount may name one shortly
   * (fr: "de francs suisses", then "de francs").
   */
  named: Set<string>;
}

/** What a helper's first argument names, for the static check. */
type Names = "fact" | "story" | "story-list" | "breakdown" | "quote" | "related" | "message" | "any" | "none";

const HELPERS: Record<string, Names> = {
  t: "message",
  figure: "fact",
  label: "fact",
  bare: "fact",
  change: "fact",
  direction: "fact",
  agree: "fact",
  kind: "fact",
  sign: "fact",
  has: "any",
  factsOf: "none",
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
  /** The story type: what the template needs of an article, and its measures. */
  type: StoryType;
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
  /** Inside `{{#if (has "<name>")}}`: the article may not have it. */
  guarded: boolean;
  /** The `has` tests of the blocks it stands in, each of which must hold for it to be rendered. */
  when: readonly Condition[];
  /** Of `factsOf`: the facts it lists, by its literal `type`, `measure` and `except` (absent: it may list any). */
  lists?: Readonly<Record<"type" | "measure" | "except", string | undefined>>;
}

/** A `has` test a part of a template is rendered under: any of `names` (none of them when `negated`). */
export interface Condition {
  names: readonly string[];
  negated: boolean;
}

/**
 * A Handlebars parse error as a diagnostic: its line, the column where the
 * parser stopped, and what it expected there. The parser's message shows
 * the 20 characters before that place, newlines removed, and a caret.
 */
export function templateSyntaxProblem(error: unknown, file: string, text: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const [first = message, context = "", caret = "", expecting = ""] = message.split("\n");
  const lineNumber = Number(/line (\d+)/.exec(first)?.[1] ?? 0);
  let column = lineNumber > 0 ? 1 : 0;
  const before = context.slice(0, Math.max(0, caret.length - 1)).replace(/^\.\.\./, "");
  const line = text.split("\n")[lineNumber - 1] ?? "";
  // Where in the line the text the parser read ends: the longest end of it found there.
  for (let size = Math.min(before.length, line.length); size > 0; size--) {
    const at = line.indexOf(before.slice(-size));
    if (at !== -1) {
      column = at + size + 1;
      break;
    }
  }
  const expected = /^Expecting (.*), got (.*)$/.exec(expecting);
  return diagnose(CATALOGUE["template/syntax"], { text: expected ? `${first.replace(/:$/, "")}: expected ${expected[1]}, got ${expected[2]}` : first }, { file, line: lineNumber, column });
}

/** What identifies a template's text for {@link compileTemplates}' `clean`: its hash, with the Handlebars version that parses it. */
export function templateKey(text: string): string {
  return storyTypeKey(`handlebars ${Handlebars.VERSION}\n${text}`);
}

/** The options every brief template is compiled with. */
const COMPILE_OPTIONS = { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])) };

/**
 * Parses and compiles brief templates; syntax errors and unknown helpers are
 * diagnostics. Story types whose `type.yaml` is in `known` (by its
 * {@link storyTypeKey}) are not parsed again; `definitions` holds every one
 * that parsed without a problem, by the same key. A template whose
 * {@link templateKey} is in `clean` (one an earlier run found without a
 * problem) is parsed only when an article first needs it; `checked` holds
 * the keys of every template without a problem.
 */
export function compileTemplates(
  files: readonly TemplateFile[],
  known?: ReadonlyMap<string, StoryTypeDefinition>,
  clean?: ReadonlySet<string>,
): { templates: Map<string, BriefTemplate>; diagnostics: Diagnostic[]; definitions: Map<string, StoryTypeDefinition>; checked: Set<string> } {
  const definitions = new Map<string, StoryTypeDefinition>();
  const checked = new Set<string>();
  const hb = Handlebars.create();
  registerHelpers(hb);
  const templates = new Map<string, BriefTemplate>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const key = clean && clean.size > 0 ? templateKey(file.text) : undefined;
    if (key !== undefined && clean!.has(key)) {
      const type = parseStoryType(file.name, file.definition, known);
      if (type.value && type.diagnostics.length === 0) {
        if (file.definition) definitions.set(storyTypeKey(file.definition.text), type.value.definition);
        checked.add(key);
        let parsed: { references: Reference[]; render: (scope: BriefScope) => string } | undefined;
        const load = () => {
          if (parsed) return parsed;
          const ast = hb.parse(file.text);
          const references: Reference[] = [];
          walk(ast, references);
          const compiled = hb.compile(ast, COMPILE_OPTIONS);
          return (parsed = { references, render: (scope) => compiled({}, { data: { scope } }) });
        };
        templates.set(file.name, {
          name: file.name,
          file: file.file,
          type: type.value,
          get references() {
            return load().references;
          },
          render: (scope) => load().render(scope),
        });
        continue;
      }
    }
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(file.text);
    } catch (error) {
      diagnostics.push(templateSyntaxProblem(error, file.file, file.text));
      continue;
    }
    const references: Reference[] = [];
    const problems = walk(ast, references);
    diagnostics.push(...problems.map((p) => diagnostic({ file: file.file, ...p })));
    const type = parseStoryType(file.name, file.definition, known);
    diagnostics.push(...type.diagnostics);
    if (file.definition && type.value && type.diagnostics.length === 0) definitions.set(storyTypeKey(file.definition.text), type.value.definition);
    if (problems.length > 0 || !type.value) continue;
    if (type.diagnostics.length === 0) checked.add(key ?? templateKey(file.text));
    const compiled = hb.compile(ast, COMPILE_OPTIONS);
    templates.set(file.name, { name: file.name, file: file.file, type: type.value, references, render: (scope) => compiled({}, { data: { scope } }) });
  }
  return { templates, diagnostics, definitions, checked };
}

/** Checks every literal name a template uses against one article and the messages. */
export function checkTemplate(template: BriefTemplate, article: Article, messages: Messages): Diagnostic[] {
  const { facts } = article;
  const exists: Record<Names, (name: string) => boolean> = {
    fact: (n) => n === EDITORIAL_DATE || facts.facts.some((f) => f.id === n),
    story: (n) => Object.hasOwn(facts.story, n) && !Array.isArray(facts.story[n]),
    "story-list": (n) => Object.hasOwn(facts.story, n) && Array.isArray(facts.story[n]),
    breakdown: (n) => facts.breakdowns.some((b) => b.id === n),
    quote: (n) => facts.quotes.some((q) => q.id === n),
    related: (n) => facts.related.some((r) => r.id === n),
    message: (n) => messages.has(n),
    any: () => true,
    none: () => true,
  };
  return template.references
    .filter((ref) => !ref.guarded && !exists[ref.kind](ref.name))
    .map((ref) =>
      diagnostic({
        file: template.file,
        line: ref.line,
        column: ref.column,
        ...(ref.kind === "message"
          ? phrase(CATALOGUE["template/unknown-message"], { name: ref.name, locale: messages.locale })
          : phrase(CATALOGUE["template/unknown-name"], { kind: ref.kind.replace("-", " "), name: ref.name, facts: article.files.factsFile })),
        expected: `a ${ref.kind.replace("-", " ")} defined for article ${article.slug}`,
        actual: ref.name,
      }),
    );
}

/**
 * Story texts of an article that neither its template names nor its story
 * type declares: a misspelt key (`afterr`) would otherwise be left out of
 * every brief without a word.
 */
export function checkStoryTexts(template: BriefTemplate, article: Article): Diagnostic[] {
  const definition = template.type.definition;
  const shown = new Set([...definition.requires.story, ...definition.optional.story].flatMap((s) => [s.key, ...(s.or ?? []).map((o) => o.key)]));
  for (const ref of template.references) if (ref.kind === "story" || ref.kind === "story-list") shown.add(ref.name);
  // `has "<name>"` may name a story text too.
  const named = new Set(template.references.filter((ref) => ref.kind === "any").map((ref) => ref.name));
  return Object.keys(article.facts.story)
    .filter((key) => !shown.has(key) && !named.has(key))
    .map((key) =>
      diagnostic({
        file: article.files.factsFile,
        ...article.locate(["story", key], { key: true }),
        path: `story.${key}`,
        ...phrase(CATALOGUE["<schema>/unknown-key"], { schema: "facts", key }),
        expected: `a story text that ${template.name} shows: ${[...shown].sort().join(", ") || "none"}`,
        actual: key,
      }),
    );
}

/**
 * Breakdowns of an article whose id its template never names: their parts
 * would be left out of every brief (funding-announcement shows the breakdown
 * `allocations`, public-budget `breakdown`).
 */
export function checkBreakdownsShown(template: BriefTemplate, article: Article): Diagnostic[] {
  const named = [...new Set(template.references.filter((ref) => ref.kind === "breakdown").map((ref) => ref.name))];
  return article.facts.breakdowns.flatMap((breakdown, index) => {
    if (named.includes(breakdown.id)) return [];
    const like = named.length === 1 ? named[0] : plausibleNames(breakdown.id, named)[0];
    return [
      diagnostic({
        file: article.files.factsFile,
        ...article.locate(["breakdowns", index, "id"]),
        path: `breakdowns.${index}.id`,
        ...phrase(CATALOGUE["facts/not-shown"], { what: "breakdown", id: breakdown.id, template: template.name, ...(like ? { like } : {}) }),
        expected: named.length > 0 ? `a breakdown ${template.name} shows: ${named.map((n) => `\`${n}\``).join(", ")}` : `no breakdown: ${template.name} shows none`,
        actual: breakdown.id,
      }),
    ];
  });
}

/**
 * Quotes of an article whose template shows none: they would be left out of
 * every brief without a word, as a misspelt story text would.
 */
export function checkQuotesShown(template: BriefTemplate, article: Article): Diagnostic[] {
  if (article.facts.quotes.length === 0 || template.references.some((ref) => ref.helper === "quotes")) return [];
  return [
    diagnostic({
      file: article.files.factsFile,
      ...article.locate(["quotes"], { key: true }),
      path: "quotes",
      ...phrase(CATALOGUE["<schema>/unknown-key"], { schema: "facts", key: "quotes" }),
      expected: `no quotes: the template of ${template.name} shows none`,
      actual: article.facts.quotes.map((q) => q.id).join(", "),
    }),
  ];
}

/**
 * Everything an article is checked for against its template before it is
 * rendered: its story texts, the names the template uses, and the messages
 * its figures need, in every locale. A problem that is the same in every
 * locale (a name the article lacks) is reported once.
 */
export function checkArticleTemplate(template: BriefTemplate, article: Article, catalog: ReadonlyMap<Locale, Messages>, localeFile: (locale: Locale) => string): Diagnostic[] {
  const seen = new Set<string>();
  return [
    ...checkStoryTexts(template, article),
    ...checkQuotesShown(template, article),
    ...checkBreakdownsShown(template, article),
    ...LOCALES.flatMap((locale) => [...checkTemplate(template, article, catalog.get(locale)!), ...checkFigureMessages(article, catalog.get(locale)!, localeFile(locale))]),
  ].filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** Checks that a locale has every message the figures of an article need. */
export function checkFigureMessages(article: Article, messages: Messages, localeFile: string): Diagnostic[] {
  const missing = new Map<string, string>();
  for (const fact of article.facts.facts) for (const { key, what } of figureMessageKeys(fact)) if (!messages.has(key) && !missing.has(key)) missing.set(key, `${what}, for fact \`${fact.id}\` of ${article.files.factsFile}`);
  return [...missing].map(([key, what]) => diagnose(CATALOGUE["locale/missing-message"], { key, locale: messages.locale, what }, { file: localeFile, expected: `a ${messages.locale} text for \`${key}\`` }));
}

/** Whether an article has a fact, story text, quote, breakdown or related article named `name`: what `has` tests. */
function articleHas(facts: Article["facts"], name: string): boolean {
  return facts.facts.some((f) => f.id === name) || Object.hasOwn(facts.story, name) || facts.quotes.some((q) => q.id === name) || facts.breakdowns.some((b) => b.id === name) || facts.related.some((r) => r.id === name);
}

/** The helpers that write a fact's figure (`label`, `agree` and the others write words). */
const FIGURE_HELPERS = new Set(["figure", "change"]);

/**
 * The facts of an article whose figure its template writes only in blocks
 * whose `has` test fails for this article (“previous-period” only with
 * “previous”): each with the tests that fail, one list per place that writes
 * it; none for a fact it never writes (an id it does not know, a type its
 * lists of facts leave out). A breakdown's parts and total are not judged:
 * the template lists them by the breakdown.
 */
export function factsNeverShown(template: BriefTemplate, article: Article, ignore: ReadonlySet<string> = new Set()): Array<{ index: number; unmet: Condition[][] }> {
  const facts = article.facts;
  const present = (name: string) => articleHas(facts, name);
  // A test on a name reported missing otherwise (a requirement) is not held against the facts it guards.
  const holds = (c: Condition) => c.names.some(present) !== c.negated || c.names.some((name) => ignore.has(name));
  // The lists of facts (`factsOf`) the article's briefs render.
  const lists = template.references.filter((ref) => ref.helper === "factsOf" && ref.when.every(holds));
  const listed = (fact: Fact) => lists.some(({ lists: by }) => by === undefined || ((by.type === undefined || by.type === fact.type) && (by.measure === undefined || by.measure === fact.measure) && by.except !== fact.id));
  const parts = new Set(facts.breakdowns.flatMap((b) => [b.of, ...b.parts]));
  const found: Array<{ index: number; unmet: Condition[][] }> = [];
  facts.facts.forEach((fact, index) => {
    if (fact.required === false || parts.has(fact.id) || listed(fact)) return;
    // Written by `figure` or `change`, or as the period a written change is compared with.
    const comparing = new Set(facts.facts.filter((f) => f.type === "change" && f["compared-with"] === fact.id).map((f) => f.id));
    const writes = template.references.filter((ref) => ref.kind === "fact" && FIGURE_HELPERS.has(ref.helper) && (ref.name === fact.id || (ref.helper === "change" && comparing.has(ref.name))));
    // Named nowhere (a misspelt id, a type the lists leave out): no brief shows it.
    if (writes.length === 0) {
      found.push({ index, unmet: [] });
      return;
    }
    const unmet = writes.map((ref) => ref.when.filter((c) => !holds(c)));
    if (unmet.every((u) => u.length > 0)) found.push({ index, unmet });
  });
  // The period a change not shown is compared with is that change's problem, said once.
  const unshown = new Set(found.map(({ index }) => facts.facts[index]!));
  const comparedBy = (fact: Fact) => facts.facts.some((f) => unshown.has(f) && f.type === "change" && f["compared-with"] === fact.id);
  return found.filter(({ index }) => !comparedBy(facts.facts[index]!));
}

type Problem = Omit<Diagnostic, "file" | "severity">;

function walk(node: hbs.AST.Node, references: Reference[]): Problem[] {
  const problems: Problem[] = [];
  // The names of the `{{#if (has "name")}}` blocks the walk is inside.
  const guards: string[] = [];
  // The `has` tests of the blocks the walk is inside, with the branch it is in.
  const conditions: Condition[] = [];
  const conditionOf = (block: hbs.AST.BlockStatement): Condition | undefined => {
    const helper = (block.path as hbs.AST.PathExpression).original;
    const test = block.params[0];
    if ((helper !== "if" && helper !== "unless") || test?.type !== "SubExpression") return undefined;
    const sub = test as hbs.AST.SubExpression;
    if ((sub.path as hbs.AST.PathExpression).original !== "has" || !sub.params.every((p) => p.type === "StringLiteral")) return undefined;
    return { names: sub.params.map((p) => (p as hbs.AST.StringLiteral).value), negated: helper === "unless" };
  };
  const guardOf = (block: hbs.AST.BlockStatement): string | undefined => {
    const test = block.params[0];
    if ((block.path as hbs.AST.PathExpression).original !== "if" || test?.type !== "SubExpression") return undefined;
    const sub = test as hbs.AST.SubExpression;
    const name = sub.params[0];
    // Only `has` with one name guards it: `has "a" "b"` may hold with `a` missing.
    return (sub.path as hbs.AST.PathExpression).original === "has" && sub.params.length === 1 && name?.type === "StringLiteral" ? (name as hbs.AST.StringLiteral).value : undefined;
  };
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
        if (n.type === "BlockStatement" ? !BUILT_INS.has(name) : !Object.hasOwn(HELPERS, name) && !BUILT_INS.has(name)) {
          problems.push({ ...at, ...phrase(CATALOGUE["template/unknown-helper"], { name }), expected: `one of ${[...Object.keys(HELPERS), ...BUILT_INS].join(", ")}`, actual: name });
        }
        const first = call.params[0];
        const kind = Object.hasOwn(HELPERS, name) ? HELPERS[name] : undefined;
        if (kind && kind !== "none" && first?.type === "StringLiteral") {
          const value = (first as hbs.AST.StringLiteral).value;
          references.push({ helper: name, kind, name: value, ...at, guarded: guards.includes(value), when: [...conditions] });
        }
        // `has` may name several: each is a name the template shows when the article has it.
        if (name === "has") {
          for (const param of call.params.slice(1)) {
            if (param.type === "StringLiteral") references.push({ helper: name, kind: "any", name: (param as hbs.AST.StringLiteral).value, ...at, guarded: false, when: [...conditions] });
          }
        }
        // A helper that names nothing (`quotes`, `relatedIds`) is kept too: it says what the template shows.
        if (kind === "none") {
          const pairs = call.hash?.pairs ?? [];
          const literal = (key: string) => {
            const pair = pairs.find((p) => p.key === key);
            return pair?.value.type === "StringLiteral" ? (pair.value as hbs.AST.StringLiteral).value : undefined;
          };
          const lists = pairs.every((p) => p.value.type === "StringLiteral") ? { type: literal("type"), measure: literal("measure"), except: literal("except") } : undefined;
          references.push({ helper: name, kind, name: "", ...at, guarded: false, when: [...conditions], ...(name === "factsOf" && lists ? { lists } : {}) });
        }
        call.params.forEach(visit);
        call.hash?.pairs.forEach((pair) => visit(pair.value));
        if (n.type === "BlockStatement") {
          const guard = guardOf(n as hbs.AST.BlockStatement);
          const condition = conditionOf(n as hbs.AST.BlockStatement);
          if (guard !== undefined) guards.push(guard);
          if (condition) conditions.push(condition);
          visit((n as hbs.AST.BlockStatement).program);
          if (guard !== undefined) guards.pop();
          // The `{{else}}` branch is rendered when the test does not hold.
          if (condition) conditions.splice(conditions.length - 1, 1, { ...condition, negated: !condition.negated });
          visit((n as hbs.AST.BlockStatement).inverse);
          if (condition) conditions.pop();
        }
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        problems.push({ line: n.loc.start.line, column: n.loc.start.column + 1, ...phrase(CATALOGUE["template/unsupported"], {}) });
        return;
      case "NumberLiteral":
        problems.push({ line: n.loc.start.line, column: n.loc.start.column + 1, ...phrase(CATALOGUE["template/digit"], { what: "numbers" }) });
        return;
      case "ContentStatement": {
        // `original` is the raw text the position refers to (typed wrongly upstream).
        const text = (n as unknown as { original: string }).original;
        const digit = text.search(/[0-9]/);
        if (digit !== -1) {
          const before = text.slice(0, digit);
          const newlines = before.split("\n").length - 1;
          const column = newlines === 0 ? n.loc.start.column + digit + 1 : digit - before.lastIndexOf("\n");
          problems.push({ line: n.loc.start.line + newlines, column, ...phrase(CATALOGUE["template/digit"], { what: "digits" }), actual: text.slice(digit).split("\n")[0] ?? "" });
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

/**
 * A text's figures followed by `%` spaced as each language writes them, whatever space was
 * typed: a no-break space in French (30 %; a no-break space already there is kept), none in
 * Dutch and English (30%). For the words the briefs cite: quotes and the source's title.
 */
export function percentSpacing(text: string, locale: Locale): string {
  return locale === "fr" ? text.replace(/(\d) ?%/g, "$1\u00A0%") : text.replace(/(\d)[ \u00A0\u202F]%/g, "$1%");
}

function localized(text: LocalizedText, locale: Locale): string {
  return escapeMarkdown(textOf(text[locale]));
}

function stripArticle(text: string, locale: Locale): string {
  const articles: Record<Locale, RegExp> = { fr: /^(?:l’|le |la |les )/, nl: /^(?:de |het )/, en: /^the /i };
  return text.replace(articles[locale], "");
}

/** The facts that are a date or a period: `kind` says `period` for them. */
const PERIOD_TYPES: ReadonlySet<Fact["type"]> = new Set(["date", "month", "year", "year-range", "quarter", "half-year", "season"]);

/** The brief's own date (`editorial.date`), which a template may show like a date fact. */
const EDITORIAL_DATE = "editorial.date";

function factOf(scope: BriefScope, id: string): Fact {
  if (id === EDITORIAL_DATE) return { id: "editorial-date", type: "date", value: scope.article.facts.editorial.date };
  const fact = scope.resolved.facts.get(id);
  if (!fact) throw new Error(`unknown fact ${id}`);
  return fact;
}

function resolvedBreakdown(scope: BriefScope, id: string) {
  const breakdown = scope.resolved.breakdowns.get(id);
  if (!breakdown) throw new Error(`unknown breakdown ${id}`);
  return breakdown;
}

function quoteOf(scope: BriefScope, id: string) {
  const quote = scope.article.facts.quotes.find((q) => q.id === id);
  if (!quote) throw new Error(`unknown quote ${id}`);
  return quote;
}

function registerHelpers(hb: typeof Handlebars): void {
  const helpers: Record<keyof typeof HELPERS, HelperDelegate> = {
    t: define("t", (scope, key, hash) => {
      const { context, agreement, ...values } = hash;
      const given = (c: unknown) => (typeof c === "string" && c !== "" ? c : undefined);
      const text = scope.messages.format(key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])), undefined, given(context), given(agreement));
      // The headline stands alone: the body names a currency in full again the first time.
      if (/(^|\.)headline$/.test(key)) scope.named.clear();
      return text;
    }),
    figure: define("figure", (scope, id, hash) => {
      const fact = factOf(scope, id);
      const form = hash.form === "in" || hash.form === "signed" ? hash.form : undefined;
      const measure = fact.measure === undefined ? undefined : scope.resolved.type.definition.measures[fact.measure];
      const again = fact.type === "money" && scope.named.has(fact.currency);
      if (fact.type === "money") scope.named.add(fact.currency);
      return scope.figures.format(fact, {
        again,
        full: hash.full === true,
        ...(form ? { form } : {}),
        ...(fact.type === "change" ? { value: scope.resolved.value(id) ?? 0 } : {}),
        // A net loss or a deficit says its sign in words: its figure has none.
        signInWords: measure?.negative !== undefined,
        exactDecimals: scope.article.facts.version === 2,
      });
    }),
    change: define("change", (scope, id) => {
      const fact = factOf(scope, id);
      if (fact.type !== "change") throw new Error(`fact ${id} is not a change`);
      const compared = fact["compared-with"] === undefined ? undefined : factOf(scope, fact["compared-with"]);
      return scope.figures.change(fact, scope.resolved.value(id) ?? 0, compared, { exactDecimals: scope.article.facts.version === 2 });
    }),
    direction: define("direction", (scope, id) => {
      const fact = factOf(scope, id);
      const value = scope.resolved.value(id) ?? 0;
      return directionOf(value, fact.type === "change" ? (fact.decimals ?? (fact.unit === "percent" && Math.abs(value) < 10 ? 1 : 0)) : 6);
    }),
    sign: define("sign", (scope, id) => {
      const value = scope.resolved.value(id) ?? 0;
      return value < 0 ? "negative" : value === 0 ? "zero" : "positive";
    }),
    agree: define("agree", (scope, id) => scope.resolved.words(id, scope.locale).agreement),
    kind: define("kind", (scope, id) => {
      const type = factOf(scope, id).type;
      return PERIOD_TYPES.has(type) ? "period" : type;
    }),
    // `has "a" "b"`: the article has any of them (a section shown when any of its items is).
    has: (...args: unknown[]) => {
      const options = args[args.length - 1] as HelperOptions;
      const scope = (options.data as { scope: BriefScope }).scope;
      const names = args.slice(0, -1);
      if (names.length === 0 || names.some((name) => typeof name !== "string")) throw new Error("has needs names");
      return (names as string[]).some((name) => articleHas(scope.article.facts, name));
    },
    factsOf: define("factsOf", (scope, _name, hash) =>
      scope.article.facts.facts
        .filter((f) => (hash.type === undefined || f.type === hash.type) && (hash.measure === undefined || f.measure === hash.measure) && (hash.except === undefined || f.id !== hash.except))
        .map((f) => f.id),
    ),
    label: define("label", (scope, id) => escapeMarkdown(scope.resolved.words(id, scope.locale).label)),
    bare: define("bare", (scope, id, hash) => {
      const words = scope.resolved.words(id, scope.locale);
      // After its count, a label agrees with it: its singular for a count of one, when the measure gives it.
      if (hash.count === true && words.one !== undefined) {
        const fact = factOf(scope, id);
        if (fact.type === "count" && scope.messages.pluralCategory(Math.abs(fact.value)) === "one") return escapeMarkdown(words.one);
      }
      return escapeMarkdown(stripArticle(words.label, scope.locale));
    }),
    text: define("text", (scope, key) => {
      const value = Object.hasOwn(scope.article.facts.story, key) ? scope.article.facts.story[key] : undefined;
      if (!value || Array.isArray(value)) throw new Error(`story text ${key} is missing or a list`);
      return localized(value, scope.locale);
    }),
    list: define("list", (scope, key) => {
      const value = Object.hasOwn(scope.article.facts.story, key) ? scope.article.facts.story[key] : undefined;
      if (!Array.isArray(value)) throw new Error(`story list ${key} is missing or not a list`);
      return scope.lists.format(value.map((item) => localized(item, scope.locale)));
    }),
    parts: define("parts", (scope, id) => resolvedBreakdown(scope, id).ranked),
    largest: define("largest", (scope, id) => resolvedBreakdown(scope, id).leading[0] ?? ""),
    runnerUp: define("runnerUp", (scope, id) => resolvedBreakdown(scope, id).leading[1] ?? ""),
    complete: define("complete", (scope, id) => scope.resolved.breakdowns.get(id)?.breakdown.complete === true),
    quotes: define("quotes", (scope) => scope.article.facts.quotes.map((q) => q.id)),
    quoteText: define("quoteText", (scope, id) => escapeMarkdown(percentSpacing(textOf(quoteOf(scope, id).text[scope.locale]), scope.locale))),
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
