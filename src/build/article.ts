/**
 * One article through the pipeline: parse and validate, provenance, render
 * in every locale, verify the briefs and the article's feed items and
 * manifest titles. Pure and self-contained, so that it runs the same in the
 * build's own thread and in a worker: what goes in and out is plain data.
 */
import { compareDiagnostics, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Article } from "../content/load.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { checkPageTemplate, createRenderer, type BriefSummary, type Renderer } from "../render/brief.ts";
import { contentHash, feedItemText, feedText, manifestText, type ManifestBrief } from "../render/feeds.ts";
import { loadMessages, type LoadedMessages } from "../render/messages.ts";
import { compileTemplates, type BriefTemplate } from "../render/templates.ts";
import type { SourceCoverage } from "../provenance/check.ts";
import { examineArticle } from "./examine.ts";
import { cmsPartHashes, verifyCmsOutputs } from "../verify/feeds.ts";
import { verifierDataset } from "../verify/facts.ts";
import { verifyArticle, type VerifyArticle, type VerifyFile } from "../verify/verify.ts";
import { briefPath, feedPath, MANIFEST_PATH, parseBriefPath } from "../plan/layout.ts";
import type { ArticleFiles, LocaleFile, OutputFile, TemplateFile } from "../types.ts";
import { parseConfig, type SiteConfig } from "../content/config.ts";
import type { StoryTypeDefinition } from "../content/story-type.ts";
import type { InputText } from "../verify/origin.ts";
import { staleOutputs } from "./stale.ts";
import { articleInputHash, sha256, storyTypeHashes } from "./cache.ts";
import { lintArticle } from "./lint.ts";
import type { LintSettings } from "../content/config.ts";

/** What every article shares: the project's templates and locales, and where diagnostics point. */
export interface SharedInputs {
  templates: TemplateFile[];
  pageTemplate?: TemplateFile;
  locales: LocaleFile[];
  /** The project's settings file (`newsbrief.config.json`), when there is one. */
  config?: { file: string; text: string };
  /** The locales folder, relative to the root. */
  localesDir: string;
  /** The output folder, relative to the root. */
  out: string;
  /** The shared inputs could not all be read: articles are checked, none rendered. */
  broken?: boolean;
  /** Story type definitions parsed by an earlier run, by the key of their `type.yaml` text: not parsed again. */
  storyTypes?: Record<string, StoryTypeDefinition>;
  /** Templates an earlier run found without a problem, by their key: parsed only when an article needs them. */
  cleanTemplates?: readonly string[];
}

/** What to do with one article. */
export interface ArticleJob {
  files: ArticleFiles;
  /** Preview: render what can be rendered, even when checks fail. */
  preview?: boolean;
  /**
   * Check: the article's files as they are in the output folder (by path
   * inside it); they are what is verified, and they are compared with what
   * a build would write.
   */
  onDisk?: Record<string, string>;
  /**
   * Check: the article's files in the output folder, read where the job
   * runs rather than sent with it (see `readJob`): `dir` is the output
   * folder (an absolute path), `paths` the files inside it.
   */
  readFrom?: { dir: string; paths: string[] };
  /**
   * Check: lint the article's Markdown briefs as they are on disk, with the
   * rules these settings select. Spelling is not linted here (its
   * dictionaries stay with the caller).
   */
  lint?: { settings?: LintSettings };
  /** Check: hand back the SHA-256 of each of the article's files as read from the output folder. */
  hashOnDisk?: boolean;
  /**
   * Check of the whole output folder: the hash of the article's part of
   * each feed and of the manifest on disk (see `cmsPartHashes`), by path
   * inside the output folder, where the file holds a part of it.
   */
  cmsOnDisk?: Record<string, string>;
}

/** A feed item of the article, with its sort key. */
export interface FeedItem {
  date: string;
  /** As the stage makes it; a worker hands it over as UTF-8 bytes, which do not weigh on the receiving thread's heap. */
  text: string | Uint8Array;
}

/** What came of one article. */
export interface ArticleOutcome {
  slug: string;
  diagnostics: Diagnostic[];
  coverage?: SourceCoverage;
  /** Whether it got as far as rendering (counted as an article of the run). */
  rendered: boolean;
  /** The rendered files (not in a check), unless a worker staged them. */
  files: OutputFile[];
  /** The rendered files as a worker staged them: path, SHA-256, size and modification time. */
  staged?: Array<[string, string, number, number]>;
  /** Figures verified in its briefs, feed items and manifest titles. */
  figures: number;
  /** What the manifest lists of it, in locale order. */
  briefs: ManifestBrief[];
  /** Its feed item in each locale. */
  items: Partial<Record<Locale, FeedItem>>;
  /** Its story type (the template it names), once it could be read. */
  template?: string;
  /** The `inputHash` its briefs carry, once its story type is known. */
  inputHash?: string;
  /** The SHA-256 (hex) of each of its files as read from the output folder, by path inside it (check with `hashOnDisk` only). */
  onDiskHashes?: Record<string, string>;
  /** What the lint rules found in its briefs on disk (check with `lint` only). */
  lint?: Diagnostic[];
  /** What the feeds and manifest on disk are verified against at the end (check only, when its parts there need it). */
  verify?: VerifyArticle;
  /**
   * Its parts of the feeds and the manifest as a build writes them (check
   * only), by path in the output folder: the hash of each part (see
   * `cmsPartHashes`) and the figures verified in it; `clean` when they
   * verified without a problem.
   */
  cms?: { parts: Record<string, { hash: string; figures: number }>; clean: boolean };
}

