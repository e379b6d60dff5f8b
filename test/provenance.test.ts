/**
 * Provenance: each fact's evidence is found in the French source and reads as
 * the fact's value at the precision written; every figure of the source is
 * covered by evidence or ignored with a reason; builds and checks fail, and
 * write nothing, when it is not so. The exact reports of provenance problems
 * are golden cases: test/cases/provenance-*.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadArticle, type Article } from "../src/content/load.ts";
import type { Fact } from "../src/content/schema.ts";
import type { Measure } from "../src/content/story-type.ts";
import { extractFigures } from "../src/extract/index.ts";
import { checkProvenance } from "../src/provenance/check.ts";
import { draftFacts } from "../src/provenance/draft.ts";
import { agreement, directionAfter, directionBefore, signFromWords, writtenStep } from "../src/provenance/consistency.ts";
import { findQuotation, normalizeQuotation } from "../src/provenance/text.ts";
import { cleanupProjects, digestTree, makeProject, replace, reported, runCli, SLUG, snapshotTree } from "./support/project.ts";
import { fixtureFile } from "./support/fixtures.ts";
import { ACME_RESULTS, cleanupStoryProjects, storyProject, type ArticleInput } from "./support/story-project.ts";

afterEach(() => {
  cleanupProjects();
  cleanupStoryProjects();
});
afterAll(() => cleanupProjects({ base: true }));

const FACTS = `content/${SLUG}/facts.yaml`;
const SOURCE = `content/${SLUG}/source.fr.md`;
const NBSP = "\u00a0";

/** The bundled article with its facts.yaml and source.fr.md changed, loaded. */
function article(change: { facts?: (text: string) => string; source?: (text: string) => string } = {}): Article {
  const factsText = (change.facts ?? ((t) => t))(fixtureFile(FACTS));
  const sourceText = (change.source ?? ((t) => t))(fixtureFile(SOURCE));
  const loaded = loadArticle({ slug: SLUG, factsFile: FACTS, factsText, sourceFile: SOURCE, sourceText });
  if (!loaded.article) throw new Error(loaded.diagnostics.map((d) => `${d.rule} ${d.message}`).join("\n"));
  return loaded.article;
}

function provenance(change: Parameters<typeof article>[0] = {}) {
  return checkProvenance(article(change), extractFigures);
}

