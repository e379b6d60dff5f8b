/**
 * Every figure, in any form, hidden in an input that reaches a brief (a story
 * text, a label, a role, a related title, a quote's translation, a locale
 * message, a template): `build` and `check` fail, name the input's line, and
 * leave out/ exactly as it was.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, runCli, snapshotTree, TEMPLATE, type Project } from "./support/project.ts";

afterAll(() => cleanupProjects({ base: true }));

const LOCALE = (l: string) => `locales/${l}.json`;
const outTree = (p: Project) => digestTree(snapshotTree(p.out));
const run = (p: Project, ...args: string[]) => runCli(["--root", p.root, ...args], p.root);

/** Anchors in the fixture's inputs: each is unique in its file. */
const STORY = { en: "    en: the European Commission\n", fr: "    fr: la Commission européenne\n", nl: "    nl: de Europese Commissie\n" };
const LABEL = { en: "      en: the total budget\n", fr: "      fr: le budget total\n", nl: "      nl: het totale budget\n" };
const ROLE = { en: "Security and Democracy\n", fr: "la Sécurité et la Démocratie\n", nl: "Veiligheid en Democratie\n" };
const RELATED = { en: "action on digital sovereignty\n", fr: "pour la souveraineté numérique\n", nl: "voor digitale soevereiniteit\n" };
const QUOTE = { en: 'text: "Securing European', nl: 'text: "Het veiligstellen' };
const FOCUS = { en: "focuses on {{topics}}.", fr: "se concentre sur {{topics}}.", nl: "richt zich op {{topics}}." };

interface Case {
  /** what is hidden, and where */
  name: string;
  file: string;
  /** the text as the fixture has it, and as the case rewrites it */
  from: string;
  to: string;
  /** the offending text, as written in the file: its line is the one the report must name */
  marker: string;
}

/** Appends `words` to a story text, a label, a role or a related title (before the line's end). */
const append = (name: string, anchors: Record<string, string>, locale: string, words: string): Case => {
  const from = anchors[locale]!;
  return { name, file: FACTS, from, to: `${from.trimEnd()} ${words}\n`, marker: words };
};
/** Puts `words` into a locale message that every brief shows. */
const message = (locale: "en" | "fr" | "nl", words: string): Case => ({
  name: `${locale} locale message: ${JSON.stringify(words)}`,
  file: LOCALE(locale),
  from: FOCUS[locale],
  to: FOCUS[locale].replace("{{topics}}", `{{topics}} ${words}`),
  marker: words,
});
/** Starts a quote's translation with `words`. */
const quote = (locale: "en" | "nl", words: string): Case => ({
  name: `${locale} quote translation: ${JSON.stringify(words)}`,
  file: FACTS,
  from: QUOTE[locale],
  to: `text: "${words} ${QUOTE[locale].slice(7)}`,
  marker: words,
});

