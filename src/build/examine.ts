/**
 * What every article goes through before it is rendered, in a build, a check
 * and a review: its files read and validated, its facts traced to its
 * source, and its template's needs met. An article that breaks a rule (a
 * breakdown that does not add up, a missing requirement) is still traced to
 * its source and checked against its template, so that one run reports
 * every problem; it is never rendered.
 */
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { phrase } from "../diagnostics/report.ts";
import { loadArticle, type Article, type LoadedArticle } from "../content/load.ts";
import type { StoryTypeDefinition } from "../content/story-type.ts";
import type { Locale } from "../content/schema.ts";
import { extractFigures } from "../extract/index.ts";
import { checkProvenance, type ProvenanceResult } from "../provenance/check.ts";
import type { Messages } from "../render/messages.ts";
import { checkArticleTemplate, factsNeverShown, type BriefTemplate, type Condition } from "../render/templates.ts";
import { plausibleNames } from "../suggest.ts";
import type { ArticleFiles } from "../types.ts";

/** What the checks of an article need from the project. */
export interface ExamineContext {
  /** The names of the story types that exist. */
  knownTemplates: ReadonlySet<string>;
  /** The story types that parsed, by name. */
  types: ReadonlyMap<string, StoryTypeDefinition>;
  /** The compiled templates; none when the shared inputs are broken, and then no template is checked. */
  compiled?: ReadonlyMap<string, BriefTemplate> | undefined;
  catalog: ReadonlyMap<Locale, Messages>;
  /** The locale file a missing message is reported in. */
  localeFile: (locale: Locale) => string;
}

/** What came of the checks of an article. */
export interface Examined {
  /** The article, when it passed the rules of its files (it may still fail provenance or its template). */
  article?: Article | undefined;
  /** The article as read, when both files have the right shape. */
  read?: Article | undefined;
  provenance?: ProvenanceResult;
  /** Its template, when it was checked against it. */
  template?: BriefTemplate;
  /** The problems of the template check alone. */
  templateProblems: Diagnostic[];
  /** Every problem found, unsorted: the files', provenance's and the template's. */
  diagnostics: Diagnostic[];
}

const MISSING_REQUIREMENT = CATALOGUE["facts/missing-requirement"].rule;
const UNKNOWN_NAME = CATALOGUE["template/unknown-name"].rule;
const UNKNOWN_REFERENCE = CATALOGUE["facts/unknown-reference"].rule;

/** Reads, validates and checks one article against its source and its template. */
export function examineArticle(files: ArticleFiles, context: ExamineContext): Examined {
  const loaded = loadArticle(files, { templates: context.knownTemplates, types: context.types });
  const diagnostics = [...loaded.diagnostics];
  const examined: Examined = { article: loaded.article, read: loaded.read, templateProblems: [], diagnostics };
  const read = loaded.read;
  if (!read) {
    if (loaded.partial) diagnostics.push(...withoutBroken(factProblems(loaded.partial, context), loaded.diagnostics));
    return examined;
  }
  const name = read.facts.editorial.template;
  examined.provenance = checkProvenance(read, extractFigures, context.types.get(name)?.measures);
  diagnostics.push(...withoutBroken(examined.provenance.diagnostics, loaded.diagnostics));
  const template = context.compiled?.get(name);
  if (!template) return examined;
  let problems = [...checkArticleTemplate(template, read, context.catalog, context.localeFile), ...notShown(template, read, loaded.diagnostics)];
  // A name the template uses that a missing requirement already reported is the same problem.
  if (loaded.diagnostics.some((d) => d.rule === MISSING_REQUIREMENT)) problems = problems.filter((d) => d.rule !== UNKNOWN_NAME);
  examined.template = template;
  examined.templateProblems = problems;
  diagnostics.push(...problems);
  return examined;
}

/**
 * Provenance's problems without those of a fact that breaks a rule (a range
 * that ends before it starts): that fact is reported there, once, and what
 * its source says of it is left for the next run.
 */
