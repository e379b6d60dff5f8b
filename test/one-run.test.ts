/**
 * Every problem of an article in one run: an article that breaks a rule of
 * its facts is still traced to its source and checked against its template,
 * without reporting one mistake twice, and is never rendered.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatherReview } from "../src/build/review.ts";
import { projectPaths } from "../src/io/paths.ts";
import { reported, runCli } from "./support/project.ts";
import { ACME_RESULTS, cleanupStoryProjects, storyProject, type ArticleInput } from "./support/story-project.ts";

afterAll(() => cleanupStoryProjects());

type Fact = Record<string, unknown>;

/** ACME_RESULTS with its facts changed. */
function acme(change: { story?: Record<string, unknown>; facts?: (facts: Fact[]) => Fact[] }): ArticleInput {
  const facts = ACME_RESULTS.facts as { story: Record<string, unknown>; facts: Fact[] };
  return { ...ACME_RESULTS, facts: { ...ACME_RESULTS.facts, story: change.story ?? facts.story, facts: (change.facts ?? ((f) => f))(facts.facts.map((f) => ({ ...f }))) } };
}

/** The stored revenue differs from the source's 5,87 milliards. */
const WRONG_REVENUE = (facts: Fact[]) => facts.map((f) => (f.id === "revenue" ? { ...f, value: 5880000000 } : f));

async function check(article: ArticleInput) {
  const root = storyProject(article);
  const run = await runCli(["build"], root);
  const errors = reported(run.stderr).filter((d) => d.severity === "error");
  return { root, run, errors, rules: errors.map((d) => d.rule) };
}

describe("an article that breaks a rule", () => {
  it("is still checked against its source: the rule and provenance are reported together", async () => {
    const { run, rules, root } = await check(acme({ story: {}, facts: WRONG_REVENUE }));
    expect(run.code).toBe(1);
    expect(rules).toContain("facts/missing-requirement");
    expect(rules).toContain("provenance/value-mismatch");
    // Nothing is rendered while it has errors.
    expect(existsSync(path.join(root, "out"))).toBe(false);
  });

  it("is checked against its template, without a fact its story type requires reported a second time", async () => {
    const story = { company: { fr: "Acme", nl: "Acme", en: "Acme" }, compnay: { fr: "Acme", nl: "Acme", en: "Acme" } };
    const { rules, errors } = await check(acme({ story, facts: (facts) => facts.filter((f) => f.id !== "period") }));
    expect(errors.find((d) => d.rule === "facts/missing-requirement")?.line).toContain("`period`");
    // A story text that the template does not show, found by the template check.
    expect(errors.find((d) => d.rule === "facts/unknown-key")?.line).toContain("compnay");
    // The source's “en 2025” is now the evidence of no fact.
    expect(rules).toContain("provenance/uncovered");
    // The template's use of `period` is the missing requirement again: not reported.
    expect(rules).not.toContain("template/unknown-name");
  });

  it("shows its facts and their evidence on its review page, and no briefs", async () => {
    const root = storyProject(acme({ story: {}, facts: WRONG_REVENUE }));
    const review = await gatherReview(projectPaths(root));
    const article = review.articles.find((a) => a.slug === "acme-results")!;
    expect(article.facts.map((f) => f.id)).toEqual(["period", "previous-period", "revenue", "revenue-change"]);
    expect(article.evidence.length).toBeGreaterThan(0);
    expect(article.briefs).toEqual([]);
    expect(article.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(["facts/missing-requirement", "provenance/value-mismatch"]));
  });
});