/** 1-based line and column of the first `needle` in `text`, after `from`. */
function positionOf(text: string, needle: string, from = ""): { line: number; column: number } {
  const offset = text.indexOf(needle, from ? text.indexOf(from) : 0);
  if (offset === -1) throw new Error(`${needle} is not in the text`);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The one figure the extractor reads in a French phrase. */
function figureOf(phrase: string) {
  const figures = extractFigures(phrase);
  expect(figures, phrase).toHaveLength(1);
  return figures[0]!;
}

const money = (value: number, extra: Partial<Extract<Fact, { type: "money" }>> = {}): Fact => ({ id: "x", type: "money", currency: "EUR", value, label: { fr: "x", nl: "x", en: "x" }, ...extra });

describe("the bundled article", () => {
  it("has evidence on every fact, and every figure of its source is covered", () => {
    const facts = article().facts.facts;
    expect(facts.every((f) => (f.evidence ?? []).length > 0)).toBe(true);
    const result = provenance();
    expect(result.diagnostics).toEqual([]);
    expect(result.coverage).toEqual({ slug: SLUG, figures: 13, covered: 13, ignored: 0 });
  });
});

describe("finding evidence in the source", () => {
  it("makes typographic apostrophes and no-break spaces plain, one code unit for one", () => {
    const text = `l’IA et d‘euros 1${NBSP}200\u202Feuros`;
    expect(normalizeQuotation(text)).toBe("l'IA et d'euros 1 200 euros");
    expect(normalizeQuotation(text)).toHaveLength(text.length);
  });

  it("matches whole words only: `60 millions` is not inside `160 millions`", () => {
    expect(findQuotation("de 160 millions et 60 millions", "60 millions")).toEqual([{ start: 19, end: 30 }]);
    expect(findQuotation("1,2 milliards", "1,2 milliard")).toEqual([]);
  });

  it("accepts a straight apostrophe for the source's typographic one", () => {
    const result = provenance({ facts: replace(`evidence: ["544,7 millions d’euros"]`, `evidence: ["544,7 millions d'euros"]`) });
    expect(result.diagnostics).toEqual([]);
  });

  it("accepts a no-break space in the source where the evidence has a plain one", () => {
    const result = provenance({ source: replace("544,7 millions d’euros", `544,7${NBSP}millions d’euros`) });
    expect(result.diagnostics).toEqual([]);
  });

});

describe("reading the evidence as the fact's value", () => {
  it("compares at the precision written: 1,2 milliard stands for 1 232 726 898, 1,3 milliard does not", () => {
    const total = money(1232726898);
    const written = figureOf("1,2 milliard d’euros");
    expect(writtenStep(written)).toBe(100_000_000);
    expect(agreement(total, written)).toMatchObject({ ok: true });
    expect(agreement(total, figureOf("1,3 milliard d’euros"))).toMatchObject({ ok: false, problem: "value" });
    expect(agreement(total, figureOf("1.232.726.898 euros"))).toMatchObject({ ok: true, step: 1 });
    expect(agreement(total, figureOf("1.232.726.899 euros"))).toMatchObject({ ok: false, problem: "value" });
    expect(agreement(money(544_700_000), figureOf("544,7 millions d’euros"))).toMatchObject({ ok: true, step: 100_000 });
    expect(agreement(money(544_750_001), figureOf("544,7 millions d’euros"))).toMatchObject({ ok: false, problem: "value" });
    // A number in words is as precise as its scale word; a plain one, to the unit.
    expect(writtenStep(figureOf("deux millions d’habitants"))).toBe(1_000_000);
    expect(writtenStep(figureOf("douze emplois"))).toBe(1);
    expect(writtenStep(figureOf("12,5 %"))).toBe(0.1);
  });

  it("reads a half of a scale word as its tenth: un demi-milliard, un milliard et demi", () => {
    const half = figureOf("un demi-milliard d’euros");
    expect(writtenStep(half)).toBe(100_000_000);
    expect(agreement(money(500_000_000), half)).toMatchObject({ ok: true });
    expect(agreement(money(540_000_000), half)).toMatchObject({ ok: true });
    expect(agreement(money(600_000_000), half)).toMatchObject({ ok: false, problem: "value" });
    expect(writtenStep(figureOf("un demi-million d’euros"))).toBe(100_000);
    expect(agreement(money(1_500_000_000), figureOf("un milliard et demi d’euros"))).toMatchObject({ ok: true, step: 100_000_000 });
    expect(agreement(money(1_000_000_000), figureOf("un milliard et demi d’euros"))).toMatchObject({ ok: false, problem: "value" });
    expect(writtenStep(figureOf("2 milliards et demi d’euros"))).toBe(100_000_000);
  });

  it("takes “un demi-milliard d’euros” in the source as the evidence of a fact, at its precision", () => {
    const source = replace("Les entreprises pourront", "Près d’un demi-milliard d’euros ira à l’IA. Les entreprises pourront");
    const fact = (precision: number) =>
      replace("  - id: period\n", `  - id: half\n    type: money\n    currency: EUR\n    value: 500000000\n    precision: ${precision}\n    approx: true\n    label: { fr: l’IA, nl: AI, en: AI }\n    evidence: ["un demi-milliard d’euros"]\n\n  - id: period\n`);
    const result = provenance({ source, facts: fact(100_000_000) });
    expect(result.diagnostics).toEqual([]);
    expect(result.coverage).toMatchObject({ figures: 14, covered: 14 });
    // Finer than the words state: a false precision, not a figure missing.
    expect(provenance({ source, facts: fact(1_000_000) }).diagnostics.map((d) => d.rule)).toEqual(["provenance/false-precision"]);
    // With no fact, the figure is one the facts must account for.
    expect(provenance({ source }).diagnostics.map((d) => `${d.rule} ${d.actual}`)).toEqual(["provenance/uncovered \"un demi-milliard d’euros\" (500000000, EUR, hedged)"]);
  });

  it("requires a year range, a month and a date to match exactly", () => {
    const period: Fact = { id: "p", type: "year-range", value: [2025, 2027], label: { fr: "x", nl: "x", en: "x" } };
    expect(agreement(period, figureOf("entre 2025 et 2027"))).toMatchObject({ ok: true });
    expect(agreement(period, figureOf("entre 2025 et 2028"))).toMatchObject({ ok: false, problem: "value" });
    const month: Fact = { id: "m", type: "month", value: "2025-04", label: { fr: "x", nl: "x", en: "x" } };
    expect(agreement(month, figureOf("en avril 2025"))).toMatchObject({ ok: true });
    expect(agreement(month, figureOf("en mai 2025"))).toMatchObject({ ok: false, problem: "value" });
    const date: Fact = { id: "d", type: "date", value: "2025-03-15", label: { fr: "x", nl: "x", en: "x" } };
    expect(agreement(date, figureOf("le 15 mars 2025"))).toMatchObject({ ok: true });
    expect(agreement(date, figureOf("le 16 mars 2025"))).toMatchObject({ ok: false, problem: "value" });
  });

  it("refuses evidence read with another unit than the fact's type or currency", () => {
    expect(agreement(money(44_500_000), figureOf("44,5 millions de dollars"))).toMatchObject({ ok: false, problem: "unit", expected: "EUR" });
  });

  it("accepts a figure the source hedges on a fact with `approx: true`", () => {
    const hedged = (t: string) => replace("(60 millions)", "(environ 60 millions)")(t);
    expect(provenance({ source: hedged, facts: replace("    precision: 1000000\n", "    precision: 1000000\n    approx: true\n") }).diagnostics).toEqual([]);
  });
});

describe("a change's direction and a bound, as the source gives them", () => {
  const change = (value: number): Fact => ({ id: "c", type: "change", unit: "percent", value, decimals: 1, label: { fr: "x", nl: "x", en: "x" } });
  const body = "Le chiffre d’affaires est en baisse de 3,2 % et les ventes progressent de 1,5 %. Le taux s’établit à 2,1 %.";
  const at = (text: string) => extractFigures(body).find((f) => f.text === text)!;

  it("refuses a change stored with the sign opposite to the words before its figure", () => {
    expect(agreement(change(-3.2), at("3,2 %"), undefined, directionBefore(body, at("3,2 %")))).toMatchObject({ ok: true });
    expect(agreement(change(3.2), at("3,2 %"), undefined, directionBefore(body, at("3,2 %")))).toMatchObject({ ok: false, problem: "direction", expected: "a fall: a value below zero (-3.2)" });
    expect(agreement(change(-1.5), at("1,5 %"), undefined, directionBefore(body, at("1,5 %")))).toMatchObject({ ok: false, problem: "direction", expected: "a rise: a value above zero (1.5)" });
    // No words of direction: either sign may be right (the sign is said elsewhere, or the figure is a level).
    expect(directionBefore(body, at("2,1 %"))).toBeUndefined();
    expect(agreement(change(-2.1), at("2,1 %"), undefined, undefined)).toMatchObject({ ok: true });
  });

  it("reads the direction across an adverb between the verb and its figure", () => {
    const text = "Le taux recule ainsi de 0,3 point de pourcentage. L’emploi progresse encore de 1,2 %. Le chômage a néanmoins reculé de 1,4 point de pourcentage. Les prix baissent depuis de 2 %.";
    const figure = (t: string) => extractFigures(text).find((f) => f.text.startsWith(t))!;
    expect(directionBefore(text, figure("0,3"))).toBe(-1);
    expect(directionBefore(text, figure("1,2"))).toBe(1);
    expect(directionBefore(text, figure("1,4"))).toBe(-1);
    // Only an adverb: any other word between them is not read as the figure's direction.
    expect(directionBefore(text, figure("2 %"))).toBeUndefined();
  });

  it("reads the direction of a count or an amount said to be more or fewer, after its figure", () => {
    const text = "On compte 287 400 chômeurs, soit 18 600 de moins qu’un an plus tôt. La Région dépense 1,5 milliard d’euros de plus. Il y a 300 emplois de plus. Le taux atteint 5 % de plus. Ils sont 40 de plus en plus âgés.";
    const figure = (t: string) => extractFigures(text).find((f) => f.text.startsWith(t))!;
    expect(directionAfter(text, figure("18 600"))).toEqual({ sign: -1, end: text.indexOf(" qu’un an") });
    expect(directionAfter(text, figure("1,5"))?.sign).toBe(1);
    expect(directionAfter(text, figure("300"))?.sign).toBe(1);
    expect(directionAfter(text, figure("287 400"))).toBeUndefined();
    // A percentage's direction is read before it; “de plus en plus” is not “more”.
    expect(directionAfter(text, figure("5 %"))).toBeUndefined();
    expect(directionAfter(text, figure("40"))).toBeUndefined();
    const fewer = (value: number): Fact => ({ id: "c", type: "change", unit: "count", value, label: { fr: "x", nl: "x", en: "x" } });
    expect(agreement(fewer(-18600), figure("18 600"), undefined, directionAfter(text, figure("18 600"))?.sign)).toMatchObject({ ok: true });
    expect(agreement(fewer(18600), figure("18 600"), undefined, directionAfter(text, figure("18 600"))?.sign)).toMatchObject({ ok: false, problem: "direction" });
  });

  it("reads the sign of an amount from the words of a measure that has a word for below zero", () => {
    const words = { positive: "bénéfice net", negative: "perte nette" };
    const text = "Le groupe affiche une perte nette de 12,4 millions d’euros, contre un bénéfice net de 148,2 millions d’euros. Le bénéfice net progresse toutefois à 214,3 millions d’euros. Le chiffre d’affaires atteint 5 milliards.";
    const fig = (t: string) => extractFigures(text).find((f) => f.text === t)!;
    const previous = (t: string) => extractFigures(text).filter((f) => f.end <= fig(t).start).reduce((end, f) => Math.max(end, f.end), 0);
    expect(signFromWords(text, fig("12,4 millions d’euros"), words, previous("12,4 millions d’euros"))).toBe(-1);
    expect(signFromWords(text, fig("148,2 millions d’euros"), words, previous("148,2 millions d’euros"))).toBe(1);
    expect(signFromWords(text, fig("214,3 millions d’euros"), words, previous("214,3 millions d’euros"))).toBe(1);
    expect(signFromWords(text, fig("5 milliards"), words, previous("5 milliards"))).toBeUndefined();
    const loss = money(-214_300_000, { precision: 100_000 });
    expect(agreement(loss, fig("214,3 millions d’euros"), undefined, 1)).toMatchObject({ ok: false, problem: "direction", expected: "a value above zero (214300000)" });
    expect(agreement(money(-12_400_000, { precision: 100_000 }), fig("12,4 millions d’euros"), undefined, -1)).toMatchObject({ ok: true });
  });

  it("refuses a fact without the bound its figure has in the source, or with another one", () => {
    const bounded = figureOf("plus de 60 millions d’euros");
    expect(bounded.bound).toBe("more-than");
    expect(agreement(money(60_000_000, { precision: 1_000_000, bound: "more-than" }), bounded)).toMatchObject({ ok: true });
    expect(agreement(money(60_000_000, { precision: 1_000_000 }), bounded)).toMatchObject({ ok: false, problem: "bound", expected: "`bound: more-than` on the fact, as the source says" });
    expect(agreement(money(60_000_000, { precision: 1_000_000, bound: "up-to" }), bounded)).toMatchObject({ ok: false, problem: "bound" });
  });

  it("reports a change of the wrong sign at its value, quoting the source's words", () => {
    const withChange = (sign: string) => ({
      source: (t: string) => `${t.trimEnd()} Le nombre de candidatures est en baisse de 3,2 %.\n`,
      facts: replace("breakdowns:\n", `  - id: applications-change\n    type: change\n    unit: percent\n    value: ${sign}3.2\n    decimals: 1\n    label: { fr: les candidatures, nl: de kandidaturen, en: applications }\n    evidence: ["en baisse de 3,2 %"]\nbreakdowns:\n`),
    });
    expect(provenance(withChange("-")).diagnostics).toEqual([]);
    const [problem, ...others] = provenance(withChange("")).diagnostics;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ rule: "provenance/direction", path: "facts.9.value", expected: "a fall: a value below zero (-3.2)" });
    expect(problem!.message).toMatch(/^`applications-change` stores a rise, but the source says “[^”]*en baisse de 3,2 %” at content\/[a-z0-9-]+\/source\.fr\.md:\d+:\d+: a fall$/);
  });

  it("reports both at the fact, in one run, and build writes nothing", async () => {
    const project = await makeProject({
      [SOURCE]: replace("(60 millions)", "(plus de 60 millions)"),
    });
    const run = await runCli(["check", "--no-lint"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^content\/[a-z0-9-]+\/facts\.yaml:\d+:\d+ +error +the source gives the figure of `[a-z-]+` at content\/[a-z0-9-]+\/source\.fr\.md:\d+:\d+ \(“60 millions”\) as a bound \(more-than\), but the fact does not say so.*\[provenance\/bound\]$/m);
  });
});

