/**
 * The statistics-release and public-budget story types show an article's quote, as the
 * other types do: in French as said, in Dutch and English as a translation that says so.
 * A public budget's revenue, debt and balance open their own paragraph after a breakdown,
 * whether or not offsets come first.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { loadMessages } from "../src/render/messages.ts";
import { repoFile } from "./support/fixtures.ts";
import { reported, runCli } from "./support/project.ts";
import { brief, cleanupStoryProjects, lines, shown, storyProject, type ArticleInput } from "./support/story-project.ts";

afterAll(() => cleanupStoryProjects());

const UNEMPLOYMENT: ArticleInput = {
  body: "Le taux de chômage s’est établi à 5,4 % au troisième trimestre 2026. « La baisse est nette, mais elle reste fragile », commente Anne Dupont, économiste chez Statbel.",
  facts: {
    version: 2,
    editorial: { date: "2026-11-14", template: "statistics-release" },
    story: { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } },
    facts: [
      { id: "indicator", type: "percent", measure: "unemployment-rate", value: 5.4, decimals: 1, evidence: ["5,4 %"] },
      { id: "period", type: "quarter", value: "2026-Q3", evidence: ["troisième trimestre 2026"] },
    ],
    quotes: [
      {
        id: "dupont",
        speaker: "Anne Dupont",
        role: { fr: "économiste chez Statbel", nl: "econome bij Statbel", en: "economist at Statbel" },
        lang: "fr",
        text: {
          fr: "La baisse est nette, mais elle reste fragile",
          nl: { "translated-from": "fr", text: "De daling is duidelijk, maar blijft broos" },
          en: { "translated-from": "fr", text: "The fall is clear, but it remains fragile" },
        },
      },
    ],
  },
};

const BRUSSELS_BUDGET: ArticleInput = {
  body: "Le gouvernement bruxellois a déposé le 21 octobre 2026 son budget pour 2027. Les dépenses atteignent 8,9 milliards d’euros, pour des recettes de 7,7 milliards d’euros. Les investissements vont à la mobilité (640 millions d’euros) et au logement (480 millions d’euros). Le déficit s’établit à 1,2 milliard d’euros. « Nous avons fait des choix difficiles, mais nécessaires », a déclaré le ministre du Budget, Pierre Lambert.",
  facts: {
    version: 2,
    editorial: { date: "2026-10-21", template: "public-budget" },
    story: {
      government: { fr: "le gouvernement bruxellois", nl: "de Brusselse regering", en: "the Brussels government" },
      parliament: { fr: "le Parlement bruxellois", nl: "het Brussels Parlement", en: "the Brussels Parliament" },
    },
    facts: [
      { id: "budget-year", type: "year", value: 2027, evidence: ["pour 2027"] },
      { id: "credits", type: "money", measure: "expenditure", currency: "EUR", value: 8900000000, precision: 100000000, evidence: ["8,9 milliards d’euros"] },
      { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 7700000000, precision: 100000000, evidence: ["7,7 milliards d’euros"] },
      { id: "balance", type: "money", measure: "budget-balance", currency: "EUR", value: -1200000000, precision: 100000000, evidence: ["déficit s’établit à 1,2 milliard d’euros"] },
      { id: "mobility", type: "money", currency: "EUR", value: 640000000, precision: 1000000, label: { fr: "la mobilité", nl: "mobiliteit", en: "mobility" }, evidence: ["640 millions d’euros"] },
      { id: "housing", type: "money", currency: "EUR", value: 480000000, precision: 1000000, label: { fr: "le logement", nl: "huisvesting", en: "housing" }, evidence: ["480 millions d’euros"] },
    ],
    breakdowns: [{ id: "breakdown", of: "credits", complete: false, parts: ["mobility", "housing"] }],
    quotes: [
      {
        id: "lambert",
        speaker: "Pierre Lambert",
        role: { fr: "ministre bruxellois du Budget", nl: "Brussels minister van Begroting", en: "Brussels Budget Minister" },
        lang: "fr",
        text: {
          fr: "Nous avons fait des choix difficiles, mais nécessaires",
          nl: { "translated-from": "fr", text: "We hebben moeilijke maar noodzakelijke keuzes gemaakt" },
          en: { "translated-from": "fr", text: "We have made difficult but necessary choices" },
        },
      },
    ],
    ignore: [{ text: "21 octobre 2026", reason: "the day the budget was tabled, the brief's own date" }],
  },
};

describe("a quote in a statistics release", () => {
  it("is shown in French as said, and marked as translated in Dutch and English", async () => {
    const b = await brief(UNEMPLOYMENT);
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(lines(b.fr)).toContain("«~La baisse est nette, mais elle reste fragile~», a déclaré Anne Dupont, économiste chez Statbel.");
    expect(shown(b.nl)).toContain("“De daling is duidelijk, maar blijft broos”, zei Anne Dupont, econome bij Statbel.\n*Citaat vertaald uit het Frans.*\n");
    expect(shown(b.en)).toContain("“The fall is clear, but it remains fragile,” said Anne Dupont, economist at Statbel.\n*Quote translated from French.*\n");
    expect(b.fr).not.toContain("Citation traduite");
  });
});

describe("a public budget", () => {
  it("shows its quote, marked as translated in Dutch and English", async () => {
    const b = await brief(BRUSSELS_BUDGET);
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(lines(b.fr)).toContain("«~Nous avons fait des choix difficiles, mais nécessaires~», a déclaré Pierre Lambert, ministre bruxellois du Budget.");
    expect(shown(b.nl)).toContain("“We hebben moeilijke maar noodzakelijke keuzes gemaakt”, zei Pierre Lambert, Brussels minister van Begroting.\n*Citaat vertaald uit het Frans.*\n");
    expect(shown(b.en)).toContain("“We have made difficult but necessary choices,” said Pierre Lambert, Brussels Budget Minister.\n*Quote translated from French.*\n");
  });

  it("starts a new paragraph for its revenue after a breakdown, with no offsets between them", async () => {
    const b = await brief(BRUSSELS_BUDGET);
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(shown(b.fr)).toContain("Ces montants ne couvrent qu’une partie des crédits demandés.\n\nLes recettes s’établissent à 7,7~milliards d’euros.\n");
    expect(shown(b.nl)).toContain("Deze bedragen dekken slechts een deel van de gevraagde kredieten.\n\nDe ontvangsten bedragen 7,7~miljard euro.\n");
    expect(shown(b.en)).toContain("These amounts cover only part of the credits requested.\n\nRevenue is €7.7~billion.\n");
  });
});

describe("a statistics release headline with a plural indicator", () => {
  const bankruptcies = (value: number, word: string): ArticleInput => ({
    body: `Statbel a recensé 1 047 faillites en octobre 2026, contre ${value === 912 ? "912" : "1 210"} en septembre 2026, soit une ${word}.`,
    facts: {
      version: 2,
      editorial: { date: "2026-11-02", template: "statistics-release" },
      story: { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } },
      facts: [
        { id: "indicator", type: "count", measure: "bankruptcies", value: 1047, evidence: ["1 047 faillites"] },
        { id: "period", type: "month", value: "2026-10", evidence: ["octobre 2026"] },
        { id: "previous", type: "count", measure: "bankruptcies", value, evidence: [value === 912 ? "912" : "1 210"] },
        { id: "previous-period", type: "month", value: "2026-09", evidence: ["septembre 2026"] },
        { id: "indicator-change", type: "change", measure: "bankruptcies", unit: "count", from: "previous", to: "indicator", "compared-with": "previous-period", evidence: [word] },
      ],
    },
  });

  it("makes its verb agree in Dutch and English when it rises (faillissementen stijgen, bankruptcies rise)", async () => {
    const b = await brief(bankruptcies(912, "hausse de 135 faillites"));
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(b.titles).toEqual({
      fr: "Faillites~: en hausse à 1_047 en octobre 2026",
      nl: "Faillissementen stijgen naar 1.047 in oktober 2026",
      en: "Bankruptcies rise to 1,047 in October 2026",
    });
  });

  it("and when it falls (faillissementen dalen, bankruptcies fall)", async () => {
    const b = await brief(bankruptcies(1210, "baisse de 163 faillites"));
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(b.titles.nl).toBe("Faillissementen dalen naar 1.047 in oktober 2026");
    expect(b.titles.en).toBe("Bankruptcies fall to 1,047 in October 2026");
  });

  it("says a count of the period before as English does: there were 912 bankruptcies", async () => {
    const b = await brief(bankruptcies(912, "hausse de 135 faillites"));
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(b.en).toContain("In September 2026, there were 912 bankruptcies.\n");
    expect(b.en).not.toContain("bankruptcies were");
  });
});

describe("French de before a vowel", () => {
  it("is elided before a label that opens with a vowel: d’investissements", async () => {
    const b = await brief({
      body: "Le gouvernement wallon demande 2 milliards d’euros d’investissements pour 2027, le 3 octobre 2026.",
      facts: {
        version: 2,
        editorial: { date: "2026-10-03", template: "public-budget" },
        story: {
          government: { fr: "le gouvernement wallon", nl: "de Waalse regering", en: "the Walloon government" },
          parliament: { fr: "le Parlement de Wallonie", nl: "het Waals Parlement", en: "the Walloon Parliament" },
        },
        facts: [
          { id: "budget-year", type: "year", value: 2027, evidence: ["pour 2027"] },
          { id: "credits", type: "money", measure: "investment", currency: "EUR", value: 2000000000, precision: 1000000000, evidence: ["2 milliards d’euros"] },
        ],
        ignore: [{ text: "3 octobre 2026", reason: "the day of the request, the brief's own date" }],
      },
    });
    expect(b.errors, b.run.stderr).toEqual([]);
    expect(b.titles.fr).toBe("Le gouvernement wallon sollicite 2~milliards d’euros d’investissements pour le budget 2027");
  });

  it("is kept before an h, which may be aspirated, before onze, and before a figure", () => {
    const fr = loadMessages(LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: repoFile(`locales/${locale}.json`) }))).catalog.get("fr")!;
    const headline = (what: string, amount = "2 milliards d’euros") => fr.format("public-budget.headline", { government: "le gouvernement", amount, what, year: "2027" });
    expect(headline("investissements")).toBe("Le gouvernement sollicite 2 milliards d’euros d’investissements pour le budget 2027");
    expect(headline("économies")).toBe("Le gouvernement sollicite 2 milliards d’euros d’économies pour le budget 2027");
    expect(headline("hausses")).toBe("Le gouvernement sollicite 2 milliards d’euros de hausses pour le budget 2027");
    expect(headline("onze crédits")).toBe("Le gouvernement sollicite 2 milliards d’euros de onze crédits pour le budget 2027");
    expect(headline("crédits")).toBe("Le gouvernement sollicite 2 milliards d’euros de crédits pour le budget 2027");
    expect(fr.format("public-budget.offsets", { amount: "environ 3 millions d’euros" })).toBe("Des compensations d’environ 3 millions d’euros sont prévues dans d’autres postes du budget.");
  });
});

describe("a quote the story type's template does not show", () => {
  it("is an error at the article's quotes, not a quote left out of every brief", async () => {
    const root = storyProject(UNEMPLOYMENT);
    const template = path.join(root, "templates", "statistics-release", "brief.md.hbs");
    const text = readFileSync(template, "utf8");
    const withoutQuotes = text.replace(/\{\{#each \(quotes\)\}\}[\s\S]*?\{\{\/each\}\}\n/, "");
    expect(withoutQuotes).not.toBe(text);
    writeFileSync(template, withoutQuotes);
    const run = await runCli(["build"], root);
    expect(run.code).toBe(1);
    expect(reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.rule), run.stderr).toEqual(["facts/unknown-key"]);
    const line = readFileSync(path.join(root, "content", "article", "facts.yaml"), "utf8").split("\n").indexOf("quotes:") + 1;
    expect(line).toBeGreaterThan(1);
    expect(run.stderr).toContain(`content/article/facts.yaml:${line}:1  error  unknown field \`quotes\` at \`quotes\`  [facts/unknown-key]`);
    expect(run.stderr).toContain("expected: no quotes: the template of statistics-release shows none");
    expect(run.stderr).toContain("found:    dupont");
  });
});
