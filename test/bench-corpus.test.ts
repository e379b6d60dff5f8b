/**
 * The corpus of `npm run bench`: varied articles, not copies. Made with the
 * bench's own generator from frozen copies of the example articles
 * (test/fixtures/bench-models/, one per story type and a second funding
 * announcement), every variant of every model is built and verified, and
 * the values of their figures really differ from one article to the next,
 * in facts.yaml and in the source together.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { computeChange } from "../src/content/rules.ts";
import { LOCALES } from "../src/content/schema.ts";
import { feedBriefOf, feedItemText } from "../src/render/feeds.ts";
import { findQuotation, normalizeQuotation } from "../src/provenance/text.ts";
import { article, articleSlug, FACTORS, loadModels, writeCorpus, type Article } from "./support/bench-corpus.ts";
import { ROOT } from "./support/fixtures.ts";
import { reported, runCli } from "./support/project.ts";

const MODELS = path.join(ROOT, "test", "fixtures", "bench-models");

interface FactData {
  id: string;
  type: string;
  value?: unknown;
  unit?: string;
  from?: string;
  to?: string;
  decimals?: number;
  evidence?: string[];
}
interface FactsData {
  editorial: { template: string };
  facts: FactData[];
  breakdowns?: Array<{ of: string; parts: string[]; complete?: boolean }>;
}

const facts = (a: Article) => parse(a.facts) as FactsData;
const body = (a: Article) => a.source.replace(/^---\n[\s\S]*?\n---\n/, "");
const stands = (quotation: string, a: Article) => findQuotation(normalizeQuotation(body(a)), normalizeQuotation(quotation)).length > 0;

/** What each model's articles scale (the other facts keep the model's values: see test/support/bench-corpus.ts). */
const SCALED: Record<string, string[]> = {
  "belgian-inflation-2026-11": ["indicator", "previous", "indicator-change", "related", "related-previous", "annual-change", "second-annual-change", "rate", "other-rate", "growth", "annual-growth", "tally", "tally-change"],
  "blauwe-bank-offshore-wind": ["key", "distance", "cost", "households", "jobs"],
  "eu-digital-europe-2025-2027": ["total", "ai", "digital-solutions", "cybersecurity", "hpc", "interoperability", "chips-fund"],
  "hainaut-just-transition-fund": ["total", "brownfields"],
  "halvera-group-results-2025": [
    "revenue",
    "revenue-change",
    "comparable-change",
    "organic-change",
    "ebita",
    "ebita-change",
    "net-result",
    "previous-net-result",
    "impairment",
    "eps",
    "free-cash-flow",
    "net-debt",
    "previous-net-debt",
    "dividend",
    "previous-dividend",
    "quarter-revenue",
    "quarter-revenue-change",
    "outlook-revenue",
  ],
  "swiss-supplementary-budget-2026": ["credits", "expenditure", "migration", "premiums", "interest", "other-credits", "offsets", "planned-balance", "balance"],
};

