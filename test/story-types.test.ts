/**
 * The story types of templates/ with the repository's locales, on small
 * articles written here: singular and plural, rises, falls and "stable", one
 * part or many, with and without a quote, a net loss and a deficit, amounts
 * in CHF and USD, bounds. Each test asserts the sentences of interest in the
 * three languages, and that the build passes with every figure verified.
 * The budget type, with its fixture article, is tested in budget.test.ts.
 *
 * A change that is stable at the precision shown has no figure in the brief
 * ("stable", "unchanged"): the verifier does not require it, and these
 * articles leave it required to show that.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reported, runCli } from "./support/project.ts";
import { ACME_RESULTS as ACME, brief, cleanupStoryProjects, lines, shown, storyProject, SWISS_BUDGET as swissBudget, type ArticleInput, type Briefs } from "./support/story-project.ts";

afterAll(() => cleanupStoryProjects());


/** Who did what in the event articles: the joint union front gave notice of a strike. */
const UNION_NOTICE = {
  actor: { fr: "le front commun syndical", nl: "het gemeenschappelijk vakbondsfront", en: "the joint union front" },
  action: { fr: "déposé un préavis de grève", nl: "een stakingsaanzegging ingediend", en: "gave notice of a strike" },
};

/** The build passes: no error, every figure verified. */
function expectBuilt(b: Briefs): void {
  expect(b.errors, b.run.stderr).toEqual([]);
  expect(b.run.code, b.run.stderr).toBe(0);
}

describe("company-results", () => {
  const company = { company: { fr: "Acme", nl: "Acme", en: "Acme" } };

  it("a fall in revenue and a net loss: the loss words of the measure, no sign", async () => {
    const b = await brief({
      body: "Acme a réalisé en 2025 un chiffre d’affaires de 5,87 milliards d’euros, en baisse de 3,2 % par rapport à 2024. Le groupe affiche une perte nette de 12,4 millions d’euros.",
      facts: {
        version: 2,
        editorial: { date: "2026-02-26", template: "company-results" },
        story: company,
        facts: [
          { id: "period", type: "year", value: 2025, evidence: ["en 2025"] },
          { id: "previous-period", type: "year", value: 2024, evidence: ["à 2024"] },
          { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 5870000000, precision: 10000000, evidence: ["5,87 milliards d’euros"] },
          { id: "revenue-change", type: "change", measure: "revenue", unit: "percent", value: -3.2, decimals: 1, "compared-with": "previous-period", evidence: ["en baisse de 3,2 %"] },
          { id: "net-result", type: "money", measure: "net-result", currency: "EUR", value: -12400000, precision: 100000, evidence: ["perte nette de 12,4 millions d’euros"] },
        ],
      },
    });
    expectBuilt(b);
    expect(b.titles).toEqual({
      fr: "Acme~: perte nette de 12,4~millions d’euros en 2025",
      nl: "Acme: nettoverlies van 12,4~miljoen euro in 2025",
      en: "Acme: net loss of €12.4~million in 2025",
    });
    expect(lines(b.fr)).toContain("Acme affiche en 2025 un chiffre d’affaires de 5,87~milliards d’euros, en baisse de 3,2~% par rapport à 2024.");
    expect(lines(b.fr)).toContain("Acme accuse en 2025 une perte nette de 12,4~millions d’euros.");
    expect(lines(b.nl)).toContain("Acme boekte in 2025 een omzet van 5,87~miljard euro, een daling van 3,2~procent ten opzichte van 2024.");
    // A loss is suffered (leed), a profit booked (boekte): the verb is not repeated from the revenue's sentence.
    expect(lines(b.nl)).toContain("Acme leed in 2025 een nettoverlies van 12,4~miljoen euro.");
    expect(lines(b.en)).toContain("Acme reported revenue of €5.87~billion in 2025, down 3.2% compared with 2024.");
    expect(lines(b.en)).toContain("Acme posted a net loss of €12.4~million in 2025.");
    for (const text of [b.fr, b.nl, b.en]) expect(text).not.toMatch(/[−-]\s?€?12[,.]4/);
  });

  it("a rise in dollars for a quarter, a net profit, basis points and a bound in the outlook", async () => {
    const b = await brief({
      body: "Au quatrième trimestre 2025, Acme a réalisé un chiffre d’affaires de 4,2 milliards de dollars, en hausse de 4,1 %. Le bénéfice net atteint 310 millions de dollars. La marge brute atteint 31,5 %, en hausse de 25 points de base. Pour 2026, le groupe vise un chiffre d’affaires d’au moins 4,5 milliards de dollars.",
      facts: {
        version: 2,
        editorial: { date: "2026-02-26", template: "company-results" },
        story: company,
        facts: [
          { id: "period", type: "quarter", value: "2025-Q4", evidence: ["quatrième trimestre 2025"] },
          { id: "revenue", type: "money", measure: "revenue", currency: "USD", value: 4200000000, precision: 100000000, evidence: ["4,2 milliards de dollars"] },
          { id: "revenue-change", type: "change", measure: "revenue", unit: "percent", value: 4.1, decimals: 1, evidence: ["en hausse de 4,1 %"] },
          { id: "net-result", type: "money", measure: "net-result", currency: "USD", value: 310000000, precision: 1000000, evidence: ["310 millions de dollars"] },
          { id: "gross-margin", type: "percent", measure: "gross-margin", value: 31.5, decimals: 1, evidence: ["31,5 %"] },
          { id: "gross-margin-change", type: "change", measure: "gross-margin", unit: "basis-point", value: 25, evidence: ["en hausse de 25 points de base"] },
          { id: "outlook-period", type: "year", value: 2026, evidence: ["Pour 2026"] },
          { id: "outlook-revenue", type: "money", measure: "revenue", currency: "USD", value: 4500000000, precision: 100000000, bound: "at-least", evidence: ["au moins 4,5 milliards de dollars"] },
        ],
      },
    });
    expectBuilt(b);
    expect(b.titles.fr).toBe("Acme~: bénéfice net de 310~millions de dollars au quatrième trimestre 2025");
    expect(b.titles.en).toBe("Acme: net profit of $310~million in the fourth quarter of 2025");
    expect(lines(b.fr)).toContain("Acme affiche au quatrième trimestre 2025 un chiffre d’affaires de 4,2~milliards de dollars, en hausse de 4,1~%.");
    expect(lines(b.fr)).toContain("Acme dégage au quatrième trimestre 2025 un bénéfice net de 310~millions de dollars.");
    expect(lines(b.fr)).toContain("La marge brute s’établit à 31,5~%, en hausse de 25~points de base.");
    expect(lines(b.fr)).toContain("- Chiffre d’affaires~: au moins 4,5~milliards de dollars");
    expect(lines(b.nl)).toContain("Acme boekte in het vierde kwartaal van 2025 een nettowinst van 310~miljoen dollar.");
    expect(lines(b.nl)).toContain("De brutomarge bedraagt 31,5~procent, een stijging van 25~basispunten.");
    expect(lines(b.nl)).toContain("- Omzet: minstens 4,5~miljard dollar");
    expect(lines(b.en)).toContain("Acme reported revenue of $4.2~billion in the fourth quarter of 2025, up 4.1%.");
    expect(lines(b.en)).toContain("The gross margin was 31.5%, up 25~basis points.");
    expect(lines(b.en)).toContain("- Revenue: at least $4.5~billion");
    expect(lines(b.en)).toContain("For 2026, Acme is aiming for:");
  });

  it("a change at zero at the precision shown is stable, unchanged, stabiel", async () => {
    const b = await brief({
      body: "En 2025, Acme a réalisé un chiffre d’affaires de 2,5 millions d’euros, une variation de 0,0 % par rapport à 2024.",
      facts: {
        version: 2,
        editorial: { date: "2026-02-26", template: "company-results" },
        story: company,
        facts: [
          { id: "period", type: "year", value: 2025, evidence: ["En 2025"] },
          { id: "previous-period", type: "year", value: 2024, required: false, evidence: ["à 2024"] },
          { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 2500000, precision: 100000, evidence: ["2,5 millions d’euros"] },
          { id: "organic-change", type: "change", measure: "organic-growth", unit: "percent", value: 0, decimals: 1, "compared-with": "previous-period", evidence: ["0,0 %"] },
        ],
      },
    });
    expectBuilt(b);
    expect(lines(b.fr)).toContain("En données organiques, le chiffre d’affaires est stable par rapport à 2024.");
    expect(lines(b.nl)).toContain("Op organische basis bleef de omzet stabiel.");
    expect(lines(b.en)).toContain("On an organic basis, revenue was unchanged compared with 2024.");
  });
});