/** The per-run state of the pipeline: messages and templates compiled once. */
export interface Stage {
  diagnostics: Diagnostic[];
  /** Broken locales or templates: every article is still checked, none rendered. */
  broken: boolean;
  messages: LoadedMessages;
  templates: Map<string, BriefTemplate>;
  /** The site settings, when the project has them. */
  site?: SiteConfig;
  /** Every story type definition that parsed without a problem, by the key of its `type.yaml` text, for the next run. */
  storyTypes: Map<string, StoryTypeDefinition>;
  /** The keys of every template without a problem, for the next run. */
  cleanTemplates: Set<string>;
  process(job: ArticleJob): ArticleOutcome;
}

/** Compiles what every article shares, once. */
export function createStage(shared: SharedInputs): Stage {
  const diagnostics: Diagnostic[] = [];
  const settings = parseConfig(shared.config?.text, shared.config?.file);
  diagnostics.push(...settings.diagnostics);
  const site = settings.config.site;
  const messages = loadMessages(shared.locales);
  diagnostics.push(...messages.diagnostics);
  const compiled = compileTemplates(shared.templates, shared.storyTypes ? new Map(Object.entries(shared.storyTypes)) : undefined, new Set(shared.cleanTemplates ?? []));
  diagnostics.push(...compiled.diagnostics);
  if (shared.pageTemplate) diagnostics.push(...checkPageTemplate(shared.pageTemplate));
  const broken = shared.broken === true || hasErrors(diagnostics) || !shared.pageTemplate;
  const knownTemplates = new Set(shared.templates.map((t) => t.name));
  const types = new Map([...compiled.templates.values()].map((t) => [t.name, t.type.definition] as const));
  let renderer: Renderer | undefined;
  const typeHashes = storyTypeHashes(shared);
  const localeFile = (locale: Locale) => shared.locales.find((l) => l.locale === locale)?.file ?? `${shared.localesDir}/${locale}.json`;

  const process = (job: ArticleJob): ArticleOutcome => {
    const outcome: ArticleOutcome = { slug: job.files.slug, diagnostics: [], rendered: false, files: [], figures: 0, briefs: [], items: {} };
    if (job.hashOnDisk && job.onDisk) outcome.onDiskHashes = Object.fromEntries(Object.entries(job.onDisk).map(([relative, text]) => [relative, sha256(text)]));
    if (job.lint && job.onDisk) outcome.lint = lintArticle(shared, shared, job.files, new Map(Object.entries(job.onDisk)), {}, job.lint.settings);
    const examined = examineArticle(job.files, { compiled: broken ? undefined : compiled.templates, types, knownTemplates, catalog: messages.catalog, localeFile });
    outcome.diagnostics.push(...examined.diagnostics);
    if (examined.provenance) outcome.coverage = examined.provenance.coverage;
    const { article, template } = examined;
    if (!article) return outcome;
    outcome.template = article.facts.editorial.template;
    const inputHash = articleInputHash(typeHashes.get(outcome.template)!, job.files.factsText, job.files.sourceText);
    outcome.inputHash = inputHash;
    if (!template) return outcome;
    if (hasErrors(outcome.diagnostics) && !(job.preview && !hasErrors(examined.templateProblems))) return outcome;
    renderer ??= createRenderer(messages.catalog, shared.pageTemplate!.text, site);
    const summaries = new Map<Locale, BriefSummary>();
    const rendered = renderer.render(article, template, `sha256:${inputHash}`, summaries);
    outcome.rendered = true;
    const target = verifyArticleOf(article, shared);
    if (job.onDisk) {
      // Check: what a build would write is verified first (a build would stop there) ...
      const built = verifyArticle(target, rendered.map((f) => verifyFile(shared.out, f.path, f.contents)));
      if (hasErrors(built.diagnostics)) {
        outcome.rendered = false;
        outcome.diagnostics.push(...built.diagnostics);
        outcome.diagnostics.sort(compareDiagnostics);
        return outcome;
      }
      // ... then the files on disk are verified, and compared with it.
      const onDisk = new Map(Object.entries(job.onDisk));
      const present = rendered.filter((f) => onDisk.has(f.path));
      const verification = verifyArticle(target, present.map((f) => verifyFile(shared.out, f.path, onDisk.get(f.path)!)));
      outcome.figures += verification.figures.length;
      outcome.diagnostics.push(...verification.diagnostics);
      outcome.diagnostics.push(...staleOutputs({ out: shared.out }, rendered, onDisk, false));
    } else {
      const verification = verifyArticle(target, rendered.map((f) => verifyFile(shared.out, f.path, f.contents)));
      outcome.figures += verification.figures.length;
      outcome.diagnostics.push(...verification.diagnostics);
      outcome.files = rendered;
    }
    // The article's part of the feeds and the manifest, verified here on a feed and a manifest of its own.
    const byPath = new Map(rendered.map((f) => [f.path, f.contents]));
    const itemTexts = new Map<Locale, string>();
    for (const locale of LOCALES) {
      const md = byPath.get(briefPath(article.slug, locale, "md"));
      const html = byPath.get(briefPath(article.slug, locale, "html"));
      if (md === undefined || html === undefined) continue;
      const brief = summaries.get(locale);
      if (!brief) continue;
      itemTexts.set(locale, feedItemText(brief, article.slug, locale, undefined, site));
      outcome.items[locale] = { date: brief.date, text: itemTexts.get(locale)! };
      outcome.briefs.push({ locale, title: brief.title, translationKey: brief.translationKey, date: brief.date, md: contentHash(md), html: contentHash(html) });
    }
    const own = new Map<string, string>(LOCALES.map((locale) => [feedPath(locale), feedText(locale, "", itemTexts.has(locale) ? [itemTexts.get(locale)!] : [], site)]));
    own.set(MANIFEST_PATH, manifestText([[article.slug, outcome.briefs]], LOCALES.map(() => "")));
    const cms = verifyCmsOutputs(shared.out, own, new Map([[article.slug, target]]));
    if (!job.onDisk) {
      for (const found of cms.figures.values()) outcome.figures += found.length;
      outcome.diagnostics.push(...cms.diagnostics);
    } else {
      // A check verifies the feeds and the manifest on disk. Where they hold this article's part
      // as it is here, and it verified clean here, what was verified here stands for it there.
      const parts: NonNullable<ArticleOutcome["cms"]>["parts"] = {};
      for (const [relative, text] of own) {
        const hash = cmsPartHashes(relative, text).get(article.slug);
        const figures = (cms.figures.get(article.slug) ?? []).filter((f) => f.file === `${shared.out}/${relative}`).length;
        if (hash !== undefined) parts[relative] = { hash, figures };
      }
      outcome.cms = { parts, clean: cms.diagnostics.length === 0 };
      // Sent back to verify the feeds and the manifest on disk at the end (only what the verifier
      // reads) when this article's parts there differ from its parts here, or did not verify clean.
      const same = outcome.cms.clean && Object.entries(job.cmsOnDisk ?? {}).every(([relative, hash]) => parts[relative]?.hash === hash);
      if (job.cmsOnDisk && !same) outcome.verify = { ...target, facts: verifierDataset(target.facts) };
    }
    outcome.diagnostics.sort(compareDiagnostics);
    return outcome;
  };
  return { diagnostics, broken, messages, templates: compiled.templates, storyTypes: compiled.definitions, cleanTemplates: compiled.checked, ...(site ? { site } : {}), process };
}

