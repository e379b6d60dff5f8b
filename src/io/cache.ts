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

const INDEX_VERSION = "newsbrief build index 7";

/** Numbers recorded for each article before its outputs' stamps: figures, covered, ignored and source figures; facts.yaml and source.fr.md size and time; the number of its outputs. */
const ARTICLE_NUMBERS = 9;

/**
 * An article as the index holds it. Its outputs' stamps stay in the index's
 * table (one array of numbers, one line of names) until something asks for
 * {@link IndexEntry.files}: a build that finds nothing changed checks every
 * output against the table ({@link eachOutput}) and never makes the maps.
 */
class IndexedEntry implements IndexEntry {
  key = "";
  figures: number;
  declare template?: string;
  coverage: NonNullable<IndexEntry["coverage"]>;
  inputs: NonNullable<IndexEntry["inputs"]>;
  declare briefs?: NonNullable<IndexEntry["briefs"]>;
  declare feed?: NonNullable<IndexEntry["feed"]>;
  declare manifest?: NonNullable<IndexEntry["manifest"]>;
  #files: FileStamps | undefined;

  constructor(
    slug: string,
    template: string,
    /** Its outputs' paths, each after a tab; one under its own folder is written from the "/" on. */
    readonly names: string,
    readonly numbers: Float64Array,
    /** Where its numbers start in `numbers`. */
    readonly at: number,
  ) {
    this.figures = numbers[at]!;
    if (template !== "") this.template = template;
    this.coverage = { slug, figures: numbers[at + 3]!, covered: numbers[at + 1]!, ignored: numbers[at + 2]! };
    this.inputs = { facts: [numbers[at + 4]!, numbers[at + 5]!], source: [numbers[at + 6]!, numbers[at + 7]!], inputHash: "" };
  }

  get files(): FileStamps {
    if (this.#files === undefined) {
      const files: FileStamps = new Map();
      eachIndexed(this, (relative, size, time) => void files.set(relative, ["", size, time]));
      this.#files = files;
    }
    return this.#files;
  }

  set files(files: FileStamps) {
    this.#files = files;
  }

  /** Whether the map of its outputs was made (and may since have been changed). */
  get materialized(): boolean {
    return this.#files !== undefined;
  }
}

/** Calls `each` with every output of an indexed article, from the table; stops at the first `false`. */
function eachIndexed(entry: IndexedEntry, each: (relative: string, size: number, time: number) => boolean | void): boolean {
  const { names, numbers, at } = entry;
  const slug = entry.coverage.slug;
  const count = numbers[at + ARTICLE_NUMBERS - 1]!;
  let from = 1;
  for (let i = 0; i < count; i++) {
    const tab = names.indexOf("\t", from);
    const name = names.slice(from, tab === -1 ? names.length : tab);
    from = tab + 1;
    const k = at + ARTICLE_NUMBERS + 2 * i;
    if (each(name.charCodeAt(0) === 47 ? slug + name : name, numbers[k]!, numbers[k + 1]!) === false) return false;
  }
  return true;
}

/**
 * Calls `each` with the path, size and time of every output of an article,
 * in the order they were recorded, without making the map of an article
 * read from the index; stops at the first `false` and says whether it went
 * through them all.
 */
export function eachOutput(entry: IndexEntry, each: (relative: string, size: number, time: number) => boolean | void): boolean {
  if (entry instanceof IndexedEntry && !entry.materialized) return eachIndexed(entry, each);
  for (const [relative, [, size, time]] of entry.files) if (each(relative, size, time) === false) return false;
  return true;
}

/**
 * Reads the build cache's index: for each article, its inputs' stamps, its
 * story type, its outputs' paths and stamps, its figure and coverage counts. That is all a
 * build with nothing to do needs; the rest (hashes, feed items, manifest
 * entries) is read by {@link readBuildDetails} when something changed. A
 * missing or unreadable index is an empty cache.
 *
 * The index is a version line, a JSON head, then the articles' names (one
 * line each: slug, story type, then its outputs' paths, tab-separated) and,
 * from the next multiple of 8 bytes, their numbers as 64-bit floats: reading
 * it makes one string and one typed array rather than an object per figure.
 */
