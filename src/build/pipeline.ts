/**
 * The library API: read → parse and validate → render every article in
 * every locale → verify → plan → write. Each stage reports diagnostics;
 * nothing is written unless every stage passed.
 */
import { compareDiagnostics, compareStrings, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { articleInputHash, hashOf, RENDER_VERSION, sha256, sharedInputsHash, storyTypeHashes } from "./cache.ts";
import { emptyResult, type RunResult } from "./result.ts";
import { staleOutputs } from "./stale.ts";
import type { ArticleJob, ArticleOutcome } from "./article.ts";
import type { ProgressReporter } from "./progress.ts";
import type { SourceCoverage } from "../provenance/check.ts";
import { LOCALES, type Locale } from "../types.ts";
import { checkOutputLocation, checkPreviewLocation, checkProjectRoot } from "../io/paths.ts";
import { lockOutputs } from "../io/lock.ts";
import { mapLimit } from "../io/limit.ts";
import { eachOutput, readBuildCache, readBuildDetails, readBuildPlaces, readStoryTypeCache, sourceFingerprint, writeBuildCache, writeStoryTypeCache, type BuildCache, type FileStamps } from "../io/cache.ts";
import type { StoryTypeDefinition } from "../content/story-type.ts";
import { exists, fileStamp, listArticles, listOutputs, readArticle, readOutputBytes, readOutputBytesInto, readOutputFiles, readOutputs, readProject, readSharedInputs, type ProjectInputs } from "../io/read.ts";
import { gather } from "../io/gather.ts";
import { beginOutputs, createSpool, recoverOutputs, writePreview, type OutputTransaction, type Spool, type Spooled } from "../io/write.ts";
import type { ArticleFiles, OutputFile, ProjectPaths } from "../types.ts";
import type { ManifestBrief } from "../render/feeds.ts";
import { briefPath, feedPath, MANIFEST_PATH, parseBriefPath } from "../plan/layout.ts";
import type { VerifyArticle } from "../verify/verify.ts";
import type { InputText } from "../verify/origin.ts";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";

export { RENDER_VERSION, type RunResult };


/** Options of {@link build}. */
export interface BuildOptions {
  /** Render and verify, then compare with the output folder instead of writing. @default false */
  dryRun?: boolean;
  /**
   * Reuse the verified outputs of articles whose inputs (and newsbrief
   * itself) have not changed since the last build, when the files in the
   * output folder are still exactly those outputs. @default true
   */
  cache?: boolean;
  /** How long to wait for another build that holds the output folder, in ms. @default 0 */
  waitMs?: number;
  /** Worker threads for rendering and verifying. @default one per core */
  jobs?: number;
  /** Fewer articles than this are rendered in this thread whatever `jobs` says. @default 64 */
  poolFrom?: number;
  /** Feeds and manifests with more articles rendered than this are written in two passes rather than put together in memory. @default 2000 */
  heldItems?: number;
  /** Reports progress. */
  progress?: ProgressReporter;
}

/**
 * Renders, verifies and (unless `dryRun`) writes every article's briefs.
 * Writing happens under a lock on the output folder, after cleaning up any
 * build that was interrupted; nothing is written unless every stage passed.
 */
export async function build(paths: ProjectPaths, options: BuildOptions = {}): Promise<RunResult> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location };
  if (options.dryRun) return run(paths, options);
  const root = await checkProjectRoot(paths);
  if (root.length > 0) return { ...emptyResult(), diagnostics: root };
  const { lock, heldBy } = await lockOutputs(paths, options.waitMs ?? 0);
  if (!lock) {
    const owner = heldBy!;
    return {
      ...emptyResult(),
      lockedBy: owner,
      diagnostics: [diagnose(CATALOGUE["out/locked"], { out: paths.out, holder: owner, wait: true }, { file: paths.out })],
    };
  }
  try {
    const recovered = await recoverOutputs(paths);
    const result = await run(paths, options);
    return recovered.length > 0 ? { ...result, recovered } : result;
  } finally {
    await lock.release();
  }
}