describe("the bench corpus", () => {
  const models = loadModels(MODELS);
  // Every variant there is: model i mod M, factor floor(i / M).
  const count = models.length * FACTORS.length;
  const corpus = Array.from({ length: count }, (_, i) => article(models, i));
  const byModel = models.map((_, m) => corpus.filter((_, i) => i % models.length === m));
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it("is made from the models: every story type", () => {
    expect(models.map((m) => m.slug)).toEqual(Object.keys(SCALED));
    expect(new Set(models.map((m) => (parse(m.facts) as FactsData).editorial.template))).toEqual(new Set(["statistics-release", "event", "funding-announcement", "public-budget", "company-results"]));
  });

  it("builds with every figure of every brief verified and every source figure accounted for", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsbrief-bench-corpus-"));
    roots.push(root);
    for (const dir of ["templates", "locales"]) cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    writeCorpus(root, models, count);
    const run = await runCli(["build", "--no-cache", "--quiet"], root);
    expect(reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.line)).toEqual([]);
    expect(run.code).toBe(0);
    const summary = /^(\d+) article\(s\), (\d+) file\(s\), (\d+) figure\(s\) verified/m.exec(run.stdout);
    expect(summary?.[1]).toBe(String(count));
    expect(Number(summary?.[3])).toBeGreaterThan(count * 100);
    const sources = /source figures: (\d+), covered: (\d+), ignored: (\d+)/.exec(run.stdout);
    expect(sources).not.toBeNull();
    expect(Number(sources![2]) + Number(sources![3])).toBe(Number(sources![1]));
    // Each feed item is what its brief's Markdown file gives, read back from disk.
    for (const locale of LOCALES) {
      const feed = readFileSync(path.join(root, "out", `feed.${locale}.json`), "utf8");
      for (let i = 0; i < count; i++) {
        const slug = articleSlug(i);
        const brief = feedBriefOf(readFileSync(path.join(root, "out", slug, `${locale}.md`), "utf8"));
        expect(brief, `${slug} ${locale}`).toBeDefined();
        expect(feed.includes(feedItemText(brief!, slug, locale)), `${slug} ${locale}`).toBe(true);
      }
    }
  }, 300_000);

  it("gives each model's articles different values, written in their sources", () => {
    models.forEach((model, m) => {
      const articles = byModel[m]!;
      const model_ = facts(model);
      const values = articles.map((a) => new Map(facts(a).facts.map((f) => [f.id, JSON.stringify(f.value)])));
      const scaled = model_.facts.map((f) => f.id).filter((id) => new Set(values.map((v) => v.get(id))).size > 1);
      expect(scaled, model.slug).toEqual(SCALED[model.slug]);
      for (const id of scaled) {
        // Two articles that differ on this fact: each quotes its own figure, which stands in its own source and not in the other's.
        const a = articles.findIndex((_, n) => values[n]!.get(id) !== values[0]!.get(id));
        const [first, other] = [articles[0]!, articles[a]!];
        const [q1, q2] = [first, other].map((x) => facts(x).facts.find((f) => f.id === id)!.evidence!);
        expect(q2, `${model.slug} ${id}`).not.toEqual(q1);
        for (const q of q1!) expect(stands(q, first) && !stands(q, other), `${model.slug} ${id}: “${q}”`).toBe(true);
        for (const q of q2!) expect(stands(q, other) && !stands(q, first), `${model.slug} ${id}: “${q}”`).toBe(true);
      }
    });
  });

  it("keeps computed facts agreeing with their inputs: changes between two facts, complete breakdowns", () => {
    let changes = 0;
    let breakdowns = 0;
    for (const a of corpus) {
      const data = facts(a);
      const byId = new Map(data.facts.map((f) => [f.id, f]));
      for (const f of data.facts) {
        if (f.type !== "change" || f.from === undefined || f.to === undefined || typeof f.value !== "number") continue;
        const computed = computeChange(f.unit as "percent", byId.get(f.from)!.value as number, byId.get(f.to)!.value as number)!;
        expect(Math.abs(computed - f.value), `${f.id} in ${a.source.slice(0, 80)}`).toBeLessThanOrEqual(0.5 * 10 ** -(f.decimals ?? 0) + 1e-9);
        changes++;
      }
      for (const b of data.breakdowns ?? []) {
        if (!b.complete) continue;
        expect(b.parts.reduce((sum, p) => sum + (byId.get(p)!.value as number), 0)).toBe(byId.get(b.of)!.value);
        breakdowns++;
      }
    }
    expect(changes).toBe(FACTORS.length);
    expect(breakdowns).toBe(FACTORS.length);
  });

  it("is deterministic: article i is always the same text", () => {
    const again = loadModels(MODELS);
    for (const i of [0, 7, 29, count - 1, count + 3]) expect(article(again, i)).toEqual(article(models, i));
    expect(articleSlug(42)).toBe("brief-00042");
  });
});
