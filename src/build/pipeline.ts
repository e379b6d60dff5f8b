/**
 * The library API: read → parse and validate → render every article in
 * every locale → verify → plan → write. Each stage reports diagnostics;
 * nothing is written unless every stage passed.
 */
import { createHash } from "node:crypto";
import { compareDiagnostics, compareStrings, diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { loadArticle, type Article } from "../content/load.ts";
import { LOCALES } from "../content/schema.ts";
import { checkOutputLocation, checkProjectRoot } from "../io/paths.ts";
import { lockOutputs, type LockOwner } from "../io/lock.ts";
import { readBuildCache, sourceFingerprint, writeBuildCache, type BuildCache } from "../io/cache.ts";
import { readOutputs, readProject, type ProjectInputs } from "../io/read.ts";
import { recoverOutputs, writeOutputs } from "../io/write.ts";
import { type ProjectPaths } from "../types.ts";
import { createRenderer } from "../render/brief.ts";
import { type OutputFile } from "../types.ts";
import { cmsOutputs, FEED_TITLE_KEY, feedTitles, isCmsOutput, type FeedBrief, type FeedMemo } from "../render/feeds.ts";
import { loadMessages, type LoadedMessages } from "../render/messages.ts";
import { checkTemplate, compileTemplates } from "../render/templates.ts";
import { extractFigures } from "../extract/index.ts";
import { checkProvenance, type SourceCoverage } from "../provenance/check.ts";
import { verifyCmsOutputs } from "../verify/feeds.ts";
import { verifyArticle, type VerifyArticle, type VerifyFile } from "../verify/verify.ts";

/** Bumped when a change to newsbrief itself changes what it writes. */
export const RENDER_VERSION = "1";

/** What a build or check found and did. */
export interface RunResult {
  diagnostics: Diagnostic[];
  /** The files the content produces, sorted by path. */
  files: OutputFile[];
  articles: number;
  /** Figures read back from the outputs and matched to a fact. */
  figuresVerified: number;
  /** Articles whose verified outputs were reused from the build cache. */
  cached: number;
  /** Paths under the output folder that the run changed (build only). */
  changed: string[];
  /** What was cleaned up after an interrupted build (build only). */
  recovered?: string[];
  /** Set when another build holds the output folder. */
  lockedBy?: LockOwner;
  /** How many figures of each article's French source the facts account for (build and check). */
  coverage?: SourceCoverage[];
}

/** A build cache entry, with the source coverage of the article it remembers. */
type CacheEntry = BuildCache["entries"][string] & { coverage?: SourceCoverage; feed?: Record<string, FeedBrief> };

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
      diagnostics: [diagnostic({ file: paths.out, rule: "out/locked", message: `another build is writing ${paths.out}/ (process ${owner.pid} on ${owner.host || "this machine"}${owner.since ? ` since ${owner.since}` : ""}); try again when it is done, or pass --wait` })],
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
      diagnostic({ file: paths.out, rule: "out/write-failed", message: `could not write ${paths.out}/ (${code ?? (error instanceof Error ? error.message : String(error))}); the previous ${paths.out}/ is left as it was` }),
    );
    await recoverOutputs(paths).catch(() => []);
    return result;
  }
  if (useCache) await writeBuildCache(paths, { entries });
  return result;
}

function emptyResult(): RunResult {
  return { diagnostics: [], files: [], articles: 0, figuresVerified: 0, cached: 0, changed: [] };
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Check only these articles (and the outputs under their folders). @default every article */
  articles?: ReadonlySet<string>;
}