async function run(paths: ProjectPaths, options: BuildOptions): Promise<RunResult> {
  if (options.dryRun) return runInMemory(paths, options);
  const useCache = options.cache !== false;
  const diagnostics: Diagnostic[] = [];
  const [shared, slugs, cache, tool] = await Promise.all([
    readSharedInputs(paths, diagnostics),
    listArticles(paths, diagnostics),
    readBuildCache(paths),
    sourceFingerprint(),
  ]);
  const sharedHash = sharedInputsHash({ ...shared, articles: [], diagnostics: [] });
  const typeHashes = storyTypeHashes(shared);
  const result: RunResult = { ...emptyResult(), diagnostics, coverage: [] };
  const entries: BuildCache["entries"] = {};
  // Stamps by absolute path, joined once: a build with nothing to do stats every input and output and does little else.
  const outDir = `${path.resolve(paths.root, paths.out)}${path.sep}`;
  const contentDir = `${path.resolve(paths.root, paths.content)}${path.sep}`;
  // Whether a file in out/ still has the size and time recorded for it.
  const asRecorded = (relative: string, size: number, time: number) => {
    const stamp = fileStamp(outDir + relative);
    return stamp !== undefined && stamp[0] === size && stamp[1] === time;
  };
  const intact = (files: Iterable<[string, [string, number, number]]> | undefined) => {
    if (files === undefined) return false;
    for (const [relative, recorded] of files) if (!asRecorded(relative, recorded[1], recorded[2])) return false;
    return true;
  };
  // An article's outputs, checked against the index without making its map of them.
  const outputsIntact = (entry: BuildCache["entries"][string]) => eachOutput(entry, asRecorded);
  // No output folder yet (a first build): every file is new, none is read to compare.
  const noOutput = !(await exists(outDir));
  // Whether a file differs from what out/ holds: by its recorded hash when the file is as recorded, else by the hash of its bytes on disk.
  const differsFrom = async (relative: string, digest: string, before: [string, number, number] | undefined): Promise<boolean> => {
    if (noOutput) return true;
    if (before && before[0] !== "" && intact([[relative, before]])) return before[0] !== digest;
    // Its bytes, hashed: never decoded into text.
    const onDisk = await readOutputBytes(paths, relative);
    return onDisk === undefined || sha256(onDisk) !== digest;
  };
  const cmsIntact = intact(Object.entries(cache.cms ?? {})) && Object.keys(cache.cms ?? {}).length === LOCALES.length + 1;
  // The index alone decides that nothing changed; where reused articles sit in the feeds and the manifest is read once something did, and their hashes only when needed.
  let detailed: Promise<boolean> | undefined;
  // A reused article's entry of this build is its entry of the cache: what is read later (places, details) is read into it.
  const details = () => (detailed ??= readBuildDetails(paths, cache));
  let placing: Promise<boolean> | undefined;
  const placed = () => (placing ??= readBuildPlaces(paths, cache));

  // Which articles can be reused as they are: same inputs (by their stamps, else their texts), same story type (its template and the messages it uses), same code, outputs untouched.
  const toRender: string[] = [];
  const reused: string[] = [];
  const touched: string[] = [];
  const readLater = new Map<string, ArticleFiles>();
  const same = (a?: [number, number], b?: [number, number]) => a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
  const usable = (entry: BuildCache["entries"][string] | undefined): entry is BuildCache["entries"][string] => {
    if (!useCache || !entry?.inputs || !entry.coverage || entry.template === undefined || cache.tool !== tool) return false;
    const typeHash = typeHashes.get(entry.template);
    return typeHash !== undefined && cache.types?.[entry.template] === typeHash;
  };
  // First by stamps alone, in this thread: no promise, no read.
  for (const slug of slugs) {
    const entry = cache.entries[slug];
    if (!usable(entry)) {
      toRender.push(slug);
      continue;
    }
    const facts = fileStamp(`${contentDir}${slug}${path.sep}facts.yaml`);
    const source = fileStamp(`${contentDir}${slug}${path.sep}source.fr.md`);
    if (!facts || !source) toRender.push(slug);
    else if (!outputsIntact(entry)) toRender.push(slug);
    else if (same(facts, entry.inputs!.facts) && same(source, entry.inputs!.source)) {
      entries[slug] = entry;
      reused.push(slug);
    } else touched.push(slug);
  }
  // Inputs touched since: reused when their texts hash as before.
  await mapLimit(touched, 32, async (slug) => {
    const entry = cache.entries[slug]!;
    const files = await readArticle(paths, slug, []);
    const facts = fileStamp(`${contentDir}${slug}${path.sep}facts.yaml`);
    const source = fileStamp(`${contentDir}${slug}${path.sep}source.fr.md`);
    await placed();
    if (files && facts && source && entry.inputs!.inputHash !== "") {
      readLater.set(slug, files);
      if (articleInputHash(typeHashes.get(entry.template!)!, files.factsText, files.sourceText) === entry.inputs!.inputHash) {
        entry.inputs = { facts, source, inputHash: entry.inputs!.inputHash };
        entries[slug] = entry;
        reused.push(slug);
        return;
      }
    }
    toRender.push(slug);
  });
  toRender.sort(compareStrings);
  reused.sort(compareStrings);
  const known = new Set(slugs);
  const gone = Object.keys(cache.entries).filter((slug) => !known.has(slug));


  for (const slug of reused) {
    const entry = entries[slug]!;
    result.coverage!.push(entry.coverage as SourceCoverage);
    result.figuresVerified += entry.figures;
    result.articles++;
    result.cached++;
  }
  // Nothing changed since a verified build: the renderer is not even loaded.
  const nothingToDo = toRender.length === 0 && gone.length === 0 && cmsIntact && !hasErrors(diagnostics);
  if (nothingToDo) {
    result.files = filesOf(entries, cache.cms);
    result.coverage!.sort((a, b) => compareStrings(a.slug, b.slug));
    return result;
  }
  // Reused articles need where their feed items and manifest entries sit, and the feeds and manifest as recorded; without them, they are rendered again.
  if (reused.length > 0 && (!cmsIntact || !(await placed()))) {
    toRender.push(...reused.splice(0));
    toRender.sort(compareStrings);
    result.coverage = [];
    result.figuresVerified = 0;
    result.articles = 0;
    result.cached = 0;
  }
  const { createStage, processArticles, defaultJobs, FEED_TITLE_KEY, feedPieces, feedTitles, manifestArticleText, manifestPieces } = await renderModules();
  const { definitions: storyTypes, templates: cleanTemplates } = useCache ? await readStoryTypeCache<StoryTypeDefinition>(paths, tool) : { definitions: {}, templates: [] };
  const sharedInputs = { ...shared, localesDir: paths.locales, out: paths.out, broken: hasErrors(diagnostics), storyTypes, cleanTemplates };
  const stage = createStage(sharedInputs);
  diagnostics.push(...stage.diagnostics);
  const missingTitle = LOCALES.filter((l) => stage.messages.catalog.size > 0 && !stage.messages.catalog.get(l)?.has(FEED_TITLE_KEY));

  // Few changes are patched into out/; many (or an out/ that is not as recorded) get a whole new tree.
  const patch = useCache && cmsIntact && toRender.length + gone.length <= Math.max(8, slugs.length / 4) && reused.length > 0;
  const tx = await beginOutputs(paths, patch ? "patch" : "swap");
  let committed = false;
  try {
    // Feed items: those of rendered articles set aside as they come, those of reused ones read from the feeds on disk.
    const items = new Map<Locale, FeedEntry[]>(LOCALES.map((l) => [l, []]));
    const briefs = new Map<string, ManifestBrief[]>();
    const hashes = new Map<string, string>();
    let failed = hasErrors(diagnostics);
    const progress = options.progress?.("build", toRender.length);
    let nextIndex = 0;
    const next = async (): Promise<ArticleJob | undefined> => {
      while (nextIndex < toRender.length) {
        const slug = toRender[nextIndex++]!;
        const files = readLater.get(slug) ?? (await readArticle(paths, slug, diagnostics));
        readLater.delete(slug);
        if (!files) {
          progress?.tick();
          continue;
        }
        return { files };
      }
      return undefined;
    };
    const handle = async (outcome: ArticleOutcome): Promise<void> => {
      progress?.tick();
      diagnostics.push(...outcome.diagnostics);
      if (outcome.coverage) result.coverage!.push(outcome.coverage);
      if (!outcome.rendered) return;
      result.articles++;
      result.figuresVerified += outcome.figures;
      if (hasErrors(outcome.diagnostics)) failed = true;
      if (failed) return;
      const previous = cache.entries[outcome.slug]?.files ?? new Map<string, [string, number, number]>();
      const files: FileStamps = new Map();
      // Files a worker staged itself: only their stamps came over.
      await Promise.all(
        (outcome.staged ?? []).map(async ([relative, digest, size, mtime]) => {
          if (await differsFrom(relative, digest, previous.get(relative))) result.changed.push(relative);
          tx.adopt(relative);
          files.set(relative, [digest, size, mtime]);
        }),
      );
      await Promise.all(
        outcome.files.map(async (file) => {
          const digest = sha256(file.contents);
          const before = previous.get(file.path);
          if (patch && before && before[0] === digest && intact([[file.path, before]])) {
            files.set(file.path, before);
            return;
          }
          const changed = await differsFrom(file.path, digest, before);
          // Hashes not read (the details): a file found the same on disk is left as it is too.
          const stamp = patch && !changed && before && before[0] === "" ? fileStamp(outDir + file.path) : undefined;
          if (stamp) {
            files.set(file.path, [digest, stamp[0], stamp[1]]);
            return;
          }
          if (changed) result.changed.push(file.path);
          const [size, mtime] = await tx.put(file.path, file.contents);
          files.set(file.path, [digest, size, mtime]);
        }),
      );
      for (const [locale, item] of Object.entries(outcome.items)) items.get(locale as Locale)!.push({ date: item.date, slug: outcome.slug, spooled: await tx.spool(item.text) });
      briefs.set(outcome.slug, outcome.briefs);
      entries[outcome.slug] = { key: "", figures: outcome.figures, ...(outcome.template === undefined ? {} : { template: outcome.template }), files, coverage: outcome.coverage!, briefs: outcome.briefs };
      if (outcome.inputHash !== undefined) hashes.set(outcome.slug, outcome.inputHash);
      // What the last build recorded of it is not needed any more (a build after an upgrade renders every article).
      delete cache.entries[outcome.slug];
    };
    // The stamps and hash of each rendered article's inputs, recorded for the next build.
    const inputsOf = new Map<string, { facts: [number, number]; source: [number, number] }>();
    const recording = async (): Promise<ArticleJob | undefined> => {
      const job = await next();
      if (job) {
        const facts = fileStamp(path.resolve(paths.root, job.files.factsFile));
        const source = fileStamp(path.resolve(paths.root, job.files.sourceFile));
        if (facts && source) inputsOf.set(job.files.slug, { facts, source });
      }
      return job;
    };
    await processArticles(sharedInputs, sharedHash, toRender.length, recording, handle, { jobs: options.jobs ?? defaultJobs(), ...(options.poolFrom === undefined ? {} : { poolFrom: options.poolFrom }), ...(failed || tx.staging === undefined ? {} : { staging: tx.staging }) }, stage);
    progress?.done();
    for (const l of missingTitle) diagnostics.push(diagnose(CATALOGUE["locale/missing-message"], { key: FEED_TITLE_KEY, locale: l }, { file: `${paths.locales}/${l}.json` }));
    if (failed || hasErrors(diagnostics) || !shared.pageTemplate || stage.broken) {
      await tx.abort();
      diagnostics.sort(compareDiagnostics);
      result.files = [];
      result.changed = [];
      return result;
    }
    for (const [slug, stamps] of inputsOf) {
      const entry = entries[slug];
      const inputHash = hashes.get(slug);
      if (entry && inputHash !== undefined) {
        entry.inputs = { ...stamps, inputHash };
        entry.key = hashOf(tool, inputHash);
      }
    }

    // The feeds and the manifest, one locale at a time: items of reused articles are the bytes recorded for them in the feed on disk.
    const renderedNow = [...briefs.keys()];
    const titles = feedTitles(stage.messages.catalog);
    const cmsIndex: Record<string, [string, number, number]> = {};
    const feedHashes: string[] = [];
    // The feeds and the manifest on disk are read one after the other into one buffer; each is written before the next is read.
    const scratch: { buffer?: Buffer } = {};
    for (const locale of LOCALES) {
      const list = items.get(locale)!;
      const old = reused.length > 0 ? readOutputBytesInto(paths, feedPath(locale), scratch) : undefined;
      for (const slug of reused) {
        const at = entries[slug]!.feed?.[locale];
        if (at) list.push({ date: at[2], slug, from: at[0], to: at[1] });
      }
      list.sort((a, b) => compareStrings(b.date, a.date) || compareStrings(a.slug, b.slug));
      const texts = function* () {
        for (const item of list) yield item.spooled ? tx.unspool(item.spooled) : old!.subarray(item.from, item.to);
      };
      const rendered = list.reduce((count, item) => count + (item.spooled ? 1 : 0), 0);
      const feed = layOut(() => feedPieces(locale, titles[locale], texts(), stage.site), rendered <= (options.heldItems ?? HELD_ITEMS));
      // Pieces alternate: what comes before an item, then the item.
      for (const [i, item] of list.entries()) (entries[item.slug]!.feed ??= {})[locale] = [feed.starts[2 * i + 1]!, feed.starts[2 * i + 2]!, item.date];
      feedHashes.push(`sha256:${feed.digest}`);
      await writeCms(feedPath(locale), feed);
      items.delete(locale);
    }
    // The manifest too, article by article: reused articles' entries are their bytes in the manifest on disk.
    const listed = [...renderedNow, ...reused].sort(compareStrings);
    const oldManifest = reused.length > 0 ? readOutputBytesInto(paths, MANIFEST_PATH, scratch) : undefined;
    // Rendered articles' entries carry no position (yet): their text is made again, as is a reused one's when the manifest cannot be read.
    const kept = listed.map((slug) => (oldManifest ? entries[slug]!.manifest : undefined));
    if (kept.some((at, i) => at === undefined && !briefs.has(listed[i]!))) {
      await details();
      for (const slug of reused) if (!entries[slug]!.briefs) throw new Error(`no manifest entry recorded for ${slug}`);
    }
    const manifestEntries = function* () {
      for (const [i, slug] of listed.entries()) {
        const at = kept[i];
        yield at ? oldManifest!.subarray(at[0], at[1]) : manifestArticleText(slug, briefs.get(slug) ?? entries[slug]!.briefs!);
      }
    };
    const manifest = layOut(() => manifestPieces(manifestEntries(), feedHashes), renderedNow.length <= (options.heldItems ?? HELD_ITEMS));
    for (const [i, slug] of listed.entries()) entries[slug]!.manifest = [manifest.starts[2 * i + 1]!, manifest.starts[2 * i + 2]!];
    await writeCms(MANIFEST_PATH, manifest);
    async function writeCms(relative: string, { digest, contents }: LaidOut): Promise<void> {
      const before = cache.cms?.[relative];
      if (patch && before && before[0] === digest) {
        cmsIndex[relative] = before;
        return;
      }
      if (await differsFrom(relative, digest, before)) result.changed.push(relative);
      const [size, mtime] = await (typeof contents === "function" ? tx.putPieces(relative, contents()) : tx.put(relative, contents));
      cmsIndex[relative] = [digest, size, mtime];
    }

    if (patch) {
      for (const slug of gone) for (const relative of cache.entries[slug]!.files.keys()) {
        tx.remove(relative);
        result.changed.push(relative);
      }
    } else {
      // A new tree: unchanged files of reused articles are kept from the current one.
      await mapLimit(reused.flatMap((slug) => [...entries[slug]!.files.keys()]), 32, (relative) => tx.keep(relative));
      if (!useCache || !cmsIntact) {
        // What out/ held that this build does not write.
        const wanted = new Set([...Object.values(entries).flatMap((e) => [...e.files.keys()]), ...Object.keys(cmsIndex)]);
        for (const relative of await listOutputs(paths)) if (!wanted.has(relative) && !result.changed.includes(relative)) result.changed.push(relative);
      } else {
        for (const slug of gone) result.changed.push(...cache.entries[slug]!.files.keys());
      }
    }
    if (result.changed.length === 0 && patch) await tx.abort();
    else await tx.commit();
    committed = true;
    result.changed.sort(compareStrings);
    // The details of the articles rendered are added to the file; it is written whole when nothing was reused, when it was read anyway, or when it has grown past twice the articles.
    const grown = (cache.detailsLines ?? Number.POSITIVE_INFINITY) > 2 * Object.keys(entries).length + 64;
    if (reused.length > 0 && grown) await details();
    const whole = reused.length === 0 || detailed !== undefined;
    await writeBuildCache(paths, { entries, cms: cmsIndex, types: Object.fromEntries(typeHashes), tool, ...(cache.detailsLines === undefined ? {} : { detailsLines: cache.detailsLines }) }, whole ? {} : { append: renderedNow });
    // Story types parsed and templates checked for the first time are kept for the next build (a failed build writes nothing).
    const wasClean = new Set(cleanTemplates);
    if ([...stage.storyTypes.keys()].some((key) => !(key in storyTypes)) || [...stage.cleanTemplates].some((key) => !wasClean.has(key))) {
      await writeStoryTypeCache(paths, tool, stage.storyTypes, stage.cleanTemplates);
    }
    result.files = filesOf(entries, cmsIndex);
    result.coverage!.sort((a, b) => compareStrings(a.slug, b.slug));
    diagnostics.sort(compareDiagnostics);
    return result;
  } catch (error) {
    if (!committed) await tx.abort().catch(() => undefined);
    if (committed) throw error;
    result.changed = [];
    const code = (error as NodeJS.ErrnoException).code;
    result.diagnostics.push(diagnose(CATALOGUE["out/write-failed"], { out: paths.out, reason: code ?? (error instanceof Error ? error.message : String(error)) }, { file: paths.out }));
    await recoverOutputs(paths).catch(() => []);
    return result;
  }
}

