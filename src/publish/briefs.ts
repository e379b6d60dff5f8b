/**
 * Reading the verified briefs back from `out/` for a publishing target.
 * Nothing is published unless `check` passes: every figure of every output
 * matches the dataset and every file is exactly what a build writes.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import { compareStrings, diagnostic, hasErrors, type Diagnostic } from "../diagnostics.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { readOutputs, type ProjectPaths } from "../io.ts";
import { check } from "../pipeline.ts";
import type { Brief } from "./types.ts";

/** A slug as newsbrief writes it: lower-case words joined by hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks `out/`, then reads one {@link Brief} per article and locale,
 * sorted by slug, then locale (fr, nl, en). When `out/` is not verified and
 * current, returns no brief and the check's error diagnostics.
 */
export async function loadBriefs(paths: ProjectPaths): Promise<{ briefs: Brief[]; diagnostics: Diagnostic[] }> {
  const checked = await check(paths);
  if (hasErrors(checked.diagnostics)) return { briefs: [], diagnostics: checked.diagnostics.filter((d) => d.severity === "error") };
  const onDisk = await readOutputs(paths);
  const briefs: Brief[] = [];
  const diagnostics: Diagnostic[] = [];
  const slugs = [...new Set([...onDisk.keys()].map((p) => /^([^/]+)\/(?:fr|nl|en)\.md$/.exec(p)?.[1]).filter((s): s is string => s !== undefined))].sort(compareStrings);
  for (const slug of slugs) {
    for (const locale of LOCALES) {
      const file = `${paths.out}/${slug}/${locale}.md`;
      const markdownFile = onDisk.get(`${slug}/${locale}.md`);
      const page = onDisk.get(`${slug}/${locale}.html`);
      if (markdownFile === undefined || page === undefined) {
        diagnostics.push(diagnostic({ file, rule: "publish/missing-brief", message: `the ${locale} brief of ${slug} is missing from ${paths.out}/: run \`newsbrief build\`` }));
        continue;
      }
      const brief = readBrief(slug, locale, markdownFile, page);
      if (typeof brief === "string") diagnostics.push(diagnostic({ file, rule: "publish/unreadable-brief", message: brief }));
      else briefs.push(brief);
    }
  }
  return { briefs, diagnostics };
}

/** One brief from its Markdown file and its HTML page; a string says what is wrong. */
export function readBrief(slug: string, locale: Locale, markdownFile: string, page: string): Brief | string {
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
  const html = articleBody(page);
  if (html === undefined) return "the HTML page has no <article> element";
  return {
    slug,
    locale,
    translationKey,
    title,
    description,
    date,
    markdown: match[2]!,
    html,
    tags: [],
    contentHash: `sha256:${createHash("sha256").update(markdownFile).digest("hex")}`,
  };
}

/** The sanitized body of a page: what its `<main><article>` holds. */
function articleBody(page: string): string | undefined {
  const match = /<main>\s*<article>\n?([\s\S]*?)\n?<\/article>\s*<\/main>/.exec(page);
  return match ? `${match[1]!}\n` : undefined;
}
