/**
 * A worker thread of `newsbrief review`: reviews a batch of articles and
 * makes their pages, with a reviewer made once per worker from the inputs
 * every article shares. The pages go back as text; the thread that hands
 * out the batches writes them.
 */
import { workerData } from "node:worker_threads";
import { reviewerOf, type Reviewer } from "./review.ts";
import { readArticle, type ProjectInputs } from "../io/read.ts";
import { indexEntryOf, reviewArticlePages, type ReviewFile } from "../review-page/page.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ReviewIndexEntry } from "../review-page/model.ts";
import type { ProjectPaths } from "../types.ts";

/** What every worker is given when it starts: the project's shared inputs (its articles left out) and the problems of reading it. */
export interface ReviewPreset {
  paths: ProjectPaths;
  inputs: ProjectInputs;
  lint: boolean;
}

/** What a worker hands back for a batch: the pages of the articles it could read, each article's problems, in the batch's order, and the problems of reading the others. */
export interface ReviewedBatch {
  pages: ReviewFile[];
  entries: ReviewIndexEntry[];
  late: Diagnostic[];
}

// The pool passes its own data first, then the preset.
const preset = (Array.isArray(workerData) ? workerData[1] : undefined) as ReviewPreset | undefined;
let reviewer: Promise<Reviewer> | undefined;

/** Reviews the articles `slugs` names, read now, and makes their pages. */
export default async function reviewBatch(slugs: string[]): Promise<ReviewedBatch> {
  if (!preset) throw new Error("a review worker needs the project's shared inputs");
  const made = await (reviewer ??= reviewerOf(preset.inputs, preset.paths, preset.lint));
  return reviewSlugs(preset.paths, made, slugs, readArticle);
}

/** Reads, reviews and makes the pages of the articles `slugs` names: the work of one batch, in whichever thread runs it. */
export async function reviewSlugs(paths: ProjectPaths, reviewer: Reviewer, slugs: readonly string[], read: typeof readArticle): Promise<ReviewedBatch> {
  const late: Diagnostic[] = [];
  const files = await Promise.all(slugs.map((slug) => read(paths, slug, late)));
  const articles = files.flatMap((read) => (read ? [reviewer.review(read)] : []));
  return {
    pages: reviewArticlePages({ articles, diagnostics: reviewer.diagnostics }),
    entries: articles.map(indexEntryOf),
    late,
  };
}
