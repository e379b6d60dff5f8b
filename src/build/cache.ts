/**
 * The build cache's keys and entries: an article's outputs are reused when
 * the hash of everything it depends on is the one of its last verified build
 * and the output folder still holds exactly those files.
 */
import { createHash } from "node:crypto";
import { compareStrings } from "../diagnostics/diagnostic.ts";
import type { BuildCache } from "../io/cache.ts";
import type { ProjectInputs } from "../io/read.ts";
import type { SourceCoverage } from "../provenance/check.ts";
import type { FeedBrief } from "../render/feeds.ts";
import type { OutputFile } from "../types.ts";

/** Bumped when a change to newsbrief itself changes what it writes. */
export const RENDER_VERSION = "1";

/** A build cache entry, with the source coverage of the article it remembers. */
export type CacheEntry = BuildCache["entries"][string] & { coverage?: SourceCoverage; feed?: Record<string, FeedBrief> };


/** What a build knows to reuse outputs. */
export interface CacheUse {
  onDisk: ReadonlyMap<string, string>;
  cache: BuildCache;
  /** Fingerprint of newsbrief's own sources: a change to the code invalidates every entry. */
  tool: string;
}

/** The outputs of `slug` from the last build, when its key matches and out/ still holds them unchanged. */
export function reuse(caching: CacheUse, slug: string, key: string): { entry: BuildCache["entries"][string]; files: OutputFile[] } | undefined {
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


/** Hash of what every article shares: the render version, the locales and every template. */
export function sharedInputsHash(inputs: ProjectInputs): string {
  const hash = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  const shared = [...inputs.locales, ...inputs.templates, ...(inputs.pageTemplate ? [inputs.pageTemplate] : []), ...(inputs.config ? [inputs.config] : [])];
  for (const file of shared.sort((a, b) => compareStrings(a.file, b.file))) hash.update(`${file.file}\n${file.text.length}:${file.text}\n`);
  return hash.digest("hex");
}

export function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