/**
 * Feeds and manifests with at most this many articles rendered by the build
 * are put together in memory, as runs of the files they replace and the new
 * items ({@link gather}); larger ones (a first build, a new tree) are read
 * through twice, once for their hash and once to write them, so that the
 * build never holds them whole.
 */
const HELD_ITEMS = 2000;

/** A feed or the manifest laid out: its hash, where each piece starts, and what writes it (its parts, or its pieces made again). */
interface LaidOut {
  digest: string;
  starts: number[];
  contents: readonly Uint8Array[] | (() => Iterable<string | Uint8Array>);
}

function layOut(pieces: () => Iterable<string | Uint8Array>, held: boolean): LaidOut {
  if (held) {
    const { parts, starts } = gather(pieces());
    return { digest: sha256(parts), starts, contents: parts };
  }
  const hash = createHash("sha256");
  const starts: number[] = [];
  let at = 0;
  for (const piece of pieces()) {
    hash.update(piece);
    starts.push(at);
    at += typeof piece === "string" ? Buffer.byteLength(piece, "utf8") : piece.byteLength;
  }
  starts.push(at);
  return { digest: hash.digest("hex"), starts, contents: pieces };
}

/** A feed item of the build: set aside by the output transaction when rendered, bytes of the feed on disk when reused. */
interface FeedEntry {
  date: string;
  slug: string;
  spooled?: Spooled;
  from?: number;
  to?: number;
}