export async function readBuildCache(paths: ProjectPaths): Promise<BuildCache> {
  let bytes: Buffer;
  try {
    bytes = await readFile(cacheFile(paths, "index"));
  } catch {
    return { entries: {} };
  }
  try {
    const versionEnd = bytes.indexOf(10);
    const headEnd = versionEnd === -1 ? -1 : bytes.indexOf(10, versionEnd + 1);
    if (headEnd === -1 || bytes.toString("latin1", 0, versionEnd) !== INDEX_VERSION) return { entries: {} };
    const { names: namesLength, numbers: count, ...head } = JSON.parse(bytes.toString("utf8", versionEnd + 1, headEnd)) as Pick<BuildCache, "cms" | "types" | "tool" | "detailsLines"> & { names: number; numbers: number };
    const namesEnd = headEnd + 1 + namesLength;
    const numbersAt = namesEnd + ((8 - (namesEnd % 8)) % 8);
    if (!Number.isInteger(namesLength) || !Number.isInteger(count) || numbersAt + 8 * count !== bytes.length) return { entries: {} };
    // A copy, aligned as a Float64Array must be.
    const numbers = new Float64Array(count);
    new Uint8Array(numbers.buffer).set(bytes.subarray(numbersAt));
    const cache: BuildCache = { ...head, entries: {} };
    let at = 0;
    for (const line of namesLength === 0 ? [] : bytes.toString("utf8", headEnd + 1, namesEnd).split("\n")) {
      const slugEnd = line.indexOf("\t");
      const typeEnd = slugEnd === -1 ? -1 : line.indexOf("\t", slugEnd + 1);
      const outputs = numbers[at + ARTICLE_NUMBERS - 1];
      if (slugEnd === -1 || outputs === undefined || !Number.isInteger(outputs) || at + ARTICLE_NUMBERS + 2 * outputs > count) return { entries: {} };
      const names = typeEnd === -1 ? "" : line.slice(typeEnd);
      // As many paths as the numbers say.
      let paths = 0;
      for (let tab = names.indexOf("\t"); tab !== -1; tab = names.indexOf("\t", tab + 1)) paths++;
      if (paths !== outputs) return { entries: {} };
      const slug = line.slice(0, slugEnd);
      cache.entries[slug] = new IndexedEntry(slug, line.slice(slugEnd + 1, typeEnd === -1 ? line.length : typeEnd), names, numbers, at);
      at += ARTICLE_NUMBERS + 2 * outputs;
    }
    return at === count ? cache : { entries: {} };
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
  const lines: string[] = [];
  const numbers: number[] = [];
  const places: Record<string, Places> = {};
  const unsafe = /[\t\n]/;
  for (const [slug, e] of Object.entries(cache.entries)) {
    if (!e.inputs || !e.coverage || unsafe.test(slug) || unsafe.test(e.template ?? "")) continue;
    // Plain loops: this runs for every article of every build that writes anything.
    const { facts, source } = e.inputs;
    const at = numbers.length;
    numbers.push(e.figures, e.coverage.covered, e.coverage.ignored, e.coverage.figures, facts[0], facts[1], source[0], source[1], 0);
    let line = `${slug}\t${e.template ?? ""}`;
    if (e instanceof IndexedEntry && !e.materialized) {
      // As read: its names and stamps are copied from the table.
      const count = e.numbers[e.at + ARTICLE_NUMBERS - 1]!;
      line += e.names;
      for (let k = e.at + ARTICLE_NUMBERS, end = k + 2 * count; k < end; k++) numbers.push(e.numbers[k]!);
    } else {
      const own = `${slug}/`;
      const written = eachOutput(e, (relative, size, time) => {
        if (unsafe.test(relative)) return false;
        line += relative.startsWith(own) ? `\t${relative.slice(slug.length)}` : `\t${relative}`;
        numbers.push(size, time);
      });
      // An article whose paths the index cannot hold is left out of it: it is rendered again next time.
      if (!written) {
        numbers.length = at;
        continue;
      }
    }
    numbers[at + ARTICLE_NUMBERS - 1] = (numbers.length - at - ARTICLE_NUMBERS) / 2;
    lines.push(line);
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
  const detailsLines = options.append ? (cache.detailsLines ?? 0) + added.length : lines.length;
  const names = Buffer.from(lines.join("\n"), "utf8");
  const head = Buffer.from(`${INDEX_VERSION}\n${JSON.stringify({ cms: cache.cms, types: cache.types, tool: cache.tool, detailsLines, names: names.length, numbers: numbers.length })}\n`, "utf8");
  const padding = Buffer.alloc((8 - ((head.length + names.length) % 8)) % 8);
  try {
    const index = cacheFile(paths, "index");
    await mkdir(path.dirname(index), { recursive: true });
    // The details first: an index is never newer than the details it goes with.
    if (options.append) await appendFile(cacheFile(paths, "details"), added.join(""));
    else await writeWhole(cacheFile(paths, "details"), detailsOf(Object.keys(cache.entries).sort()));
    await writeWhole(cacheFile(paths, "places"), [JSON.stringify(places)]);
    await writeWhole(index, [head, names, padding, new Uint8Array(new Float64Array(numbers).buffer)]);
  } catch {
    // The cache is an optimisation only.
  }
}

/**
 * Writes a file from its pieces (texts, in writes of about 1 MB, and bytes), through a
 * temporary file renamed into place; when that fails, the file is left as it
 * was and the temporary file is removed.
 */
async function writeWhole(file: string, pieces: Iterable<string | Uint8Array>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      let chunk = "";
      for (const piece of pieces) {
        if (typeof piece !== "string") {
          if (chunk !== "") await handle.write(chunk);
          chunk = "";
          await handle.write(piece);
          continue;
        }
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