describe("the sign of an amount said with words of gain or loss", () => {
  // Measures as the story types define them (templates/*/type.yaml): four with a word for below zero, one without.
  const words = (fr: string, gender: "m" | "f" = "m") => ({ fr: { label: fr, gender, number: "sg" as const, elision: false }, nl: { label: fr, article: "de" as const, number: "sg" as const }, en: { label: fr, number: "sg" as const } });
  const MEASURES: Record<string, Measure> = {
    "net-result": { ...words("bénéfice net"), negative: words("perte nette", "f"), cues: ["résultat net", "résultat net part du groupe", "bénéfice net", "perte nette", "perte", "dans le rouge"] },
    "earnings-per-share": { ...words("bénéfice par action"), negative: words("perte par action", "f"), cues: ["bénéfice par action", "BPA", "résultat par action", "perte par action"] },
    "budget-balance": { ...words("excédent"), negative: words("déficit"), cues: ["solde budgétaire", "solde", "déficit", "excédent", "boni"] },
    "trade-balance": { ...words("balance commerciale", "f"), negative: words("déficit commercial"), cues: ["balance commerciale", "excédent commercial", "déficit commercial", "solde commercial"] },
    revenue: { ...words("chiffre d’affaires"), cues: ["chiffre d’affaires"] },
  };
  const FACTS_FILE = "content/signs/facts.yaml";
  const SOURCE_FILE = "content/signs/source.fr.md";

  /** An article whose source is `phrase` and whose one fact is the amount `figure` of `measure` (or of a free label), stored with `sign`; the phrase's other figures are ignored. */
  function check(phrase: string, figure: string, measure: string | undefined, sign: 1 | -1) {
    const sourceText = `---\ntitle: "Résultats"\nlang: fr\n---\n\n${phrase}\n`;
    const figures = extractFigures(phrase).filter((f) => f.unit !== "label");
    const read = figures.find((f) => f.text === figure);
    if (!read || typeof read.value !== "number") throw new Error(`no figure “${figure}” in ${phrase}`);
    const others = figures.filter((f) => f !== read);
    const factsText = [
      "version: 2",
      "editorial: { date: \"2026-02-26\", template: company-results }",
      "story: {}",
      "facts:",
      "  - id: amount",
      "    type: money",
      `    currency: ${read.unit}`,
      `    value: ${sign * Math.abs(read.value)}`,
      `    precision: ${writtenStep(read)}`,
      ...(read.approx ? ["    approx: true"] : []),
      ...(read.bound ? [`    bound: ${read.bound}`] : []),
      measure === undefined ? "    label: { fr: la perte, nl: het verlies, en: the loss }" : `    measure: ${measure}`,
      `    evidence: [${JSON.stringify(figure)}]`,
      ...(others.length > 0 ? ["ignore:", ...others.map((f) => `  - { text: ${JSON.stringify(f.text)}, reason: another figure }`)] : []),
      "",
    ].join("\n");
    const loaded = loadArticle({ slug: "signs", factsFile: FACTS_FILE, factsText, sourceFile: SOURCE_FILE, sourceText });
    if (!loaded.article) throw new Error(loaded.diagnostics.map((d) => `${d.rule} ${d.message}`).join("\n"));
    return { result: checkProvenance(loaded.article, extractFigures, MEASURES), value: positionOf(factsText, "value: ", "- id: amount"), source: positionOf(sourceText, figure, phrase.slice(0, 12)) };
  }

  // Each phrase: the words that give the figure its sign, as the report quotes them, and that sign.
  const SAID: Array<{ phrase: string; figure: string; measure: string; words: string; sign: 1 | -1 }> = [
    { phrase: "Le groupe dégage un bénéfice de 12 millions d’euros.", figure: "12 millions d’euros", measure: "net-result", words: "bénéfice de 12 millions d’euros", sign: 1 },
    { phrase: "Le groupe accuse une perte de 3 millions d’euros.", figure: "3 millions d’euros", measure: "net-result", words: "perte de 3 millions d’euros", sign: -1 },
    { phrase: "Le résultat est dans le rouge à hauteur de 5 millions d’euros.", figure: "5 millions d’euros", measure: "net-result", words: "dans le rouge à hauteur de 5 millions d’euros", sign: -1 },
    { phrase: "Le groupe est redevenu bénéficiaire, à 4,2 millions d’euros.", figure: "4,2 millions d’euros", measure: "net-result", words: "bénéficiaire, à 4,2 millions d’euros", sign: 1 },
    { phrase: "Le plan doit réduire la perte à 3 millions d’euros.", figure: "3 millions d’euros", measure: "net-result", words: "perte à 3 millions d’euros", sign: -1 },
    { phrase: "Le groupe renoue avec le bénéfice à 4 millions d’euros.", figure: "4 millions d’euros", measure: "net-result", words: "bénéfice à 4 millions d’euros", sign: 1 },
    { phrase: "Après une perte de 5 millions d’euros l’an dernier, le groupe dégage un bénéfice de 2 millions d’euros.", figure: "5 millions d’euros", measure: "net-result", words: "perte de 5 millions d’euros", sign: -1 },
    { phrase: "Après une perte de 5 millions d’euros l’an dernier, le groupe dégage un bénéfice de 2 millions d’euros.", figure: "2 millions d’euros", measure: "net-result", words: "bénéfice de 2 millions d’euros", sign: 1 },
    { phrase: "La perte du groupe s’est creusée à 3,5 millions d’euros.", figure: "3,5 millions d’euros", measure: "net-result", words: "perte du groupe s’est creusée à 3,5 millions d’euros", sign: -1 },
    { phrase: "Le groupe essuie des pertes d’environ 60 millions d’euros.", figure: "60 millions d’euros", measure: "net-result", words: "pertes d’environ 60 millions d’euros", sign: -1 },
    { phrase: "Le groupe affiche un résultat net négatif de 3 millions d’euros.", figure: "3 millions d’euros", measure: "net-result", words: "résultat net négatif de 3 millions d’euros", sign: -1 },
    { phrase: "Le résultat repasse dans le vert à 1,2 million d’euros.", figure: "1,2 million d’euros", measure: "net-result", words: "dans le vert à 1,2 million d’euros", sign: 1 },
    { phrase: "Le groupe publie une perte de 0,23 euro par action.", figure: "0,23 euro", measure: "earnings-per-share", words: "perte de 0,23 euro", sign: -1 },
    { phrase: "Le bénéfice s’établit à 1,20 euro par action.", figure: "1,20 euro", measure: "earnings-per-share", words: "bénéfice s’établit à 1,20 euro", sign: 1 },
    { phrase: "Les comptes 2025 de la commune se clôturent sur un boni de 2 millions d’euros.", figure: "2 millions d’euros", measure: "budget-balance", words: "boni de 2 millions d’euros", sign: 1 },
    { phrase: "Les comptes 2025 de la commune se clôturent sur un mali de 2,5 millions d’euros.", figure: "2,5 millions d’euros", measure: "budget-balance", words: "mali de 2,5 millions d’euros", sign: -1 },
    { phrase: "Le budget du canton est excédentaire de 40 millions de francs.", figure: "40 millions de francs", measure: "budget-balance", words: "excédentaire de 40 millions de francs", sign: 1 },
    { phrase: "Le budget 2026 est déficitaire de 1,1 milliard de francs.", figure: "1,1 milliard de francs", measure: "budget-balance", words: "déficitaire de 1,1 milliard de francs", sign: -1 },
    { phrase: "Le canton dégage un surplus de 12 millions de francs.", figure: "12 millions de francs", measure: "budget-balance", words: "surplus de 12 millions de francs", sign: 1 },
    { phrase: "Le trou budgétaire atteint 3 milliards d’euros.", figure: "3 milliards d’euros", measure: "budget-balance", words: "trou budgétaire atteint 3 milliards d’euros", sign: -1 },
    { phrase: "La balance commerciale est excédentaire de 2,1 milliards d’euros.", figure: "2,1 milliards d’euros", measure: "trade-balance", words: "excédentaire de 2,1 milliards d’euros", sign: 1 },
    { phrase: "Le commerce extérieur affiche un déficit de 1,4 milliard d’euros.", figure: "1,4 milliard d’euros", measure: "trade-balance", words: "déficit de 1,4 milliard d’euros", sign: -1 },
  ];

  it.each(SAID)("“$words”: $measure stored with its sign passes, with the other sign fails at its value", ({ phrase, figure, measure, words, sign }) => {
    expect(check(phrase, figure, measure, sign).result.diagnostics).toEqual([]);
    const { result, value, source } = check(phrase, figure, measure, sign === 1 ? -1 : 1);
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column, d.path])).toEqual([["provenance/direction", value.line, value.column + "value: ".length, "facts.0.value"]]);
    const [problem] = result.diagnostics;
    const side = sign === 1 ? "above" : "below";
    expect(problem!.message).toBe(`\`amount\` stores a value ${sign === 1 ? "below" : "above"} zero, but the source says “${words}” at ${SOURCE_FILE}:${source.line}:${source.column}: ${side} zero`);
    expect(problem!.expected).toMatch(new RegExp(`^a value ${side} zero \\(-?\\d`));
  });

  // Words of gain or loss that are not the sign of the fact's amount: either sign passes.
  const UNSAID: Array<{ phrase: string; figure: string; measure?: string; why: string }> = [
    { phrase: "Malgré une perte de chiffre d’affaires, le résultat net atteint 10 millions d’euros.", figure: "10 millions d’euros", measure: "net-result", why: "a loss of revenue" },
    { phrase: "Le résultat net, grevé par des pertes de change, atteint 10 millions d’euros.", figure: "10 millions d’euros", measure: "net-result", why: "a currency loss" },
    { phrase: "Le résultat intègre une perte de valeur et s’établit à 10 millions d’euros.", figure: "10 millions d’euros", measure: "net-result", why: "an impairment" },
    { phrase: "Le résultat intègre une perte exceptionnelle et s’établit à 10 millions d’euros.", figure: "10 millions d’euros", measure: "net-result", why: "an exceptional item" },
    { phrase: "Après une perte nette l’an dernier, le résultat net atteint 5 millions d’euros.", figure: "5 millions d’euros", measure: "net-result", why: "the measure named without a sign, nearer the figure" },
    { phrase: "L’excédent brut d’exploitation atteint 30 millions d’euros.", figure: "30 millions d’euros", measure: "net-result", why: "EBITDA" },
    { phrase: "La perte par action s’élève à 0,23 euro.", figure: "0,23 euro", measure: "net-result", why: "another measure's words" },
    { phrase: "La Région verse au bénéfice des communes 3 millions d’euros.", figure: "3 millions d’euros", measure: "budget-balance", why: "au bénéfice de: for the benefit of" },
    { phrase: "La perte de recettes atteint 20 millions de francs.", figure: "20 millions de francs", measure: "budget-balance", why: "a loss of revenue" },
    { phrase: "Le solde budgétaire du Mali atteint 3 milliards de francs.", figure: "3 milliards de francs", measure: "budget-balance", why: "Mali, a country" },
    { phrase: "Le chiffre d’affaires, après une perte de 3 millions d’euros, atteint 40 millions d’euros.", figure: "3 millions d’euros", measure: "revenue", why: "a measure without a word for below zero" },
    { phrase: "Le groupe accuse une perte de 3 millions d’euros.", figure: "3 millions d’euros", why: "a fact with a free label: its sign has no defined words" },
  ];

  it.each(UNSAID)("does not read a sign for $why", ({ phrase, figure, measure }) => {
    expect(check(phrase, figure, measure, 1).result.diagnostics).toEqual([]);
    expect(check(phrase, figure, measure, -1).result.diagnostics).toEqual([]);
  });

  it("fails `build` on a profit stored for “une perte de 12,4 millions”, which every brief would call a profit", async () => {
    const results = (value: number): ArticleInput => ({
      ...ACME_RESULTS,
      body: `${ACME_RESULTS.body} Le groupe accuse une perte de 12,4 millions d’euros.`,
      facts: { ...ACME_RESULTS.facts, facts: [...(ACME_RESULTS.facts.facts as unknown[]), { id: "net-result", type: "money", measure: "net-result", currency: "EUR", value, precision: 100000, evidence: ["12,4 millions d’euros"] }] },
    });
    const right = await runCli(["build"], storyProject(results(-12_400_000)));
    expect(right.code, right.stderr).toBe(0);
    const root = storyProject(results(12_400_000));
    const wrong = await runCli(["build"], root);
    expect(wrong.code).toBe(1);
    expect(existsSync(path.join(root, "out", "acme-results"))).toBe(false);
    const factsText = readFileSync(path.join(root, "content", "acme-results", "facts.yaml"), "utf8");
    const sourceText = readFileSync(path.join(root, "content", "acme-results", "source.fr.md"), "utf8");
    const value = positionOf(factsText, "12400000", "id: net-result");
    const source = positionOf(sourceText, "12,4 millions d’euros");
    expect(reported(wrong.stderr).map((d) => [d.at, d.rule])).toEqual([[`content/acme-results/facts.yaml:${value.line}:${value.column}`, "provenance/direction"]]);
    expect(wrong.stderr).toContain(`\`net-result\` stores a value above zero, but the source says “perte de 12,4 millions d’euros” at content/acme-results/source.fr.md:${source.line}:${source.column}: below zero`);
    expect(wrong.stderr).toContain("expected: a value below zero (-12400000)");
  });
});