/** The paths of every output, for the summary (contents are not kept). */
function filesOf(entries: BuildCache["entries"], cms: BuildCache["cms"]): OutputFile[] {
  const paths: string[] = [];
  const add = (relative: string) => void paths.push(relative);
  for (const slug in entries) eachOutput(entries[slug]!, add);
  paths.push(...Object.keys(cms ?? {}));
  paths.sort(); // code-unit order, as compareStrings
  const files: OutputFile[] = new Array(paths.length);
  for (let i = 0; i < paths.length; i++) files[i] = { path: paths[i]!, contents: "" };
  return files;
}

/** A dry run: everything rendered and verified in memory, then compared with out/. */
async function runInMemory(paths: ProjectPaths, options: BuildOptions): Promise<RunResult> {
  const [inputs, onDisk] = await Promise.all([readProject(paths), readOutputs(paths)]);
  const { result } = await renderAll(inputs, paths, options);
  if (hasErrors(result.diagnostics)) return result;
  result.diagnostics.push(...staleOutputs(paths, result.files, onDisk));
  result.diagnostics.sort(compareDiagnostics);
  return result;
}

/**
 * Renders and verifies every article that can be rendered, and writes its
 * briefs to `dir` even when verification fails, so that each problem can be
 * read at its line in the file that has it; the output folder is never
 * touched. Diagnostics on outputs name the preview's files.
 */
