/**
 * The build cache, kept under node_modules/.cache, and the fingerprint of
 * newsbrief's own sources that invalidates it.
 */
import { createHash } from "node:crypto";
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { ProjectPaths } from "../types.ts";

/** Size and modification time (ms) of a file, as recorded when it was written or read. */
export type Stamp = [number, number];

/** Files by path in the output folder: `[sha256, size, mtime]` as written. */
export type FileStamps = Map<string, [string, number, number]>;

/** What the build cache remembers of one article's last verified build. */
export interface IndexEntry {
  /** Hash of everything its outputs depend on, newsbrief itself included. */
  key: string;
  figures: number;
  /** Its story type, whose hash (in {@link BuildCache.types}) its key depends on. */
  template?: string;
  /** Its outputs, by path in the output folder: `[sha256, size, mtime]` when written. */
  files: FileStamps;
  /** Its two input files as last read: stamps and the hash of their texts. */
  inputs?: { facts: Stamp; source: Stamp; inputHash: string };
  coverage?: { slug: string; figures: number; covered: number; ignored: number };
  /** What the manifest lists of it. */
  briefs?: Array<{ locale: "fr" | "nl" | "en"; title: string; translationKey: string; date: string; md: string; html: string }>;
  /** Where its item sits in each locale's feed file (byte offsets, end excluded), with its date. */
  feed?: Record<string, [number, number, string]>;
  /** Where its entry sits in the manifest (byte offsets, end excluded). */
  manifest?: [number, number];
}

/**
 * The build cache: every article's last verified build and an index of the
 * output folder (size, modification time and hash of every file, recorded
 * when written), so that an unchanged project is recognised without reading it.
 */
export interface BuildCache {
  entries: Record<string, IndexEntry>;
  /** The feeds and the manifest, as for {@link IndexEntry.files}. */
  cms?: Record<string, [string, number, number]>;
  /** The hash of what each story type's briefs depend on (its template, the messages it uses, the page template, the site settings), as the entries were built. */
  types?: Record<string, string>;
  /** The fingerprint of newsbrief's own code the entries were built with. */
  tool?: string;
  /** How many lines the details file holds (it grows by a line per article rendered, until it is written whole again). */
  detailsLines?: number;
}

function cacheFile(paths: ProjectPaths, part: "index" | "details" | "places" | "types"): string {
  const id = createHash("sha256").update(`${paths.root}\0${paths.content}\0${paths.out}`).digest("hex").slice(0, 16);
  return path.join(paths.root, "node_modules", ".cache", "newsbrief", `build-${id}.${part}`);
}

const INDEX_VERSION = "newsbrief build index 6";

/** An article in the index: figures, covered, ignored and source figures; facts.yaml and source.fr.md size and time; story type; then path, size and time of each output. */
type IndexLine = [number, number, number, number, number, number, number, number, string, Array<string | number>];

/**
 * Reads the build cache's index: for each article, its inputs' stamps, its
 * story type, its outputs' paths and stamps, its figure and coverage counts. That is all a
 * build with nothing to do needs; the rest (hashes, feed items, manifest
 * entries) is read by {@link readBuildDetails} when something changed. A
 * missing or unreadable index is an empty cache.
 */
export async function readBuildCache(paths: ProjectPaths): Promise<BuildCache> {
  let text: string;
  try {
    text = await readFile(cacheFile(paths, "index"), "utf8");
  } catch {
    return { entries: {} };
  }
  // One JSON text per line: the version, the head, then every article as an array (parsed natively, and fast to walk).
  const [version, headLine, articlesLine] = text.split("\n");
  if (version !== INDEX_VERSION || headLine === undefined || articlesLine === undefined) return { entries: {} };
  try {
    const head = JSON.parse(headLine) as Pick<BuildCache, "cms" | "types" | "tool" | "detailsLines">;
    const cache: BuildCache = { ...head, entries: {} };
    const articles = JSON.parse(articlesLine) as Record<string, IndexLine>;
    for (const slug in articles) {
      const [figures, covered, ignored, sourceFigures, factsSize, factsTime, sourceSize, sourceTime, template, stamps] = articles[slug]!;
      const files: FileStamps = new Map();
      for (let at = 0; at + 2 < stamps.length; at += 3) files.set(stamps[at] as string, ["", stamps[at + 1] as number, stamps[at + 2] as number]);
      cache.entries[slug] = {
        key: "",
        figures,
        ...(template ? { template } : {}),
        coverage: { slug, figures: sourceFigures, covered, ignored },
        inputs: { facts: [factsSize, factsTime], source: [sourceSize, sourceTime], inputHash: "" },
        files,
      };
    }
    return cache;
  } catch {
    return { entries: {} };
  }
}

