/**
 * The budget story type: a government presents or adopts its whole budget
 * for a year. The article is test/fixtures/budget/ (a French source and its
 * facts.yaml), built with the repository's templates and locales; variants
 * of it change one thing each. Every test asserts whole sentences in the
 * three languages, and that the build passes with every figure verified.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reported, runCli } from "./support/project.ts";
import { brief, cleanupStoryProjects, lines, storyProject, type ArticleInput, type Briefs } from "./support/story-project.ts";

afterAll(() => cleanupStoryProjects());

const FIXTURE = path.join(import.meta.dirname, "fixtures", "budget");

/** The fixture article as an {@link ArticleInput}: its facts.yaml, and its source's title and body. */
function fixture(): ArticleInput {
  const source = readFileSync(path.join(FIXTURE, "source.fr.md"), "utf8");
  const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(source)!;
  return {
    slug: "brussels-budget-2027",
    title: (parse(frontMatter!) as { title: string }).title,
    body: body!.trimEnd(),
    facts: parse(readFileSync(path.join(FIXTURE, "facts.yaml"), "utf8")) as Record<string, unknown>,
  };
}

type Fact = Record<string, unknown> & { id: string };
const factsOf = (input: ArticleInput) => input.facts.facts as Fact[];
const story = (input: ArticleInput) => input.facts.story as Record<string, unknown>;
/** Drops the fact `id` from the article. */
const without = (input: ArticleInput, id: string) => (input.facts.facts = factsOf(input).filter((f) => f.id !== id));
/** The brief's first line, its headline. */
const headline = (text: string) => lines(text)[0];
/** The brief's lede, the first sentence after the headline. */
const lede = (text: string) => lines(text)[2];

/** The build passes: no error, every figure verified. */
function expectBuilt(b: Briefs): void {
  expect(b.errors, b.run.stderr).toEqual([]);
  expect(b.run.code, b.run.stderr).toBe(0);
}

const ADOPTED = {
  fr: {
    headline: "# Le gouvernement bruxellois adopte un budget 2027 en déficit de 1,3~milliard d’euros",
    lede: "Le 14 octobre 2026, le gouvernement bruxellois a adopté son budget 2027, qui prévoit 8,9~milliards d’euros de dépenses et 7,6~milliards d’euros de recettes.",
  },
  nl: {
    headline: "# Begroting 2027 goedgekeurd door de Brusselse regering: tekort van 1,3~miljard euro",
    lede: "Op 14 oktober 2026 keurde de Brusselse regering de begroting voor 2027 goed, met 8,9~miljard euro aan uitgaven en 7,6~miljard euro aan ontvangsten.",
  },
  en: {
    headline: "# The Brussels government adopts a 2027 budget with a deficit of €1.3~billion",
    lede: "On 14 October 2026, the Brussels government adopted its 2027 budget, with expenditure of €8.9~billion and revenue of €7.6~billion.",
  },
};