export async function preview(paths: ProjectPaths, dir: string, options: { jobs?: number } = {}): Promise<RunResult & { previewed: string[] }> {
  const location = checkPreviewLocation(paths, dir);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location, previewed: [] };
  const inputs = await readProject(paths);
  const { result } = await renderAll(inputs, paths, options, true);
  const files = result.files.filter((file) => parseBriefPath(file.path) !== undefined);
  const previewed = await writePreview(paths, dir, files);
  const moved = (file: string) => (file.startsWith(`${paths.out}/`) ? `${dir}/${file.slice(paths.out.length + 1)}` : file);
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, file: moved(d.file) })), previewed };
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Check only these articles (and the outputs under their folders). @default every article */
  articles?: ReadonlySet<string>;
  /** Worker threads. @default one per core */
  jobs?: number;
  /** Fewer articles than this are checked in this thread. @default 64 */
  poolFrom?: number;
  /**
   * Record the SHA-256 of each brief file read from out/ in the result's
   * `outputHashes` (for publishing, which reads the files again and makes
   * sure they are still the ones verified). @default false
   */
  recordOutputs?: boolean;
  /** Reports progress. */
  progress?: ProgressReporter;
  /**
   * Also lint the Markdown briefs checked, with the rules the settings'
   * `lint.check` selects (the typography rules unless it is `all`); what the
   * command `newsbrief check` does. @default false
   */
  lint?: boolean;
}