describe("coverage of the source", () => {
  const ADDED = "Le programme précédent avait reçu 300 millions d’euros en 2021.";
  const withSentence = (text: string) => `${text}\n${ADDED}\n`;

  it("does not let a long quotation cover the other figures it holds", () => {
    const result = provenance({
      facts: (t) => replace(`evidence: ["2025-2027", "entre 2025 et 2027"]`, `evidence: ["entre 2025 et 2027"]`)(replace(`- "1,2 milliard d’euros"`, `- "1,2 milliard d’euros"\n      - "programme de travail pluriannuel 2025-2027 dans le cadre du Programme pour une Europe numérique. L’Union européenne débloque 1,2 milliard d’euros"`)(t)),
    });
    const at = positionOf(fixtureFile(SOURCE), "2025-2027");
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column, d.actual])).toEqual([["provenance/uncovered", at.line, at.column, `"2025-2027" (2025–2027, year-range)`]]);
  });

  it("does not count a number that names something (`label`)", () => {
    const result = provenance({ source: (t) => `${t}\nVoir l’article 12 du règlement.\n` });
    expect(result.diagnostics).toEqual([]);
    expect(result.coverage.figures).toBe(13);
  });

  const ignore = (entries: string) => (text: string) => `${text}\nignore:\n${entries}`;

  it("leaves out the figures listed under `ignore`, and counts them", () => {
    const result = provenance({
      source: withSentence,
      facts: ignore(`  - text: "300 millions d’euros en 2021"\n    reason: the previous programme, not this one\n`),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.coverage).toEqual({ slug: SLUG, figures: 15, covered: 13, ignored: 2 });
  });

  it("ignores one occurrence only when told which", () => {
    const twice = (t: string) => `${t}\n2021 et 2021.\n`;
    const first = provenance({ source: twice, facts: ignore(`  - { text: "2021", occurrence: 1, reason: sans objet }\n`) });
    expect(first.diagnostics.map((d) => d.rule)).toEqual(["provenance/uncovered"]);
    expect(first.coverage.ignored).toBe(1);
    const both = provenance({ source: twice, facts: ignore(`  - { text: "2021", reason: sans objet }\n`) });
    expect(both.diagnostics).toEqual([]);
    expect(both.coverage.ignored).toBe(2);
  });

});

