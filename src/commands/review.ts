/** The `newsbrief review` command: the review pages of every article, written to a folder or served. */
import path from "node:path";
import { compareDiagnostics, failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { gatherReview, prepareReview, reviewWorkerFile, type Reviewer } from "../build/review.ts";
import { progressOf, type Progress } from "../build/progress.ts";
import { defaultJobs, runBounded } from "../build/pool.ts";
import { CommandError, UsageError } from "../errors.ts";
import { checkPreviewLocation } from "../io/paths.ts";
import { isFolder, readArticle } from "../io/read.ts";
import { serveReview } from "../io/serve.ts";
import { writePreview } from "../io/write.ts";
import { indexEntryOf, reviewArticlePages, reviewIndex } from "../review-page/page.ts";
import { reviewSlugs, type ReviewedBatch, type ReviewPreset } from "../build/review-worker.ts";
import type { ReviewArticle, ReviewIndexEntry, ReviewProject } from "../review-page/model.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Articles reviewed, and their pages written, at a time. */
const REVIEW_BATCH = 25;

/** Options of `newsbrief review`. */
export interface ReviewCommandOptions {
  out: string;
  serve?: boolean;
  port: number;
  /** No progress line. */
  quiet?: boolean;
  /** Worker threads that review the articles. @default one per core */
  jobs?: number;
}

/**
 * Writes `<out>/<slug>.html` for each article (or each one named) and
 * `<out>/index.html`, even when the content fails; then fails (exit 1)
 * when it does. With `serve`, serves the pages instead and rebuilds them as
 * their inputs change, until interrupted.
 */
export async function runReview(proc: CliProcess, paths: ProjectPaths, slugs: readonly string[], options: ReviewCommandOptions): Promise<void> {
  if (!(await isFolder(paths.root, paths.content))) throw new UsageError(`the folder \`${paths.content}\` does not exist in ${paths.root}`);
  const wanted = slugs.length > 0 ? new Set(slugs) : undefined;

  if (options.serve) {
    // Each article's review is kept, so that a change under content/<slug>/ gathers that article alone.
    const known = new Map<string, ReviewArticle>();
    let general: ReviewProject["diagnostics"] = [];
    const pageOptions = { reloadUrl: (page: string) => `/__version?page=${encodeURIComponent(page)}` };
    const server = await serveReview({
      root: paths.root,
      watch: [paths.content, paths.templates, paths.locales],
      articlesFolder: paths.content,
      port: options.port,
      build: async (changed) => {
        const only = changed ? new Set([...changed].filter((slug) => !wanted || wanted.has(slug))) : wanted;
        const project = await gatherReview(paths, only ? { articles: only } : {});
        if (!changed) {
          known.clear();
          general = project.diagnostics;
        }
        for (const slug of only ?? []) known.delete(slug);
        for (const article of project.articles) known.set(article.slug, article);
        const articles = [...known.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).map(indexEntryOf);
        const pages = reviewArticlePages({ ...project, diagnostics: general }, pageOptions);
        return new Map([...pages, { path: "index.html", contents: reviewIndex({ articles, diagnostics: general }, pageOptions) }].map((f) => [f.path, f.contents]));
      },
      log: (line) => proc.stdout(`newsbrief: ${line}\n`),
    });
    proc.stdout(`Serving the review pages at ${server.url} (interrupt to stop).\n`);
    await server.closed;
    return;
  }

  const location = checkPreviewLocation(paths, options.out);
  if (location.length > 0) {
    proc.stderr(`${formatReport(location)}\n`);
    throw new UsageError();
  }
  // A batch of articles at a time: reviewed, its pages written, then let go; only what the index shows is kept.
  // Every article is read once, so that the problems of reading any of them are on every page; their texts are not kept.
  const order: string[] = [];
  const { inputs, reviewer } = await prepareReview(paths, { ...(wanted ? { articles: wanted } : {}), readInto: order });
  const read = new Set(order);
  const missing = wanted ? [...wanted].filter((slug) => !read.has(slug)) : [];
  if (missing.length > 0) throw new UsageError(`no article named ${missing.map((s) => `\`${s}\``).join(", ")} in ${paths.content}/`);
  const { written, general, entries, retried } = await writeReviewPages(paths, options.out, order, reviewer, {
    progress: progressOf(proc, options.quiet)?.("review", order.length),
    threads: { jobs: options.jobs ?? defaultJobs(), preset: { paths, inputs, lint: true } },
  }).catch((error: NodeJS.ErrnoException) => {
    // The folder cannot be written (permissions, a full disk): the user's to fix, not an internal error.
    if (typeof error.code === "string" && /^E[A-Z]+$/.test(error.code)) throw new UsageError(`could not write the review pages to ${options.out}/ (${error.code}${error.path ? `: ${path.relative(paths.root, error.path)}` : ""})`);
    throw error;
  });
  for (const { reason, articles } of retried) proc.stderr(`newsbrief: ${articles} article(s) reviewed in the main thread after a worker thread failed on them: ${reason}\n`);
  const diagnostics = [...general, ...entries.flatMap((a) => a.diagnostics)];
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  proc.stdout(`${written} review page(s) written to ${options.out}/ (open ${options.out}/index.html).\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "the review pages show the problems above.");
}