/**
 * Checks the output folder as it is on disk: every figure of every brief is
 * read back and matched to the dataset, and every file must be exactly
 * what a build would write; with `lint`, the briefs' language too. Never
 * uses the build cache.
 */
export async function check(paths: ProjectPaths, options: CheckOptions = {}): Promise<RunResult> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) return { ...emptyResult(), diagnostics: location };
  // The articles' feed items wait in a file of the system's temporary folder until the feeds are put together.
  const spool = createSpool(path.join(tmpdir(), `newsbrief-check-${randomUUID()}.spool`));
  try {
    return await checkWith(paths, options, spool);
  } finally {
    spool.close();
  }
}

async function checkWith(paths: ProjectPaths, options: CheckOptions, spool: Spool): Promise<RunResult> {
  const diagnostics: Diagnostic[] = [];
  const [shared, listed, onDiskPaths] = await Promise.all([readSharedInputs(paths, diagnostics), listArticles(paths, diagnostics), listOutputs(paths)]);
  const slugs = options.articles ? listed.filter((slug) => options.articles!.has(slug)) : listed;
  const whole = options.articles === undefined;
  const sharedHash = sharedInputsHash({ ...shared, articles: [], diagnostics: [] });
  const result: RunResult = { ...emptyResult(), diagnostics, coverage: [] };
  const onDiskSet = new Set(onDiskPaths);
  const outputHashes = new Map<string, string>();
  const expected: string[] = [];
  // Each article's feed items, set aside until the feeds are put together.
  const items = new Map<Locale, Array<{ date: string; slug: string; spooled: Spooled }>>(LOCALES.map((l) => [l, []]));
  const briefs = new Map<string, ManifestBrief[]>();
  const verifyTargets = new Map<string, VerifyArticle>();
  // Each outcome from a worker brings its own copy of the locale files and templates; the copies kept for the feeds' verification share one.
  const inputTexts = new Map<string, InputText>();
  const sharingInputs = (target: VerifyArticle): VerifyArticle => {
    if (!target.inputs) return target;
    const inputs = target.inputs.map((input) => {
      const known = inputTexts.get(input.file);
      if (known && known.kind === input.kind && known.locale === input.locale && known.text === input.text) return known;
      if (input.kind !== "facts") inputTexts.set(input.file, input);
      return input;
    });
    return { ...target, inputs };
  };
  const storyTypes = new Map<string, string>();
  const { createStage, processArticles, defaultJobs, FEED_TITLE_KEY, feedPieces, feedTitles, manifestArticleText, manifestPieces, verifyCmsOutputs, cmsPartHashes } = await renderModules();
  // The feeds and the manifest as they are on disk, read before the articles (as bytes) for the
  // hash of each article's part of them: an article whose parts there are as a build writes them,
  // and verified clean in its worker, is not sent back to verify them again at the end. Only the
  // hashes are kept: the files are read again at the end, one at a time.
  const cmsOnDisk = new Map<string, { parts: Map<string, string> }>();
  if (whole) {
    for (const relative of [...LOCALES.map((l) => feedPath(l)), MANIFEST_PATH]) {
      if (!onDiskSet.has(relative)) continue;
      const bytes = await readOutputBytes(paths, relative);
      if (bytes !== undefined) cmsOnDisk.set(relative, { parts: cmsPartHashes(relative, bytes) });
    }
  }

  const sharedInputs = { ...shared, localesDir: paths.locales, out: paths.out, broken: hasErrors(diagnostics) };
  const stage = createStage(sharedInputs);
  diagnostics.push(...stage.diagnostics);
  // The lint rules run on each article's briefs as they are read; spelling only when the settings ask for it.
  const linting = options.lint ? await import("./lint.ts") : undefined;
  const lintSettings = options.lint ? (await import("../content/config.ts")).parseConfig(shared.config?.text, shared.config?.file).config.lint : undefined;
  const spellers = linting ? await linting.spellersFor(paths, lintSettings?.check ?? "typography", lintSettings, diagnostics) : undefined;
  const lintFindings: Diagnostic[] = [];
  // This thread reads the files of out/ when it needs them itself (spelling, whose dictionaries stay here); otherwise each article's are read, hashed and linted where it is verified.
  const readsHere = spellers !== undefined && Object.keys(spellers).length > 0;
  const outDir = path.join(paths.root, paths.out);
  const progress = options.progress?.("check", slugs.length);
  let nextIndex = 0;
  const next = async (): Promise<ArticleJob | undefined> => {
    while (nextIndex < slugs.length) {
      const slug = slugs[nextIndex++]!;
      const files = await readArticle(paths, slug, diagnostics);
      if (!files) {
        inputsFailed = true;
        progress?.tick();
        continue;
      }
      const own = LOCALES.flatMap((l) => [briefPath(slug, l, "md"), briefPath(slug, l, "html")]).filter((p) => onDiskSet.has(p));
      let job: ArticleJob;
      if (readsHere) {
        const read = await readOutputFiles(paths, own);
        if (options.recordOutputs) for (const [p, text] of read) outputHashes.set(p, sha256(text));
        if (linting && spellers) lintFindings.push(...linting.lintArticle(paths, shared, files, read, spellers, lintSettings));
        job = { files, onDisk: Object.fromEntries(read) };
      } else {
        // The files of out/ are read, and linted, where the article is verified.
        job = { files, readFrom: { dir: outDir, paths: own }, ...(linting ? { lint: lintSettings ? { settings: lintSettings } : {} } : {}), ...(options.recordOutputs ? { hashOnDisk: true } : {}) };
      }
      if (!whole) return job;
      const cmsParts: Record<string, string> = {};
      for (const [relative, onDisk] of cmsOnDisk) {
        const hash = onDisk.parts.get(slug);
        if (hash !== undefined) cmsParts[relative] = hash;
      }
      return { ...job, cmsOnDisk: cmsParts };
    }
    return undefined;
  };
  // Problems with the inputs stop a check before the outputs are compared, as a build stops before writing.
  let inputsFailed = hasErrors(diagnostics);
  const handle = (outcome: ArticleOutcome): void => {
    progress?.tick();
    diagnostics.push(...outcome.diagnostics);
    if (outcome.lint) lintFindings.push(...outcome.lint);
    if (outcome.onDiskHashes) for (const [relative, hash] of Object.entries(outcome.onDiskHashes)) outputHashes.set(relative, hash);
    if (outcome.coverage) result.coverage!.push(outcome.coverage);
    if (!outcome.rendered) {
      if (hasErrors(outcome.diagnostics)) inputsFailed = true;
      return;
    }
    result.articles++;
    result.figuresVerified += outcome.figures;
    expected.push(...LOCALES.flatMap((l) => [briefPath(outcome.slug, l, "md"), briefPath(outcome.slug, l, "html")]));
    for (const [locale, item] of Object.entries(outcome.items)) items.get(locale as Locale)!.push({ date: item.date, slug: outcome.slug, spooled: spool.put(item.text) });
    briefs.set(outcome.slug, outcome.briefs);
    if (outcome.verify) verifyTargets.set(outcome.slug, sharingInputs(outcome.verify));
    else if (whole && outcome.cms) for (const [relative, onDisk] of cmsOnDisk) if (onDisk.parts.has(outcome.slug)) result.figuresVerified += outcome.cms.parts[relative]!.figures;
    if (outcome.template !== undefined) storyTypes.set(outcome.slug, outcome.template);
  };
  await processArticles(sharedInputs, sharedHash, slugs.length, next, handle, { jobs: options.jobs ?? defaultJobs(), ...(options.poolFrom === undefined ? {} : { poolFrom: options.poolFrom }) }, stage);
  progress?.done();
  result.coverage!.sort((a, b) => compareStrings(a.slug, b.slug));
  if (inputsFailed || stage.broken) {
    diagnostics.sort(compareDiagnostics);
    return result;
  }
  if (whole) {
    const missing = LOCALES.filter((l) => !stage.messages.catalog.get(l)?.has(FEED_TITLE_KEY));
    for (const l of missing) diagnostics.push(diagnose(CATALOGUE["locale/missing-message"], { key: FEED_TITLE_KEY, locale: l }, { file: `${paths.locales}/${l}.json` }));
    if (missing.length === 0) {
      // The feeds and the manifest as a build would write them, and as they are: one file at a time, so that only one is held.
      const titles = feedTitles(stage.messages.catalog);
      // A file as a build would write it is put together as text only when it differs from the one on disk (to say where).
      const verifyCms = async (relative: string, pieces: () => Iterable<string | Uint8Array>): Promise<string> => {
        const hash = createHash("sha256");
        for (const piece of pieces()) hash.update(piece);
        const digest = hash.digest("hex");
        const snapshot = cmsOnDisk.has(relative) ? await readOutputBytes(paths, relative) : undefined;
        cmsOnDisk.delete(relative);
        const same = snapshot !== undefined && sha256(snapshot) === digest;
        if (same && verifyTargets.size === 0) {
          expected.push(relative);
          return `sha256:${digest}`;
        }
        const onDisk = new Map(snapshot ? [[relative, snapshot.toString("utf8")]] : []);
        // Verified here: the articles kept for it, and whatever in the file is not as a build writes it.
        if (snapshot) {
          const verification = verifyCmsOutputs(paths.out, onDisk, verifyTargets);
          for (const found of verification.figures.values()) result.figuresVerified += found.length;
          diagnostics.push(...verification.diagnostics);
        }
        if (!same) diagnostics.push(...staleOutputs(paths, [{ path: relative, contents: Buffer.concat([...pieces()].map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p))).toString("utf8") }], onDisk, false));
        expected.push(relative);
        return `sha256:${digest}`;
      };
      const feedHashes: string[] = [];
      for (const locale of LOCALES) {
        const sorted = items.get(locale)!.sort((a, b) => compareStrings(b.date, a.date) || compareStrings(a.slug, b.slug));
        feedHashes.push(await verifyCms(feedPath(locale), () => feedPieces(locale, titles[locale], unspooled(spool, sorted), stage.site)));
        items.delete(locale);
      }
      const slugsInOrder = [...briefs.keys()].sort(compareStrings);
      const entries = function* (): Generator<string> {
        for (const slug of slugsInOrder) yield manifestArticleText(slug, briefs.get(slug)!);
      };
      await verifyCms(MANIFEST_PATH, () => manifestPieces(entries(), feedHashes));
    }
  }
  // Files in out/ that no article produces any more.
  const wanted = new Set(expected);
  for (const relative of onDiskPaths) {
    if (!whole && !options.articles!.has(relative.split("/")[0]!)) continue;
    if (!wanted.has(relative)) diagnostics.push(diagnose(CATALOGUE["out/orphan"], {}, { file: `${paths.out}/${relative}` }));
  }
  result.files = expected.sort(compareStrings).map((path) => ({ path, contents: "" }));
  diagnostics.push(...lintFindings);
  diagnostics.sort(compareDiagnostics);
  return { ...result, figuresVerified: result.figuresVerified, storyTypes, ...(options.recordOutputs ? { outputHashes: new Map([...outputHashes].sort(([a], [b]) => compareStrings(a, b))) } : {}) };
}

