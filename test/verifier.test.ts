import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../src/content/schema.ts";
import type { OutputFile } from "../src/types.ts";
import { verifyArticle, type VerifyArticle, type VerifyFile } from "../src/verify/verify.ts";
import { bundledArticle, renderInMemory, SLUG } from "./support/fixtures.ts";

const NBSP = "\u00a0";
let outputs: OutputFile[];
let article: VerifyArticle;

beforeAll(async () => {
  outputs = (await renderInMemory()).files;
  const a = bundledArticle();
  article = { slug: a.slug, facts: a.facts, sourceLang: a.source.frontMatter.lang };
});

function fileOf(locale: Locale, format: "markdown" | "html"): VerifyFile {
  const path = `${SLUG}/${locale}.${format === "html" ? "html" : "md"}`;
  const output = outputs.find((f) => f.path === path);
  if (!output) throw new Error(`no output ${path}`);
  return { file: path, locale, format, contents: output.contents };
}

function verifyOne(file: VerifyFile) {
  return verifyArticle(article, [file]);
}

/** Replaces exactly one occurrence, so a mutation can never silently do nothing. */
function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  expect(first, `"${from}" occurs in the output`).toBeGreaterThanOrEqual(0);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

const AI: Record<Locale, string> = { fr: `544,7${NBSP}millions d’euros`, nl: `544,7${NBSP}miljoen euro`, en: `€544.7${NBSP}million` };

interface Mutation {
  name: string;
  apply(text: string, locale: Locale, format: "markdown" | "html"): string;
  rules: string[];
}

const MUTATIONS: Mutation[] = [
  {
    name: "a changed digit",
    apply: (text, locale) => replaceOnce(text, AI[locale], AI[locale].replace("544", "545")),
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a changed scale word (millions ↔ milliards)",
    apply: (text, locale) => {
      const swapped = { fr: AI.fr.replace("millions", "milliards"), nl: AI.nl.replace("miljoen", "miljard"), en: AI.en.replace("million", "billion") };
      return replaceOnce(text, AI[locale], swapped[locale]);
    },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a swapped decimal separator",
    apply: (text, locale) => replaceOnce(text, AI[locale], locale === "en" ? AI.en.replace(".", ",") : AI[locale].replace(",", ".")),
    rules: ["verify/style"],
  },
  {
    name: "a dropped figure",
    apply: (text, locale, format) => {
      const line = text.split("\n").find((l) => l.includes(AI[locale]));
      expect(line).toBeDefined();
      return replaceOnce(text, `${line}\n`, format === "html" ? "" : "");
    },
    rules: ["verify/missing-fact"],
  },
  {
    name: "an added figure",
    apply: (text, locale, format) => {
      const sentence = { fr: "Il y a 42 projets.", nl: "Er zijn 42 projecten.", en: "There are 42 projects." }[locale];
      return format === "html" ? replaceOnce(text, "</article>", `<p>${sentence}</p>\n</article>`) : `${text}${sentence}\n`;
    },
    rules: ["verify/unmatched-figure"],
  },
  {
    name: "a rounded total inconsistent with the exact value (1,3 instead of 1,2)",
    apply: (text, locale) => {
      const total = { fr: `1,2${NBSP}milliard d’euros`, nl: `1,2${NBSP}miljard euro`, en: `€1.2${NBSP}billion` }[locale];
      return text.replaceAll(total, total.replace("2", "3"));
    },
    rules: ["verify/unmatched-figure"],
  },
];

describe("the verifier accepts the rendered briefs", () => {
  it.each(["fr", "nl", "en"] as const)("%s, Markdown and HTML", (locale) => {
    const result = verifyArticle(article, [fileOf(locale, "markdown"), fileOf(locale, "html")]);
    expect(result.diagnostics).toEqual([]);
    // Every figure fact shows up in both files.
    const ids = new Set(result.figures.map((f) => f.factId));
    for (const fact of article.facts.facts) expect(ids, fact.id).toContain(fact.id);
  });
});

describe("the verifier catches a broken output", () => {
  const cases = MUTATIONS.flatMap((mutation) =>
    (["fr", "nl", "en"] as const).flatMap((locale) => (["markdown", "html"] as const).map((format) => ({ mutation, locale, format }))),
  );
  it.each(cases)("$mutation.name in $locale $format", ({ mutation, locale, format }) => {
    const file = fileOf(locale, format);
    const broken = { ...file, contents: mutation.apply(file.contents, locale, format) };
    expect(broken.contents).not.toBe(file.contents);
    const rules = new Set(verifyOne(broken).diagnostics.map((d) => d.rule));
    for (const rule of mutation.rules) expect([...rules]).toContain(rule);
  });

  it("names the file, the line, the figure as written and the fact it should be", () => {
    const file = fileOf("nl", "markdown");
    const broken = { ...file, contents: replaceOnce(file.contents, AI.nl, AI.nl.replace("544,7", "547,4")) };
    const line = broken.contents.split("\n").findIndex((l) => l.includes("547,4")) + 1;
    const unmatched = verifyOne(broken).diagnostics.find((d) => d.rule === "verify/unmatched-figure");
    expect(unmatched).toMatchObject({ file: file.file, line, actual: `547,4${NBSP}miljoen euro` });
    expect(unmatched?.expected).toContain("`ai`");
  });

  it("catches a figure changed in the front matter only", () => {
    const file = fileOf("en", "markdown");
    const [head, ...rest] = file.contents.split("\n---\n");
    const broken = { ...file, contents: [head!.replace(`€1.2${NBSP}billion`, `€1.4${NBSP}billion`), ...rest].join("\n---\n") };
    const found = verifyOne(broken).diagnostics.filter((d) => d.rule === "verify/unmatched-figure");
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.line).toBeLessThan(10);
  });

  it("catches a figure changed in the JSON-LD or a meta tag only", () => {
    const file = fileOf("fr", "html");
    const inMeta = replaceOnce(file.contents, `content="La Commission européenne débloque 1,2${NBSP}milliard`, `content="La Commission européenne débloque 1,7${NBSP}milliard`);
    expect(verifyOne({ ...file, contents: inMeta }).diagnostics.map((d) => d.rule)).toContain("verify/unmatched-figure");
    const inJson = replaceOnce(file.contents, `"datePublished": "2025-03-28"`, `"datePublished": "2025-03-29"`);
    expect(verifyOne({ ...file, contents: inJson }).diagnostics.map((d) => d.rule)).toContain("verify/unmatched-figure");
  });

  it("refuses a hedge the dataset does not have, and requires one it does", () => {
    const file = fileOf("en", "markdown");
    const hedged = { ...file, contents: replaceOnce(file.contents, `worth €1.2`, `worth about €1.2`) };
    expect(verifyOne(hedged).diagnostics.map((d) => d.rule)).toContain("verify/approximation");
    const approxArticle = { ...article, facts: { ...article.facts, facts: article.facts.facts.map((f) => (f.id === "ai" ? { ...f, approx: true } : f)) } };
    expect(verifyArticle(approxArticle, [file]).diagnostics.map((d) => d.rule)).toContain("verify/approximation");
  });

  it("refuses false precision: a figure shown more precisely than the dataset knows it", () => {
    const file = fileOf("en", "markdown");
    const precise = { ...file, contents: replaceOnce(file.contents, AI.en, "€544,700,000") };
    expect(verifyOne(precise).diagnostics.map((d) => d.rule)).toContain("verify/false-precision");
  });
});
