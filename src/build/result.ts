/** What a build or check found and did. */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { LockOwner } from "../io/lock.ts";
import type { SourceCoverage } from "../provenance/check.ts";
import type { OutputFile } from "../types.ts";

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
  /** The SHA-256 (hex) of each brief file as `check` read and verified it, by path inside the output folder (check with `recordOutputs` only). */
  outputHashes?: ReadonlyMap<string, string>;
  /** Each checked article's story type (its `editorial.template`), by slug (check only). */
  storyTypes?: ReadonlyMap<string, string>;
}


/** A result with nothing in it yet. */
export function emptyResult(): RunResult {
  return { diagnostics: [], files: [], articles: 0, figuresVerified: 0, cached: 0, changed: [] };
}
