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
import { draftFacts, draftFromDocument, titleOf } from "../src/provenance/draft.ts";
import { planNewArticle } from "../src/provenance/new.ts";
import { decideDraft } from "./support/drafts.ts";

const words = (label: string) => ({ fr: { label, gender: "m" as const, number: "sg" as const, elision: false }, nl: { label, article: "de" as const, number: "sg" as const }, en: { label, number: "sg" as const } });

/** Measures of company results and of a statistics release, with the cues of the shipped story types. */
const MEASURES: Record<string, Measure> = {
  revenue: { ...words("chiffre d’affaires"), kind: "money", cues: ["chiffre d’affaires", "CA", "ventes totales", "revenus"] },
  "net-result": { ...words("bénéfice net"), negative: words("perte nette"), kind: "money", cues: ["résultat net", "bénéfice net", "perte nette"] },
  headcount: { ...words("effectifs"), kind: "count", cues: ["effectifs", "personnes"] },
  "unemployment-rate": { ...words("taux de chômage"), kind: "percent", cues: ["taux de chômage", "chômage"] },
};


/** The provenance check's findings on a decided draft of `body`, and its coverage. */
function checked(body: string, draft: string) {
  const sourceText = `---\ntitle: "Communiqué"\nlang: fr\n---\n\n${body}\n`;
  const factsText = decideDraft(draft, 2027);
  expect(factsText).not.toMatch(/"TODO/);
  const loaded = loadArticle({ slug: "communique", factsFile: "content/communique/facts.yaml", factsText, sourceFile: "content/communique/source.fr.md", sourceText });
  expect(loaded.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  const result = checkProvenance(loaded.article!, extractFigures, MEASURES);
  return { problems: result.diagnostics.map((d) => `${d.rule}: ${d.message}`), coverage: result.coverage };
}

type Drafted = { facts: Array<Record<string, unknown>>; ignore?: Array<{ text: string; reason: string }>; editorial: { date: string } };

function drafted(body: string, typed = true): { text: string; value: Drafted } {
  const text = draftFacts({ title: titleOf(body)!, body, figures: extractFigures(body), ...(typed ? { type: { name: "company-results", measures: MEASURES } } : {}) });
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

describe("an amount of savings, investments or credits without a currency word", () => {
  const body = [
    "Le plan pluriannuel s’élève à 2,4 milliards d’euros.",
    "Il prévoit 310 millions d’économies et 1,2 milliard d’investissements, ainsi que 45 millions de recettes nouvelles et 12,5 millions de subsides.",
    "L’aéroport a accueilli 310 millions de passagers, le musée 12 millions de visiteurs, et la province compte 1,2 million d’habitants.",
  ].join("\n\n");
  const read = (text: string) => extractFigures(text).map((f) => `${f.text}=${f.value} ${f.unit}${f.currencySource ? ` src:${f.currencySource}` : ""}`);

  it("is read in the article's currency, as a bare “millions” is", () => {
    expect(read(body)).toEqual([
      "2,4 milliards d’euros=2400000000 EUR",
      "310 millions=310000000 EUR src:article",
      "1,2 milliard=1200000000 EUR src:article",
      "45 millions=45000000 EUR src:article",
      "12,5 millions=12500000 EUR src:article",
      "310 millions=310000000 count",
      "12 millions=12000000 count",
      "1,2 million=1200000 count",
    ]);
    expect(read("Le budget de 55 millions de francs prévoit 4 millions de dépenses, 3 millions de crédits, 2 millions d’aides, 1 million de pertes et 8 millions de dettes.")).toEqual([
      "55 millions de francs=55000000 CHF",
      "4 millions=4000000 CHF src:sentence",
      "3 millions=3000000 CHF src:sentence",
      "2 millions=2000000 CHF src:sentence",
      "1 million=1000000 CHF src:sentence",
      "8 millions=8000000 CHF src:sentence",
    ]);
  });

  it("stays a count in an article that names no currency", () => {
    expect(read("Le plan prévoit 310 millions d’économies.")).toEqual(["310 millions=310000000 count"]);
  });

  it("is drafted as money, and the draft passes the check", () => {
    const { text, value } = drafted(body, false);
    expect(factOf(value, 310000000)).toMatchObject({ id: "amount-310-million", type: "money", currency: "EUR", evidence: ["prévoit 310 millions"] });
    expect(factOf(value, 310000000)).toMatchObject({ type: "money" });
    expect(value.facts.find((f) => f.id === "count-310000000")).toMatchObject({ type: "count", value: 310000000 });
    expect(text).toContain("  # the currency EUR is not next to the figure: it comes from the article\n  - id: amount-310-million\n");
    expect(factOf(value, 1200000)).toMatchObject({ type: "count" });
    const { problems, coverage } = checked(body, text);
    expect(problems).toEqual([]);
    expect(coverage.covered).toBe(coverage.figures);
  });
});

describe("an age bracket", () => {
  const body = [
    "Le taux de chômage des 15-74 ans atteint 5,6 %.",
    "Chez les 15 à 74 ans, l’emploi progresse, et le taux d’emploi des 20-64 ans est de 72,1 %.",
    "Le chômage des moins de 25 ans atteint 16,2 %, celui des jeunes âgés de 18 à 24 ans 14,1 %, et les 65 ans et plus sont 1 200.",
    "Les 20-64 ans sont plus nombreux. Le plan dure 3 ans et les contrats de 2 à 5 ans restent la règle.",
    "Les travaux se feront au cours des 4 à 6 ans à venir.",
  ].join("\n\n");

  it("is left out with its reason, never drafted as a duration", () => {
    const { value } = drafted(body);
    const durations = value.facts.filter((f) => f.type === "duration").map((f) => f.value);
    // A contract's length and a span of time to come are durations.
    expect(durations).toEqual(["P3Y", "P2Y", "P5Y", "P4Y", "P6Y"]);
    const reason = "an age bracket: the population the figure is about, not a duration (say it in that figure's label)";
    expect(value.ignore).toEqual([
      { text: "15-74 ans", reason },
      { text: "15 à 74 ans", reason },
      { text: "20-64 ans", reason },
      { text: "moins de 25 ans", reason },
      { text: "18 à 24 ans", reason },
      { text: "65 ans et plus", reason },
    ]);
  });

  it("passes the check, every figure covered or left out", () => {
    const { problems, coverage } = checked(body, drafted(body).text);
    expect(problems).toEqual([]);
    expect(coverage.covered + coverage.ignored).toBe(coverage.figures);
    expect(coverage.ignored).toBe(12);
  });
});

describe("a value compared with, and a measure's words before an age bracket", () => {
  const body = [
    "Le taux de chômage des 15-74 ans s’établit à 6,1 % au troisième trimestre 2026, contre 5,8 % au deuxième trimestre 2026.",
    "Le chiffre d’affaires atteint 2,4 milliards d’euros, contre 2,2 milliards un an plus tôt, et la marge 21,2 %, contre 20,5 %.",
  ].join("\n\n");

  it("gives the value after “contre” the measure of the figure it is compared with, across a period only", () => {
    const { value, text } = drafted(body);
    expect(factOf(value, 6.1)?.measure).toBe("unemployment-rate");
    expect(factOf(value, 5.8)?.measure).toBe("unemployment-rate");
    expect(text).toContain("# the figure is what “6,1 %” is compared with (contre): the measure unemployment-rate, as its: check it");
    expect(factOf(value, 2400000000)?.measure).toBe("revenue");
    expect(factOf(value, 2200000000)?.measure).toBe("revenue");
    // A percentage named by no measure's words stays without one, and so does what it is compared with.
    expect(factOf(value, 21.2)?.measure).toBeUndefined();
    expect(factOf(value, 20.5)?.measure).toBeUndefined();
  });

  it("passes the check", () => {
    const { problems, coverage } = checked(body, drafted(body).text);
    expect(problems).toEqual([]);
    expect(coverage.covered + coverage.ignored).toBe(coverage.figures);
  });
});

describe("a change whose sentence opens with a pronoun", () => {
  const body = [
    "Le taux de chômage s’établit à 6,1 % au troisième trimestre 2026. Il progresse ainsi de 0,3 point de pourcentage.",
    "Elle recule de 0,2 point de pourcentage.",
  ].join("\n\n");

  it("is of the measure last named in its paragraph, never one of another paragraph", () => {
    const { value, text } = drafted(body);
    expect(factOf(value, 0.3)?.measure).toBe("unemployment-rate");
    expect(text).toContain("# “Il” stands for the measure of “6,1 %” before it, unemployment-rate: check it");
    expect(factOf(value, -0.2)?.measure).toBeUndefined();
  });

  it("passes the check", () => {
    const { problems } = checked(body, drafted(body).text);
    expect(problems).toEqual([]);
  });
});

describe("the span a figure is compared over", () => {
  const body = [
    "Le bénéfice net s’établit à 187 millions d’euros, contre 167 millions un an plus tôt.",
    "Les prix de l’énergie baissent de 3,4 % sur un an, et l’inflation recule de 0,2 point en un mois.",
    "Il y a un an, le chiffre d’affaires atteignait 2,1 milliards d’euros ; trois mois auparavant, 2,0 milliards.",
    "Le chantier durera un an, pendant trois mois la route sera fermée, et les effectifs ont augmenté de 3 % sur un an.",
    "Le plan sera mené sur dix ans et achevé en trois ans.",
  ].join("\n\n");

  it("is left out once per wording with its reason, never drafted as a duration", () => {
    const { value } = drafted(body);
    // A works' length and a closure are durations, and so is a span of more than one year after sur or en.
    expect(value.facts.filter((f) => f.type === "duration").map((f) => f.value)).toEqual(["P1Y", "P3M", "P10Y", "P3Y"]);
    const reason = "the span a figure is compared over, not a duration: the brief says it with the change (en glissement annuel, par rapport à…)";
    expect(value.ignore).toEqual([
      { text: "un an plus tôt", reason },
      { text: "sur un an", reason },
      { text: "en un mois", reason },
      { text: "Il y a un an", reason },
      { text: "trois mois auparavant", reason },
    ]);
  });

  it("passes the check, every figure covered or left out", () => {
    const { problems, coverage } = checked(body, drafted(body).text);
    expect(problems).toEqual([]);
    expect(coverage.covered + coverage.ignored).toBe(coverage.figures);
    expect(coverage.ignored).toBe(6);
  });
});

describe("the new source's date from the dateline", () => {
  const plan = (text: string) => planNewArticle("communique", text, "content", extractFigures);
  const sourceOf = (text: string) => plan(text).files.find((f) => f.name === "source.fr.md")!.contents;

  it("is written in the front matter of a plain text's source.fr.md, with where it comes from", () => {
    const source = sourceOf("Grève au rail\n\nBRUXELLES, 2 décembre 2026 (Belga) – Les syndicats déposent un préavis de 72 heures.\n");
    expect(source).toContain('\ndate: "2026-12-02" # the article\'s date, from its dateline “BRUXELLES, 2 décembre 2026 (Belga) –”: check it\n');
    const parsed = parseSource(source, "source.fr.md");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value?.frontMatter.date).toBe("2026-12-02");
  });

  it("is left for the editor without a dateline, or with a dateline that gives no year", () => {
    expect(sourceOf("Grève au rail\n\nLes syndicats déposent un préavis de 72 heures.\n")).toContain("\n# date: YYYY-MM-DD (the article's date)\n");
    expect(sourceOf("Grève au rail\n\nANVERS, 3 mars (Belga) – Les syndicats déposent un préavis de 72 heures.\n")).toContain("\n# date: YYYY-MM-DD (the article's date)\n");
  });
});

describe("the brief's date from the dateline", () => {
  const dateOf = (body: string) => drafted(body, false).value.editorial.date;

  it.each([
    ["BRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.", "2027-04-12"],
    ["Bruxelles, le 12 avril 2027 – Le budget atteint 5 millions d’euros.", "2027-04-12"],
    ["# Le budget\n\nLOUVAIN-LA-NEUVE, le mardi 13 avril 2027 — Le budget atteint 5 millions d’euros.", "2027-04-13"],
    ["Le budget de la Région\n\nNamur, le 12 février 2025. Le gouvernement consacre 45 millions d’euros au vélo.", "2025-02-12"],
    ["**Mons, 2 mai 2027 (Belga)** - La ville reçoit 3 millions d’euros.", "2027-05-02"],
  ])("%s", (body, date) => {
    expect(dateOf(body)).toBe(date);
  });

  it("says where the date comes from", () => {
    const { text } = drafted("BRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.");
    expect(text).toContain("editorial:\n  # the dateline “BRUXELLES, 12 avril 2027 (Belga) –” gives the article's date: check that it is the brief's\n  date: \"2027-04-12\"\n  template: company-results\n");
  });

  it("leaves the year to the editor when the dateline has none", () => {
    const { text } = drafted("ANVERS, 3 mars (Belga) – Le port traite 12 millions de tonnes.");
    expect(text).toContain(`  date: "TODO: the year of 03-03 (the dateline does not write it), as YYYY-MM-DD"\n`);
  });

  it("invents no date: a date that is not a dateline at the start of the text is not the brief's", () => {
    const todo = "TODO: the brief's date, YYYY-MM-DD";
    expect(dateOf("Le 12 avril 2027, le gouvernement a adopté un budget de 5 millions d’euros.")).toBe(todo);
    expect(dateOf("Le budget\n\nLe gouvernement a adopté un budget.\n\nLe ministre a ajouté : « Bruxelles, le 12 avril 2027 – tout change. »")).toBe(todo);
    expect(dateOf("Titre\n\nPremier paragraphe sans date.\n\nBRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.")).toBe(todo);
  });

  it("takes the date of a source.fr.md's front matter first", () => {
    const source = "---\ntitle: \"Budget\"\nlang: fr\ndate: 2027-04-10\n---\n\nBRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.\n";
    const draft = draftFromDocument(source, extractFigures);
    expect(draft).toContain(`  # the source's front matter gives the article's date: check that it is the brief's\n  date: "2027-04-10"\n`);
    const plain = draftFromDocument("---\ntitle: \"Budget\"\nlang: fr\n---\n\nBRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.\n", extractFigures);
    expect(plain).toContain(`  date: "2027-04-12"\n`);
  });

  it("passes the check", () => {
    const body = "BRUXELLES, 12 avril 2027 (Belga) – Le budget atteint 5 millions d’euros.";
    const { text } = drafted(body, false);
    expect(text).not.toMatch(/date: "TODO/);
    const { problems, coverage } = checked(body, text);
    expect(problems).toEqual([]);
    expect(coverage.covered).toBe(coverage.figures);
  });
});
