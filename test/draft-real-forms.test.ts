/**
 * Forms of real articles that drafts read wrongly at first: a level after its change,
 * the dateline's date, age brackets and amounts of savings or investments without a
 * currency word. Each draft, once its TODOs are filled, passes the check `newsbrief check`
 * runs, every figure covered.
 */
import { describe, expect, it } from "vitest";
import { loadArticle, parseSource } from "../src/content/load.ts";
import type { Measure } from "../src/content/story-type.ts";
import { parseYaml } from "../src/content/yaml.ts";
import { extractFigures } from "../src/extract/index.ts";
import { checkProvenance } from "../src/provenance/check.ts";
import { draftFacts, draftFromDocument } from "../src/provenance/draft.ts";

const words = (label: string) => ({ fr: { label, gender: "m" as const, number: "sg" as const, elision: false }, nl: { label, article: "de" as const, number: "sg" as const }, en: { label, number: "sg" as const } });

/** Measures of company results and of a statistics release, with the cues of the shipped story types. */
const MEASURES: Record<string, Measure> = {
  revenue: { ...words("chiffre d’affaires"), kind: "money", cues: ["chiffre d’affaires", "CA", "ventes totales", "revenus"] },
  "net-result": { ...words("bénéfice net"), negative: words("perte nette"), kind: "money", cues: ["résultat net", "bénéfice net", "perte nette"] },
  headcount: { ...words("effectifs"), kind: "count", cues: ["effectifs", "personnes"] },
  "unemployment-rate": { ...words("taux de chômage"), kind: "percent", cues: ["taux de chômage", "chômage"] },
};

/** Fills in every TODO of a draft with a neutral value, without touching a figure or an evidence. */
function decide(draft: string): string {
  return draft
    .replace(/date: "TODO[^"]*"/, `date: "2027-04-13"`)
    .replace(/template: "TODO[^"]*"/, "template: funding-announcement")
    .replace(/story: "TODO[^"]*"/, "story: {}")
    .replaceAll(/value: "TODO: the year of (\d\d)-(\d\d)[^"]*"/g, `value: "2027-$1-$2"`)
    .replaceAll(`{ fr: "TODO", nl: "TODO", en: "TODO" }`, "{ fr: le chiffre, nl: het cijfer, en: the figure }")
    .replaceAll(/reason: "TODO[^"]*"/g, "reason: not shown in the brief");
}

/** The provenance check's findings on a decided draft of `body`, and its coverage. */
function checked(body: string, draft: string) {
  const sourceText = `---\ntitle: "Communiqué"\nlang: fr\n---\n\n${body}\n`;
  const factsText = decide(draft);
  expect(factsText).not.toMatch(/"TODO/);
  const loaded = loadArticle({ slug: "communique", factsFile: "content/communique/facts.yaml", factsText, sourceFile: "content/communique/source.fr.md", sourceText });
  expect(loaded.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  const result = checkProvenance(loaded.article!, extractFigures, MEASURES);
  return { problems: result.diagnostics.map((d) => `${d.rule}: ${d.message}`), coverage: result.coverage };
}

type Drafted = { facts: Array<Record<string, unknown>>; ignore?: Array<{ text: string; reason: string }>; editorial: { date: string } };

function drafted(body: string, typed = true): { text: string; value: Drafted } {
  const text = draftFacts({ body, figures: extractFigures(body), ...(typed ? { type: { name: "company-results", measures: MEASURES } } : {}) });
  const yaml = parseYaml(text, { file: "facts.yaml" });
  expect(yaml.diagnostics).toEqual([]);
  return { text, value: yaml.value as Drafted };
}

const factOf = (value: Drafted, v: unknown) => value.facts.find((f) => JSON.stringify(f.value) === JSON.stringify(v));

describe("a level after its change", () => {
  const body = [
    "Son chiffre d’affaires recule de 7,8 % à 1,32 milliard d’euros.",
    "Le chiffre d’affaires du pôle Europe progresse de 3 % à 12,4 millions d’euros.",
    "Le chiffre d’affaires grimpe de 12 % pour atteindre 2,1 milliards d’euros.",
    "Les effectifs reculent de 2 % à 4 230 personnes.",
    "Le chiffre d’affaires progresse de 4 %, et la trésorerie atteint 80 millions d’euros.",
  ].join("\n\n");

  it("is of the measure of the change it follows", () => {
    const { text, value } = drafted(body);
    expect(factOf(value, 1320000000)).toMatchObject({ type: "money", measure: "revenue" });
    expect(factOf(value, 12400000)).toMatchObject({ type: "money", measure: "revenue" });
    expect(factOf(value, 2100000000)).toMatchObject({ type: "money", measure: "revenue" });
    // “grimpe de 12 %” is a rise, drafted as a change of revenue.
    expect(factOf(value, 12)).toMatchObject({ type: "change", unit: "percent", measure: "revenue" });
    expect(factOf(value, 4230)).toMatchObject({ type: "count", measure: "headcount" });
    expect(text).toContain("  # the figure is the level the change “7,8 %” reaches: the measure revenue, as the change's: check it\n  - id: amount-1-32-billion\n");
  });

  it("only right after the change: a figure named by other words keeps its own", () => {
    const { value } = drafted(body);
    expect(factOf(value, 80000000)).not.toHaveProperty("measure");
    expect(factOf(value, 80000000)).toHaveProperty("label");
  });

  it("passes the check", () => {
    const { problems, coverage } = checked(body, drafted(body).text);
    expect(problems).toEqual([]);
    expect(coverage.covered).toBe(coverage.figures);
  });
});