/** The line:column of the first place `text` stands in the article's facts.yaml. */
function placeOf(root: string, text: string): string {
  const lines = readFileSync(path.join(root, "content", "acme-results", "facts.yaml"), "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  return `content/acme-results/facts.yaml:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

/** The period's evidence is not in the source. */
const WRONG_PERIOD = (facts: Fact[]) => facts.map((f) => (f.id === "period" ? { ...f, evidence: ["en 2026"] } : f));

describe("an article with a fact of the wrong shape", () => {
  it("still has its other facts traced to the source, each problem at its own line", async () => {
    const { run, errors, root } = await check(acme({ facts: (facts) => WRONG_PERIOD(facts).map((f) => (f.id === "revenue" ? { ...f, value: "5,87 milliards" } : f)) }));
    expect(run.code).toBe(1);
    expect(errors.map((d) => [d.rule, d.at])).toEqual([
      ["provenance/evidence-not-found", placeOf(root, "en 2026")],
      ["facts/invalid-type", placeOf(root, "5,87 milliards")],
    ]);
    expect(errors[0]!.line).toContain("at `facts.0.evidence.0`");
    expect(existsSync(path.join(root, "out"))).toBe(false);
  });

  it("has its figures that no fact covers left for the next run: the fact left out may cover them", async () => {
    const { rules } = await check(acme({ facts: (facts) => facts.map((f) => (f.id === "revenue" ? { ...f, value: "5,87 milliards" } : f)) }));
    expect(rules).toEqual(["facts/invalid-type"]);
  });

  it("still has its other facts traced while a fact is still to be decided (TODO)", async () => {
    const { errors, root } = await check(acme({ facts: (facts) => WRONG_PERIOD(facts).map((f) => (f.id === "revenue" ? { ...f, value: "TODO: the revenue" } : f)) }));
    expect(errors.map((d) => d.rule)).toEqual(["provenance/evidence-not-found", "draft/todo"]);
    expect(errors[0]!.at).toBe(placeOf(root, "en 2026"));
  });

  it("is traced whole when only a story text has the wrong shape: figures that no fact covers are found too", async () => {
    const story = { company: { fr: "Acme", nl: "Acme" } };
    const { errors, root } = await check(acme({ story, facts: (facts) => WRONG_PERIOD(facts).filter((f) => f.id !== "revenue-change") }));
    const rules = errors.map((d) => d.rule);
    expect(rules).toContain("provenance/evidence-not-found");
    expect(errors.find((d) => d.rule === "provenance/evidence-not-found")!.at).toBe(placeOf(root, "en 2026"));
    // “en baisse de 3,2 %” is the evidence of no fact.
    expect(rules).toContain("provenance/uncovered");
    // The story text without its English is reported as before.
    expect(errors.some((d) => d.line.includes("story.company"))).toBe(true);
  });

  it("is still traced when a field of `editorial` has the wrong shape, each problem at its own line", async () => {
    const input = acme({ facts: WRONG_PERIOD });
    const { errors, root } = await check({ ...input, facts: { ...input.facts, editorial: { date: "26 février 2026", template: "company-results" } } });
    expect(errors.map((d) => [d.rule, d.at])).toEqual([
      ["facts/invalid-format", placeOf(root, "26 février 2026")],
      ["provenance/evidence-not-found", placeOf(root, "en 2026")],
      // The source's “en 2025” is now the evidence of no fact: the facts are whole, so this is known too.
      ["provenance/uncovered", "content/acme-results/source.fr.md:6:19"],
    ]);
  });

  it("is still traced, without its type's measures, when `editorial` names no template", async () => {
    const input = acme({ facts: WRONG_PERIOD });
    const { rules } = await check({ ...input, facts: { ...input.facts, editorial: { date: "2026-02-26" } } });
    expect(rules).toContain("provenance/evidence-not-found");
    expect(rules.some((r) => r !== "provenance/evidence-not-found")).toBe(true);
  });

  it("is not traced when a problem of shape lies outside the facts' sections", async () => {
    const input = acme({ facts: WRONG_PERIOD });
    const { rules } = await check({ ...input, facts: { ...input.facts, version: 7 } });
    expect(rules).not.toContain("provenance/evidence-not-found");
    expect(rules.length).toBeGreaterThan(0);
  });
});

describe("an article whose source has a front matter of the wrong shape", () => {
  /** Builds the article with `frontMatter` as its source's front matter. */
  async function withFrontMatter(frontMatter: string, facts = WRONG_PERIOD) {
    const root = storyProject(acme({ facts }));
    const file = path.join(root, "content", "acme-results", "source.fr.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^---\n[\s\S]*?\n---\n/, `---\n${frontMatter}\n---\n`));
    const run = await runCli(["build"], root);
    const errors = reported(run.stderr).filter((d) => d.severity === "error");
    return { root, run, errors, rules: errors.map((d) => d.rule) };
  }

  it("still has its facts traced to its title and body, and what no fact covers found", async () => {
    const { run, errors, root } = await withFrontMatter('title: "Acme"\nlang: fr\ndate: 26/02/2026\nauteur: "Rédaction"');
    expect(run.code).toBe(1);
    const rules = errors.map((d) => d.rule);
    expect(rules.filter((r) => r.startsWith("front-matter/") || r.startsWith("facts/")).length).toBe(2);
    expect(errors.find((d) => d.rule === "provenance/evidence-not-found")?.at).toBe(placeOf(root, "en 2026"));
    // The source's “en 2025” is the evidence of no fact now.
    expect(rules).toContain("provenance/uncovered");
    expect(existsSync(path.join(root, "out"))).toBe(false);
  });

  it("is not traced when its title has the wrong shape: the title's figures are part of the source", async () => {
    const { rules } = await withFrontMatter("title: [Acme]\nlang: fr");
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).not.toContain("provenance/evidence-not-found");
  });
});
