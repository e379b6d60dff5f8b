/**
 * Reading the verified briefs back from `out/` for a publishing target.
 * Nothing is published unless `check` passes: every figure of every output
 * matches the dataset and every file is exactly what a build writes.
 */
import { createHash } from "node:crypto";
import { compareStrings, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { SLUG_PATTERN } from "../content/load.ts";
import { checkProjectRoot } from "../io/paths.ts";
import { lockOutputs } from "../io/lock.ts";
import { type ProjectPaths } from "../types.ts";
import { check } from "../build/pipeline.ts";
import type { ProgressReporter } from "../build/progress.ts";
import { sha256 } from "../build/cache.ts";
import { briefFields, pageBody, readBriefFile } from "../plan/brief-file.ts";
import { briefPath, parseBriefPath } from "../plan/layout.ts";
import { readOutputFiles } from "../io/read.ts";
import type { Brief } from "./types.ts";

export { SLUG_PATTERN };

/**
 * Checks `out/`, then reads one {@link Brief} per article and locale,
 * sorted by slug, then locale (fr, nl, en). When `out/` is not verified and
 * current, returns no brief and the check's error diagnostics.
 */
export async function loadBriefs(paths: ProjectPaths, progress?: ProgressReporter): Promise<{ briefs: Brief[]; diagnostics: Diagnostic[] }> {
  const root = await checkProjectRoot(paths);
  if (root.length > 0) return { briefs: [], diagnostics: root };
  // Held while checking and reading, so that no build replaces out/ in between.
  const { lock, heldBy } = await lockOutputs(paths, 0);
  if (!lock) {
    return { briefs: [], diagnostics: [diagnose(CATALOGUE["out/locked"], { out: paths.out, holder: heldBy! }, { file: paths.out })] };
  }
  try {
    return await readVerified(paths, progress);
  } finally {
    await lock.release();
  }
}

async function readVerified(paths: ProjectPaths, progress?: ProgressReporter): Promise<{ briefs: Brief[]; diagnostics: Diagnostic[] }> {
  const checked = await check(paths, { recordOutputs: true, ...(progress ? { progress } : {}) });
  if (hasErrors(checked.diagnostics)) return { briefs: [], diagnostics: checked.diagnostics.filter((d) => d.severity === "error") };
  // The files the check has just verified, read again one article at a time (not held by the
  // check for thousands of articles), each still the file verified: the same SHA-256.
  const verified = checked.outputHashes ?? new Map<string, string>();
  const briefs: Brief[] = [];
  const diagnostics: Diagnostic[] = [];
  const slugs = [...new Set([...verified.keys()].map((p) => parseBriefPath(p)?.slug).filter((s): s is string => s !== undefined))].sort(compareStrings);
  for (const slug of slugs) {
    const own = LOCALES.flatMap((locale) => [briefPath(slug, locale, "md"), briefPath(slug, locale, "html")]).filter((p) => verified.has(p));
    const onDisk = await readOutputFiles(paths, own);
    for (const relative of own) {
      const text = onDisk.get(relative);
      if (text === undefined || sha256(text) !== verified.get(relative)) {
        diagnostics.push(diagnose(CATALOGUE["publish/unreadable-brief"], { reason: "the file changed on disk after it was checked" }, { file: `${paths.out}/${relative}` }));
        onDisk.delete(relative);
      }
    }
    for (const locale of LOCALES) {
      const file = `${paths.out}/${briefPath(slug, locale, "md")}`;
      const markdownFile = onDisk.get(briefPath(slug, locale, "md"));
      const page = onDisk.get(briefPath(slug, locale, "html"));
      if (markdownFile === undefined || page === undefined) {
        if (verified.has(briefPath(slug, locale, "md")) && verified.has(briefPath(slug, locale, "html"))) continue;
        diagnostics.push(diagnose(CATALOGUE["publish/missing-brief"], { locale, slug, out: paths.out }, { file }));
        continue;
      }
      const brief = readBrief(slug, locale, markdownFile, page, checked.storyTypes?.get(slug));
      if (typeof brief === "string") diagnostics.push(diagnose(CATALOGUE["publish/unreadable-brief"], { reason: brief }, { file }));
      else briefs.push(brief);
    }
  }
  return { briefs, diagnostics };
}

/** One brief from its Markdown file and its HTML page (whose body it takes); a string says what is wrong. */
export function readBrief(slug: string, locale: Locale, markdownFile: string, page: string, storyType?: string): Brief | string {
  if (!SLUG_PATTERN.test(slug)) return `\`${slug}\` is not a valid slug`;
  const file = readBriefFile(markdownFile);
  if (typeof file === "string") return file;
  const fields = briefFields(file.frontMatter);
  if (!fields) return "the front matter lacks one of title, description, date, translationKey";
  if (fields.lang !== locale || fields.slug !== slug) return `the front matter does not say lang: ${locale}, slug: ${slug}`;
  const html = pageBody(page);
  if (html === undefined) return "the HTML page has no <article> or <main> element holding the brief";
  const { title, description, date, translationKey, tags } = fields;
  return {
    slug,
    locale,
    translationKey,
    title,
    description,
    date,
    markdown: ownCopy(file.body),
    html: ownCopy(html),
    tags,
    contentHash: `sha256:${createHash("sha256").update(markdownFile).digest("hex")}`,
    ...(storyType === undefined ? {} : { storyType }),
  };
}

/**
 * A copy of `text` with storage of its own. A body cut from its file is a
 * slice that keeps the whole file (the HTML page, the front matter) in
 * memory for as long as the brief is held; publishing holds every brief.
 */
function ownCopy(text: string): string {
  return structuredClone(text);
}