/** The texts of `list`, read back from the spool one at a time. */
function* unspooled(spool: Spool, list: ReadonlyArray<{ spooled: Spooled }>): Generator<Buffer> {
  for (const item of list) yield spool.get(item.spooled);
}

/** Every article rendered and verified in memory (a dry run, a preview), with the feeds and the manifest. */
async function renderAll(inputs: ProjectInputs, paths: ProjectPaths, options: { jobs?: number; poolFrom?: number }, preview = false): Promise<{ result: RunResult }> {
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  const result: RunResult = { ...emptyResult(), diagnostics, coverage: [] };
  const sharedInputs = { templates: inputs.templates, ...(inputs.pageTemplate ? { pageTemplate: inputs.pageTemplate } : {}), ...(inputs.config ? { config: inputs.config } : {}), locales: inputs.locales, localesDir: paths.locales, out: paths.out, broken: hasErrors(diagnostics) };
  const sharedHash = sharedInputsHash(inputs);
  const { createStage, processArticles, defaultJobs, itemText, contentHash, FEED_TITLE_KEY, feedText, feedTitles, manifestText } = await renderModules();
  const stage = createStage(sharedInputs);
  diagnostics.push(...stage.diagnostics);
  const outcomes: ArticleOutcome[] = [];
  let i = 0;
  const next = async (): Promise<ArticleJob | undefined> => {
    const files = inputs.articles[i++];
    return files ? { files, preview } : undefined;
  };
  await processArticles(sharedInputs, sharedHash, inputs.articles.length, next, (o) => void outcomes.push(o), { jobs: options.jobs ?? defaultJobs(), ...(options.poolFrom === undefined ? {} : { poolFrom: options.poolFrom }) }, stage);
  outcomes.sort((a, b) => compareStrings(a.slug, b.slug));
  for (const outcome of outcomes) {
    diagnostics.push(...outcome.diagnostics);
    if (outcome.coverage) result.coverage!.push(outcome.coverage);
    if (!outcome.rendered) continue;
    result.articles++;
    result.figuresVerified += outcome.figures;
    result.files.push(...outcome.files);
  }
  if ((hasErrors(diagnostics) && !preview) || stage.broken || !inputs.pageTemplate) {
    if (!preview || stage.broken) result.files = [];
    diagnostics.sort(compareDiagnostics);
    return { result };
  }
  const missing = LOCALES.filter((l) => !stage.messages.catalog.get(l)?.has(FEED_TITLE_KEY));
  for (const l of missing) diagnostics.push(diagnose(CATALOGUE["locale/missing-message"], { key: FEED_TITLE_KEY, locale: l }, { file: `${paths.locales}/${l}.json` }));
  if (missing.length === 0) {
    const titles = feedTitles(stage.messages.catalog);
    const cms: OutputFile[] = LOCALES.map((locale) => {
      const own = outcomes.flatMap((o) => (o.rendered && o.items[locale] ? [{ date: o.items[locale].date, text: itemText(o.items[locale]), slug: o.slug }] : []));
      own.sort((a, b) => compareStrings(b.date, a.date) || compareStrings(a.slug, b.slug));
      return { path: feedPath(locale), contents: feedText(locale, titles[locale], own.map((item) => item.text), stage.site) };
    });
    cms.push({ path: MANIFEST_PATH, contents: manifestText(outcomes.filter((o) => o.rendered).map((o) => [o.slug, o.briefs] as [string, ManifestBrief[]]), cms.map((f) => contentHash(f.contents))) });
    result.files.push(...cms);
  }
  result.files.sort((a, b) => compareStrings(a.path, b.path));
  diagnostics.sort(compareDiagnostics);
  return { result };
}

/** The stages that render and verify, loaded only by runs that need them. */
async function renderModules() {
  const [article, pool, feeds, verify] = await Promise.all([import("./article.ts"), import("./pool.ts"), import("../render/feeds.ts"), import("../verify/feeds.ts")]);
  return { ...article, ...pool, ...feeds, ...verify };
}