describe("newsbrief check and build", () => {
  // The exact report of this problem is the golden case test/cases/provenance-value-mismatch.
  it("check fails when 544,7 becomes 547,4 million in facts.yaml, and changes nothing", async () => {
    const project = await makeProject({ [FACTS]: replace("value: 544700000", "value: 547400000") });
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe("");
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["provenance/value-mismatch"]);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("build writes nothing when provenance fails: out/ stays byte-identical", async () => {
    const project = await makeProject({ [SOURCE]: (t) => `${t}\nLe programme précédent avait reçu 300 millions d’euros.\n`, [FACTS]: replace(`["60 millions"]`, `["60 millions d’euros"]`) });
    const before = digestTree(snapshotTree(project.out));
    const run = await runCli(["build", "--no-cache"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/\nnewsbrief: nothing was written\.\n$/);
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["provenance/evidence-not-found", "provenance/uncovered", "provenance/uncovered"]);
    expect(digestTree(snapshotTree(project.out))).toEqual(before);
  });

  it("build and check print the summary line of the source's figures", async () => {
    const project = await makeProject({
      [SOURCE]: (t) => `${t}\nLe programme précédent avait reçu 300 millions d’euros en 2021.\n`,
      [FACTS]: (t) => `${t}\nignore:\n  - { text: "300 millions d’euros en 2021", reason: the previous programme }\n`,
    });
    const built = await runCli(["build"], project.root);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout.split("\n")[0]).toBe("source figures: 15, covered: 13, ignored: 2");
    const again = await runCli(["build"], project.root);
    expect(again.stdout, "the summary of an article reused from the cache").toMatch(/^source figures: 15, covered: 13, ignored: 2\n.*reused/);
    const checked = await runCli(["check"], project.root);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout.split("\n")[0]).toBe("source figures: 15, covered: 13, ignored: 2");
  });
});