describe("company-results: the outlook", () => {
  const body = "Acme a réalisé en 2025 un chiffre d’affaires de 5,87 milliards d’euros. Pour 2026, le groupe vise un chiffre d’affaires d’au moins 6 milliards d’euros.";
  const facts = (outlook: Array<Record<string, unknown>>) => ({
    version: 2,
    editorial: { date: "2026-02-26", template: "company-results" },
    story: { company: { fr: "Acme", nl: "Acme", en: "Acme" } },
    facts: [
      { id: "period", type: "year", value: 2025, evidence: ["en 2025"] },
      { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 5870000000, precision: 10000000, evidence: ["5,87 milliards d’euros"] },
      { id: "outlook-period", type: "year", value: 2026, evidence: ["Pour 2026"] },
      ...outlook,
    ],
  });
  const revenue = { id: "outlook-revenue", type: "money", measure: "revenue", currency: "EUR", value: 6000000000, precision: 1000000000, bound: "at-least", evidence: ["au moins 6 milliards d’euros"] };

  it("is a section with its items when the article has one", async () => {
    const b = await brief({ body, facts: facts([revenue]) });
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Pour 2026, Acme vise~:");
    expect(lines(b.fr)).toContain("- Chiffre d’affaires~: au moins 6~milliards d’euros");
  });

  it("is no section at all with its period and no item: no heading over a sentence that ends in a colon", async () => {
    const optional = facts([]);
    optional.facts = optional.facts.map((f) => (f.id === "outlook-period" ? { ...f, required: false } : f));
    const b = await brief({ body, facts: { ...optional, ignore: [{ text: "au moins 6 milliards d’euros", reason: "not in the brief" }] } });
    expectBuilt(b);
    for (const locale of ["fr", "nl", "en"] as const) {
      expect(b[locale], locale).not.toMatch(/Perspectives|Vooruitzichten|Outlook/);
      expect(b[locale], locale).not.toMatch(/:\s*$/m);
    }
  });

  it("has a required period alone said once, at the fact, before anything is rendered", async () => {
    const root = storyProject({ body, facts: { ...facts([]), ignore: [{ text: "au moins 6 milliards d’euros", reason: "not in the brief" }] } });
    const run = await runCli(["build"], root);
    expect(run.code).toBe(1);
    const errors = reported(run.stderr).filter((d) => d.severity === "error");
    expect(errors.map((d) => d.rule)).toEqual(["facts/not-shown"]);
    expect(errors[0]!.line).toContain("fact `outlook-period` would appear in no brief: company-results shows it only with one of `outlook-revenue`, `outlook-growth`, `outlook-margin`, which this article lacks");
    const lines = readFileSync(path.join(root, "content", "article", "facts.yaml"), "utf8").split("\n");
    expect(errors[0]!.at).toBe(`content/article/facts.yaml:${lines.findIndex((l) => l.includes("id: outlook-period")) + 1}:${lines.find((l) => l.includes("id: outlook-period"))!.indexOf("outlook-period") + 1}`);
  });
});

describe("a required fact its story type would show in no brief", () => {
  const article = (title: string, previousPeriod: boolean): ArticleInput => ({
    title,
    body: "Le taux de chômage s’établit à 5,9 % en octobre 2026, contre 5,7 % en septembre 2026.",
    facts: {
      version: 2,
      editorial: { date: "2026-11-02", template: "statistics-release" },
      story: { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } },
      facts: [
        { id: "indicator", type: "percent", measure: "unemployment-rate", value: 5.9, decimals: 1, evidence: ["5,9 %"] },
        { id: "period", type: "month", value: "2026-10", evidence: ["octobre 2026"] },
        { id: "previous", type: "percent", measure: "unemployment-rate", value: 5.7, decimals: 1, evidence: ["5,7 %"] },
        ...(previousPeriod ? [{ id: "previous-period", type: "month", value: "2026-09", evidence: ["septembre 2026"] }] : []),
      ],
      ...(previousPeriod ? {} : { ignore: [{ text: "septembre 2026", reason: "the month before" }] }),
    },
  });

  it("is said at the fact, with what the type shows it with (a previous value without its period)", async () => {
    const run = await runCli(["check", "--no-lint"], storyProject(article("Chômage", false)));
    const errors = reported(run.stderr).filter((d) => d.severity === "error");
    expect(errors.map((d) => d.rule)).toEqual(["facts/not-shown"]);
    expect(errors[0]!.line).toContain("fact `previous` would appear in no brief: statistics-release shows it only with `previous-period`, which this article lacks");
    // With its period, it is shown: nothing to say.
    const shownRun = await runCli(["build"], storyProject(article("Chômage", true)));
    expect(shownRun.code, shownRun.stderr).toBe(0);
  });

  it("is said when only the source's title states it too: the feeds' items do not cite the title", async () => {
    const run = await runCli(["build"], storyProject(article("Le chômage passe de 5,7 % à 5,9 %", false)));
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["facts/not-shown"]);
  });
});

