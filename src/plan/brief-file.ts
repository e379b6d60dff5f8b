/**
 * The brief-file codec: a Markdown file with a YAML front matter, written
 * one way (double-quoted strings, no folding) and read back one way, by the
 * feeds, publishing and review alike.
 */
import { parse, stringify } from "yaml";
import { splitFrontMatter } from "./front-matter.ts";

// Double-quoted strings (no YAML reader turns a date or a number-like title
// into something else), no line folding.
const FRONT_MATTER_STYLE = { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;

/** Front matter, a blank line, then the body. */
export function writeBriefFile(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontMatter, FRONT_MATTER_STYLE)}---\n\n${body}`;
}

/** A brief file read back. */
export interface BriefFile {
  frontMatter: Record<string, unknown>;
  /** The body, without the blank line after the front matter. */
  body: string;
}

/** Reads a brief file; a string says what is wrong with it. */
export function readBriefFile(contents: string): BriefFile | string {
  const split = splitFrontMatter(contents);
  if (!split) return "the brief has no front matter";
  let data: unknown;
  try {
    data = parse(split.yaml);
  } catch (error) {
    return `the front matter is not valid YAML (${error instanceof Error ? error.message : String(error)})`;
  }
  const frontMatter = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { frontMatter, body: split.body.replace(/^\n/, "") };
}

/** The fields every brief's front matter carries, read as strings; undefined when one is missing. */
export function briefFields(frontMatter: Record<string, unknown>): { title: string; description: string; date: string; translationKey: string; lang?: string; slug?: string; tags: string[] } | undefined {
  const text = (key: string): string | undefined => (typeof frontMatter[key] === "string" ? (frontMatter[key] as string) : undefined);
  const [title, description, date, translationKey] = [text("title"), text("description"), text("date"), text("translationKey")];
  if (title === undefined || description === undefined || date === undefined || translationKey === undefined) return undefined;
  const tags = Array.isArray(frontMatter.tags) ? frontMatter.tags.filter((tag): tag is string => typeof tag === "string") : [];
  const lang = text("lang");
  const slug = text("slug");
  return { title, description, date, translationKey, tags, ...(lang === undefined ? {} : { lang }), ...(slug === undefined ? {} : { slug }) };
}

/**
 * The body of a brief's HTML page: the content of its `<article>` element
 * (else of `<main>`), as the page template placed it; undefined when the
 * page has neither.
 */
export function pageBody(html: string): string | undefined {
  for (const tag of ["article", "main"]) {
    const open = new RegExp(`<${tag}(?:\\s[^>]*)?>`).exec(html);
    const close = html.lastIndexOf(`</${tag}>`);
    if (open && close > open.index) return `${html.slice(open.index + open[0].length, close).trim()}\n`;
  }
  return undefined;
}
