/**
 * Reading the verified briefs back from `out/` for a publishing target.
 * Nothing is published unless `check` passes: every figure of every output
 * matches the dataset and every file is exactly what a build writes.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import { compareStrings, diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { SLUG_PATTERN } from "../content/load.ts";
import { checkProjectRoot } from "../io/paths.ts";
import { lockOutputs } from "../io/lock.ts";
import { readOutputs } from "../io/read.ts";
import { type ProjectPaths } from "../types.ts";
import { check } from "../build/pipeline.ts";
import { feedPath } from "../render/feeds.ts";
import type { Brief } from "./types.ts";

export { SLUG_PATTERN };

/**
 * Checks `out/`, then reads one {@link Brief} per article and locale,
 * sorted by slug, then locale (fr, nl, en). When `out/` is not verified and
 * current, returns no brief and the check's error diagnostics.
 */
export async function loadBriefs(paths: ProjectPaths): Promise<{ briefs: Brief[]; diagnostics: Diagnostic[] }> {
  const root = await checkProjectRoot(paths);
  if (root.length > 0) return { briefs: [], diagnostics: root };
  // Held while checking and reading, so that no build replaces out/ in between.
  const { lock, heldBy } = await lockOutputs(paths, 0);
  if (!lock) {
    return { briefs: [], diagnostics: [diagnostic({ file: paths.out, rule: "out/locked", message: `a build is writing ${paths.out}/ (process ${heldBy!.pid}): publish again when it is done` })] };
  }
  try {
    return await readVerified(paths);
  } finally {
    await lock.release();
  }
}

async function readVerified(paths: ProjectPaths): Promise<{ briefs: Brief[]; diagnostics: Diagnostic[] }> {
  const checked = await check(paths);
  if (hasErrors(checked.diagnostics)) return { briefs: [], diagnostics: checked.diagnostics.filter((d) => d.severity === "error") };
  const onDisk = await readOutputs(paths);
  const briefs: Brief[] = [];
  const diagnostics: Diagnostic[] = [];
  const bodies = feedBodies(onDisk);
  const slugs = [...new Set([...onDisk.keys()].map((p) => /^([^/]+)\/(?:fr|nl|en)\.md$/.exec(p)?.[1]).filter((s): s is string => s !== undefined))].sort(compareStrings);
  for (const slug of slugs) {
    for (const locale of LOCALES) {
      const file = `${paths.out}/${slug}/${locale}.md`;
      const markdownFile = onDisk.get(`${slug}/${locale}.md`);
      const html = bodies.get(`${slug}/${locale}`);
      if (markdownFile === undefined || html === undefined) {
        diagnostics.push(diagnostic({ file, rule: "publish/missing-brief", message: `the ${locale} brief of ${slug} is missing from ${paths.out}/: run \`newsbrief build\`` }));
        continue;
      }
      const brief = readBrief(slug, locale, markdownFile, html);
      if (typeof brief === "string") diagnostics.push(diagnostic({ file, rule: "publish/unreadable-brief", message: brief }));
      else briefs.push(brief);
    }
  }
  return { briefs, diagnostics };
}

/**
 * The sanitized HTML body of every brief, by `<slug>/<locale>`, from the
 * verified feeds: each item's `content_html` is its page's body.
 */
function feedBodies(onDisk: ReadonlyMap<string, string>): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const locale of LOCALES) {
    const text = onDisk.get(feedPath(locale));
    if (text === undefined) continue;
    const feed = JSON.parse(text) as { items: Array<{ content_html: string; _newsbrief: { slug: string; locale: Locale } }> };
    for (const item of feed.items) bodies.set(`${item._newsbrief.slug}/${item._newsbrief.locale}`, `${item.content_html}\n`);
  }
  return bodies;
}

/** One brief from its Markdown file and its sanitized HTML body; a string says what is wrong. */
export function readBrief(slug: string, locale: Locale, markdownFile: string, html: string): Brief | string {
  if (!SLUG_PATTERN.test(slug)) return `\`${slug}\` is not a valid slug`;
  const match = /^---\n([\s\S]*?\n)---\n\n?([\s\S]*)$/.exec(markdownFile);
  if (!match) return "the brief has no front matter";
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (error) {
    return `the front matter is not valid YAML (${error instanceof Error ? error.message : String(error)})`;
  }
  const front = (data ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof front[key] === "string" ? (front[key] as string) : undefined);
  const title = text("title");
  const description = text("description");
  const date = text("date");
  const translationKey = text("translationKey");
  if (title === undefined || description === undefined || date === undefined || translationKey === undefined) {
    return "the front matter lacks one of title, description, date, translationKey";
  }
  if (text("lang") !== locale || text("slug") !== slug) return `the front matter does not say lang: ${locale}, slug: ${slug}`;
  return {
    slug,
    locale,
    translationKey,
    title,
    description,
    date,
    markdown: match[2]!,
    html,
    tags: Array.isArray(front.tags) ? front.tags.filter((tag): tag is string => typeof tag === "string") : [],
    contentHash: `sha256:${createHash("sha256").update(markdownFile).digest("hex")}`,
  };
}