describe("a required fact its template names nowhere", () => {
  it("is said at the fact, with the id the type knows that it may be a typo of", async () => {
    const facts = (ACME.facts as { facts: Array<Record<string, unknown>> }).facts.map((f) => (f.id === "revenue-change" ? { ...f, id: "revenue-chnage" } : f));
    const run = await runCli(["check", "--no-lint"], storyProject({ ...ACME, facts: { ...ACME.facts, facts } }));
    const errors = reported(run.stderr).filter((d) => d.severity === "error");
    expect(errors.map((d) => d.rule)).toEqual(["facts/not-shown"]);
    expect(errors[0]!.line).toContain("fact `revenue-chnage` would appear in no brief: company-results shows no fact of that id (did you mean `revenue-change`?)");
  });

  it("is said when the template lists facts by type and leaves its type out", async () => {
    const article: ArticleInput = {
      body: "Les syndicats annoncent une grève de 48 heures : plus de 90 % des trains seront supprimés.",
      facts: {
        version: 2,
        editorial: { date: "2026-12-18", template: "event" },
        story: {
          headline: { fr: "Grève au rail", nl: "Spoorstaking", en: "Rail strike" },
          ...UNION_NOTICE,
        },
        facts: [
          { id: "key", type: "duration", value: "PT48H", label: { fr: "la durée de la grève", nl: "de duur van de staking", en: "the length of the strike" }, evidence: ["48 heures"] },
          { id: "share", type: "percent", value: 90, bound: "more-than", label: { fr: "la part des trains supprimés", nl: "het aandeel geschrapte treinen", en: "the share of trains cancelled" }, evidence: ["plus de 90 %"] },
        ],
      },
    };
    // The event type lists every kind of fact among its key figures, a percentage too.
    const b = await brief(article);
    expectBuilt(b);
    expect(lines(b.fr)).toContain("- Part des trains supprimés~: plus de 90~%");
    expect(lines(b.nl)).toContain("- Aandeel geschrapte treinen: meer dan 90~procent");
    expect(lines(b.en)).toContain("- Share of trains cancelled: more than 90%");
    // A template that lists no percentage is told so, at the fact.
    const root = storyProject(article);
    const template = path.join(root, "templates", "event", "brief.md.hbs");
    writeFileSync(template, readFileSync(template, "utf8").replace(/\{\{#each \(factsOf type="percent"\)\}\}[\s\S]*?\{\{\/each\}\}\n/, ""));
    const run = await runCli(["check", "--no-lint"], root);
    expect(reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.line)).toEqual([expect.stringContaining("fact `share` would appear in no brief: event shows no fact of that id and lists no percent fact")]);
  });
});

describe("has, naming several", () => {
  it("holds when the article has any of them, and guards none of them", async () => {
    const root = storyProject(ACME);
    const template = path.join(root, "templates", "company-results", "brief.md.hbs");
    writeFileSync(template, `${readFileSync(template, "utf8")}{{#if (has "dividend" "revenue")}}\n{{figure "dividend"}}\n{{/if}}\n`);
    const run = await runCli(["check", "--no-lint"], root);
    // `revenue` is there, `dividend` is not: figure "dividend" is a name the article lacks.
    expect(reported(run.stderr).filter((d) => d.rule === "template/unknown-name").map((d) => d.line)).toEqual([expect.stringContaining("`dividend`")]);
  });
});

describe("statistics-release", () => {
  const statbel = { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } };
  const release = (measure: string, from: number, to: number, evidence: [string, string, string], decimals = 1): ArticleInput => ({
    body: `Le chiffre s’établit à ${evidence[0]} en octobre 2026, contre ${evidence[1]} en septembre 2026, soit ${evidence[2]}.`,
    facts: {
      version: 2,
      editorial: { date: "2026-11-02", template: "statistics-release" },
      story: statbel,
      facts: [
        { id: "indicator", type: "percent", measure, value: to, decimals, evidence: [evidence[0]] },
        { id: "period", type: "month", value: "2026-10", evidence: ["octobre 2026"] },
        { id: "previous", type: "percent", measure, value: from, decimals, evidence: [evidence[1]] },
        { id: "previous-period", type: "month", value: "2026-09", evidence: ["septembre 2026"] },
        // No value: the change is computed from its two ends, by the renderer and by the verifier alike.
        { id: "indicator-change", type: "change", measure, unit: "percentage-point", from: "previous", to: "indicator", decimals: 1, "compared-with": "previous-period", evidence: [evidence[2]] },
      ],
    },
  });

  it("a rise, said with a masculine label (le taux de chômage s’est établi)", async () => {
    const b = await brief(release("unemployment-rate", 5.7, 5.9, ["5,9 %", "5,7 %", "0,2 point de pourcentage"]));
    expectBuilt(b);
    expect(b.titles).toEqual({ fr: "Taux de chômage~: en hausse à 5,9~% en octobre 2026", nl: "Werkloosheidsgraad stijgt naar 5,9~procent in oktober 2026", en: "Unemployment rate rises to 5.9% in October 2026" });
    expect(lines(b.fr)).toContain("Selon Statbel, le taux de chômage s’est établi à 5,9~% en octobre 2026, en hausse de 0,2~point de pourcentage par rapport à septembre 2026.");
    expect(lines(b.fr)).toContain("En septembre 2026, le taux de chômage s’élevait à 5,7~%.");
    expect(lines(b.nl)).toContain("Volgens Statbel kwam de werkloosheidsgraad in oktober 2026 uit op 5,9~procent, een stijging van 0,2~procentpunt ten opzichte van september 2026.");
    expect(lines(b.en)).toContain("The unemployment rate stood at 5.9% in October 2026, up 0.2~percentage points compared with September 2026, according to Statbel.");
  });

  it("a fall, said with a feminine label (l’inflation s’est établie)", async () => {
    const b = await brief(release("inflation", 2.6, 2.4, ["2,4 %", "2,6 %", "0,2 point de pourcentage"]));
    expectBuilt(b);
    expect(b.titles.fr).toBe("Inflation~: en recul à 2,4~% en octobre 2026");
    expect(b.titles.nl).toBe("Inflatie daalt naar 2,4~procent in oktober 2026");
    expect(b.titles.en).toBe("Inflation falls to 2.4% in October 2026");
    expect(lines(b.fr)).toContain("Selon Statbel, l’inflation s’est établie à 2,4~% en octobre 2026, en baisse de 0,2~point de pourcentage par rapport à septembre 2026.");
    expect(lines(b.en)).toContain("Inflation stood at 2.4% in October 2026, down 0.2~percentage points compared with September 2026, according to Statbel.");
  });

  it("no change at the precision shown: stable, stabiel, steady", async () => {
    // −0,02 point is 0,0 at the precision shown: stable, and no figure to verify.
    const b = await brief(release("inflation", 2.43, 2.41, ["2,41 %", "2,43 %", "0,02 point de pourcentage"], 2));
    expectBuilt(b);
    expect(b.titles.fr).toBe("Inflation~: 2,41~% en octobre 2026");
    expect(b.titles.nl).toBe("Inflatie stabiel op 2,41~procent in oktober 2026");
    expect(b.titles.en).toBe("Inflation steady at 2.41% in October 2026");
    expect(lines(b.fr)).toContain("Selon Statbel, l’inflation s’est établie à 2,41~% en octobre 2026, stable par rapport à septembre 2026.");
    expect(lines(b.en)).toContain("Inflation stood at 2.41% in October 2026, unchanged compared with September 2026, according to Statbel.");
  });

  it("a plural label takes a plural verb (les prix de l’énergie sont, noteerden, were)", async () => {
    const input = release("inflation", 2.6, 2.4, ["2,4 %", "2,6 %", "0,2 point de pourcentage"]);
    input.body += " Sur un an, les prix de l’énergie sont en baisse de 3,4 %.";
    input.facts.ignore = [{ text: "un an", reason: "« sur un an »: what the year-on-year sentence says" }];
    (input.facts.facts as unknown[]).push({ id: "annual-change", type: "change", measure: "energy-prices", unit: "percent", value: -3.4, decimals: 1, evidence: ["en baisse de 3,4 %"] });
    const b = await brief(input);
    expectBuilt(b);
    expect(lines(b.fr)).toContain("En glissement annuel, les prix de l’énergie sont en baisse de 3,4~%.");
    expect(lines(b.nl)).toContain("Op jaarbasis noteerden de energieprijzen een daling van 3,4~procent.");
    expect(lines(b.en)).toContain("Year on year, energy prices were down 3.4%.");
  });
});

/** A statistics-release project whose own article does not matter: a text is drafted beside it. */
const LABOUR_DRAFT: ArticleInput = { body: "Statbel.", facts: { version: 2, editorial: { date: "2026-11-20", template: "statistics-release" }, story: {}, facts: [] } };

describe("statistics-release: drafting with its measures", () => {
  it("names a year-on-year figure by its own words, not as inflation because of “sur un an”", async () => {
    const root = storyProject(LABOUR_DRAFT);
    writeFileSync(path.join(root, "article.txt"), "L’inflation s’établit à 2,4 %.\n\nLes prix de l’énergie sont en baisse de 3,4 % sur un an. Le PIB a progressé de 0,3 % par rapport au trimestre précédent, et de 1,1 % sur un an.\n");
    const run = await runCli(["new", "drafted", "--from", "article.txt", "--type", "statistics-release"], root);
    expect(run.code, run.stderr).toBe(0);
    const draft = readFileSync(path.join(root, "content", "drafted", "facts.yaml"), "utf8");
    // The fact drafted for a figure: its block, from the comment that marks the figure to the blank line.
    const measureAfter = (figure: string) => /^ {4}measure: (\S+)$/m.exec(draft.split("\n\n").find((block) => block.includes(`[${figure}]`)) ?? "")?.[1];
    expect(measureAfter("2,4 %")).toBe("inflation");
    expect(measureAfter("3,4 %")).toBe("energy-prices");
    expect(measureAfter("1,1 %")).toBe("gdp-growth");
  });
});

describe("statistics-release: figures of the indicator's own period", () => {
  const LABOUR: ArticleInput = {
    body: "Selon Statbel, le taux de chômage s’établit à 5,8 % au troisième trimestre 2026, contre 5,6 % au deuxième trimestre 2026. Le taux d’emploi atteint 72,8 %. Le pays compte 287 400 chômeurs.",
    facts: {
      version: 2,
      editorial: { date: "2026-11-20", template: "statistics-release" },
      story: { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } },
      facts: [
        { id: "indicator", type: "percent", measure: "unemployment-rate", value: 5.8, decimals: 1, evidence: ["5,8 %"] },
        { id: "period", type: "quarter", value: "2026-Q3", evidence: ["troisième trimestre 2026"] },
        { id: "previous", type: "percent", measure: "unemployment-rate", value: 5.6, decimals: 1, evidence: ["5,6 %"] },
        { id: "previous-period", type: "quarter", value: "2026-Q2", evidence: ["deuxième trimestre 2026"] },
        { id: "related", type: "percent", measure: "employment-rate", value: 72.8, decimals: 1, evidence: ["72,8 %"] },
        { id: "second-related", type: "count", measure: "unemployed", value: 287400, evidence: ["287 400 chômeurs"] },
      ],
    },
  };

  it("a related indicator without its previous value, and a second one, say “the same period” instead of repeating it", async () => {
    const b = await brief(LABOUR);
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Sur la même période, le taux d’emploi s’établit à 72,8~%.");
    expect(lines(b.nl)).toContain("In dezelfde periode bedroeg de werkzaamheidsgraad 72,8~procent.");
    expect(lines(b.en)).toContain("In the same period, the employment rate was 72.8%.");
    // A count is said with what it counts (le nombre de…, waren er…, there were…).
    // A second one follows without saying it again; a count is said with what it counts.
    expect(lines(b.fr)).toContain("Le nombre de chômeurs s’établit pour sa part à 287_400.");
    expect(lines(b.nl)).toContain("Er waren toen 287.400 werklozen.");
    expect(lines(b.en)).toContain("There were 287,400 unemployed people.");
    // They follow the lede, before the previous quarter; the quarter is written in the headline and the lede only.
    expect(lines(b.fr).slice(2, 5)).toEqual([
      "Selon Statbel, le taux de chômage s’est établi à 5,8~% au troisième trimestre 2026.",
      "Sur la même période, le taux d’emploi s’établit à 72,8~%.",
      "Le nombre de chômeurs s’établit pour sa part à 287_400.",
    ]);
    for (const [locale, quarter] of [["fr", /troisième trimestre/g], ["nl", /derde kwartaal/g], ["en", /third quarter/g]] as const) {
      expect(b[locale].match(quarter), locale).toHaveLength(2);
    }
    expect(b.run.stderr).not.toMatch(/ambiguous/);
  });

  it("say the period again after a lede that names the period compared with, where “the same period” could be either", async () => {
    const facts = LABOUR.facts as { facts: Array<Record<string, unknown>> };
    const withChange = {
      body: `${LABOUR.body} Il progresse de 0,2 point de pourcentage.`,
      facts: {
        ...LABOUR.facts,
        facts: [
          ...facts.facts.filter((f) => f.id !== "related"),
          { id: "indicator-change", type: "change", measure: "unemployment-rate", unit: "percentage-point", value: 0.2, decimals: 1, "compared-with": "previous-period", evidence: ["0,2 point de pourcentage"] },
        ],
        ignore: [{ text: "72,8 %", reason: "not in the brief" }],
      },
    };
    const b = await brief(withChange);
    expectBuilt(b);
    // A count alone: said with what it counts, after the period.
    expect(lines(b.fr)).toContain("Au troisième trimestre 2026, le nombre de chômeurs s’établit à 287_400.");
    expect(lines(b.nl)).toContain("In het derde kwartaal van 2026 waren er 287.400 werklozen.");
    expect(lines(b.en)).toContain("In the third quarter of 2026, there were 287,400 unemployed people.");
    expect(b.fr).not.toContain("Sur la même période");
  });
});

describe("funding-announcement", () => {
  const funder = {
    funder: { fr: "la Commission européenne", nl: "de Europese Commissie", en: "the European Commission" },
    purpose: { fr: "le programme Horizon", nl: "het programma Horizon", en: "the Horizon programme" },
  };
  const shared = (breakdown: string, quote: Record<string, unknown>): ArticleInput => ({
    body: "La Commission européenne débloque 10 millions d’euros. La recherche reçoit 6 millions d’euros et les start-up 3 millions d’euros. « Nous réduisons les coûts de près de 30 % », a déclaré Anna Berg.",
    facts: {
      version: 2,
      editorial: { date: "2026-01-15", template: "funding-announcement" },
      story: funder,
      facts: [
        { id: "total", type: "money", currency: "EUR", value: 10000000, precision: 1000000, label: { fr: "le budget", nl: "het budget", en: "the budget" }, evidence: ["10 millions d’euros"] },
        { id: "research", type: "money", currency: "EUR", value: 6000000, precision: 1000000, label: { fr: "la recherche", nl: "onderzoek", en: "research" }, evidence: ["6 millions d’euros"] },
        { id: "startups", type: "money", currency: "EUR", value: 3000000, precision: 1000000, label: { fr: "les start-up", nl: "start-ups", en: "start-ups" }, evidence: ["3 millions d’euros"] },
        { id: "cut", type: "percent", value: 30, approx: true, required: false, label: { fr: "la baisse", nl: "de daling", en: "the cut" }, evidence: ["près de 30 %"] },
      ],
      breakdowns: [{ id: breakdown, of: "total", complete: false, parts: ["startups", "research"] }],
      quotes: [{ id: "berg", speaker: "Anna Berg", role: { fr: "commissaire", nl: "commissaris", en: "Commissioner" }, lang: "fr", text: quote }],
    },
  });
  const QUOTE = { fr: "Nous réduisons les coûts de près de 30 %", nl: { "translated-from": "fr", text: "We verlagen de kosten met bijna 30 %" }, en: { "translated-from": "fr", text: "We are cutting costs by nearly 30 %" } };

  it("spaces a quote's percentage as each language writes it, whatever space the editor typed", async () => {
    const b = await brief(shared("allocations", QUOTE));
    expectBuilt(b);
    expect(lines(b.fr)).toContain("«~Nous réduisons les coûts de près de 30~%~», a déclaré Anna Berg, commissaire.");
    expect(lines(b.nl)).toContain("“We verlagen de kosten met bijna 30%”, zei Anna Berg, commissaris.");
    expect(lines(b.en)).toContain("“We are cutting costs by nearly 30%,” said Anna Berg, Commissioner.");
  });

  it("says a breakdown of an id the template does not show at the breakdown, with the one it shows", async () => {
    const run = await runCli(["check", "--no-lint"], storyProject(shared("parts", QUOTE)));
    const errors = reported(run.stderr).filter((d) => d.severity === "error");
    // Once, at the breakdown: not at each of its parts, nor for each brief that would lack them.
    expect(errors.map((d) => d.rule)).toEqual(["facts/not-shown"]);
    expect(errors[0]!.line).toContain("breakdown `parts` would appear in no brief: funding-announcement shows no breakdown of that id (did you mean `allocations`?) at `breakdowns.0.id`");
    // A story type that shows no breakdown says so, with nothing to suggest.
    const event = shared("allocations", QUOTE);
    event.facts.editorial = { date: "2026-01-15", template: "event" };
    event.facts.story = { headline: { fr: "Fonds", nl: "Fonds", en: "Fund" }, ...UNION_NOTICE };
    (event.facts.facts as Array<Record<string, unknown>>).push({ id: "key", type: "money", currency: "EUR", value: 10000000, precision: 1000000, required: false, label: { fr: "le budget", nl: "het budget", en: "the budget" }, evidence: ["10 millions d’euros"] });
    const none = reported((await runCli(["check", "--no-lint"], storyProject(event))).stderr).filter((d) => d.rule === "facts/not-shown");
    expect(none.map((d) => d.line)).toEqual([expect.stringContaining("breakdown `allocations` would appear in no brief: event shows no breakdown of that id at `breakdowns.0.id`")]);
  });

  it("many parts, a quote and a next step: ranked parts, no quote heading, the comma inside the English quote", async () => {
    const b = await brief({
      body: "La Commission européenne débloque 10 millions d’euros. La recherche reçoit 6 millions d’euros et les start-up 3 millions d’euros. Les appels seront publiés en avril 2026. « Nous investissons », a déclaré Anna Berg.",
      facts: {
        version: 2,
        editorial: { date: "2026-01-15", template: "funding-announcement" },
        story: {
          ...funder,
          "next-step": { fr: "la publication des appels", nl: "de publicatie van de oproepen", en: "the publication of the calls" },
        },
        facts: [
          { id: "total", type: "money", currency: "EUR", value: 10000000, precision: 1000000, label: { fr: "le budget", nl: "het budget", en: "the budget" }, evidence: ["10 millions d’euros"] },
          { id: "research", type: "money", currency: "EUR", value: 6000000, precision: 1000000, label: { fr: "la recherche", nl: "onderzoek", en: "research" }, evidence: ["6 millions d’euros"] },
          { id: "startups", type: "money", currency: "EUR", value: 3000000, precision: 1000000, label: { fr: "les start-up", nl: "start-ups", en: "start-ups" }, evidence: ["3 millions d’euros"] },
          { id: "next", type: "month", value: "2026-04", label: { fr: "la publication", nl: "de publicatie", en: "the publication" }, evidence: ["avril 2026"] },
        ],
        breakdowns: [{ id: "allocations", of: "total", complete: false, parts: ["startups", "research"] }],
        quotes: [
          {
            id: "berg",
            speaker: "Anna Berg",
            role: { fr: "commissaire européenne à la recherche", nl: "Europees commissaris voor Onderzoek", en: "European Commissioner for Research" },
            lang: "fr",
            text: { fr: "Nous investissons", nl: { "translated-from": "fr", text: "We investeren" }, en: { "translated-from": "fr", text: "We are investing" } },
          },
        ],
      },
    });
    expectBuilt(b);
    expect(b.titles.fr).toBe("10~millions d’euros pour le programme Horizon~: feu vert de la Commission européenne");
    expect(b.titles.nl).toBe("10~miljoen euro voor het programma Horizon: groen licht van de Europese Commissie");
    expect(lines(b.fr)).toContain("Le 15 janvier 2026, la Commission européenne a annoncé une enveloppe de 10~millions d’euros pour le programme Horizon.");
    expect(lines(b.fr)).toContain("La plus grosse part revient à la recherche, suivie des start-up.");
    expect(lines(b.fr)).toContain("«~Nous investissons~», a déclaré Anna Berg, commissaire européenne à la recherche.");
    expect(lines(b.fr)).toContain("Prochaine étape, attendue en avril 2026~: la publication des appels.");
    expect(lines(b.en)).toContain("Next step, expected in April 2026: the publication of the calls.");
    expect(lines(b.en)).toContain("“We are investing,” said Anna Berg, European Commissioner for Research.");
    expect(lines(b.en)).toContain("*Quote translated from French.*");
    expect(lines(b.nl)).toContain("“We investeren”, zei Anna Berg, Europees commissaris voor Onderzoek.");
    for (const text of [b.fr, b.nl, b.en]) expect(text).not.toMatch(/^## (Citation|Citaat|Quote)/m);
    expect(b.fr.indexOf("- Recherche")).toBeLessThan(b.fr.indexOf("- Start-up"));
  });

  it("one part and no quote: one sentence instead of a list, and no quote or next-step section", async () => {
    const b = await brief({
      body: "La Commission européenne accorde 18,6 millions d’euros, dont 11,2 millions d’euros pour le secteur de la santé.",
      facts: {
        version: 2,
        editorial: { date: "2026-03-12", template: "funding-announcement" },
        story: funder,
        facts: [
          { id: "total", type: "money", measure: "total-budget", currency: "EUR", value: 18600000, precision: 100000, evidence: ["18,6 millions d’euros"] },
          { id: "health", type: "money", measure: "allocation", currency: "EUR", value: 11200000, precision: 100000, label: { fr: "le secteur de la santé", nl: "de gezondheidssector", en: "the health sector" }, evidence: ["11,2 millions d’euros"] },
        ],
        breakdowns: [{ id: "allocations", of: "total", complete: false, parts: ["health"] }],
      },
    });
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Sur ce montant, une part de 11,2~millions d’euros est réservée au secteur de la santé.");
    expect(lines(b.nl)).toContain("Daarvan gaat 11,2~miljoen euro naar de gezondheidssector.");
    expect(lines(b.en)).toContain("Of this, €11.2~million goes to the health sector.");
    for (const text of [b.fr, b.nl, b.en]) {
      expect(text).not.toMatch(/^## /m);
      expect(text).not.toMatch(/[«“]/);
    }
  });
});

describe("public-budget", () => {
  it("a deficit in Swiss francs, said with the measure's negative words", async () => {
    const b = await brief(swissBudget);
    expectBuilt(b);
    // Francs are Swiss at their first mention in the headline and in the body, then just francs (fr only).
    expect(lines(b.fr)).toContain("Le Conseil fédéral s’attend désormais à un déficit de 1,1~milliard de francs.");
    expect(lines(b.nl)).toContain("De Bondsraad verwacht nu een tekort van 1,1~miljard Zwitserse frank.");
    expect(lines(b.en)).toContain("The Federal Council now expects a deficit of CHF~1.1~billion.");
    expect(b.titles.fr).toBe("Le Conseil fédéral sollicite 312,4~millions de francs suisses de crédits supplémentaires pour le budget 2026");
    expect(b.titles.en).toBe("Budget 2026: the Federal Council seeks CHF~312.4~million in supplementary credits");
    expect(lines(b.fr)).toContain("Le 25 septembre 2026, le Conseil fédéral a demandé au Parlement d’approuver des crédits supplémentaires pour un total de 312,4~millions de francs suisses.");
  });

  // A balance below a milliard known to a tenth of one (the source says "0,9 milliard"), or to a
  // step coarser than the million it is shown in: the trailing zeros of "900 millions" state nothing.
  it.each([
    [-900_000_000, 100_000_000, "0,9 milliard", "un déficit de 900~millions de francs", "een tekort van 900~miljoen Zwitserse frank", "a deficit of CHF~900~million"],
    [900_000_000, 100_000_000, "0,9 milliard", "un excédent de 900~millions de francs", "een overschot van 900~miljoen Zwitserse frank", "a surplus of CHF~900~million"],
    [-950_000_000, 50_000_000, "950 millions", "un déficit de 950~millions de francs", "een tekort van 950~miljoen Zwitserse frank", "a deficit of CHF~950~million"],
    [-90_000_000, 10_000_000, "90 millions", "un déficit de 90~millions de francs", "een tekort van 90~miljoen Zwitserse frank", "a deficit of CHF~90~million"],
    [-900_000, 100_000, "900 000 francs", "un déficit de 900_000~francs suisses", "een tekort van 900.000~Zwitserse frank", "a deficit of CHF~900,000"],
  ])("a balance of %d known to %d, with no display, builds", async (value, precision, said, fr, nl, en) => {
    const input = structuredClone(swissBudget);
    input.body = input.body.replace("1,1 milliard de francs", said.endsWith("francs") ? said : `${said} de francs`);
    // The source says a surplus as a surplus: a deficit stored above zero is refused (provenance/direction).
    if (value > 0) input.body = input.body.replace("un déficit de", "un excédent de");
    const facts = input.facts.facts as Array<Record<string, unknown>>;
    facts[2] = { id: "balance", type: "money", measure: "budget-balance", currency: "CHF", value, precision, evidence: [said] };
    const b = await brief(input);
    expectBuilt(b);
    expect(lines(b.fr).join("\n")).toContain(fr);
    expect(lines(b.nl).join("\n")).toContain(nl);
    expect(lines(b.en).join("\n")).toContain(en);
  });

  it("a breakdown's rest (the other credits) is listed last and never named as the largest or the second", async () => {
    const input = structuredClone(swissBudget);
    input.body += " Le SEM reçoit 105,7 millions de francs et les primes 71,2 millions de francs ; les autres crédits totalisent 135,5 millions de francs.";
    const facts = input.facts.facts as Array<Record<string, unknown>>;
    facts.push(
      { id: "migration", type: "money", currency: "CHF", value: 105700000, precision: 100000, label: { fr: "le SEM", nl: "het SEM", en: "the SEM" }, evidence: ["105,7 millions de francs"] },
      { id: "premiums", type: "money", currency: "CHF", value: 71200000, precision: 100000, label: { fr: "les primes", nl: "de premies", en: "premiums" }, evidence: ["71,2 millions de francs"] },
      { id: "other", type: "money", currency: "CHF", value: 135500000, precision: 100000, label: { fr: "les autres crédits", nl: "de overige kredieten", en: "the other credits" }, evidence: ["135,5 millions de francs"] },
    );
    input.facts.breakdowns = [{ id: "breakdown", of: "credits", complete: true, parts: ["other", "premiums", "migration"], rest: "other" }];
    const b = await brief(input);
    expectBuilt(b);
    const items = (text: string) => lines(text).filter((l) => l.startsWith("- "));
    expect(items(b.en)).toEqual(["- SEM: CHF~105.7~million", "- Premiums: CHF~71.2~million", "- Other credits: CHF~135.5~million"]);
    expect(lines(b.fr)).toContain("Le crédit le plus important va au SEM, devant les primes.");
    expect(lines(b.nl)).toContain("Het grootste krediet gaat naar het SEM, gevolgd door de premies.");
    expect(lines(b.en)).toContain("The largest credit goes to the SEM, followed by premiums.");

    // Without `rest`, the catch-all is ranked by its amount like any part.
    delete (input.facts.breakdowns as Array<Record<string, unknown>>)[0]!.rest;
    const plain = await brief(input);
    expectBuilt(plain);
    expect(items(plain.en)[0]).toBe("- Other credits: CHF~135.5~million");
    expect(lines(plain.en)).toContain("The largest credit goes to the other credits, followed by the SEM.");
  });

  it("a story text the type does not know (a misspelt key) is an error, not a sentence dropped", async () => {
    const input = structuredClone(swissBudget);
    (input.facts.story as Record<string, unknown>).parliment = { fr: "le Parlement", nl: "het parlement", en: "Parliament" };
    const run = await runCli(["build"], storyProject(input));
    expect(reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.rule), run.stderr).toEqual(["facts/unknown-key"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown field `parliment` at `story.parliment`");
    expect(run.stderr).toContain("expected: a story text that public-budget shows: government, parliament, publisher");
  });

  it("a surplus above zero, and parliament's session in a season", async () => {
    const input = structuredClone(swissBudget);
    input.body = "Le Conseil fédéral prévoit un excédent de 500 millions de francs pour 2026. Il demande 312,4 millions de francs de crédits supplémentaires, le 25 septembre 2026. Le Parlement se prononcera au printemps 2027.";
    const facts = input.facts.facts as Array<Record<string, unknown>>;
    facts[2] = { id: "balance", type: "money", measure: "budget-balance", currency: "CHF", value: 500000000, precision: 1000000, evidence: ["excédent de 500 millions de francs"] };
    facts.push({ id: "session", type: "season", value: "2027-spring", evidence: ["printemps 2027"] });
    const b = await brief(input);
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Le Conseil fédéral s’attend désormais à un excédent de 500~millions de francs.");
    expect(lines(b.nl)).toContain("De Bondsraad verwacht nu een overschot van 500~miljoen Zwitserse frank.");
    expect(lines(b.en)).toContain("The Federal Council now expects a surplus of CHF~500~million.");
    expect(lines(b.fr)).toContain("Le Parlement examinera ces crédits au printemps 2027.");
    expect(lines(b.nl)).toContain("Het Parlement behandelt de kredieten in het voorjaar van 2027.");
    expect(lines(b.en)).toContain("Parliament will examine the credits in spring 2027.");
  });
});

describe("event", () => {
  it("a quantity with its unit, a duration in words, a bound on a count (fewer than)", async () => {
    const b = await brief({
      body: "Les syndicats annoncent une grève de 48 heures. Le chantier durera trois ans et déplacera 3 000 tonnes de terre. Moins de 50 navires pourront accoster.",
      facts: {
        version: 2,
        editorial: { date: "2026-12-18", template: "event" },
        story: {
          headline: { fr: "Grève au port", nl: "Staking in de haven", en: "Port strike" },
          ...UNION_NOTICE,
        },
        facts: [
          { id: "key", type: "duration", value: "PT48H", label: { fr: "la durée de la grève", nl: "de duur van de staking", en: "the length of the strike" }, evidence: ["48 heures"] },
          { id: "works", type: "duration", measure: "duration", value: "P3Y", evidence: ["trois ans"] },
          { id: "earth", type: "quantity", measure: "goods", unit: "t", value: 3000, evidence: ["3 000 tonnes"] },
          { id: "ships", type: "count", measure: "vessels", value: 50, bound: "less-than", evidence: ["Moins de 50"] },
        ],
      },
    });
    expectBuilt(b);
    expect(b.titles).toEqual({ fr: "Grève au port de 48~heures", nl: "Staking in de haven van 48~uur", en: "Port strike of 48~hours" });
    expect(lines(b.fr)).toContain("Le 18 décembre 2026, le front commun syndical a déposé un préavis de grève.");
    expect(lines(b.nl)).toContain("Op 18 december 2026 heeft het gemeenschappelijk vakbondsfront een stakingsaanzegging ingediend.");
    expect(lines(b.en)).toContain("On 18 December 2026, the joint union front gave notice of a strike.");
    expect(lines(b.fr)).toContain("- Marchandises~: 3_000~tonnes");
    expect(lines(b.nl)).toContain("- Goederen: 3.000~ton");
    expect(lines(b.en)).toContain("- Goods: 3,000~tonnes");
    expect(lines(b.fr)).toContain("- Durée~: trois~ans");
    expect(lines(b.nl)).toContain("- Duur: drie~jaar");
    expect(lines(b.en)).toContain("- Duration: three~years");
    expect(lines(b.fr)).toContain("- Navires~: moins de 50");
    expect(lines(b.en)).toContain("- Ships: fewer than 50");
  });

  it("several actors: the verb agrees (ont, hebben), and an article with neither actor nor actors names both", async () => {
    const article = (story: Record<string, unknown>): ArticleInput => ({
      body: "Les pilotes ont paralysé le port pendant 48 heures.",
      facts: {
        version: 2,
        editorial: { date: "2026-02-04", template: "event" },
        story: { headline: { fr: "Grève des pilotes", nl: "Staking van de loodsen", en: "Pilots' strike" }, action: { fr: "paralysé le port", nl: "de haven lamgelegd", en: "brought the port to a standstill" }, ...story },
        facts: [{ id: "key", type: "duration", value: "PT48H", label: { fr: "la durée de la grève", nl: "de duur van de staking", en: "the length of the strike" }, evidence: ["48 heures"] }],
      },
    });
    const b = await brief(article({ actors: { fr: "les pilotes", nl: "de loodsen", en: "the pilots" } }));
    expectBuilt(b);
    expect(lines(b.fr)).toContain("Le 4 février 2026, les pilotes ont paralysé le port.");
    expect(lines(b.nl)).toContain("Op 4 februari 2026 hebben de loodsen de haven lamgelegd.");
    expect(lines(b.en)).toContain("On 4 February 2026, the pilots brought the port to a standstill.");
    const none = await runCli(["check", "--no-lint"], storyProject(article({})));
    expect(none.code).toBe(1);
    expect(reported(none.stderr).map((d) => d.rule)).toEqual(["facts/missing-requirement"]);
    expect(none.stderr).toMatch(/needs story text `actor` \([^)]*\) or story text `actors` \(/);
  });
});

describe("event headline: the key figure it ends with", () => {
  const story = {
    headline: { fr: "Grève au port d’Anvers", nl: "Staking in de haven van Antwerpen", en: "Antwerp port strike" },
    ...UNION_NOTICE,
  };
  const event = (body: string, key: Record<string, unknown>): ArticleInput => ({
    body,
    facts: { version: 2, editorial: { date: "2026-12-18", template: "event" }, story, facts: [{ id: "key", ...key }] },
  });
  const WORKERS = event("La grève concerne 45 travailleurs.", { type: "count", measure: "affected-workers", value: 45, evidence: ["45 travailleurs"] });

  it("a count says what it counts, with its measure's words, after a colon", async () => {
    const b = await brief(WORKERS);
    expectBuilt(b);
    expect(b.titles).toEqual({
      fr: "Grève au port d’Anvers~: 45~travailleurs concernés",
      nl: "Staking in de haven van Antwerpen: 45~betrokken werknemers",
      en: "Antwerp port strike: 45~workers affected",
    });
    expect(lines(b.fr)[0]).toBe("# Grève au port d’Anvers~: 45~travailleurs concernés");
    expect(lines(b.nl)[0]).toBe("# Staking in de haven van Antwerpen: 45~betrokken werknemers");
    expect(lines(b.en)[0]).toBe("# Antwerp port strike: 45~workers affected");
    // The key figures list is as it was.
    expect(lines(b.fr)).toContain("- Travailleurs concernés~: 45");
  });

  it("the page title, Open Graph title, feed items and manifest titles say it too, and `check` passes", async () => {
    const root = storyProject(WORKERS);
    expect((await runCli(["build"], root)).code).toBe(0);
    const check = await runCli(["check"], root);
    expect(check.code, check.stderr).toBe(0);
    const titles = { fr: "Grève au port d’Anvers~: 45~travailleurs concernés", nl: "Staking in de haven van Antwerpen: 45~betrokken werknemers", en: "Antwerp port strike: 45~workers affected" };
    const read = (file: string) => shown(readFileSync(path.join(root, "out", file), "utf8"));
    for (const locale of ["fr", "nl", "en"] as const) {
      const html = read(`article/${locale}.html`);
      expect(html).toContain(`<title>${titles[locale]}</title>`);
      expect(html).toContain(`<meta property="og:title" content="${titles[locale]}">`);
      expect(html).toContain(`<h1>${titles[locale]}</h1>`);
      const feed = JSON.parse(read(`feed.${locale}.json`)) as { items: Array<{ title: string }> };
      expect(feed.items.map((item) => item.title)).toEqual([titles[locale]]);
    }
    expect(read("manifest.json").match(/"title": "[^"]*"/g)).toEqual(Object.values(titles).map((t) => `"title": "${t}"`));
  });

  it("the verifier ties the headline's count to its fact: a changed count there is caught", async () => {
    const root = storyProject(WORKERS);
    expect((await runCli(["build"], root)).code).toBe(0);
    for (const [locale, from, to] of [["fr", "45\u00a0travailleurs", "46\u00a0travailleurs"], ["nl", "45\u00a0betrokken", "46\u00a0betrokken"], ["en", "45\u00a0workers", "46\u00a0workers"]] as const) {
      const file = path.join(root, "out", "article", `${locale}.md`);
      const text = readFileSync(file, "utf8");
      const heading = text.split("\n").findIndex((line) => line.startsWith("# ")) + 1;
      const edited = text.split("\n").map((line, index) => (index === heading - 1 ? line.replace(from, to) : line)).join("\n");
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      const run = await runCli(["check", "--no-lint"], root);
      const unmatched = reported(run.stderr).filter((d) => d.rule === "verify/unmatched-figure");
      expect(unmatched.map((d) => d.at), run.stderr).toEqual([`out/article/${locale}.md:${heading}:${text.split("\n")[heading - 1]!.indexOf("45") + 1}`]);
      writeFileSync(file, text);
    }
  });

  it("a hedged or bounded count keeps its words before the figure", async () => {
    const about = await brief(event("La grève concerne environ 450 travailleurs.", { type: "count", measure: "affected-workers", value: 450, approx: true, evidence: ["environ 450"] }));
    expectBuilt(about);
    expect(about.titles).toEqual({
      fr: "Grève au port d’Anvers~: environ 450~travailleurs concernés",
      nl: "Staking in de haven van Antwerpen: ongeveer 450~betrokken werknemers",
      en: "Antwerp port strike: about 450~workers affected",
    });
    const least = await brief(event("L’accident a fait au moins 12 morts.", { type: "count", measure: "deaths", value: 12, bound: "at-least", evidence: ["au moins 12"] }));
    expectBuilt(least);
    expect(least.titles).toEqual({ fr: "Grève au port d’Anvers~: au moins 12~morts", nl: "Staking in de haven van Antwerpen: minstens 12~doden", en: "Antwerp port strike: at least 12~deaths" });
  });

  it("a count of one takes the measure's singular; a count with a facts.yaml label says it without its article", async () => {
    const one = await brief(event("L’incendie a fait 1 mort.", { type: "count", measure: "deaths", value: 1, evidence: ["1 mort"] }));
    expectBuilt(one);
    expect(one.titles).toEqual({ fr: "Grève au port d’Anvers~: 1~mort", nl: "Staking in de haven van Antwerpen: 1~dode", en: "Antwerp port strike: 1~death" });
    const labelled = await brief(
      event("Le chantier créera plus de 300 emplois.", { type: "count", value: 300, bound: "more-than", label: { fr: "les emplois pendant le chantier", nl: "de jobs tijdens de bouw", en: "jobs during construction" }, evidence: ["plus de 300"] }),
    );
    expectBuilt(labelled);
    expect(labelled.titles).toEqual({
      fr: "Grève au port d’Anvers~: plus de 300~emplois pendant le chantier",
      nl: "Staking in de haven van Antwerpen: meer dan 300~jobs tijdens de bouw",
      en: "Antwerp port strike: more than 300~jobs during construction",
    });
  });

  it.each([
    ["a quantity", "Un bouchon de 12 km.", { type: "quantity", measure: "length", unit: "km", value: 12, evidence: ["12 km"] }, { fr: "de 12~km", nl: "van 12~km", en: "of 12~km" }],
    ["an amount", "Un coût de 1,5 milliard d’euros.", { type: "money", measure: "cost", currency: "EUR", value: 1500000000, precision: 100000000, evidence: ["1,5 milliard d’euros"] }, { fr: "de 1,5~milliard d’euros", nl: "van 1,5~miljard euro", en: "of €1.5~billion" }],
    ["a hedged amount (elided: d’environ)", "Un coût d’environ 1,5 milliard d’euros.", { type: "money", measure: "cost", currency: "EUR", value: 1500000000, precision: 100000000, approx: true, evidence: ["environ 1,5 milliard d’euros"] }, { fr: "d’environ 1,5~milliard d’euros", nl: "van ongeveer 1,5~miljard euro", en: "of about €1.5~billion" }],
    ["an amount with an upper bound (allant jusqu’à, van maximaal)", "Un coût pouvant aller jusqu’à 1,5 milliard d’euros.", { type: "money", measure: "cost", currency: "EUR", value: 1500000000, precision: 100000000, bound: "up-to", evidence: ["jusqu’à 1,5 milliard d’euros"] }, { fr: "allant jusqu’à 1,5~milliard d’euros", nl: "van maximaal 1,5~miljard euro", en: "of up to €1.5~billion" }],
    ["a duration in digits", "Une grève de 48 heures.", { type: "duration", value: "PT48H", label: { fr: "la durée de la grève", nl: "de duur van de staking", en: "the length of the strike" }, evidence: ["48 heures"] }, { fr: "de 48~heures", nl: "van 48~uur", en: "of 48~hours" }],
    ["a duration in words (elided: d’une)", "Une grève d’une semaine.", { type: "duration", value: "P1W", label: { fr: "la durée de la grève", nl: "de duur van de staking", en: "the length of the strike" }, evidence: ["une semaine"] }, { fr: "d’une semaine", nl: "van één~week", en: "of one~week" }],
    ["a percentage", "Une hausse de 12,5 %.", { type: "percent", value: 12.5, decimals: 1, label: { fr: "la hausse", nl: "de stijging", en: "the rise" }, evidence: ["12,5 %"] }, { fr: "de 12,5~%", nl: "van 12,5~procent", en: "of 12.5%" }],
    ["a date, as it follows a verb", "Le 12 avril 2027.", { type: "date", value: "2027-04-12", label: { fr: "la grève", nl: "de staking", en: "the strike" }, evidence: ["12 avril 2027"] }, { fr: "le 12 avril 2027", nl: "op 12 april 2027", en: "on 12 April 2027" }],
    ["a month", "En avril 2027.", { type: "month", value: "2027-04", label: { fr: "la grève", nl: "de staking", en: "the strike" }, evidence: ["avril 2027"] }, { fr: "en avril 2027", nl: "in april 2027", en: "in April 2027" }],
    ["a season", "Au printemps 2027.", { type: "season", value: "2027-spring", label: { fr: "la grève", nl: "de staking", en: "the strike" }, evidence: ["printemps 2027"] }, { fr: "au printemps 2027", nl: "in het voorjaar van 2027", en: "in spring 2027" }],
  ] as const)("%s ends the headline as before, after de/van/of, or as a date follows a verb", async (_name, body, key, ending) => {
    const b = await brief(event(body, key));
    expectBuilt(b);
    expect(b.titles).toEqual({ fr: `Grève au port d’Anvers ${ending.fr}`, nl: `Staking in de haven van Antwerpen ${ending.nl}`, en: `Antwerp port strike ${ending.en}` });
  });
});
