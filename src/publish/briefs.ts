/**
 * Reading the verified briefs back from `out/` for a publishing target.
 * Nothing is published unless `check` passes: every figure of every output
 * matches the dataset and every file is exactly what a build writes.
 */
import { createHash } from "node:crypto";
import path from "node:path";
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
import { readOutputFiles, readOutputFilesSync } from "../io/read.ts";
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
  const bodies = storedBodies(path.resolve(paths.root, paths.out), paths.out, verified);
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
      const read = readBriefParts(slug, locale, markdownFile, page, checked.storyTypes?.get(slug));
      if (typeof read === "string") diagnostics.push(diagnose(CATALOGUE["publish/unreadable-brief"], { reason: read }, { file }));
      else {
        const at = { md: bodyAt(markdownFile, read.markdown), html: bodyAt(page, read.html) };
        briefs.push(withStoredBodies(read.head, at, bodies));
      }
    }
  }
  return { briefs, diagnostics };
}

/** A brief without its bodies. */
type BriefHead = Omit<Brief, "markdown" | "html">;

/** Where a brief's body sits in its file: from and to (UTF-16 offsets). */
type BodyAt = [number, number];

/**
 * A brief whose Markdown and HTML bodies are read from `out/` when a
 * publisher asks for them, not held: a publisher is handed every brief of
 * the archive at once, and their bodies are most of their weight.
 */
function withStoredBodies(head: BriefHead, at: Record<"md" | "html", BodyAt>, body: (relative: string, at: BodyAt) => string): Brief {
  // Its texts copied: the title and the description are slices of the Markdown file, and would keep it alive.
  const brief = structuredClone(head) as Brief;
  const markdownFile = briefPath(head.slug, head.locale, "md");
  const page = briefPath(head.slug, head.locale, "html");
  // Own, enumerable properties, so that a copy of the brief (`{ ...brief }`) carries the bodies.
  Object.defineProperty(brief, "markdown", { get: () => body(markdownFile, at.md), enumerable: true });
  Object.defineProperty(brief, "html", { get: () => body(page, at.html), enumerable: true });
  return brief;
}

/**
 * Reads a brief's body from its file in `out/` (`dir`, absolute; `out` as
 * the user names it, for messages), where it was found when the briefs
 * were read: the file must still be the one checked (the same SHA-256), so
 * the body is where it was; else throws. Remembers the last body of each
 * file kind: a publisher asks for one brief's body a few times in a row.
 */
function storedBodies(dir: string, out: string, verified: ReadonlyMap<string, string>): (relative: string, at: BodyAt) => string {
  const last = new Map<string, { file: string; body: string }>();
  return (relative, at) => {
    const kind = relative.slice(relative.lastIndexOf("."));
    const remembered = last.get(kind);
    if (remembered?.file === relative) return remembered.body;
    const text = readOutputFilesSync(dir, [relative])[relative];
    if (text === undefined || sha256(text) !== verified.get(relative)) throw new Error(`${out}/${relative}: the file changed on disk after it was checked; run \`newsbrief build\` and publish again`);
    const body = text.slice(at[0], at[1]);
    last.set(kind, { file: relative, body });
    return body;
  };
}

/** Where `body`, read from `text`, sits in it. */
function bodyAt(text: string, body: string): BodyAt {
  const from = text.endsWith(body) ? text.length - body.length : text.indexOf(body);
  return [from, from + body.length];
}

/** One brief from its Markdown file and its HTML page, its bodies apart (slices of the texts given); a string says what is wrong. */
function readBriefParts(slug: string, locale: Locale, markdownFile: string, page: string, storyType?: string): { head: BriefHead; markdown: string; html: string } | string {
  if (!SLUG_PATTERN.test(slug)) return `\`${slug}\` is not a valid slug`;
  const file = readBriefFile(markdownFile);
  if (typeof file === "string") return file;
  const fields = briefFields(file.frontMatter);
  if (!fields) return "the front matter lacks one of title, description, date, translationKey";
  if (fields.lang !== locale || fields.slug !== slug) return `the front matter does not say lang: ${locale}, slug: ${slug}`;
  const html = pageBody(page);
  if (html === undefined) return "the HTML page has no <article> or <main> element holding the brief";
  const { title, description, date, translationKey, tags } = fields;
  const head: BriefHead = {
    slug,
    locale,
    translationKey,
    title,
    description,
    date,
    tags,
    contentHash: `sha256:${createHash("sha256").update(markdownFile).digest("hex")}`,
    ...(storyType === undefined ? {} : { storyType }),
  };
  return { head, markdown: file.body, html };
}
