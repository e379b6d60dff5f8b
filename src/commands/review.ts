/** The `newsbrief review` command: the review pages of every article, written to a folder or served. */
import { failureOf, formatReport } from "../diagnostics/diagnostic.ts";
import { gatherReview, prepareReview } from "../build/review.ts";
import { progressOf } from "../build/progress.ts";
import { CommandError, UsageError } from "../errors.ts";
import { checkPreviewLocation } from "../io/paths.ts";
import { isFolder } from "../io/read.ts";
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
  const progress = progressOf(proc, options.quiet)?.("review", inputs.articles.length);
  const entries: Array<Pick<ReviewArticle, "slug" | "diagnostics">> = [];
  let written = 0;
  for (let start = 0; start < inputs.articles.length; start += REVIEW_BATCH) {
    const articles = inputs.articles.slice(start, start + REVIEW_BATCH).map((files) => {
      const article = reviewer.review(files);
      progress?.tick();
      return article;
    });
    written += (await writePreview(paths, options.out, reviewArticlePages({ articles, diagnostics: reviewer.diagnostics }))).length;
    for (const article of articles) entries.push({ slug: article.slug, diagnostics: article.diagnostics });
  }
  progress?.done();
  written += (await writePreview(paths, options.out, [{ path: "index.html", contents: reviewIndex({ articles: entries, diagnostics: reviewer.diagnostics }) }])).length;
  const diagnostics = [...reviewer.diagnostics, ...entries.flatMap((a) => a.diagnostics)];
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  proc.stdout(`${written} review page(s) written to ${options.out}/ (open ${options.out}/index.html).\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "the review pages show the problems above.");
}