/** What the places file holds of an article: where its feed items and manifest entry sit, and the hash of its inputs. */
type Places = [IndexEntry["feed"], IndexEntry["manifest"], string];

/** Fills in where each entry's feed items and manifest entry sit in the files on disk, and the hash of its inputs; false when some entry has no places recorded. */
export async function readBuildPlaces(paths: ProjectPaths, cache: BuildCache): Promise<boolean> {
  let places: Record<string, Places>;
  try {
    places = JSON.parse(await readFile(cacheFile(paths, "places"), "utf8"));
  } catch {
    return false;
  }
  let complete = true;
  for (const slug in cache.entries) {
    const [feed, manifest, inputHash] = places[slug] ?? [];
    const entry = cache.entries[slug]!;
    if (entry.inputs && typeof inputHash === "string") entry.inputs.inputHash = inputHash;
    if (!feed || !manifest) {
      complete = false;
      continue;
    }
    entry.feed = feed;
    entry.manifest = manifest;
  }
  return complete;
}

/** What the details file holds of an article. */
type DetailsLine = [string, Pick<IndexEntry, "key" | "briefs"> & { digests: Record<string, string> }];

/**
 * Fills in what the index and the places leave out (hashes, manifest
 * entries) for the entries of `cache`; false when some entry has none. The
 * details file is one JSON line per article, a later line for an article
 * replacing an earlier one.
 */
export async function readBuildDetails(paths: ProjectPaths, cache: BuildCache): Promise<boolean> {
  const details = new Map<string, DetailsLine[1]>();
  try {
    for (const line of (await readFile(cacheFile(paths, "details"), "utf8")).split("\n")) {
      if (line === "") continue;
      const [slug, more] = JSON.parse(line) as DetailsLine;
      details.set(slug, more);
    }
  } catch {
    return false;
  }
  let complete = true;
  for (const [slug, entry] of Object.entries(cache.entries)) {
    const more = details.get(slug);
    if (!more) {
      complete = false;
      continue;
    }
    entry.key = more.key;
    if (more.briefs) entry.briefs = more.briefs;
    for (const [relative, stamp] of entry.files) stamp[0] = more.digests[relative] ?? "";
  }
  return complete;
}

/**
 * Writes the build cache: the details, the places, then the index. The
 * details are written whole (every entry must then have its details), or,
 * with `append`, only those of the articles named are added to the file.
 * Failing to write never fails a build.
 */
