/** The `newsbrief review` command: the review pages of every article, written to a folder or served. */
import { compareDiagnostics, failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { gatherReview, prepareReview, type Reviewer } from "../build/review.ts";
import { progressOf, type Progress } from "../build/progress.ts";
import { CommandError, UsageError } from "../errors.ts";
import { checkPreviewLocation } from "../io/paths.ts";
import { isFolder, readArticle } from "../io/read.ts";
import { serveReview } from "../io/serve.ts";
import { writePreview } from "../io/write.ts";
import { reviewArticlePages, reviewIndex } from "../review-page/page.ts";
import type { ReviewArticle, ReviewProject } from "../review-page/model.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Articles reviewed, and their pages written, at a time. */
const REVIEW_BATCH = 100;

/** Options of `newsbrief review`. */
export interface ReviewCommandOptions {
  out: string;
  serve?: boolean;
  port: number;
  /** No progress line. */
  quiet?: boolean;
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
        const whole: ReviewProject = { articles: [...known.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)), diagnostics: general };
        const pages = reviewArticlePages({ ...project, diagnostics: general }, pageOptions);
        return new Map([...pages, { path: "index.html", contents: reviewIndex(whole, pageOptions) }].map((f) => [f.path, f.contents]));
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
  const { inputs, reviewer } = await prepareReview(paths, wanted ? { articles: wanted } : {});
  const missing = wanted ? [...wanted].filter((slug) => !inputs.articles.some((files) => files.slug === slug)) : [];
  if (missing.length > 0) throw new UsageError(`no article named ${missing.map((s) => `\`${s}\``).join(", ")} in ${paths.content}/`);
  const order = inputs.articles.map((files) => files.slug);
  // Every article was read once, so that the problems of reading any of them are on every page; their texts are let go.
  inputs.articles = [];
  const { written, general, entries } = await writeReviewPages(paths, options.out, order, reviewer, { progress: progressOf(proc, options.quiet)?.("review", order.length) });
  const diagnostics = [...general, ...entries.flatMap((a) => a.diagnostics)];
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  proc.stdout(`${written} review page(s) written to ${options.out}/ (open ${options.out}/index.html).\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "the review pages show the problems above.");
}

/**
 * Reviews the articles `order` names and writes their pages to `out`, a
 * batch at a time: each batch's texts are read (with `read`), reviewed,
 * their pages written, then let go, so that a run holds a hundred
 * articles' texts, not the archive's; then writes the index. An article
 * that can no longer be read (changed or removed since it was first read)
 * has no page, and the problems of reading it are the project's, on the
 * index. Returns the number of pages written, the project's problems and
 * each article's own.
 */
export async function writeReviewPages(
  paths: ProjectPaths,
  out: string,
  order: readonly string[],
  reviewer: Reviewer,
  options: { read?: typeof readArticle; progress?: Progress | undefined } = {},
): Promise<{ written: number; general: Diagnostic[]; entries: Array<Pick<ReviewArticle, "slug" | "diagnostics">> }> {
  const read = options.read ?? readArticle;
  const late: Diagnostic[] = [];
  const entries: Array<Pick<ReviewArticle, "slug" | "diagnostics">> = [];
  let written = 0;
  for (let start = 0; start < order.length; start += REVIEW_BATCH) {
    const batch = await Promise.all(order.slice(start, start + REVIEW_BATCH).map((slug) => read(paths, slug, late)));
    const articles = batch.flatMap((files) => {
      options.progress?.tick();
      return files ? [reviewer.review(files)] : [];
    });
    written += (await writePreview(paths, out, reviewArticlePages({ articles, diagnostics: reviewer.diagnostics }))).length;
    for (const article of articles) entries.push({ slug: article.slug, diagnostics: article.diagnostics });
  }
  options.progress?.done();
  const general = [...reviewer.diagnostics, ...late.sort(compareDiagnostics)];
  written += (await writePreview(paths, out, [{ path: "index.html", contents: reviewIndex({ articles: entries, diagnostics: general }) }])).length;
  return { written, general, entries };
}
