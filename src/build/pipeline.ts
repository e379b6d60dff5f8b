/**
 * The library API: read → parse and validate → render every article in
 * every locale → verify → plan → write. Each stage reports diagnostics;
 * nothing is written unless every stage passed.
 */
import { compareDiagnostics, compareStrings, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { hashOf, RENDER_VERSION, reuse, sha256, sharedInputsHash, type CacheEntry, type CacheUse } from "./cache.ts";
import { emptyResult, type RunResult } from "./result.ts";
import { lintOutputs } from "./lint.ts";
import { staleOutputs } from "./stale.ts";
import { loadArticle, type Article } from "../content/load.ts";
import { parseConfig, type SiteConfig } from "../content/config.ts";
import { LOCALES } from "../content/schema.ts";
import { checkOutputLocation, checkPreviewLocation, checkProjectRoot } from "../io/paths.ts";
import { lockOutputs } from "../io/lock.ts";
import { readBuildCache, sourceFingerprint, writeBuildCache, type BuildCache } from "../io/cache.ts";
import { readOutputs, readProject, type ProjectInputs } from "../io/read.ts";
import { recoverOutputs, writeOutputs, writePreview } from "../io/write.ts";
import { createRenderer } from "../render/brief.ts";
import type { ProjectPaths } from "../types.ts";
import { cmsOutputs, FEED_TITLE_KEY, feedTitles, type FeedBrief, type FeedMemo } from "../render/feeds.ts";
import { briefPath, isCmsOutput, parseBriefPath } from "../plan/layout.ts";
import { loadMessages, type LoadedMessages } from "../render/messages.ts";
import { checkFigureMessages, checkTemplate, compileTemplates } from "../render/templates.ts";
import { extractFigures } from "../extract/index.ts";
import { checkProvenance, type SourceCoverage } from "../provenance/check.ts";
import { verifyCmsOutputs } from "../verify/feeds.ts";
import type { InputText } from "../verify/origin.ts";
import { verifyArticle, type VerifyArticle, type VerifyFile } from "../verify/verify.ts";

export { RENDER_VERSION, type RunResult };


/** Options of {@link build}. */
export interface BuildOptions {
  /** Render and verify, then compare with the output folder instead of writing. @default false */
  dryRun?: boolean;
  /**
   * Reuse the verified outputs of articles whose inputs (and newsbrief
   * itself) have not changed since the last build, when the files in the
   * output folder are still exactly those outputs. @default true
   */
  cache?: boolean;
  /** How long to wait for another build that holds the output folder, in ms. @default 0 */
  waitMs?: number;
}

/**
 * Renders, verifies and (unless `dryRun`) writes every article's briefs.
 * Writing happens under a lock on the output folder, after cleaning up any
 * build that was interrupted; nothing is written unless every stage passed.
 */
export async function build(paths: ProjectPaths, options: BuildOptions = {}): Promise<RunResult> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location };
  if (options.dryRun) return run(paths, options);
  const root = await checkProjectRoot(paths);
  if (root.length > 0) return { ...emptyResult(), diagnostics: root };
  const { lock, heldBy } = await lockOutputs(paths, options.waitMs ?? 0);
  if (!lock) {
    const owner = heldBy!;
    return {
      ...emptyResult(),
      lockedBy: owner,
      diagnostics: [diagnose(CATALOGUE["out/locked"], { out: paths.out, holder: owner, wait: true }, { file: paths.out })],
    };
  }
  try {
    const recovered = await recoverOutputs(paths);
    const result = await run(paths, options);
    return recovered.length > 0 ? { ...result, recovered } : result;
  } finally {
    await lock.release();
  }
}

