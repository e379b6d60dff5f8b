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
  return `---\n${writePlainMap(frontMatter, "") ?? stringify(frontMatter, FRONT_MATTER_STYLE)}---\n\n${body}`;
}

/**
 * The front matter as the YAML writer writes it in this style, for the usual
 * shapes (strings, nulls, lists of strings, maps of these, under plain keys),
 * without the writer's cost; undefined for anything else, which the YAML
 * writer then writes.
 */
function writePlainMap(map: Record<string, unknown>, indent: string): string | undefined {
  let out = "";
  const entries = Object.entries(map);
  if (entries.length === 0) return undefined;
  for (const [key, value] of entries) {
    if (!PLAIN_KEY.test(key) || value === undefined) return undefined;
    if (value === null || typeof value === "string") {
      const scalar = writeScalar(value);
      if (scalar === undefined) return undefined;
      out += `${indent}${key}: ${scalar}\n`;
    } else if (Array.isArray(value)) {
      if (value.length === 0) return undefined;
      out += `${indent}${key}:\n`;
      for (const item of value) {
        const scalar = writeScalar(item);
        if (scalar === undefined) return undefined;
        out += `${indent}  - ${scalar}\n`;
      }
    } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      const inner = writePlainMap(value as Record<string, unknown>, `${indent}  `);
      if (inner === undefined) return undefined;
      out += `${indent}${key}:\n${inner}`;
    } else {
      return undefined;
    }
  }
  return out;
}

/** A key the YAML writer leaves plain. */
const PLAIN_KEY = /^(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)[A-Za-z][A-Za-z0-9_]*$/;
/** Characters the YAML writer escapes its own way (controls, surrogates). */
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u001f\ud800-\udfff]/;

/** A string double-quoted as the YAML writer quotes it when nothing in it needs escaping beyond `"` and `\`. */
function writeScalar(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value !== "string" || ESCAPED.test(value)) return undefined;
  return JSON.stringify(value);
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
