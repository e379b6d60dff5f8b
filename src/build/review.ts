/**
 * Gathering what the review pages show: every article rendered and checked
 * as far as it can be, even when a stage fails, with the verifier's figures,
 * the provenance check's evidence and source figures, the briefs' lint
 * findings, and every problem of the run at its place. The pages themselves are made by `src/review-page/`.
 */
import { compareDiagnostics, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ProgressReporter } from "./progress.ts";
import { workerFile } from "./pool.ts";
import { articleInputHash, storyTypeHashes } from "./cache.ts";
import { parseSource, type Article } from "../content/load.ts";
import { parseYaml } from "../content/yaml.ts";
import { parseConfig } from "../content/config.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { readProject, type ProjectInputs, type ReadOptions } from "../io/read.ts";
import { checkPageTemplate, createRenderer } from "../render/brief.ts";
import { loadMessages } from "../render/messages.ts";
import { compileTemplates } from "../render/templates.ts";
import { examineArticle } from "./examine.ts";
import { lintBriefs } from "../lint/lint.ts";
import type { Speller } from "../lint/rules.ts";
import { lintSources, spellersFor } from "./lint.ts";
import { briefPath } from "../plan/layout.ts";
import { readBriefFile } from "../plan/brief-file.ts";
import { verifyArticle, type VerifiedFigure } from "../verify/verify.ts";
import type { ArticleFiles, ProjectPaths } from "../types.ts";
import type { ReviewArticle, ReviewBrief, ReviewProject } from "../review-page/model.ts";

/** Options of {@link gatherReview}. */
export interface GatherOptions {
  /** Only these articles. @default every article */
  articles?: ReadonlySet<string>;
  /**
   * Lint each article's briefs with the rules the settings' `lint.check`
   * selects, as `newsbrief check` does, each finding shown at the brief line
   * where its text shows. @default true
   */
  lint?: boolean;
  /** Reports progress, article by article. */
  progress?: ProgressReporter;
}

/** Reads the project and gathers every article's review data. */
export async function gatherReview(paths: ProjectPaths, options: GatherOptions = {}): Promise<ReviewProject> {
  const { inputs, reviewer } = await prepareReview(paths, options);
  return reviewAll(inputs, reviewer, options.progress);
}

/**
 * The inputs of a review, read, and the reviewer of their articles: for a
 * run that reviews them (and writes their pages) a batch at a time. With
 * `readInto`, the articles are read for the problems of reading them, their
 * slugs go there, and their texts are not kept.
 */
export async function prepareReview(paths: ProjectPaths, options: Pick<GatherOptions, "articles" | "lint"> & Pick<ReadOptions, "readInto"> = {}): Promise<{ inputs: ProjectInputs; reviewer: Reviewer }> {
  const inputs = await readProject(paths, { ...(options.articles ? { articles: options.articles } : {}), ...(options.readInto ? { readInto: options.readInto } : {}) });
  return { inputs, reviewer: await reviewerOf(inputs, paths, options.lint !== false) };
}

/** The reviewer of inputs already read, linting the briefs (with the spellers the settings ask for) unless `lint` is false. */
export async function reviewerOf(inputs: ProjectInputs, paths: ProjectPaths, lint: boolean): Promise<Reviewer> {
  if (!lint) return createReviewer(inputs, paths);
  const settings = parseConfig(inputs.config?.text, inputs.config?.file).config.lint;
  const problems: Diagnostic[] = [];
  const spellers = await spellersFor(paths, settings?.check ?? "typography", settings, problems);
  return createReviewer(problems.length === 0 ? inputs : { ...inputs, diagnostics: [...inputs.diagnostics, ...problems] }, paths, { spellers });
}

/** The file a worker thread of the review runs (see `review-worker.ts`). */
export function reviewWorkerFile(): string {
  return workerFile(import.meta.url, "review-worker");
}

/** How {@link reviewInputs} lints the briefs: with these spellers (none: the typography rules alone). */
export interface ReviewLint {
  spellers: Partial<Record<Locale, Speller>>;
}

/** The review data of inputs already read; with `lint`, the briefs' lint findings too. Pure. */
export function reviewInputs(inputs: ProjectInputs, paths: ProjectPaths, lint?: ReviewLint, progress?: ProgressReporter): ReviewProject {
  return reviewAll(inputs, createReviewer(inputs, paths, lint), progress);
}

function reviewAll(inputs: ProjectInputs, reviewer: Reviewer, progress?: ProgressReporter): ReviewProject {
  const shown = progress?.("review", inputs.articles.length);
  const articles = inputs.articles.map((files) => {
    const article = reviewer.review(files);
    shown?.tick();
    return article;
  });
  shown?.done();
  return { articles, diagnostics: reviewer.diagnostics };
}

/** Reviews one article at a time, with what every article shares made once. */
export interface Reviewer {
  /** The problems of the project itself (settings, locales, templates, reading the inputs), sorted. */
  diagnostics: Diagnostic[];
  review(files: ArticleFiles): ReviewArticle;
}

