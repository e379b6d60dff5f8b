/**
 * Every problem of an article in one run: an article that breaks a rule of
 * its facts is still traced to its source and checked against its template,
 * without reporting one mistake twice, and is never rendered.
 */
import { existsSync } from "node:fs";
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