describe("budget: the fixture article, a budget adopted with a deficit", () => {
  it("says who adopted which budget, its expenditure, revenue and deficit, in each language", async () => {
    const b = await brief(fixture());
    expectBuilt(b);
    for (const locale of ["fr", "nl", "en"] as const) {
      expect(headline(b[locale]), locale).toBe(ADOPTED[locale].headline);
      expect(b.titles[locale]).toBe(ADOPTED[locale].headline.slice(2));
      expect(lede(b[locale]), locale).toBe(ADOPTED[locale].lede);
    }
    // The deficit with the measure's negative words, against the year before's.
    expect(lines(b.fr)).toContain("Le budget affiche un déficit de 1,3~milliard d’euros, contre un déficit de 1,5~milliard d’euros en 2026.");
    expect(lines(b.nl)).toContain("De begroting gaat uit van een tekort van 1,3~miljard euro, tegenover een tekort van 1,5~miljard euro in 2026.");
    expect(lines(b.en)).toContain("The budget forecasts a deficit of €1.3~billion, compared with a deficit of €1.5~billion in 2026.");
    expect(lines(b.fr)).toContain("Le retour à l’équilibre est prévu pour 2030.");
    expect(lines(b.nl)).toContain("Tegen 2030 moet de begroting weer in evenwicht zijn.");
    expect(lines(b.en)).toContain("The budget is due to return to balance by 2030.");
    expect(lines(b.fr)).toContain("La dette atteindra 18,2~milliards d’euros, soit 210~% des recettes.");
    expect(lines(b.nl)).toContain("De schuld zal 18,2~miljard euro bedragen, goed voor 210~procent van de ontvangsten.");
    expect(lines(b.en)).toContain("Debt will stand at €18.2~billion, or 210% of revenue.");
  });

  it("lists the main spending items, largest first, as part of expenditure only; quotes the minister; says when parliament votes", async () => {
    const b = await brief(fixture());
    expectBuilt(b);
    const items = (text: string) => lines(text).filter((l) => l.startsWith("- "));
    expect(lines(b.fr)).toContain("## Principaux postes de dépenses");
    expect(items(b.fr)).toEqual(["- Mobilité~: 1,1~milliard d’euros", "- Logement~: 640~millions d’euros"]);
    expect(items(b.nl)).toEqual(["- Mobiliteit: 1,1~miljard euro", "- Huisvesting: 640~miljoen euro"]);
    expect(items(b.en)).toEqual(["- Mobility: €1.1~billion", "- Housing: €640~million"]);
    expect(lines(b.fr)).toContain("Le premier poste de dépenses est la mobilité, devant le logement.");
    expect(lines(b.nl)).toContain("De grootste uitgavenpost is mobiliteit, gevolgd door huisvesting.");
    expect(lines(b.en)).toContain("The largest spending item is mobility, followed by housing.");
    expect(lines(b.fr)).toContain("Ces postes ne représentent qu’une partie des dépenses.");
    expect(lines(b.en)).toContain("These items are only part of total expenditure.");

    expect(lines(b.fr)).toContain("«~Nous réduisons le déficit sans renoncer aux investissements dans la mobilité et le logement~», a déclaré Claire Moens, ministre bruxelloise du Budget.");
    expect(lines(b.fr)).not.toContain("*Citation traduite (original en français).*");
    expect(lines(b.nl)).toContain("*Citaat vertaald uit het Frans.*");
    expect(lines(b.en)).toContain("“We are reducing the deficit without giving up investment in mobility and housing,” said Claire Moens, the Brussels budget minister.");
    expect(lines(b.en)).toContain("*Quote translated from French.*");

    expect(lines(b.fr)).toContain("Le Parlement bruxellois votera le budget en décembre 2026.");
    expect(lines(b.nl)).toContain("Het Brussels Parlement stemt in december 2026 over de begroting.");
    expect(lines(b.en)).toContain("The Brussels Parliament will vote on the budget in December 2026.");
    expect(lines(b.fr)).toContain("Source~: Gouvernement de la Région de Bruxelles-Capitale.");
  });

  it("covers every figure of the source, and `check` verifies every figure of every output", async () => {
    const root = storyProject(fixture());
    const build = await runCli(["build"], root);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain("source figures: 14, covered: 12, ignored: 2");
    const check = await runCli(["check"], root);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/1 article\(s\), 10 file\(s\), \d+ figure\(s\) verified\./);
  });

  it("catches a figure changed in a brief", async () => {
    const root = storyProject(fixture());
    expect((await runCli(["build"], root)).code).toBe(0);
    const file = path.join(root, "out", "brussels-budget-2027", "nl.md");
    const text = readFileSync(file, "utf8");
    const edited = text.replace("tekort van 1,3\u00A0miljard euro, tegenover", "tekort van 1,2\u00A0miljard euro, tegenover");
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const run = await runCli(["check", "--no-lint"], root);
    expect(run.code).toBe(1);
    expect(reported(run.stderr).map((d) => d.rule)).toContain("verify/unmatched-figure");
  });
});