export async function writeBuildCache(paths: ProjectPaths, cache: BuildCache, options: { append?: readonly string[] } = {}): Promise<void> {
  const articles: Record<string, IndexLine> = {};
  const places: Record<string, Places> = {};
  for (const [slug, e] of Object.entries(cache.entries)) {
    if (!e.inputs || !e.coverage) continue;
    // Plain loops: this runs for every article of every build that writes anything.
    const stamps: Array<string | number> = [];
    for (const [relative, stamp] of e.files) stamps.push(relative, stamp[1], stamp[2]);
    const { facts, source } = e.inputs;
    articles[slug] = [e.figures, e.coverage.covered, e.coverage.ignored, e.coverage.figures, facts[0], facts[1], source[0], source[1], e.template ?? "", stamps];
    places[slug] = [e.feed, e.manifest, e.inputs.inputHash];
  }
  const detailsOf = function* (slugs: Iterable<string>): Generator<string> {
    for (const slug of slugs) {
      const e = cache.entries[slug];
      if (!e?.inputs || !e.coverage) continue;
      const digests: Record<string, string> = {};
      for (const [relative, [digest]] of e.files) digests[relative] = digest;
      yield `${JSON.stringify([slug, { key: e.key, briefs: e.briefs, digests }])}\n`;
    }
  };
  const added = options.append ? [...detailsOf(options.append)] : [];
  const detailsLines = options.append ? (cache.detailsLines ?? 0) + added.length : Object.keys(articles).length;
  const lines = [INDEX_VERSION, JSON.stringify({ cms: cache.cms, types: cache.types, tool: cache.tool, detailsLines }), JSON.stringify(articles)];
  try {
    const index = cacheFile(paths, "index");
    await mkdir(path.dirname(index), { recursive: true });
    // The details first: an index is never newer than the details it goes with.
    if (options.append) await appendFile(cacheFile(paths, "details"), added.join(""));
    else await writeWhole(cacheFile(paths, "details"), detailsOf(Object.keys(cache.entries).sort()));
    await writeWhole(cacheFile(paths, "places"), [JSON.stringify(places)]);
    await writeWhole(index, [`${lines.join("\n")}\n`]);
  } catch {
    // The cache is an optimisation only.
  }
}

/**
 * Writes a file from its pieces, in writes of about 1 MB, through a
 * temporary file renamed into place; when that fails, the file is left as it
 * was and the temporary file is removed.
 */
async function writeWhole(file: string, pieces: Iterable<string>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      let chunk = "";
      for (const piece of pieces) {
        chunk += piece;
        if (chunk.length >= 1 << 20) {
          await handle.write(chunk);
          chunk = "";
        }
      }
      await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Story type definitions that earlier builds parsed without a problem, by
 * the hash of their `type.yaml` text, and the keys of the templates they
 * found without a problem; empty when newsbrief's code changed since
 * (`tool`), or when there are none.
 */
export async function readStoryTypeCache<T>(paths: ProjectPaths, tool: string): Promise<{ definitions: Record<string, T>; templates: string[] }> {
  try {
    const cached = JSON.parse(await readFile(cacheFile(paths, "types"), "utf8")) as { tool?: string; definitions?: Record<string, T>; templates?: unknown };
    if (cached.tool !== tool) return { definitions: {}, templates: [] };
    const definitions = cached.definitions && typeof cached.definitions === "object" ? cached.definitions : {};
    const templates = Array.isArray(cached.templates) ? cached.templates.filter((key): key is string => typeof key === "string") : [];
    return { definitions, templates };
  } catch {
    return { definitions: {}, templates: [] };
  }
}

/** Records the story type definitions and the clean templates of this build for the next (see {@link readStoryTypeCache}); failing to is never an error. */
export async function writeStoryTypeCache<T>(paths: ProjectPaths, tool: string, definitions: ReadonlyMap<string, T>, templates: Iterable<string>): Promise<void> {
  const file = cacheFile(paths, "types");
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeWhole(file, [JSON.stringify({ tool, definitions: Object.fromEntries(definitions), templates: [...templates].sort() })]);
  } catch {
    // The cache is an optimisation only.
  }
}

let fingerprint: Promise<string> | undefined;

/** A hash of the names, sizes and modification times of newsbrief's own source files, so that a change to the code invalidates the build cache. */
export function sourceFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash("sha256");
    // The whole of src/ (or, when run compiled, dist/), one folder up from this one.
    const root = fileURLToPath(new URL("..", import.meta.url));
    const walk = async (dir: string): Promise<void> => {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const { size, mtimeMs } = await stat(full);
          hash.update(`${path.relative(root, full)}\0${size}\0${mtimeMs}\0`);
        }
      }
    };
    await walk(root);
    return hash.digest("hex");
  })();
  return fingerprint;
}