/** How {@link writeReviewPages} spreads its batches over worker threads. */
export interface ReviewThreads {
  /** Worker threads; 1 reviews every batch in this thread. */
  jobs: number;
  /** What each worker makes its reviewer of: the inputs the reviewer of this thread was made of. */
  preset: ReviewPreset;
  /** Fewer articles than this are reviewed in this thread whatever `jobs` says. @default 64 */
  poolFrom?: number;
}

/**
 * Reviews the articles `order` names and writes their pages to `out`, a
 * batch at a time: each batch's texts are read (with `read`), reviewed,
 * their pages written, then let go, so that a run holds a few batches of
 * articles' texts, not the archive's; then writes the index. With
 * `threads`, batches are reviewed by worker threads, two per worker at a
 * time, and the pages are the same whatever their number. An article
 * that can no longer be read (changed or removed since it was first read)
 * has no page, and the problems of reading it are the project's, on the
 * index. Returns the number of pages written, the project's problems,
 * each article's own, how many batches worker threads reviewed, and why
 * any batch was reviewed in this thread after a worker failed on it.
 */
export async function writeReviewPages(
  paths: ProjectPaths,
  out: string,
  order: readonly string[],
  reviewer: Reviewer,
  options: { read?: typeof readArticle; progress?: Progress | undefined; threads?: ReviewThreads; batch?: number } = {},
): Promise<ReviewPagesRun> {
  const batches: string[][] = [];
  const size = options.batch ?? REVIEW_BATCH;
  for (let start = 0; start < order.length; start += size) batches.push(order.slice(start, start + size));
  const done: ReviewedBatch[] = [];
  let written = 0;
  let batchesApart = 0;
  const retried = new Map<string, number>();
  const keep = async (at: number, batch: ReviewedBatch) => {
    for (let n = 0; n < batch.entries.length + batch.late.length; n++) options.progress?.tick();
    const pages = await writePreview(paths, out, batch.pages);
    written += pages.length;
    // Only what the index shows is kept.
    done[at] = { pages: [], entries: batch.entries, late: batch.late };
  };
  const threads = options.threads;
  const jobs = Math.max(1, Math.floor(threads?.jobs ?? 1));
  if (!threads || options.read || jobs === 1 || batches.length < 2 || order.length < (threads.poolFrom ?? 64)) {
    for (const [at, slugs] of batches.entries()) await keep(at, await reviewSlugs(paths, reviewer, slugs, options.read ?? readArticle));
  } else {
    const { default: Tinypool } = await import("tinypool");
    const pool = new Tinypool({
      filename: reviewWorkerFile(),
      minThreads: jobs,
      maxThreads: jobs,
      workerData: threads.preset,
      // Capped heaps make V8 collect before they grow: 10,000 articles peak at 369 MB (453 MB uncapped, with batches of 100).
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
    });
    try {
      await runBounded(batches.entries(), jobs * 2, async ([at, slugs]) => {
        const batch = await (pool.run(slugs) as Promise<ReviewedBatch>).then(
          (reviewed) => {
            batchesApart++;
            return reviewed;
          },
          // A batch a worker could not finish (articles too large for its capped heap) is reviewed here; a failure here is the run's.
          (error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            retried.set(reason, (retried.get(reason) ?? 0) + slugs.length);
            return reviewSlugs(paths, reviewer, slugs, readArticle);
          },
        );
        await keep(at, batch);
      });
    } finally {
      await pool.destroy();
    }
  }
  options.progress?.done();
  const entries = done.flatMap((batch) => batch.entries);
  const general = [...reviewer.diagnostics, ...done.flatMap((batch) => batch.late).sort(compareDiagnostics)];
  written += (await writePreview(paths, out, [{ path: "index.html", contents: reviewIndex({ articles: entries, diagnostics: general }) }])).length;
  return { written, general, entries, batchesApart, retried: [...retried].map(([reason, articles]) => ({ reason, articles })) };
}

/** What {@link writeReviewPages} did. */
export interface ReviewPagesRun {
  /** Pages written, the index included. */
  written: number;
  /** The project's problems, in the order the index shows them. */
  general: Diagnostic[];
  /** Each article's problems, in order. */
  entries: ReviewIndexEntry[];
  /** Batches reviewed by worker threads. */
  batchesApart: number;
  /** Articles reviewed in this thread because a worker failed on their batch, by the worker's reason (their pages are complete). */
  retried: Array<{ reason: string; articles: number }>;
}
