/**
 * The documentation holds together: every relative link of README.md and
 * docs/*.md points at a file that exists, and every `#anchor` at a heading
 * of that file. README.md stays short and the reference lives in docs/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const DOCS = path.join(ROOT, "docs");
const FILES = ["README.md", ...readdirSync(DOCS).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`)];

/** The lines of a Markdown text, with the lines of fenced code blocks blanked. */
function proseLines(text: string): string[] {
  let fence: { char: string; length: number } | undefined;
  return text.split(/\r?\n/).map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && line.trim() === marker[1]) fence = undefined;
      return "";
    }
    if (marker) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      return "";
    }
    return line;
  });
}

/** A heading's anchor as GitHub makes it: lower-case, punctuation removed, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-");
}

/** Every anchor a Markdown text defines through its headings (repeats get -1, -2…). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

interface Link {
  line: number;
  target: string;
}

/** Every relative link `[text](target)` outside code: no http(s), mailto or other scheme. */
export function relativeLinks(text: string): Link[] {
  const links: Link[] = [];
  proseLines(text).forEach((raw, index) => {
    // Inline code is not a link, but may be a link's text: keep its place.
    const line = raw.replace(/(`+)(?:(?!\1).)+?\1/g, "code");
    for (const match of line.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      const target = match[1]!.replace(/^<(.*)>$/, "$1");
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ line: index + 1, target });
    }
  });
  return links;
}

/** The problems of the links of one Markdown text (file is relative to root). */
export function brokenLinks(root: string, file: string, text: string): string[] {
  const problems: string[] = [];
  for (const { line, target } of relativeLinks(text)) {
    const hash = target.indexOf("#");
    const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
    const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = pathPart === "" ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), pathPart);
    const where = `${file}:${line} → ${target}`;
    if (path.relative(root, resolved).startsWith("..")) {
      problems.push(`${where}: points outside the project`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!statSync(resolved).isFile() || !resolved.endsWith(".md")) {
      problems.push(`${where}: an anchor into something that is not a Markdown file`);
      continue;
    }
    if (!anchors(readFileSync(resolved, "utf8")).has(anchor)) problems.push(`${where}: no heading with the anchor #${anchor}`);
  }
  return problems;
}

describe("the documentation", () => {
  it("README.md has at most 250 lines", () => {
    const lines = readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\n$/, "").split("\n");
    expect(lines.length).toBeLessThanOrEqual(250);
  });

  it("docs/ holds at least four documents besides its index", () => {
    expect(existsSync(path.join(DOCS, "README.md"))).toBe(true);
    expect(FILES.filter((f) => f.startsWith("docs/") && f !== "docs/README.md").length).toBeGreaterThanOrEqual(4);
  });

  it.each(FILES)("every relative link of %s points at an existing file and heading", (file) => {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    expect(brokenLinks(ROOT, file, text)).toEqual([]);
  });

  it("every document of docs/ is listed in its index", () => {
    const index = relativeLinks(readFileSync(path.join(DOCS, "README.md"), "utf8")).map((l) => l.target.split("#")[0]);
    const documents = FILES.filter((f) => f.startsWith("docs/") && f !== "docs/README.md").map((f) => path.basename(f));
    expect(documents.filter((d) => !index.includes(d))).toEqual([]);
  });

  it("names no absolute machine path", () => {
    for (const file of FILES) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(text, file).not.toMatch(/(?:^|[\s(`"'])\/(?:work|home|Users|tmp|root|mnt|opt|usr|var|etc|srv)\//m);
    }
  });
});

describe("the link checker", () => {
  it("makes GitHub's heading anchors", () => {
    expect(slug("Starting an article")).toBe("starting-an-article");
    expect(slug("Evidence, values and coverage")).toBe("evidence-values-and-coverage");
    expect(slug("`newsbrief publish`")).toBe("newsbrief-publish");
    expect(slug("Adding a target (Strapi, Directus, Ghost…)")).toBe("adding-a-target-strapi-directus-ghost");
    expect([...anchors("# A\n## A\n```\n# B\n```\n")]).toEqual(["a", "a-1"]);
  });

  it("reports a missing file, a missing heading and a link out of the project, and skips code and web links", () => {
    const text = [
      "[ok](docs/facts.md#rules) [gone](docs/nowhere.md) [bad anchor](docs/facts.md#no-such-heading)",
      "[up](../elsewhere.md) [web](https://example.com/x.md) `[code](docs/nowhere.md)`",
      "```",
      "[fenced](docs/nowhere.md)",
      "```",
    ].join("\n");
    expect(brokenLinks(ROOT, "README.md", text)).toEqual([
      "README.md:1 → docs/nowhere.md: no such file",
      "README.md:1 → docs/facts.md#no-such-heading: no heading with the anchor #no-such-heading",
      "README.md:2 → ../elsewhere.md: points outside the project",
    ]);
  });
});