/** A feed item's text, as the stage made it or as a worker handed it over. */
export function itemText(item: FeedItem): string {
  return typeof item.text === "string" ? item.text : Buffer.from(item.text.buffer, item.text.byteOffset, item.text.byteLength).toString("utf8");
}

/** What the verifier knows of an article; with the shared inputs, its problems name the input that holds the offending text. */
export function verifyArticleOf(article: Article, shared?: Pick<SharedInputs, "templates" | "pageTemplate" | "locales">): VerifyArticle {
  const base = { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang };
  if (!shared) return base;
  const template = shared.templates.find((t) => t.name === article.facts.editorial.template);
  const texts: InputText[] = [
    { file: article.files.factsFile, kind: "facts", text: article.files.factsText },
    ...shared.locales.map((l) => ({ file: l.file, kind: "locale" as const, locale: l.locale, text: l.text })),
    ...[template, shared.pageTemplate].flatMap((t) => (t ? [{ file: t.file, kind: "template" as const, text: t.text }] : [])),
  ];
  return { ...base, inputs: texts };
}

function verifyFile(out: string, relative: string, contents: string): VerifyFile {
  const address = parseBriefPath(relative);
  if (!address) throw new Error(`not a brief's path: ${relative}`);
  return { file: `${out}/${relative}`, locale: address.locale, format: address.format === "html" ? "html" : "markdown", contents };
}