describe("the figures of the source's title", () => {
  const titled = (title: string, facts = (ACME_RESULTS.facts as { facts: Fact[] }).facts): ArticleInput => ({ ...ACME_RESULTS, title, facts: { ...ACME_RESULTS.facts, facts } });

  it("are said, before the briefs are rendered, when no fact states them: the briefs cite the title", async () => {
    const root = storyProject(titled("Acme : le chiffre d’affaires recule de 3,2 %, le bénéfice grimpe de 12 %"));
    const run = await runCli(["build"], root);
    const warning = reported(run.stderr).find((d) => d.rule === "provenance/uncovered-title");
    expect(warning?.severity).toBe("warning");
    const line = readFileSync(path.join(root, "content", "acme-results", "source.fr.md"), "utf8").split("\n").findIndex((l) => l.startsWith("title:"));
    expect(warning?.at).toBe(`content/acme-results/source.fr.md:${line + 1}:${readFileSync(path.join(root, "content", "acme-results", "source.fr.md"), "utf8").split("\n")[line]!.indexOf("12 %") + 1}`);
    expect(warning?.line).toContain("“12 %” of the source's title states no fact's value");
    // Only 12 %: the fall of 3,2 % is the fact revenue-change, whatever words the title gives it.
    expect(reported(run.stderr).filter((d) => d.rule === "provenance/uncovered-title")).toHaveLength(1);
    // The verifier fails on the briefs that cite it, as before.
    expect(run.code).toBe(1);
    expect(reported(run.stderr).map((d) => d.rule)).toContain("verify/unmatched-figure");
  });

  it("are not said when a fact states them, its evidence in the body, and the briefs then verify", async () => {
    const facts = [...(ACME_RESULTS.facts as { facts: Fact[] }).facts];
    const title = titled("Acme : le chiffre d’affaires recule de 3,2 % à 5,87 milliards d’euros en 2025", facts);
    const run = await runCli(["build"], storyProject(title));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("uncovered-title");
  });

  it("are checked with the sign the title's words give a change", async () => {
    const run = await runCli(["build"], storyProject(titled("Acme : le chiffre d’affaires progresse de 3,2 %")));
    expect(reported(run.stderr).filter((d) => d.rule === "provenance/uncovered-title").map((d) => d.line)).toEqual([expect.stringContaining("“3,2 %”")]);
  });
});

