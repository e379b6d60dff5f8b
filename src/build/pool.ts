/**
 * Running articles through the stage on every core: batches go to a pool
 * of worker threads, a bounded number at a time, and each outcome is handed
 * over as it comes, so that a run never holds every article's outputs. Small
 * runs, and runs with one job, stay in the build's own thread. Whatever the
 * number of workers, the outcomes are the same: each article is processed
 * on its own, and the caller puts them in order.
 */
import { createStage, type ArticleJob, type ArticleOutcome, type SharedInputs, type Stage } from "./article.ts";
import { availableParallelism } from "node:os";
import { readJob, type Batch, type Preset } from "./worker.ts";

/** The default number of workers: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * The file a worker thread runs, `<name>.js` beside the module at
 * `moduleUrl`: in the compiled build that file itself; run from the
 * TypeScript sources, `<name>-dev.js`, which loads `<name>.ts` through tsx.
 */
export function workerFile(moduleUrl: string, name: string): string {
  return new URL(moduleUrl.endsWith(".ts") ? `./${name}-dev.js` : `./${name}.js`, moduleUrl).href;
}

/** How articles are spread. */
export interface PoolOptions {
  /** Worker threads; 1 runs everything in this thread. */
  jobs: number;
  /** Fewer articles than this run in this thread whatever `jobs` says. @default 64 */
  poolFrom?: number;
  /** A staged tree the workers write the files of articles without errors to (see {@link Batch.staging}). */
  staging?: string;
}

const BATCH = 16;

/**
 * Processes `jobs` (read lazily through `next`, so that inputs are read as
 * they are needed) and awaits `handle` on each outcome before taking more
 * work than the workers can hold. Returns the stage of this thread, made
 * for the shared diagnostics (and for runs that stay here).
 */
export async function processArticles(
  shared: SharedInputs,
  key: string,
  count: number,
  next: () => Promise<ArticleJob | undefined>,
  handle: (outcome: ArticleOutcome) => Promise<void> | void,
  options: PoolOptions,
  stage: Stage = createStage(shared),
): Promise<void> {
  const threads = Math.max(1, Math.floor(options.jobs));
  if (threads === 1 || count < (options.poolFrom ?? 64) || stage.broken) {
    for (let job = await next(); job; job = await next()) await handle(stage.process(readJob(job)));
    return;
  }
  const { default: Tinypool } = await import("tinypool");
  const pool = new Tinypool({
    filename: workerFile(import.meta.url, "worker"),
    minThreads: threads,
    maxThreads: threads,
    // The shared inputs go to each worker once, when it starts, not with every batch.
    workerData: { key, shared } satisfies Preset,
    // A worker holds its stage and one batch at a time: capped heaps make V8 collect before it grows (a third less peak memory at 1,000 articles).
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 },
  });
  // Batches of jobs, each read as a worker is ready for it.
  const batches = async function* (): AsyncGenerator<Batch> {
    for (;;) {
      const jobs: ArticleJob[] = [];
      while (jobs.length < BATCH) {
        const job = await next();
        if (!job) break;
        jobs.push(job);
      }
      if (jobs.length === 0) return;
      yield { key, jobs, ...(options.staging === undefined ? {} : { staging: options.staging }) };
    }
  };
  try {
    await runBounded(batches(), threads * 2, async (task) => {
      for (const outcome of (await pool.run(task)) as ArticleOutcome[]) await handle(outcome);
    });
  } finally {
    await pool.destroy();
  }
}

/**
 * Runs `run` on each task as it comes, at most `limit` at a time (two per
 * worker keep every worker busy without holding more). After a failure no
 * task is started; those running are awaited, then the first failure is thrown.
 */
export async function runBounded<T>(tasks: AsyncIterable<T> | Iterable<T>, limit: number, run: (task: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  for await (const task of tasks) {
    const running: Promise<void> = run(task)
      .catch((error: unknown) => {
        failed ??= { error };
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    if (inFlight.size >= limit) await Promise.race(inFlight);
    if (failed) break;
  }
  await Promise.all(inFlight);
  if (failed) throw failed.error;
}