/** The reviewer of inputs already read (their articles are reviewed as they are asked for); with `lint`, the briefs' lint findings too. Pure. */
export function createReviewer(inputs: ProjectInputs, paths: ProjectPaths, lint?: ReviewLint): Reviewer {
  const general: Diagnostic[] = [...inputs.diagnostics];
  const settings = parseConfig(inputs.config?.text, inputs.config?.file);
  general.push(...settings.diagnostics);
  const messages = loadMessages(inputs.locales);
  general.push(...messages.diagnostics);
  const templates = compileTemplates(inputs.templates);
  general.push(...templates.diagnostics);
  if (inputs.pageTemplate) general.push(...checkPageTemplate(inputs.pageTemplate));
  const sharedBroken = hasErrors(general) || !inputs.pageTemplate;
  const knownTemplates = new Set(inputs.templates.map((t) => t.name));
  const types = new Map([...templates.templates.values()].map((t) => [t.name, t.type.definition] as const));
  const renderer = sharedBroken ? undefined : createRenderer(messages.catalog, inputs.pageTemplate!.text, settings.config.site);
  const typeHashes = storyTypeHashes(inputs);

  general.sort(compareDiagnostics);

  const review = (files: ArticleFiles): ReviewArticle => {
    const examined = examineArticle(files, {
      knownTemplates,
      types,
      compiled: renderer ? templates.templates : undefined,
      catalog: messages.catalog,
      localeFile: (locale) => inputs.locales.find((l) => l.locale === locale)?.file ?? `${paths.locales}/${locale}.json`,
    });
    const { diagnostics, provenance } = examined;
    let briefs: ReviewBrief[] = [];
    let figures: VerifiedFigure[] = [];
    // An article that breaks a rule is shown with its facts and their evidence, and no briefs.
    const article = examined.read;
    const template = examined.article && examined.template;
    if (article && renderer && template && !hasErrors(examined.templateProblems)) {
      const rendered = renderer.render(article, template, `sha256:${articleInputHash(typeHashes.get(template.name)!, files.factsText, files.sourceText)}`);
      const verification = verifyArticle(
        { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang },
        rendered.map((f) => ({ file: `${paths.out}/${f.path}`, locale: localeOf(f.path), format: f.path.endsWith(".html") ? "html" as const : "markdown" as const, contents: f.contents })),
      );
      diagnostics.push(...verification.diagnostics);
      figures = verification.figures;
      briefs = LOCALES.map((locale) => briefOf(paths, article, locale, rendered));
      if (lint) diagnostics.push(...lintBriefs(briefs, lintSources(inputs, [files]), lint.spellers, settings.config.lint).map((f) => f.diagnostic));
    }
    return {
      slug: files.slug,
      files: articleFiles(files),
      facts: article ? factsOf(article) : [],
      sourceBodyOffset: article ? files.sourceText.length - article.source.body.length : 0,
      evidence: provenance?.evidence ?? [],
      sourceFigures: provenance?.figures ?? [],
      briefs,
      figures,
      diagnostics: diagnostics.sort(compareDiagnostics),
      about: article ? { title: article.source.frontMatter.title, date: article.facts.editorial.date, template: article.facts.editorial.template } : aboutOf(files),
    };
  };
  return { diagnostics: general, review };
}

function localeOf(path: string): Locale {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.slice(0, name.indexOf(".")) as Locale;
}

function articleFiles(files: ArticleFiles): ReviewArticle["files"] {
  return { factsFile: files.factsFile, factsText: files.factsText, sourceFile: files.sourceFile, sourceText: files.sourceText };
}

function briefOf(paths: ProjectPaths, article: Article, locale: Locale, rendered: readonly { path: string; contents: string }[]): ReviewBrief {
  const path = briefPath(article.slug, locale, "md");
  const markdown = rendered.find((f) => f.path === path)!.contents;
  const file = readBriefFile(markdown);
  const body = typeof file === "string" ? markdown : file.body;
  const bodyLine = markdown.slice(0, markdown.length - body.length).split("\n").length;
  return { locale, file: `${paths.out}/${path}`, markdown, bodyLine };
}

function factsOf(article: Article): ReviewArticle["facts"] {
  return article.facts.facts.map((fact, index) => {
    const { line } = article.locate(["facts", index, "id"]);
    const record = fact as unknown as Record<string, unknown>;
    return {
      id: fact.id,
      type: fact.type,
      value: JSON.stringify(fact.value),
      ...(typeof record.currency === "string" ? { currency: record.currency } : {}),
      ...(typeof record.unit === "string" ? { unit: record.unit } : {}),
      ...(typeof record.precision === "number" ? { precision: record.precision } : {}),
      ...(record.approx ? { approx: true } : {}),
      ...(record.bound !== undefined ? { bound: String(record.bound) } : {}),
      evidence: fact.evidence ?? [],
      line,
    };
  });
}

/**
 * What the index can still say of an article that did not load (a broken fact, a missing
 * field): the source's title and the brief's date and story type, each when it can be read.
 */
function aboutOf(files: ArticleFiles): NonNullable<ReviewArticle["about"]> {
  const title = parseSource(files.sourceText, files.sourceFile).value?.frontMatter.title;
  const facts = parseYaml(files.factsText, { file: files.factsFile }).value;
  const editorial = isRecord(facts) && isRecord(facts.editorial) ? facts.editorial : {};
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : undefined);
  const date = text(editorial.date);
  const template = text(editorial.template);
  return { ...(title === undefined ? {} : { title }), ...(date === undefined ? {} : { date }), ...(template === undefined ? {} : { template }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
