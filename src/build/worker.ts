/**
 * A worker of the build's pool: runs batches of articles through the same
 * stage as the build's own thread. The stage (messages and templates
 * compiled) is made once per worker and per project state.
 */
import { createStage, type ArticleJob, type ArticleOutcome, type SharedInputs, type Stage } from "./article.ts";

/** One batch: the shared inputs (identified by `key`) and the articles to run. */
export interface Batch {
  key: string;
  shared: SharedInputs;
  jobs: ArticleJob[];
}

let current: { key: string; stage: Stage } | undefined;

/** Runs a batch; outcomes in the batch's order. */
export default function runBatch(batch: Batch): ArticleOutcome[] {
  if (current?.key !== batch.key) current = { key: batch.key, stage: createStage(batch.shared) };
  const stage = current.stage;
  return batch.jobs.map((job) => stage.process(job));
}
