/**
 * A worker of the build's pool: runs batches of articles through the same
 * stage as the build's own thread. The stage (messages and templates
 * compiled) is made once per worker and per project state.
 */
import { workerData } from "node:worker_threads";
import { createStage, type ArticleJob, type ArticleOutcome, type SharedInputs, type Stage } from "./article.ts";
import { sha256 } from "./cache.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { stageFileSync } from "../io/write.ts";
import { readOutputFilesSync } from "../io/read.ts";

/** What every worker of a pool is given when it starts: the shared inputs, identified by `key`. */
export interface Preset {
  key: string;
  shared: SharedInputs;
}

/** One batch: the articles to run, for the shared inputs of `key` (given with the batch, or else when the worker started). */
export interface Batch {
  key: string;
  shared?: SharedInputs;
  jobs: ArticleJob[];
  /** The staged tree of a build: the files of articles without errors are written there by the worker, and only their stamps handed back. */
  staging?: string;
}

/**
 * A job as the stage takes it: the files it names in `readFrom` read where
 * it runs (in a worker, by the worker), so that the thread handing out the
 * work does not hold them.
 */
export function readJob(job: ArticleJob): ArticleJob {
  if (!job.readFrom) return job;
  const { readFrom, ...rest } = job;
  return { ...rest, onDisk: readOutputFilesSync(readFrom.dir, readFrom.paths) };
}

const encoder = new TextEncoder();

// The pool passes its own data first, then the preset.
const preset = Array.isArray(workerData) ? (workerData[1] as Preset | undefined) : undefined;
let current: { key: string; stage: Stage } | undefined;

/** Runs a batch; outcomes in the batch's order. */
export default function runBatch(batch: Batch): ArticleOutcome[] {
  if (current?.key !== batch.key) {
    const shared = batch.shared ?? (preset?.key === batch.key ? preset.shared : undefined);
    if (!shared) throw new Error(`no shared inputs for ${batch.key}`);
    current = { key: batch.key, stage: createStage(shared) };
  }
  const stage = current.stage;
  return batch.jobs.map((job) => {
    const outcome = stage.process(readJob(job));
    // Feed items go back as bytes, each with a buffer of its own (a pooled Buffer would take its whole pool along).
    for (const item of Object.values(outcome.items)) if (typeof item.text === "string") item.text = encoder.encode(item.text);
    if (batch.staging !== undefined && outcome.rendered && !hasErrors(outcome.diagnostics)) {
      outcome.staged = outcome.files.map((file) => [file.path, sha256(file.contents), ...stageFileSync(batch.staging!, file.path, file.contents)]);
      outcome.files = [];
    }
    return outcome;
  });
}