describe("a change computed from its ends", () => {
  it("is told that its evidence must state the change, when it quotes one of its ends", async () => {
    const label = () => ({ fr: "marge", nl: "marge", en: "margin" });
    const root = storyProject({
      ...ACME_RESULTS,
      body: `${ACME_RESULTS.body} La marge atteint 12,5 %, contre 12,0 % en 2024.`,
      facts: {
        ...ACME_RESULTS.facts,
        facts: [
          ...(ACME_RESULTS.facts as { facts: unknown[] }).facts,
          { id: "margin", type: "percent", value: 12.5, decimals: 1, label: label(), evidence: ["12,5 %"] },
          { id: "margin-before", type: "percent", value: 12, decimals: 1, label: label(), evidence: ["12,0 %"] },
          { id: "margin-change", type: "change", unit: "percentage-point", from: "margin-before", to: "margin", label: label(), evidence: ["12,5 %"] },
        ],
      },
    });
    const run = await runCli(["check"], root);
    const problem = run.stderr.split("\n").findIndex((line) => line.includes("[provenance/wrong-unit]"));
    expect(problem).toBeGreaterThan(-1);
    const expected = run.stderr.split("\n")[problem + 1]!;
    expect(expected).toContain("the source's words for the change itself, in percentage-point");
    expect(expected).toContain("“12,5 %” is the evidence of `margin-before` or `margin`");
  });
});