const CASES: Case[] = [
  // The ten of the report.
  append("en story text: two billion", STORY, "en", "with two billion euros"),
  append("en story text: one and a half billion", STORY, "en", "with one and a half billion euros"),
  append("fr story text: deux milliards", STORY, "fr", "avec deux milliards d’euros"),
  append("fr story text: un milliard et demi", STORY, "fr", "avec un milliard et demi d’euros"),
  append("fr story text: trois cents millions", STORY, "fr", "avec trois cents millions d’euros"),
  quote("nl", "Met twee miljard euro"),
  append("nl story text: anderhalf miljard", STORY, "nl", "met anderhalf miljard euro"),
  append("en story text: fullwidth digits", STORY, "en", "with €１.５ billion"),
  append("en story text: Arabic-Indic digits", STORY, "en", "with €١٫٥ billion"),
  append("fr story text: Devanagari digit", STORY, "fr", "avec ५ millions d’euros"),
  // Cardinals, compounds, halves and fractions in every language and every free text.
  append("fr label: vingt-deux", LABEL, "fr", "de vingt-deux projets"),
  append("fr label: quatre-vingt-dix", LABEL, "fr", "sur quatre-vingt-dix jours"),
  append("fr role: soixante et onze", ROLE, "fr", "depuis soixante et onze mois"),
  append("fr related title: deux tiers", RELATED, "fr", "pour deux tiers des fonds"),
  append("fr story text: la moitié", STORY, "fr", "pour la moitié du budget"),
  append("fr story text: trois ans", STORY, "fr", "depuis trois ans"),
  append("fr story text: un demi-milliard", STORY, "fr", "avec un demi-milliard d’euros"),
  append("fr story text: deux mille cinq cents euros", STORY, "fr", "avec deux mille cinq cents euros"),
  append("fr story text: cinquante pour cent", STORY, "fr", "à cinquante pour cent"),
  append("fr story text: un million d’euros", STORY, "fr", "avec un million d’euros"),
  append("fr story text: neuf projets", STORY, "fr", "et ses neuf projets"),
  append("nl label: tweeëntwintig", LABEL, "nl", "van tweeëntwintig projecten"),
  append("nl role: honderdvijftig", ROLE, "nl", "met honderdvijftig medewerkers"),
  append("nl related title: twee derde", RELATED, "nl", "voor twee derde van het geld"),
  append("nl story text: tweeënhalf miljard", STORY, "nl", "met tweeënhalf miljard euro"),
  append("nl story text: twee en een half miljoen", STORY, "nl", "met twee en een half miljoen euro"),
  append("nl story text: de helft", STORY, "nl", "met de helft van het budget"),
  append("nl story text: een half miljoen", STORY, "nl", "met een half miljoen euro"),
  append("nl story text: drie jaar", STORY, "nl", "sinds drie jaar"),
  append("nl story text: duizend euro", STORY, "nl", "met duizend euro"),
  append("en label: twenty-two", LABEL, "en", "of twenty-two projects"),
  append("en role: one hundred and fifty", ROLE, "en", "with one hundred and fifty staff"),
  append("en related title: two thirds", RELATED, "en", "for two thirds of the money"),
  append("en story text: half", STORY, "en", "with half of the budget"),
  append("en story text: half a billion", STORY, "en", "with half a billion euros"),
  append("en story text: a million euros", STORY, "en", "with a million euros"),
  append("en story text: three quarters", STORY, "en", "for three quarters of it"),
  append("en story text: five years", STORY, "en", "over five years"),
  append("en story text: digits", STORY, "en", "with €2 billion"),
  quote("en", "With two billion euros,"),
  quote("en", "With €2.5 billion,"),
  quote("nl", "Met de helft van het geld"),
  // Other digit systems, superscripts and subscripts.
  append("en label: superscript two", LABEL, "en", "per km²"),
  append("en label: subscript two", LABEL, "en", "of CO₂"),
  append("fr story text: superscript one", STORY, "fr", "avec ¹ million"),
  append("nl story text: Bengali digit", STORY, "nl", "met ৩ miljard euro"),
  append("nl related title: fullwidth digit", RELATED, "nl", "met ９ projecten"),
  append("en story text: vulgar fraction", STORY, "en", "with €½ billion"),
  // Invisible and bidirectional control characters.
  append("en story text: a right-to-left override", STORY, "en", "(\u202E€81.9 million\u202C)"),
  append("en story text: a zero-width space", STORY, "en", "\u200Bitself"),
  append("fr label: a byte-order mark inside", LABEL, "fr", "du\uFEFF programme"),
  append("nl role: a left-to-right isolate", ROLE, "nl", "\u2066en meer\u2069"),
  append("fr story text: a soft hyphen in a number", STORY, "fr", "avec 1\u00AD2 projets"),
  // Locale messages.
  message("en", "with two billion euros"),
  message("fr", "avec deux milliards d’euros"),
  message("nl", "met anderhalf miljard euro"),
  message("en", "for twenty-two projects"),
  message("fr", "avec ५ millions d’euros"),
  message("nl", "met \u200Bgeld"),
  message("en", "with €１.５ billion"),
];

describe("a figure hidden in any input that reaches a brief", () => {
  it("has at least fifty cases, in every language and every input", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => c.file)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(CASES)("$name: build and check fail at its line, out/ unchanged", async (c) => {
    const project = await makeProject();
    project.edit(c.file, replace(c.from, c.to));
    const lines = project.read(c.file).split("\n");
    const line = lines.findIndex((l) => l.includes(c.marker)) + 1;
    expect(line, "the marker is in the file").toBeGreaterThan(0);
    const before = outTree(project);
    for (const command of ["build", "check"]) {
      const result = await run(project, command);
      expect(result.code, `${command}\n${result.stderr}`).toBe(1);
      const named = new RegExp(`(?:^|\\n|from:\\s+)${c.file.replace(/[.]/g, "\\.")}:${line}:\\d+`);
      expect(result.stderr, `${command} names ${c.file}:${line}`).toMatch(named);
    }
    expect(outTree(project)).toEqual(before);
  });
});

describe("a template", () => {
  it("with a number word or an invisible character fails at the template's line", async () => {
    for (const words of ["with two billion euros", "\u200B", "١٢"]) {
      const project = await makeProject();
      project.edit(TEMPLATE, replace("## {{t \"brief.keyFigures.heading\"}}", `## {{t "brief.keyFigures.heading"}} ${words}`));
      const line = project.read(TEMPLATE).split("\n").findIndex((l) => l.includes(words)) + 1;
      const before = outTree(project);
      const result = await run(project, "build");
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`from:     ${TEMPLATE}:${line}:`);
      expect(outTree(project)).toEqual(before);
    }
  });
});