/**
 * Checks the output folder as it is on disk: every figure of every brief is
 * read back and matched to the dataset, and every file must be exactly
 * what a build would write. Never uses the build cache.
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
        const relative = `${article.slug}/${locale}.${ext}`;
        const contents = onDisk.get(relative);
        return contents === undefined ? [] : [verifyFile(paths, relative, contents)];
      }),
    );
    const verification = verifyArticle({ slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang }, files);
    figures += verification.figures.length;
    diagnostics.push(...verification.diagnostics);
  }
  if (whole) {
    const cms = verifyCmsOutputs(paths.out, onDisk, new Map(articles.map((a) => [a.slug, verifyArticleOf(a)])));
    for (const found of cms.figures.values()) figures += found.length;
    diagnostics.push(...cms.diagnostics);
  }
  diagnostics.push(...staleOutputs(paths, result.files, onDisk));
  return { ...result, diagnostics: [...result.diagnostics, ...diagnostics].sort(compareDiagnostics), figuresVerified: figures };
}

interface CacheUse {
  onDisk: ReadonlyMap<string, string>;
  cache: BuildCache;
  /** Fingerprint of newsbrief's own sources: a change to the code invalidates every entry. */
  tool: string;
}

function renderAll(inputs: ProjectInputs, paths: ProjectPaths, caching?: CacheUse): { result: RunResult; articles: Article[]; entries: BuildCache["entries"] } {
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  const entries: BuildCache["entries"] = {};
  const coverage: SourceCoverage[] = [];
  const result: RunResult = { ...emptyResult(), diagnostics, coverage };
  const done = (articles: Article[] = []) => {
    diagnostics.sort(compareDiagnostics);
    return { result, articles, entries };
  };

  const messages = loadMessages(inputs.locales);
  diagnostics.push(...messages.diagnostics);
  const templates = compileTemplates(inputs.templates);
  diagnostics.push(...templates.diagnostics);
  // With broken locales or templates nothing renders, but every article is
  // still checked, so that one run reports every problem.
  const sharedBroken = hasErrors(diagnostics) || !inputs.pageTemplate;
  const knownTemplates = new Set(inputs.templates.map((t) => t.name));

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
    const loaded = loadArticle(files, { templates: knownTemplates });
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.article) continue;
    const provenance = checkProvenance(loaded.article, extractFigures);
    diagnostics.push(...provenance.diagnostics);
    coverage.push(provenance.coverage);
    if (sharedBroken) continue;
    const article = loaded.article;
    const template = templates.templates.get(article.facts.editorial.template)!;
    for (const locale of LOCALES) diagnostics.push(...checkTemplate(template, article, messages.catalog.get(locale)!));
    fresh.push({ article, inputHash, cacheKey, coverage: provenance.coverage });
  }
  if (hasErrors(diagnostics) || !inputs.pageTemplate) return done();

  const renderer = createRenderer(messages.catalog, inputs.pageTemplate.text);
  for (const { article, inputHash, cacheKey, coverage: sourceCoverage } of fresh) {
    const template = templates.templates.get(article.facts.editorial.template)!;
    const rendered = renderer.render(article, template, `sha256:${inputHash}`);
    const verification = verifyArticle(
      { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang },
      rendered.map((f) => verifyFile(paths, f.path, f.contents)),
    );
    diagnostics.push(...verification.diagnostics);
    result.figuresVerified += verification.figures.length;
    result.files.push(...rendered);
    result.articles++;
    if (!hasErrors(verification.diagnostics)) {
      const entry: CacheEntry = { key: cacheKey, figures: verification.figures.length, files: Object.fromEntries(rendered.map((f) => [f.path, sha256(f.contents)])), coverage: sourceCoverage };
      entries[article.slug] = entry;
    }
  }
  addCmsOutputs(result, messages, paths, fresh.map((f) => f.article), entries);
  result.files.sort((a, b) => compareStrings(a.path, b.path));
  return done(fresh.map((f) => f.article));
}

/**
 * Adds the feeds and the manifest, made from every article's files (cached
 * ones included), and verifies the feed items and manifest titles of the
 * articles rendered in this run (a cached article's were verified when it
 * was rendered, and are made from the same files).
 */