describe("a quarter written without its year", () => {
  const body = "Au troisième trimestre, le taux recule. Au premier semestre, il montait.";
  const at = (text: string) => extractFigures(body).find((f) => f.text === text)!;
  const quarter = (value: string): Fact => ({ id: "q", type: "quarter", value });
  const half = (value: string): Fact => ({ id: "h", type: "half-year", value });

  it("stands for that quarter or half-year of any year, and no other", () => {
    expect(at("troisième trimestre").value).toBe("--Q3");
    expect(agreement(quarter("2026-Q3"), at("troisième trimestre"))).toMatchObject({ ok: true });
    expect(agreement(quarter("2026-Q2"), at("troisième trimestre"))).toMatchObject({ ok: false, problem: "value" });
    expect(agreement(half("2025-H1"), at("premier semestre"))).toMatchObject({ ok: true });
    expect(agreement(half("2025-H2"), at("premier semestre"))).toMatchObject({ ok: false, problem: "value" });
  });

  it("is drafted as a fact whose year the editor writes", () => {
    const draft = draftFacts({ body, figures: extractFigures(body) });
    expect(draft).toContain('    type: quarter\n    value: "TODO: the year of Q3 (the source does not write it), as YYYY-Q3"\n');
    expect(draft).not.toContain("expected 2000-Q3");
  });
});