async function run(paths: ProjectPaths, options: BuildOptions): Promise<RunResult> {
  const useCache = options.cache !== false;
  const [inputs, onDisk, cache, tool] = await Promise.all([
    readProject(paths),
    readOutputs(paths),
    useCache ? readBuildCache(paths) : Promise.resolve<BuildCache>({ entries: {} }),
    sourceFingerprint(),
  ]);
  const { result, entries } = renderAll(inputs, paths, { onDisk, cache, tool });
  if (hasErrors(result.diagnostics)) return result;
  if (options.dryRun) {
    result.diagnostics.push(...staleOutputs(paths, result.files, onDisk));
    result.diagnostics.sort(compareDiagnostics);
    return result;
  }
  try {
    result.changed = await writeOutputs(paths, result.files, onDisk);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    result.diagnostics.push(
      diagnose(CATALOGUE["out/write-failed"], { out: paths.out, reason: code ?? (error instanceof Error ? error.message : String(error)) }, { file: paths.out }),
    );
    await recoverOutputs(paths).catch(() => []);
    return result;
  }
  if (useCache) await writeBuildCache(paths, { entries });
  return result;
}

/**
 * Renders and verifies every article that can be rendered, and writes its
 * briefs to `dir` even when verification fails, so that each problem can be
 * read at its line in the file that has it; the output folder is never
 * touched. Diagnostics on outputs name the preview's files.
 */
export async function preview(paths: ProjectPaths, dir: string): Promise<RunResult & { previewed: string[] }> {
  const location = checkPreviewLocation(paths, dir);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location, previewed: [] };
  const inputs = await readProject(paths);
  const { result } = renderAll(inputs, paths, undefined, true);
  const files = result.files.filter((file) => parseBriefPath(file.path) !== undefined);
  const previewed = await writePreview(paths, dir, files);
  const moved = (file: string) => (file.startsWith(`${paths.out}/`) ? `${dir}/${file.slice(paths.out.length + 1)}` : file);
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, file: moved(d.file) })), previewed };
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Check only these articles (and the outputs under their folders). @default every article */
  articles?: ReadonlySet<string>;
  /**
   * Also lint the Markdown briefs checked, with the rules the settings'
   * `lint.check` selects (the typography rules unless it is `all`); what the
   * command `newsbrief check` does. @default false
   */
  lint?: boolean;
}

/**
 * Checks the output folder as it is on disk: every figure of every brief is
 * read back and matched to the dataset, and every file must be exactly
 * what a build would write; with `lint`, the briefs' language too. Never
 * uses the build cache.
 */
export async function check(paths: ProjectPaths, options: CheckOptions = {}): Promise<RunResult> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location };
  const read = options.articles ? { articles: options.articles } : {};
  const [inputs, onDisk] = await Promise.all([readProject(paths, read), readOutputs(paths, read)]);
  const { result, articles } = renderAll(inputs, paths);
  if (hasErrors(result.diagnostics)) return result;
  // The feeds and the manifest gather every article: only a check of every article covers them.
  const whole = options.articles === undefined;
  if (!whole) result.files = result.files.filter((file) => !isCmsOutput(file.path));
  let figures = 0;
  const diagnostics: Diagnostic[] = [];
  for (const article of articles) {
    const files = LOCALES.flatMap((locale) =>
      (["md", "html"] as const).flatMap((ext) => {
        const relative = briefPath(article.slug, locale, ext);
        const contents = onDisk.get(relative);
        return contents === undefined ? [] : [verifyFile(paths, relative, contents)];
      }),
    );
    const verification = verifyArticle(verifyArticleOf(article, inputs), files);
    figures += verification.figures.length;
    diagnostics.push(...verification.diagnostics);
  }
  if (whole) {
    const cms = verifyCmsOutputs(paths.out, onDisk, new Map(articles.map((a) => [a.slug, verifyArticleOf(a)])));
    for (const found of cms.figures.values()) figures += found.length;
    diagnostics.push(...cms.diagnostics);
  }
  diagnostics.push(...staleOutputs(paths, result.files, onDisk));
  if (options.lint) {
    const settings = parseConfig(inputs.config?.text, inputs.config?.file).config.lint;
    diagnostics.push(...(await lintOutputs(paths, inputs, articles.map((a) => a.slug), onDisk, settings)));
  }
  return { ...result, diagnostics: [...result.diagnostics, ...diagnostics].sort(compareDiagnostics), figuresVerified: figures, outputs: onDisk, storyTypes: new Map(articles.map((a) => [a.slug, a.facts.editorial.template])) };
}

