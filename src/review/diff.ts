/**
 * What changed between a base commit and the working tree, at the level a
 * reviewer reads: the facts of each article (old → new, as the briefs show
 * them and exactly), its source, the templates and locale strings, and the
 * sentences of every brief in out/, with the figures they hold.
 *
 * Only the files git reports as different are read, and only the articles
 * they belong to are parsed, compared and checked; the base side's texts
 * are read in one git process.
 */
import type { ProgressReporter } from "../build/progress.ts";
import { diffArrays } from "diff";
import { compareStrings, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { parseFacts, parseSource } from "../content/load.ts";
import { parseJson, parseYaml } from "../content/yaml.ts";
import { LOCALES, textOf, type Fact, type Facts, type Locale } from "../content/schema.ts";
import { CONFIG_FILE, type ProjectPaths } from "../types.ts";
import { parseConfig } from "../content/config.ts";
import { baseCommit, changedSince, GitError, type BaseCommit } from "../io/git.ts";
import { check } from "../build/pipeline.ts";
import { storyTypeHashes } from "../build/cache.ts";
import { listArticles, readSharedInputs, readTextFile } from "../io/read.ts";
import path from "node:path";
import { mapLimit } from "../io/limit.ts";
import { FigureFormatter } from "../render/figures.ts";
import { loadMessages, type Messages } from "../render/messages.ts";
import { readFigures, type ReadFigure } from "../verify/reader.ts";
import { factMatcher } from "../verify/verify.ts";
import { indexBase, loadBase, workingSide, type BaseIndex, type Side } from "../io/snapshot.ts";
import { articlePaths, isProjectFile, parseBriefPath, slugOf } from "../plan/layout.ts";

/**
 * The articles of the working tree whose briefs the changed templates and
 * locale files can change: those of the story types whose key changed (see
 * `storyTypeHashes`). Undefined when that is every article: a changed page
 * template, a shared message, a file that is not one of a story type's.
 * An article whose story type cannot be read from its facts is counted in.
 */
async function articlesReached(paths: ProjectPaths, old: Side, changedFiles: readonly string[]): Promise<Set<string> | undefined> {
  const head = await readSharedInputs(paths, []);
  const changed = new Set(changedFiles);
  const baseText = (file: string) => (changed.has(file) ? old.text(file) : undefined);
  const known = new Set([...head.templates.flatMap((t) => [t.file, ...(t.definition ? [t.definition.file] : [])]), ...head.locales.map((l) => l.file)]);
  // A story type added, removed or moved, or the page template: every article.
  if (changedFiles.some((file) => !known.has(file) || !old.exists(file))) return undefined;
  const base = {
    ...head,
    templates: head.templates.map((t) => ({
      ...t,
      text: baseText(t.file) ?? t.text,
      ...(t.definition ? { definition: { ...t.definition, text: baseText(t.definition.file) ?? t.definition.text } } : {}),
    })),
    locales: head.locales.map((l) => ({ ...l, text: baseText(l.file) ?? l.text })),
  };
  const before = storyTypeHashes(base);
  const after = storyTypeHashes(head);
  const types = new Set([...after.keys()].filter((name) => before.get(name) !== after.get(name)));
  if (types.size === after.size) return undefined;
  const reached = new Set<string>();
  if (types.size === 0) return reached;
  const slugs = await listArticles(paths, []);
  await mapLimit(slugs, 32, async (slug) => {
    const files = articlePaths(paths, slug);
    const named = storyTypesNamed((await readTextFile(path.join(paths.root, files.facts), files.facts, [])) ?? "");
    if (named.length === 0 || named.some((name) => types.has(name))) reached.add(slug);
  });
  return reached;
}

/** The story types a facts file names (`template:` keys), read without parsing it. */
function storyTypesNamed(factsText: string): string[] {
  return [...factsText.matchAll(/(?:^|[\s{,])template:\s*["']?([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
}

/** Version of the JSON report's shape. */
export const REPORT_VERSION = 1;

/** Every figure of a fact as each locale's brief shows it. */
export type Shown = Partial<Record<Locale, string>>;

/** One side of a changed fact. */
export interface FactState {
  /** The exact value in the dataset. */
  value: unknown;
  /** The value as the briefs show it, per locale. */
  shown: Shown;
  /** The fact's French label. */
  label: string;
  evidence: string[];
}

/** A fact added, removed or changed. */
export interface FactChange {
  id: string;
  change: "added" | "removed" | "changed";
  /** The fields that differ (`value`, `evidence`, `label`, ...); every field for an added or removed fact. */
  fields: string[];
  old?: FactState;
  new?: FactState;
}

/** A figure read in a changed sentence. */
export interface FigureChange {
  old?: string;
  new?: string;
  /** The fact the figure shows, when it shows one. */
  fact?: string;
}

/** A line (a sentence) that changed. */
export interface LineChange {
  /** 1-based line in the new file (in the old one for a removed line). */
  line: number;
  old?: string;
  new?: string;
  /** The figures that differ between the two sentences. */
  figures: FigureChange[];
}

/** The changes of one brief. */
export interface BriefChange {
  locale: Locale;
  /** The Markdown output, project-relative. */
  file: string;
  /** Front matter lines that changed (the `inputHash` line is left out). */
  frontMatter: LineChange[];
  /** Body sentences that changed. */
  sentences: LineChange[];
  /** Whether the HTML page changed too. */
  htmlChanged: boolean;
}

/**
 * Verification of an article's briefs in the working tree: `verified` and
 * `failed` as the check found them; `not-checked` when the check did not
 * reach the article (it stops before the articles when a locale file, a
 * template or the settings are broken, and before the outputs are compared
 * as a whole, where a removed article's leftover files are found, when any
 * input is), or when it was not run (`--no-verify`).
 */
export interface Verification {
  status: "verified" | "failed" | "not-checked";
  diagnostics: Diagnostic[];
}

/** Everything that changed about one article. */
export interface ArticleChange {
  slug: string;
  status: "added" | "removed" | "modified";
  /** The brief titles per locale (the new ones; the old ones for a removed article). */
  titles: Shown;
  facts: FactChange[];
  /** Other sections of facts.yaml that changed (`story`, `quotes`, ...). */
  sections: string[];
  /** Lines of source.fr.md that changed. */
  source: LineChange[];
  briefs: BriefChange[];
  /** Shared files (templates, locales) that changed and may be why the briefs changed. */
  shared: string[];
  /** Problems reading or parsing either side: reported, not fatal. */
  diagnostics: Diagnostic[];
  verification: Verification;
}

/** A locale message that changed. */
export interface MessageChange {
  key: string;
  old?: string;
  new?: string;
}

/** A template or locale file that changed. */
export interface SharedChange {
  file: string;
  kind: "template" | "page-template" | "locale" | "settings";
  status: "added" | "removed" | "modified";
  /**
   * The sides on which the file could not be read (a locale file that is not
   * JSON); its problems are in the report's diagnostics. Its messages are then
   * not compared: a file that cannot be read has not lost its messages.
   */
  unreadable: Array<"base" | "working-tree">;
  /** For a locale file, the messages that changed; for the settings, each setting that changed (none when a side cannot be read). */
  messages: MessageChange[];
  /** The articles whose briefs changed with it, and in which locales. */
  articles: string[];
  locales: Locale[];
}

/** The whole report. */
export interface ReviewReport {
  version: number;
  base: BaseCommit;
  summary: {
    articles: { modified: number; added: number; removed: number };
    factsChanged: number;
    sentencesChanged: number;
    locales: Locale[];
    verification: "verified" | "failed" | "not-run";
  };
  shared: SharedChange[];
  articles: ArticleChange[];
  /** Problems that concern no single article (a broken locale file or template). */
  diagnostics: Diagnostic[];
}

/** Options of {@link diffProject}. */
export interface DiffOptions {
  /** The git ref to compare with; default: the merge base with the default branch. */
  base?: string;
  /** Verify the changed articles in the working tree (as `check` does). @default true */
  verify?: boolean;
  /** Reports the verification's progress. */
  progress?: ProgressReporter;
  /** Articles whose two sides are read and compared at a time. @default 200 */
  batch?: number;
  /** With more articles touched than this, they are compared in a worker thread. @default `batch` */
  apartFrom?: number;
}

/** Compares the project at a base commit with the working tree. Throws {@link GitError} for git problems. */
export async function diffProject(paths: ProjectPaths, options: DiffOptions = {}): Promise<ReviewReport> {
  const base = await baseCommit(paths.root, options.base);
  const batch = Math.max(1, Math.floor(options.batch ?? 200));
  const [index, differing] = await Promise.all([indexBase(paths, base.commit), changedSince(paths.root, base.commit, [paths.content, paths.templates, paths.locales, paths.out], [CONFIG_FILE])]);
  const task: CompareTask = { paths, reaching: options.verify !== false, batch, index, differing };
  // The two sides' texts are let go before the changed articles are verified: when more than a batch of articles
  // is touched, they are compared in a thread of their own, whose memory goes with it, not kept by this thread's heap.
  const touched = new Set(differing.map((relative) => slugOf(paths, relative)).filter((slug) => slug !== undefined)).size;
  const { shared, articles, diagnostics, baseDiagnostics, reached } = touched > (options.apartFrom ?? batch) ? await compareApart(task) : await compareSides(task);

  // Verification of what changed, in the working tree.
  let verification: ReviewReport["summary"]["verification"] = "not-run";
  // Problems with the working tree's shared inputs (settings that cannot be read) are checked even when no file git sees changed.
  const brokenHere = hasErrors(diagnostics.filter((d) => !d.file.endsWith(" (base)")));
  if (options.verify !== false && (articles.length > 0 || shared.length > 0 || brokenHere)) {
    const result = await check(paths, { ...(reached === undefined ? {} : { articles: new Set([...articles.map((a) => a.slug), ...reached]) }), ...(options.progress ? { progress: options.progress } : {}) });
    for (const d of result.diagnostics) {
      const slug = slugOf(paths, d.file);
      const article = slug ? articles.find((a) => a.slug === slug) : undefined;
      if (article) article.verification.diagnostics.push(d);
      else if (!diagnostics.some((known) => sameDiagnostic(known, d))) diagnostics.push(d);
    }
    // A problem with the inputs stops the check: a broken locale file, template or settings (a problem
    // outside any article) before any article is rendered, and a broken article before the outputs are
    // compared as a whole (where the files a removed article left in out/ are found). Only a check that
    // ran to the end returns the articles' story types.
    const ranToEnd = result.storyTypes !== undefined;
    const nothingRendered = !ranToEnd && hasErrors(result.diagnostics.filter((d) => slugOf(paths, d.file) === undefined));
    for (const article of articles) {
      const reachedIt = ranToEnd || (article.status !== "removed" && !nothingRendered);
      article.verification.status = hasErrors(article.verification.diagnostics) ? "failed" : reachedIt ? "verified" : "not-checked";
    }
    verification = hasErrors(result.diagnostics) ? "failed" : "verified";
  }

  const locales = LOCALES.filter((l) => articles.some((a) => a.briefs.some((b) => b.locale === l)) || shared.some((s) => s.locales.includes(l)));
  return {
    version: REPORT_VERSION,
    base,
    summary: {
      articles: {
        modified: articles.filter((a) => a.status === "modified").length,
        added: articles.filter((a) => a.status === "added").length,
        removed: articles.filter((a) => a.status === "removed").length,
      },
      factsChanged: articles.reduce((n, a) => n + a.facts.length, 0),
      sentencesChanged: articles.reduce((n, a) => n + a.briefs.reduce((m, b) => m + b.sentences.length, 0), 0),
      locales,
      verification,
    },
    shared,
    articles,
    diagnostics: [...baseDiagnostics, ...diagnostics],
  };
}

/** What {@link compareSides} compares: the base commit's files and the files git says differ from it. */
export interface CompareTask {
  paths: ProjectPaths;
  /** Find the articles the changed templates and locale files reach. */
  reaching: boolean;
  /** Articles read and compared at a time. */
  batch: number;
  index: BaseIndex;
  differing: string[];
}

/** What changed between the two sides. */
export interface Comparison {
  shared: SharedChange[];
  articles: ArticleChange[];
  diagnostics: Diagnostic[];
  baseDiagnostics: Diagnostic[];
  /** The articles the changed templates and locale files reach; undefined: every article. */
  reached: Set<string> | undefined;
}

/** {@link compareSides} in a worker thread of its own; a git failure there is a {@link GitError} here. */
export async function compareApart(task: CompareTask): Promise<Comparison> {
  // Loaded here, as the build loads them: a diff of a few articles does without.
  const [{ default: Tinypool }, { workerFile }] = await Promise.all([import("tinypool"), import("../build/pool.ts")]);
  const pool = new Tinypool({ filename: workerFile(import.meta.url, "compare-worker"), minThreads: 1, maxThreads: 1 });
  try {
    const outcome = (await pool.run(task)) as ComparedApart;
    if ("comparison" in outcome) return outcome.comparison;
    throw outcome.git ? new GitError(outcome.message) : new Error(outcome.message);
  } finally {
    await pool.destroy();
  }
}

/** What the worker of {@link compareApart} hands back. */
export type ComparedApart = { comparison: Comparison } | { git: boolean; message: string };

/** What changed between the base commit and the working tree, and (with `reaching`) the articles a changed template or locale reaches. */
export async function compareSides(task: CompareTask): Promise<Comparison> {
  const { paths, reaching, index, differing, batch: batchSize } = task;

  // The files git says differ; their texts are compared below, after decoding. The feeds and the manifest are
  // left out: what they show of an article is its briefs, compared as briefs, and they are the largest files
  // (a few articles changed in an archive of 10,000 would otherwise read 17 MB files on both sides).
  const candidates = new Set(differing.filter((relative) => relative === CONFIG_FILE || (isProjectFile(paths, relative) && (!relative.startsWith(`${paths.out}/`) || slugOf(paths, relative) !== undefined))));
  const localeFiles = LOCALES.map((l) => `${paths.locales}/${l}.json`);
  // The templates and locale files first, then the articles a batch at a time, so that a change that touches
  // thousands of articles never holds both sides of all of them at once.
  const sharedWanted = new Set([...[...candidates].filter((relative) => slugOf(paths, relative) === undefined), ...localeFiles]);
  // The settings are read in the working tree too: git is not asked about them, but settings that cannot be read stop the check.
  const [old, head] = await Promise.all([loadBase(paths, index, sharedWanted), workingSide(paths, [...sharedWanted, CONFIG_FILE])]);
  const differs = (before: Side, after: Side, relative: string) => before.text(relative) === undefined || after.text(relative) === undefined || before.text(relative) !== after.text(relative);
  const sharedFiles = [...sharedWanted].filter((relative) => candidates.has(relative) && differs(old, head, relative)).sort(compareStrings);

  const diagnostics: Diagnostic[] = [];
  const oldMessages = messagesOf(paths, old, diagnostics, "base");
  const newMessages = messagesOf(paths, head, diagnostics, "working tree");
  const settings = parseConfig(head.text(CONFIG_FILE), CONFIG_FILE).diagnostics;
  if (hasErrors(settings)) diagnostics.push(...settings);
  // What cannot be read on one side is reported there, and its texts are not compared.
  const readable = (side: Side, file: string) => side.text(file) === undefined || parseJson(side.text(file)!, { file }).value !== undefined;

  // Articles.
  const byArticle = new Map<string, string[]>();
  for (const relative of candidates) {
    const slug = slugOf(paths, relative);
    if (slug !== undefined) byArticle.set(slug, [...(byArticle.get(slug) ?? []), relative]);
  }
  const touched = [...byArticle.keys()].sort(compareStrings);
  const changedBriefs = new Map<string, Set<Locale>>();
  const articles: ArticleChange[] = [];
  for (let start = 0; start < touched.length; start += batchSize) {
    const batch = touched.slice(start, start + batchSize);
    const wanted = new Set<string>();
    for (const slug of batch) {
      const files = articlePaths(paths, slug);
      for (const relative of [...byArticle.get(slug)!, files.facts, files.source, ...LOCALES.map((locale) => files.outputs[locale].md)]) wanted.add(relative);
    }
    const [oldFiles, headFiles] = await Promise.all([loadBase(paths, index, wanted), workingSide(paths, wanted)]);
    const before: Side = { ...oldFiles, slugs: old.slugs };
    const after: Side = { ...headFiles, slugs: head.slugs };
    const changed = new Set(batch.flatMap((slug) => byArticle.get(slug)!).filter((relative) => differs(before, after, relative)));
    for (const relative of changed) {
      if (relative.endsWith(".md") && withoutInputHash(before.text(relative)) === withoutInputHash(after.text(relative))) continue;
      const slug = relative.startsWith(`${paths.out}/`) ? slugOf(paths, relative) : undefined;
      const locale = relative.startsWith(`${paths.out}/`) ? parseBriefPath(relative.slice(paths.out.length + 1))?.locale : undefined;
      if (!slug || !locale) continue;
      if (!changedBriefs.has(slug)) changedBriefs.set(slug, new Set());
      changedBriefs.get(slug)!.add(locale);
    }
    const slugs = new Set<string>();
    for (const relative of changed) slugs.add(slugOf(paths, relative)!);
    for (const slug of [...slugs].sort(compareStrings)) {
      const inBase = old.slugs.has(slug);
      const inHead = head.slugs.has(slug);
      const status = inBase && inHead ? "modified" : inHead ? "added" : inBase ? "removed" : "modified";
      const article = articleChange(paths, slug, status, { old: before, head: after, oldMessages, newMessages, changed, sharedFiles });
      const empty = article.facts.length + article.sections.length + article.source.length + article.briefs.length + article.diagnostics.length === 0;
      if (status !== "modified" || !empty) articles.push(article);
    }
  }

  // Shared files, with the articles whose briefs changed with them.
  const shared: SharedChange[] = [];
  for (const file of sharedFiles) {
    const isLocale = file.startsWith(`${paths.locales}/`);
    // The settings, compared setting by setting as a locale file is message by message.
    const isSettings = file === CONFIG_FILE;
    const locale = isLocale ? (/([a-z]+)\.json$/.exec(file)?.[1] as Locale) : undefined;
    const status = !old.exists(file) ? "added" : !head.exists(file) ? "removed" : "modified";
    const articles = [...changedBriefs]
      .filter(([slug, locales]) => head.slugs.has(slug) && (!locale || locales.has(locale)))
      .map(([slug]) => slug)
      .sort(compareStrings);
    const locales = locale ? [locale] : LOCALES.filter((l) => articles.some((slug) => changedBriefs.get(slug)!.has(l)));
    const unreadable: SharedChange["unreadable"] = isLocale || isSettings ? [...(readable(old, file) ? [] : ["base" as const]), ...(readable(head, file) ? [] : ["working-tree" as const])] : [];
    shared.push({
      file,
      kind: isLocale ? "locale" : isSettings ? "settings" : file.endsWith("page.html.hbs") ? "page-template" : "template",
      status,
      unreadable,
      messages: (isLocale || isSettings) && unreadable.length === 0 ? messageChanges(file, old.text(file), head.text(file)) : [],
      articles,
      locales,
    });
  }

  // A changed template or locale is checked on the articles whose story type it reaches (every article when it reaches all).
  const reached = reaching && shared.length > 0 ? await articlesReached(paths, old, sharedFiles) : new Set<string>();
  const baseDiagnostics = old.diagnostics.filter((d) => !slugOf(paths, d.file.replace(/ \(base\)$/, "")));
  return { shared, articles, diagnostics, baseDiagnostics, reached };
}


function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.rule === b.rule;
}

interface Sides {
  old: Side;
  head: Side;
  /** The messages of each locale whose file could be read, per side. */
  oldMessages: ReadonlyMap<Locale, Messages>;
  newMessages: ReadonlyMap<Locale, Messages>;
  changed: ReadonlySet<string>;
  sharedFiles: readonly string[];
}

function articleChange(paths: ProjectPaths, slug: string, status: ArticleChange["status"], sides: Sides): ArticleChange {
  const { old, head, changed } = sides;
  const files = articlePaths(paths, slug);
  const diagnostics: Diagnostic[] = [];
  diagnostics.push(...old.diagnostics.filter((d) => slugOf(paths, d.file.replace(/ \(base\)$/, "")) === slug));
  diagnostics.push(...head.diagnostics.filter((d) => slugOf(paths, d.file) === slug));

  // An unchanged facts.yaml is parsed once (a template or locale change touches every article).
  const sameFacts = status === "modified" && old.text(files.facts) !== undefined && old.text(files.facts) === head.text(files.facts);
  const newFacts = status === "removed" ? undefined : factsOf(head.text(files.facts), files.facts, diagnostics, head.exists(files.facts));
  const oldFacts = status === "added" ? undefined : sameFacts ? newFacts : factsOf(old.text(files.facts), `${files.facts} (base)`, diagnostics, old.exists(files.facts));
  // A facts.yaml that reads as YAML but does not pass the checks (a value out of range, a field missing) is
  // still compared, as written: its problems are listed with the article, and its figures are not shown.
  // Both sides are then compared as written, so that what the checks fill in on one side is no change.
  const asWritten = status === "modified" && !sameFacts && (!oldFacts || !newFacts);
  const oldCompared = asWritten ? factsAsWritten(old.text(files.facts)) : oldFacts;
  const newCompared = asWritten ? factsAsWritten(head.text(files.facts)) : newFacts;
  const facts = status === "modified" && oldCompared && newCompared ? factChanges(oldCompared, newCompared, sides, asWritten ? { old: oldFacts, new: newFacts } : undefined) : [];
  const sections = status === "modified" && oldCompared && newCompared ? sectionChanges(oldCompared, newCompared) : [];
  const source = status === "modified" && changed.has(files.source) ? lineChanges(old.text(files.source) ?? "", head.text(files.source) ?? "", 1).map(({ line, old: o, new: n }) => ({ line, ...(o === undefined ? {} : { old: o }), ...(n === undefined ? {} : { new: n }), figures: [] })) : [];
  if (status === "modified" && changed.has(files.source)) {
    for (const [text, file] of [[old.text(files.source), `${files.source} (base)`], [head.text(files.source), files.source]] as const) {
      if (text !== undefined) diagnostics.push(...parseSource(text, file).diagnostics.filter((d) => d.severity === "error"));
    }
  }

  const briefs: BriefChange[] = [];
  const titles: Shown = {};
  for (const locale of LOCALES) {
    const { md, html } = files.outputs[locale];
    const before = old.text(md);
    const after = head.text(md);
    const title = titleOf(status === "removed" ? before : after);
    if (title !== undefined) titles[locale] = title;
    if (status !== "modified" || (!changed.has(md) && !changed.has(html))) continue;
    const brief = briefChange(locale, md, before ?? "", after ?? "", { old: oldFacts, new: newFacts });
    brief.htmlChanged = changed.has(html);
    // A brief whose only change is the input hash (another locale's strings changed) is no change to read.
    if (brief.htmlChanged || brief.frontMatter.length > 0 || brief.sentences.length > 0 || withoutInputHash(before) !== withoutInputHash(after)) briefs.push(brief);
  }
  const shared = sides.sharedFiles.filter((file) => {
    const locale = /\/([a-z]+)\.json$/.exec(file)?.[1];
    return briefs.some((b) => file === CONFIG_FILE || !file.endsWith(".json") || b.locale === locale);
  });
  return { slug, status, titles, facts, sections, source, briefs, shared, diagnostics, verification: { status: "not-checked", diagnostics: [] } };
}

function factsOf(text: string | undefined, file: string, diagnostics: Diagnostic[], exists: boolean): Facts | undefined {
  if (text === undefined) {
    if (!exists) diagnostics.push(diagnose(CATALOGUE["content/missing-file"], { file }, { file }));
    return undefined;
  }
  const parsed = parseFacts(text, file);
  diagnostics.push(...parsed.diagnostics.filter((d) => d.severity === "error"));
  return parsed.value;
}

/**
 * The facts of a facts.yaml that reads as YAML but does not pass the checks,
 * as written: each entry of `facts` that has an id. Undefined when the file
 * is not there, does not read as YAML, or has no list of facts.
 */
function factsAsWritten(text: string | undefined): Facts | undefined {
  if (text === undefined) return undefined;
  const value = parseYaml(text, { file: "facts.yaml" }).value;
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isRecord(value) || !Array.isArray(value.facts)) return undefined;
  return { ...value, facts: value.facts.filter((f) => isRecord(f) && typeof f.id === "string") } as unknown as Facts;
}

const FIELD_ORDER = ["type", "value", "currency", "precision", "decimals", "display", "approx", "required", "label", "evidence"];

/**
 * The facts added, removed and changed. With `checked` (facts compared as
 * written), a fact is shown as the briefs show it only from the side whose
 * file passes the checks, as those checks read it.
 */
function factChanges(oldFacts: Facts, newFacts: Facts, sides: Pick<Sides, "oldMessages" | "newMessages">, checked?: { old: Facts | undefined; new: Facts | undefined }): FactChange[] {
  const before = new Map(oldFacts.facts.map((f) => [f.id, f]));
  const after = new Map(newFacts.facts.map((f) => [f.id, f]));
  const shownFrom = (side: Facts | undefined) => new Map((side?.facts ?? []).map((f) => [f.id, f]));
  const shownBefore = checked ? shownFrom(checked.old) : before;
  const shownAfter = checked ? shownFrom(checked.new) : after;
  const changes: FactChange[] = [];
  const ids = [...new Set([...newFacts.facts.map((f) => f.id), ...oldFacts.facts.map((f) => f.id)])];
  for (const id of ids) {
    const o = before.get(id);
    const n = after.get(id);
    const fields = fieldsOf(o, n);
    if (fields.length === 0) continue;
    changes.push({
      id,
      change: !o ? "added" : !n ? "removed" : "changed",
      fields,
      ...(o ? { old: factState(o, shownBefore.get(id), sides.oldMessages) } : {}),
      ...(n ? { new: factState(n, shownAfter.get(id), sides.newMessages) } : {}),
    });
  }
  return changes;
}

function fieldsOf(o: Fact | undefined, n: Fact | undefined): string[] {
  const a = (o ?? {}) as Record<string, unknown>;
  const b = (n ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "id" && stable(a[k]) !== stable(b[k]));
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  return keys.sort((x, y) => rank(x) - rank(y) || compareStrings(x, y));
}

/** A fact's state: as written, and as the briefs show it (`checked`, the fact as the checks read it; none when they do not pass). */
function factState(fact: Fact, checked: Fact | undefined, messages: ReadonlyMap<Locale, Messages>): FactState {
  const shown: Shown = {};
  for (const locale of LOCALES) {
    // A locale whose file cannot be read on this side shows nothing there; the exact value still is shown.
    const m = messages.get(locale);
    if (!m || !checked) continue;
    try {
      shown[locale] = new FigureFormatter(m).format(checked);
    } catch {
      // A fact the formatter cannot show is reported by check; the exact value still is.
    }
  }
  // A fact as written in a file that does not pass the checks may have any shape.
  const label = fact.label?.fr !== undefined && fact.label.fr !== null ? textOf(fact.label.fr) : undefined;
  return {
    value: fact.value ?? null,
    shown,
    label: typeof label === "string" ? label : `measure: ${fact.measure ?? fact.id}`,
    evidence: Array.isArray(fact.evidence) ? fact.evidence.map((e) => (typeof e === "string" ? e : JSON.stringify(e))) : [],
  };
}

function sectionChanges(oldFacts: Facts, newFacts: Facts): string[] {
  const a = oldFacts as unknown as Record<string, unknown>;
  const b = newFacts as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== "facts" && stable(a[k]) !== stable(b[k])).sort(compareStrings);
}

/**
 * The messages of each locale whose file can be read on one side. A locale
 * file that cannot be read leaves out only its own locale; the side's
 * problems with its locale files are reported (after the file name, `(base)`
 * for the base side).
 */
function messagesOf(paths: ProjectPaths, side: Side, diagnostics: Diagnostic[], name: "base" | "working tree"): ReadonlyMap<Locale, Messages> {
  const files = LOCALES.flatMap((locale) => {
    const file = `${paths.locales}/${locale}.json`;
    const text = side.text(file);
    return text === undefined ? [] : [{ locale, file, text }];
  });
  if (files.length === 0) return new Map();
  const loaded = loadMessages(files);
  if (hasErrors(loaded.diagnostics)) diagnostics.push(...(name === "base" ? loaded.diagnostics.map((d) => ({ ...d, file: `${d.file} (base)` })) : loaded.diagnostics));
  return loaded.catalog;
}

/** The messages of a locale file, flattened to dotted keys. */
function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
  }
}