function withoutBroken(problems: readonly Diagnostic[], rules: readonly Diagnostic[]): Diagnostic[] {
  const broken = new Set(rules.filter((d) => d.severity === "error").map((d) => factOf(d.path)));
  return problems.filter((d) => factOf(d.path) === undefined || !broken.has(factOf(d.path)));
}

/**
 * The required facts its template would write in no brief of this article
 * (a previous value without its period): said at the fact, before rendering,
 * where the verifier would find them missing from every output (the source's
 * title, which the briefs cite, is not in the feeds' items).
 */
function notShown(template: BriefTemplate, article: Article, rules: readonly Diagnostic[]): Diagnostic[] {
  // What the story type requires is reported missing as such: the facts it would guard are not reported again.
  const required = template.type.definition.requires;
  const requirements = new Set([...required.story.flatMap((s) => [s.key, ...(s.or ?? []).map((o) => o.key)]), ...required.facts.flatMap((f) => (f.id === undefined ? [] : [f.id]))]);
  const found = factsNeverShown(template, article, requirements);
  if (found.length === 0) return [];
  const names = (c: Condition) => c.names.map((n) => `\`${n}\``);
  const said = (c: Condition) => {
    const list = names(c);
    if (c.negated) return `without ${list.length === 1 ? list[0] : `any of ${list.join(", ")}`}, which this article has`;
    return `with ${list.length === 1 ? list[0] : `one of ${list.join(", ")}`}, which this article lacks`;
  };
  // A fact that a misspelt reference (a breakdown's part `aii`) was meant to name is that reference's problem.
  const misspelt = rules.filter((d) => d.rule === UNKNOWN_REFERENCE && d.actual !== undefined).map((d) => d.actual!);
  return found.filter(({ index }) => !misspelt.some((typed) => plausibleNames(typed, [article.facts.facts[index]!.id]).length > 0)).map(({ index, unmet }) => {
      const fact = article.facts.facts[index]!;
      let problem;
      if (unmet.length > 0) {
        problem = { when: [...new Set(unmet.map((conditions) => conditions.map(said).join(" and ")))].join("; or ") };
      } else {
        // An id the template does not know: the nearest one it does, if it is a plausible typo.
        const known = [...new Set(template.references.filter((r) => r.kind === "fact" && r.name !== "editorial.date").map((r) => r.name))];
        const like = plausibleNames(fact.id, known)[0];
        problem = { ...(template.references.some((r) => r.helper === "factsOf") ? { type: fact.type } : {}), ...(like ? { like } : {}) };
      }
      return diagnostic({
        file: article.files.factsFile,
        ...article.locate(["facts", index, "id"]),
        path: `facts.${index}.id`,
        ...phrase(CATALOGUE["facts/not-shown"], { id: fact.id, template: template.name, ...problem }),
        expected: "what the story type shows the fact with, or `required: false`",
        actual: "a required fact",
      });
    });
}

/** The fact a diagnostic's path is inside (`facts.7` of `facts.7.evidence.0`), if any. */
function factOf(path: string | undefined): string | undefined {
  return path === undefined ? undefined : /^facts\.\d+(?=\.|$)/.exec(path)?.[0];
}

/**
 * What the source says of each fact of the right shape, when other parts of
 * facts.yaml are not: only the problems of those facts, at their place in
 * the file. When facts or `ignore` entries were left out, the source's
 * figures that no fact covers are left for the next run, since what was
 * left out may be what covers them.
 */
function factProblems(partial: NonNullable<LoadedArticle["partial"]>, context: ExamineContext): Diagnostic[] {
  const { article, kept, whole } = partial;
  const provenance = checkProvenance(article, extractFigures, context.types.get(article.facts.editorial.template)?.measures);
  if (whole) return provenance.diagnostics;
  return provenance.diagnostics.flatMap((d) => {
    const [, index, rest] = /^facts\.(\d+)(.*)$/.exec(d.path ?? "") ?? [];
    return index === undefined ? [] : [{ ...d, path: `facts.${kept[Number(index)]}${rest}` }];
  });
}