function renderAll(inputs: ProjectInputs, paths: ProjectPaths, caching?: CacheUse, preview = false): { result: RunResult; articles: Article[]; entries: BuildCache["entries"] } {
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  const entries: BuildCache["entries"] = {};
  const coverage: SourceCoverage[] = [];
  const result: RunResult = { ...emptyResult(), diagnostics, coverage };
  const done = (articles: Article[] = []) => {
    diagnostics.sort(compareDiagnostics);
    return { result, articles, entries };
  };

  const settings = parseConfig(inputs.config?.text, inputs.config?.file);
  diagnostics.push(...settings.diagnostics);
  const site = settings.config.site;
  const messages = loadMessages(inputs.locales);
  diagnostics.push(...messages.diagnostics);
  const templates = compileTemplates(inputs.templates);
  diagnostics.push(...templates.diagnostics);
  // With broken locales or templates nothing renders, but every article is
  // still checked, so that one run reports every problem.
  const sharedBroken = hasErrors(diagnostics) || !inputs.pageTemplate;
  const knownTemplates = new Set(inputs.templates.map((t) => t.name));
  const types = new Map([...templates.templates.values()].map((t) => [t.name, t.type.definition] as const));

  const shared = sharedInputsHash(inputs);
  const fresh: Array<{ article: Article; inputHash: string; cacheKey: string; coverage: SourceCoverage }> = [];
  for (const files of inputs.articles) {
    const inputHash = hashOf(shared, files.factsText, files.sourceText);
    const cacheKey = hashOf(caching?.tool ?? "", inputHash);
    const reused = caching && !sharedBroken ? reuse(caching, files.slug, cacheKey) : undefined;
    const reusedCoverage = (reused?.entry as CacheEntry | undefined)?.coverage;
    if (reused && reusedCoverage) {
      coverage.push(reusedCoverage);
      entries[files.slug] = reused.entry;
      result.files.push(...reused.files);
      result.figuresVerified += reused.entry.figures;
      result.articles++;
      result.cached++;
      continue;
    }
    const loaded = loadArticle(files, { templates: knownTemplates, types });
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.article) continue;
    const provenance = checkProvenance(loaded.article, extractFigures);
    diagnostics.push(...provenance.diagnostics);
    coverage.push(provenance.coverage);
    if (sharedBroken) continue;
    const article = loaded.article;
    const template = templates.templates.get(article.facts.editorial.template)!;
    const checked = LOCALES.flatMap((locale) => [...checkTemplate(template, article, messages.catalog.get(locale)!), ...checkFigureMessages(article, messages.catalog.get(locale)!, inputs.locales.find((l) => l.locale === locale)?.file ?? `${paths.locales}/${locale}.json`)]);
    diagnostics.push(...checked);
    // A preview renders what can be rendered: an article whose template or messages fail cannot.
    if (!preview || !hasErrors(checked)) fresh.push({ article, inputHash, cacheKey, coverage: provenance.coverage });
  }
  if ((hasErrors(diagnostics) && !preview) || sharedBroken || !inputs.pageTemplate) return done();

  const renderer = createRenderer(messages.catalog, inputs.pageTemplate.text, site);
  for (const { article, inputHash, cacheKey, coverage: sourceCoverage } of fresh) {
    const template = templates.templates.get(article.facts.editorial.template)!;
    const rendered = renderer.render(article, template, `sha256:${inputHash}`);
    const verification = verifyArticle(verifyArticleOf(article, inputs), rendered.map((f) => verifyFile(paths, f.path, f.contents)));
    diagnostics.push(...verification.diagnostics);
    result.figuresVerified += verification.figures.length;
    result.files.push(...rendered);
    result.articles++;
    if (!hasErrors(verification.diagnostics)) {
      const entry: CacheEntry = { key: cacheKey, figures: verification.figures.length, files: Object.fromEntries(rendered.map((f) => [f.path, sha256(f.contents)])), coverage: sourceCoverage };
      entries[article.slug] = entry;
    }
  }
  addCmsOutputs(result, messages, paths, fresh.map((f) => f.article), entries, site);
  result.files.sort((a, b) => compareStrings(a.path, b.path));
  return done(fresh.map((f) => f.article));
}