function addCmsOutputs(result: RunResult, messages: LoadedMessages, paths: ProjectPaths, rendered: readonly Article[], entries: BuildCache["entries"]): void {
  const missing = LOCALES.filter((l) => !messages.catalog.get(l)?.has(FEED_TITLE_KEY));
  if (missing.length > 0) {
    for (const l of missing) result.diagnostics.push(diagnostic({ file: `${paths.locales}/${l}.json`, rule: "locale/missing-message", message: `message \`${FEED_TITLE_KEY}\` (the title of the ${l} feed) is missing` }));
    return;
  }
  // Feed data of reused articles comes from their cache entries; what this run reads is kept in its entries.
  const memo: FeedMemo = new Map();
  for (const entry of Object.values(entries) as CacheEntry[]) for (const [key, brief] of Object.entries(entry.feed ?? {})) memo.set(key, brief);
  const files = cmsOutputs(result.files, feedTitles(messages.catalog), memo);
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

function verifyArticleOf(article: Article): VerifyArticle {
  return { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang };
}

/** The outputs of `slug` from the last build, when its key matches and out/ still holds them unchanged. */
function reuse(caching: CacheUse, slug: string, key: string): { entry: BuildCache["entries"][string]; files: OutputFile[] } | undefined {
  const entry = caching.cache.entries[slug];
  if (!entry || entry.key !== key) return undefined;
  const files: OutputFile[] = [];
  for (const [path, digest] of Object.entries(entry.files)) {
    const contents = caching.onDisk.get(path);
    if (contents === undefined || sha256(contents) !== digest) return undefined;
    files.push({ path, contents });
  }
  return { entry, files };
}

function verifyFile(paths: ProjectPaths, relative: string, contents: string): VerifyFile {
  const [, locale, ext] = /\/(fr|nl|en)\.(md|html)$/.exec(relative) ?? [];
  return { file: `${paths.out}/${relative}`, locale: locale as VerifyFile["locale"], format: ext === "html" ? "html" : "markdown", contents };
}

function staleOutputs(paths: ProjectPaths, files: readonly OutputFile[], onDisk: ReadonlyMap<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const expected = new Map(files.map((f) => [f.path, f.contents]));
  for (const [relative, contents] of expected) {
    const actual = onDisk.get(relative);
    if (actual === undefined) {
      diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, rule: "out/missing", message: "this output is missing: run `newsbrief build`" }));
    } else if (actual !== contents) {
      const line = firstDifferentLine(contents, actual);
      diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, line: line.number, column: 1, rule: "out/stale", message: "this output differs from what `newsbrief build` writes (stale or edited by hand)", expected: line.expected, actual: line.actual }));
    }
  }
  for (const relative of onDisk.keys()) {
    if (!expected.has(relative)) diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, rule: "out/orphan", message: "no article produces this file any more: run `newsbrief build` to remove it" }));
  }
  return diagnostics;
}

/**
 * The first line that differs, passing over the front matter's `inputHash`
 * line when a later line differs too: that one says what a reader would see.
 */
function firstDifferentLine(expected: string, actual: string): { number: number; expected: string; actual: string } {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let first = -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (first === -1) first = i;
    if (!(a[i] ?? "").startsWith("inputHash:")) {
      first = i;
      break;
    }
  }
  if (first === -1) return { number: 1, expected: "", actual: "" };
  return { number: first + 1, expected: JSON.stringify(a[first] ?? "(end of file)"), actual: JSON.stringify(b[first] ?? "(end of file)") };
}

/** Hash of what every article shares: the render version, the locales and every template. */
function sharedInputsHash(inputs: ProjectInputs): string {
  const hash = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  const shared = [...inputs.locales, ...inputs.templates, ...(inputs.pageTemplate ? [inputs.pageTemplate] : [])];
  for (const file of shared.sort((a, b) => compareStrings(a.file, b.file))) hash.update(`${file.file}\n${file.text.length}:${file.text}\n`);
  return hash.digest("hex");
}

function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