describe("budget: variants", () => {
  it("a budget presented, not yet adopted: presents / presenteerde / presented; a state's debt as a share of GDP", async () => {
    const input = fixture();
    input.body = input.body.replace("a adopté son budget", "a présenté son budget").replace("210 % des recettes", "95 % du PIB");
    Object.assign(factsOf(input).find((f) => f.id === "debt-to-revenue")!, { id: "debt-to-gdp", measure: "debt-to-gdp", value: 95, evidence: ["95 %"] });
    const texts = story(input);
    texts["presented-by"] = texts["adopted-by"];
    delete texts["adopted-by"];
    const b = await brief(input);
    expectBuilt(b);
    expect(headline(b.fr)).toBe("# Le gouvernement bruxellois présente un budget 2027 en déficit de 1,3~milliard d’euros");
    expect(headline(b.nl)).toBe("# Begroting 2027 voorgesteld door de Brusselse regering: tekort van 1,3~miljard euro");
    expect(headline(b.en)).toBe("# The Brussels government presents a 2027 budget with a deficit of €1.3~billion");
    expect(lede(b.fr)).toBe("Le 14 octobre 2026, le gouvernement bruxellois a présenté son budget 2027, qui prévoit 8,9~milliards d’euros de dépenses et 7,6~milliards d’euros de recettes.");
    expect(lede(b.nl)).toBe("Op 14 oktober 2026 presenteerde de Brusselse regering de begroting voor 2027, met 8,9~miljard euro aan uitgaven en 7,6~miljard euro aan ontvangsten.");
    expect(lede(b.en)).toBe("On 14 October 2026, the Brussels government presented its 2027 budget, with expenditure of €8.9~billion and revenue of €7.6~billion.");
    expect(lines(b.fr)).toContain("La dette atteindra 18,2~milliards d’euros, soit 95~% du PIB.");
    expect(lines(b.nl)).toContain("De schuld zal 18,2~miljard euro bedragen, goed voor 95~procent van het bbp.");
    expect(lines(b.en)).toContain("Debt will stand at €18.2~billion, or 95% of GDP.");
  });

  it("a surplus, a debt ratio to GDP without the debt, one spending item, a vote without a parliament named", async () => {
    const input: ArticleInput = {
      body: "Le gouvernement fédéral a adopté son budget 2027 : 12,4 milliards d’euros de dépenses, 12,9 milliards d’euros de recettes, soit un excédent de 500 millions d’euros. La dette atteindra 95 % du PIB. La défense recevra 2,1 milliards d’euros. Le vote est prévu au printemps 2027.",
      facts: {
        version: 2,
        editorial: { date: "2026-10-20", template: "budget" },
        story: { "adopted-by": { fr: "le gouvernement fédéral", nl: "de federale regering", en: "the federal government" } },
        facts: [
          { id: "budget-year", type: "year", value: 2027, label: { fr: "l’année budgétaire", nl: "het begrotingsjaar", en: "the budget year" }, evidence: ["budget 2027"] },
          { id: "expenditure", type: "money", measure: "expenditure", currency: "EUR", value: 12400000000, precision: 100000000, evidence: ["12,4 milliards d’euros"] },
          { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 12900000000, precision: 100000000, evidence: ["12,9 milliards d’euros"] },
          { id: "balance", type: "money", measure: "budget-balance", currency: "EUR", value: 500000000, precision: 1000000, evidence: ["excédent de 500 millions d’euros"] },
          { id: "debt-to-gdp", type: "percent", measure: "debt-to-gdp", value: 95, evidence: ["95 %"] },
          { id: "defence", type: "money", currency: "EUR", value: 2100000000, precision: 100000000, label: { fr: "la défense", nl: "defensie", en: "defence" }, evidence: ["2,1 milliards d’euros"] },
          { id: "vote", type: "season", value: "2027-spring", label: { fr: "le vote", nl: "de stemming", en: "the vote" }, evidence: ["printemps 2027"] },
        ],
        breakdowns: [{ id: "spending", of: "expenditure", complete: false, parts: ["defence"] }],
      },
    };
    const b = await brief(input);
    expectBuilt(b);
    expect(headline(b.fr)).toBe("# Le gouvernement fédéral adopte un budget 2027 en excédent de 500~millions d’euros");
    expect(headline(b.nl)).toBe("# Begroting 2027 goedgekeurd door de federale regering: overschot van 500~miljoen euro");
    expect(headline(b.en)).toBe("# The federal government adopts a 2027 budget with a surplus of €500~million");
    expect(lines(b.fr)).toContain("Le budget affiche un excédent de 500~millions d’euros.");
    expect(lines(b.nl)).toContain("De begroting gaat uit van een overschot van 500~miljoen euro.");
    expect(lines(b.en)).toContain("The budget forecasts a surplus of €500~million.");
    expect(lines(b.fr)).toContain("La dette représentera 95~% du PIB.");
    expect(lines(b.nl)).toContain("De schuld zal 95~procent van het bbp bedragen.");
    expect(lines(b.en)).toContain("Debt will amount to 95% of GDP.");
    // One part is a sentence, not a list under a heading.
    expect(lines(b.fr)).toContain("Le principal poste de dépenses est la défense, avec 2,1~milliards d’euros.");
    expect(lines(b.nl)).toContain("De belangrijkste uitgavenpost is defensie, met 2,1~miljard euro.");
    expect(lines(b.en)).toContain("The main spending item is defence, at €2.1~billion.");
    for (const text of [b.fr, b.nl, b.en]) expect(text).not.toMatch(/^(## |- )/m);
    expect(lines(b.fr)).toContain("Le vote du budget est prévu au printemps 2027.");
    expect(lines(b.nl)).toContain("De stemming over de begroting is gepland in het voorjaar van 2027.");
    expect(lines(b.en)).toContain("The budget is to be put to the vote in spring 2027.");
  });

  it("the previous balance without its year: the year before", async () => {
    const input = fixture();
    without(input, "previous-year");
    input.body = input.body.replace("1,5 milliard d’euros en 2026.", "1,5 milliard d’euros l’année précédente.");
    const b = await brief(input);
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Le budget affiche un déficit de 1,3~milliard d’euros, contre un déficit de 1,5~milliard d’euros l’année précédente.");
    expect(lines(b.nl)).toContain("De begroting gaat uit van een tekort van 1,3~miljard euro, tegenover een tekort van 1,5~miljard euro het jaar voordien.");
    expect(lines(b.en)).toContain("The budget forecasts a deficit of €1.3~billion, compared with a deficit of €1.5~billion the year before.");
  });
});

describe("budget: what the type requires", () => {
  const check = async (input: ArticleInput) => {
    const run = await runCli(["check", "--no-lint"], storyProject(input));
    return { run, rules: reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.rule) };
  };

  it.each(["budget-year", "expenditure", "revenue", "balance"])("an article without `%s` is refused before anything renders", async (id) => {
    const input = fixture();
    // The source figure stays covered: the fact is gone, not the figure.
    const fact = factsOf(input).find((f) => f.id === id)!;
    without(input, id);
    (input.facts.ignore as unknown[]).push({ text: (fact.evidence as string[])[0], reason: "left out of this test article" });
    const { run, rules } = await check(input);
    expect(rules, run.stderr).toContain("facts/missing-requirement");
    expect(run.stderr).toContain(`with id \`${id}\``);
    expect(run.code).toBe(1);
  });

  it("an article that names neither who adopted nor who presented the budget is refused", async () => {
    const input = fixture();
    delete story(input)["adopted-by"];
    const { run, rules } = await check(input);
    expect(rules, run.stderr).toEqual(["facts/missing-requirement"]);
    expect(run.stderr).toContain("needs story text `adopted-by` (the government that adopted the budget, with its article, in the singular: le gouvernement bruxellois, de Brusselse regering, the Brussels government) or story text `presented-by` (the government instead, when it presented the budget without adopting it yet)");
  });

  it("a balance given a label of its own instead of the measure is refused", async () => {
    const input = fixture();
    const balance = factsOf(input).find((f) => f.id === "balance")!;
    delete balance.measure;
    balance.label = { fr: "le solde", nl: "het saldo", en: "the balance" };
    const { run, rules } = await check(input);
    expect(rules, run.stderr).toContain("facts/missing-requirement");
    expect(run.stderr).toContain("measure `budget-balance`");
  });
});

describe("budget: listed with the other story types", () => {
  it("`newsbrief templates` lists it; `templates budget` says what it requires and its measures' words", async () => {
    const root = storyProject(fixture());
    const list = await runCli(["templates"], root);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^budget +A government presents or adopts its whole budget for a year/m);
    const one = await runCli(["templates", "budget"], root);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("  - money of measure `budget-balance` with id `balance`: the balance, revenue less expenditure (a deficit below zero)\n");
    expect(one.stdout).toContain("  budget-balance: l’excédent / het overschot / surplus (below zero: le déficit / het tekort / deficit)\n");
    // The id its template shows a breakdown by, which type.yaml does not give.
    expect(one.stdout).toContain("  - at least 1 breakdown(s) with id `spending`\n");
    const funding = await runCli(["templates", "funding-announcement"], root);
    expect(funding.stdout).toContain("  - at least 1 breakdown(s) with id `allocations`\n");
  });
});