/**
 * Adds the feeds and the manifest, made from every article's files (cached
 * ones included), and verifies the feed items and manifest titles of the
 * articles rendered in this run (a cached article's were verified when it
 * was rendered, and are made from the same files).
 */
function addCmsOutputs(result: RunResult, messages: LoadedMessages, paths: ProjectPaths, rendered: readonly Article[], entries: BuildCache["entries"], site?: SiteConfig): void {
  const missing = LOCALES.filter((l) => !messages.catalog.get(l)?.has(FEED_TITLE_KEY));
  if (missing.length > 0) {
    for (const l of missing) result.diagnostics.push(diagnose(CATALOGUE["locale/missing-message"], { key: FEED_TITLE_KEY, locale: l }, { file: `${paths.locales}/${l}.json` }));
    return;
  }
  // Feed data of reused articles comes from their cache entries; what this run reads is kept in its entries.
  const memo: FeedMemo = new Map();
  for (const entry of Object.values(entries) as CacheEntry[]) for (const [key, brief] of Object.entries(entry.feed ?? {})) memo.set(key, brief);
  const files = cmsOutputs(result.files, feedTitles(messages.catalog), memo, site);
  for (const article of rendered) {
    const entry = entries[article.slug] as CacheEntry | undefined;
    if (!entry) continue;
    const feed: Record<string, FeedBrief> = {};
    for (const [path, digest] of Object.entries(entry.files)) {
      const brief = path.endsWith(".md") ? memo.get(`sha256:${digest}`) : undefined;
      if (brief) feed[`sha256:${digest}`] = brief;
    }
    entry.feed = feed;
  }
  const verification = verifyCmsOutputs(paths.out, new Map(files.map((f) => [f.path, f.contents])), new Map(rendered.map((a) => [a.slug, verifyArticleOf(a)])));
  result.diagnostics.push(...verification.diagnostics);
  for (const [slug, figures] of verification.figures) {
    result.figuresVerified += figures.length;
    if (entries[slug]) entries[slug].figures += figures.length;
  }
  result.files.push(...files);
}

/** What the verifier knows of an article; with the inputs, its problems name the input that holds the offending text. */
function verifyArticleOf(article: Article, inputs?: ProjectInputs): VerifyArticle {
  const base = { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang };
  if (!inputs) return base;
  const template = inputs.templates.find((t) => t.name === article.facts.editorial.template);
  const texts: InputText[] = [
    { file: article.files.factsFile, kind: "facts", text: article.files.factsText },
    ...inputs.locales.map((l) => ({ file: l.file, kind: "locale" as const, locale: l.locale, text: l.text })),
    ...[template, inputs.pageTemplate].flatMap((t) => (t ? [{ file: t.file, kind: "template" as const, text: t.text }] : [])),
  ];
  return { ...base, inputs: texts };
}

function verifyFile(paths: ProjectPaths, relative: string, contents: string): VerifyFile {
  const address = parseBriefPath(relative);
  if (!address) throw new Error(`not a brief's path: ${relative}`);
  return { file: `${paths.out}/${relative}`, locale: address.locale, format: address.format === "html" ? "html" : "markdown", contents };
}