function messageChanges(file: string, before: string | undefined, after: string | undefined): MessageChange[] {
  const read = (text: string | undefined) => {
    const map = new Map<string, string>();
    // Read only when both sides can be read (see `unreadable`), as the project reads a locale file.
    if (text !== undefined) flatten(parseJson(text, { file }).value, "", map);
    return map;
  };
  const a = read(before);
  const b = read(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((key) => a.get(key) !== b.get(key))
    .sort(compareStrings)
    .map((key) => ({ key, ...(a.has(key) ? { old: a.get(key)! } : {}), ...(b.has(key) ? { new: b.get(key)! } : {}) }));
}

/** Splits a Markdown brief into front matter lines and body lines, with the body's first line number. */
function splitBrief(text: string): { frontMatter: string[]; frontLine: number; body: string[]; bodyLine: number } {
  const lines = text.split("\n");
  if (lines[0] === "---") {
    const close = lines.indexOf("---", 1);
    if (close > 0) return { frontMatter: lines.slice(1, close), frontLine: 2, body: lines.slice(close + 1), bodyLine: close + 2 };
  }
  return { frontMatter: [], frontLine: 1, body: lines, bodyLine: 1 };
}

function briefChange(locale: Locale, file: string, before: string, after: string, facts: { old: Facts | undefined; new: Facts | undefined }): BriefChange {
  const a = splitBrief(before);
  const b = splitBrief(after);
  const withFigures = (c: { line: number; old?: string; new?: string }): LineChange => ({ ...c, figures: figureChanges(locale, c.old, c.new, facts) });
  const keep = (line: string) => !/^inputHash:/.test(line);
  const frontMatter = lineChangesOf(a.frontMatter, a.frontLine, b.frontMatter, b.frontLine, keep).map(withFigures);
  const sentences = lineChangesOf(a.body, a.bodyLine, b.body, b.bodyLine).map(withFigures);
  return { locale, file, frontMatter, sentences, htmlChanged: false };
}

function lineChanges(before: string, after: string, firstLine: number): Array<{ line: number; old?: string; new?: string }> {
  return lineChangesOf(before.split("\n"), firstLine, after.split("\n"), firstLine);
}

/**
 * The lines that changed between two lists, paired: within a run of
 * changes, the n-th removed line pairs with the n-th added one. Blank lines
 * and lines `keep` refuses are left out.
 */
function lineChangesOf(a: string[], aFirst: number, b: string[], bFirst: number, keep: (line: string) => boolean = () => true): Array<{ line: number; old?: string; new?: string }> {
  const changes: Array<{ line: number; old?: string; new?: string }> = [];
  const parts = diffArrays(a, b);
  let i = 0;
  let j = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (!part.added && !part.removed) {
      i += part.value.length;
      j += part.value.length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const next = parts[k + 1];
    const added = part.added ? part.value : next?.added ? next.value : [];
    if (part.removed && next?.added) k++;
    const removedAt = i;
    const addedAt = j;
    i += removed.length;
    j += added.length;
    const oldLines = removed.map((text, n) => ({ text, line: aFirst + removedAt + n })).filter((l) => l.text.trim() !== "" && keep(l.text));
    const newLines = added.map((text, n) => ({ text, line: bFirst + addedAt + n })).filter((l) => l.text.trim() !== "" && keep(l.text));
    for (let n = 0; n < Math.max(oldLines.length, newLines.length); n++) {
      const o = oldLines[n];
      const w = newLines[n];
      changes.push({ line: w?.line ?? o!.line, ...(o ? { old: o.text } : {}), ...(w ? { new: w.text } : {}) });
    }
  }
  return changes;
}

function figureChanges(locale: Locale, before: string | undefined, after: string | undefined, facts: { old: Facts | undefined; new: Facts | undefined }): FigureChange[] {
  // Each figure is tied to its fact exactly as verification ties it.
  const matchers = { old: facts.old ? factMatcher(facts.old) : () => undefined, new: facts.new ? factMatcher(facts.new) : () => undefined };
  const factOf = (figure: ReadFigure, side: "old" | "new") => matchers[side](figure);
  const read = (text: string | undefined) => (text === undefined ? [] : safeRead(text, locale));
  const a = read(before);
  const b = read(after);
  const aTexts = a.map((f) => f.text);
  const bTexts = b.map((f) => f.text);
  const gone = a.filter((f) => !bTexts.includes(f.text));
  const come = b.filter((f) => !aTexts.includes(f.text));
  const changes: FigureChange[] = [];
  const used = new Set<ReadFigure>();
  for (const o of gone) {
    const factId = factOf(o, "old");
    const partner = come.find((n) => !used.has(n) && (factId === undefined || factOf(n, "new") === factId));
    if (partner) used.add(partner);
    const fact = factId ?? (partner ? factOf(partner, "new") : undefined);
    changes.push({ old: o.text, ...(partner ? { new: partner.text } : {}), ...(fact ? { fact } : {}) });
  }
  for (const n of come) {
    if (used.has(n)) continue;
    const fact = factOf(n, "new");
    changes.push({ new: n.text, ...(fact ? { fact } : {}) });
  }
  return changes;
}

function safeRead(text: string, locale: Locale): ReadFigure[] {
  try {
    return readFigures(text, locale);
  } catch {
    return [];
  }
}

function withoutInputHash(text: string | undefined): string | undefined {
  return text?.replace(/^inputHash: .*$/m, "");
}

function titleOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const heading = splitBrief(text).body.find((line) => line.startsWith("# "));
  return heading?.slice(2);
}

/** JSON with object keys sorted, for comparing values. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => compareStrings(x, y))) : v,
  ) ?? "undefined";
}