describe("budget: drafting the fixture's source with the type's measures", () => {
  it("`new --type budget` names expenditure, revenue, the deficit with its sign, the debt and its ratio", async () => {
    const root = storyProject(fixture());
    const from = path.join(root, "article.txt");
    writeFileSync(from, `${fixture().body}\n`);
    const run = await runCli(["new", "drafted", "--from", "article.txt", "--type", "budget"], root);
    expect(run.code, run.stderr).toBe(0);
    const draft = parse(readFileSync(path.join(root, "content", "drafted", "facts.yaml"), "utf8")) as { facts: Fact[] };
    const measureOf = (evidence: string) => draft.facts.find((f) => (f.evidence as string[]).includes(evidence));
    expect(measureOf("8,9 milliards d’euros")).toMatchObject({ measure: "expenditure", value: 8900000000 });
    expect(measureOf("7,6 milliards d’euros")).toMatchObject({ measure: "revenue", value: 7600000000 });
    expect(measureOf("1,3 milliard d’euros")).toMatchObject({ measure: "budget-balance", value: -1300000000 });
    expect(measureOf("1,5 milliard d’euros")).toMatchObject({ measure: "budget-balance", value: -1500000000 });
    expect(measureOf("18,2 milliards d’euros")).toMatchObject({ measure: "debt", value: 18200000000 });
    expect(measureOf("210 %")).toMatchObject({ measure: "debt-to-revenue", value: 210 });
  });
});
