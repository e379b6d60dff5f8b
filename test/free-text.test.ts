/**
 * Free texts of facts.yaml carry no figure, a quote's translation carries
 * exactly the figures of its original, and no text that reaches a brief holds
 * a digit other than 0–9 or an invisible character: checked when the file is
 * loaded, at the line and column of the offending text. Property tests hide
 * figures in random texts; random valid texts always build and verify.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseFacts } from "../src/content/load.ts";
import { cleanupProjects, FACTS, FIXTURE_ROOT, makeProject, runCli } from "./support/project.ts";

afterAll(() => cleanupProjects({ base: true }));

const FIXTURE = readFileSync(path.join(FIXTURE_ROOT, FACTS), "utf8");
const FILE = "facts.yaml";

/** The fixture with `from` (which must be there) replaced by `to`. */
function edited(from: string, to: string): string {
  expect(FIXTURE.includes(from), from).toBe(true);
  return FIXTURE.replace(from, () => to);
}
const errors = (text: string) => parseFacts(text, FILE).diagnostics.filter((d) => d.severity === "error");
/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}

describe("free texts at load time", () => {
  it("the fixture's texts carry no figure", () => {
    expect(errors(FIXTURE)).toEqual([]);
  });

  it("names the figure, its line and column, and says to make it a fact", () => {
    const text = edited("    en: the European Commission\n", "    en: the European Commission with two billion euros\n");
    const [d, ...rest] = errors(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: "facts/figure-in-text", file: FILE, path: "story.funder.en", actual: "two billion euros", ...positionOf(text, "two billion euros") });
    expect(d!.message).toContain("story text `funder` (en)");
  });

  it.each([
    ["a label", "      fr: le budget total\n", "      fr: le budget total de trois milliards d’euros\n", "trois milliards d’euros", "facts.0.label.fr"],
    ["a role", "Veiligheid en Democratie\n", "Veiligheid en Democratie, sinds twee jaar\n", "twee jaar", "quotes.0.role.nl"],
    ["a related title (translated)", "action on digital sovereignty\n", "action on digital sovereignty for 2026\n", "2026", "related.0.title.en.text"],
    ["a story list item", "      en: cloud and data\n", "      en: cloud and twenty-two data centres\n", "twenty-two", "story.focus.1.en"],
  ])("%s", (_what, from, to, figure, at) => {
    const text = edited(from, to);
    expect(errors(text).map((d) => [d.rule, d.path, d.actual, d.line, d.column])).toEqual([
      ["facts/figure-in-text", at, figure, positionOf(text, figure).line, positionOf(text, figure).column],
    ]);
  });

  it("reads a quoted or folded text at the figure's own line", () => {
    const quoted = edited("    en: the European Commission\n", '    en: "the European Commission, half of it"\n');
    expect(errors(quoted)[0]).toMatchObject({ actual: "half", ...positionOf(quoted, "half") });
    const folded = edited("    en: the European Commission\n", "    en: >-\n      the European\n      Commission and its nine agencies\n");
    expect(errors(folded)[0]).toMatchObject({ actual: "nine", ...positionOf(folded, "nine") });
  });

  it("points at the text's start when the file writes the figure another way (an escape)", () => {
    const text = edited("    en: the European Commission\n", '    en: "the European Commission \\u0031\\u0032 times"\n');
    expect(errors(text)[0]).toMatchObject({ rule: "facts/figure-in-text", actual: "12", ...positionOf(text, '"the European') });
  });

  it("refuses digits other than 0–9 and invisible characters in every text, the speaker's name and quotes too", () => {
    const text = edited("speaker: Henna Virkkunen", "speaker: Henna\u200B Virkkunen").replace("atteignent les citoyens", "atteignent les ١ citoyens");
    expect(errors(text).map((d) => [d.rule, d.actual, d.path, d.line, d.column])).toEqual([
      ["facts/invisible-character", "U+200B", "quotes.0.speaker", positionOf(text, "\u200B").line, positionOf(text, "\u200B").column],
      ["facts/foreign-digit", "U+0661", "quotes.0.text.fr", positionOf(text, "١").line, positionOf(text, "١").column],
    ]);
  });

  it("lets an original quote hold figures, and wants the same figures in its translations", () => {
    const same = edited("atteignent les citoyens", "atteignent deux millions de citoyens")
      .replace("de Europese burgers", "twee miljoen Europese burgers")
      .replace("reach European citizens", "reach two million European citizens");
    expect(errors(same)).toEqual([]);
    const differs = same.replace("twee miljoen Europese", "drie miljoen Europese");
    expect(errors(differs)).toMatchObject([
      { rule: "facts/quote-figures", path: "quotes.0.text.nl.text", expected: "“deux millions”", actual: "“drie miljoen”", ...positionOf(differs, "drie miljoen") },
    ]);
    const missing = same.replace("reach two million European", "reach European");
    expect(errors(missing)).toMatchObject([{ rule: "facts/quote-figures", path: "quotes.0.text.en.text", expected: "“deux millions”", actual: "no figure" }]);
  });

  it("compares a translation's figures whatever their order", () => {
    const text = edited("atteignent les citoyens", "atteignent deux ou trois citoyens")
      .replace("de Europese burgers", "drie of twee Europese burgers")
      .replace("reach European citizens", "reach three or two European citizens");
    expect(errors(text)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

const WORDS = {
  en: ["the", "programme", "for", "European", "citizens", "digital", "skills", "and", "data", "of", "new", "funding"],
  fr: ["le", "programme", "pour", "les", "citoyens", "européens", "compétences", "numériques", "et", "données", "nouvelle"],
  nl: ["het", "programma", "voor", "Europese", "burgers", "digitale", "vaardigheden", "en", "data", "nieuwe", "steun"],
} as const;
type L = keyof typeof WORDS;

const EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const FR_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"];
const FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];
const NL_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"];
const NL_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"];

/** A number from 2 to 69 in words, written by this test's own speller. */
const spelled = (locale: L, n: number): string => {
  const [t, u] = [Math.floor(n / 10), n % 10];
  if (n < 10) return { en: EN_UNITS, fr: FR_UNITS, nl: NL_UNITS }[locale][n]!;
  if (t === 1) return { en: "ten", fr: "dix", nl: "tien" }[locale];
  if (locale === "en") return u === 0 ? EN_TENS[t]! : `${EN_TENS[t]}-${EN_UNITS[u]}`;
  if (locale === "fr") return u === 0 ? FR_TENS[t]! : u === 1 ? `${FR_TENS[t]} et un` : `${FR_TENS[t]}-${FR_UNITS[u]}`;
  return u === 0 ? NL_TENS[t]! : `${NL_UNITS[u]}${NL_UNITS[u]!.endsWith("e") ? "ën" : "en"}${NL_TENS[t]}`;
};

/** A figure in one of its forms: number words, halves, fractions, digits, other digit systems, a hidden control character. */
const hiddenFigure = (locale: L): fc.Arbitrary<string> => {
  const scale = { en: ["million", "billion"], fr: ["millions", "milliards"], nl: ["miljoen", "miljard"] }[locale];
  const currency = { en: "euros", fr: "d’euros", nl: "euro" }[locale];
  return fc.oneof(
    // "neuf" alone is also the adjective "new" ("le neuf et l’ancien"): the reader takes it for nine only before a noun, so it is not a hidden figure on its own.
    fc.integer({ min: 2, max: 69 }).filter((n) => !(locale === "fr" && n === 9)).map((n) => spelled(locale, n)),
    fc.tuple(fc.integer({ min: 2, max: 9 }), fc.constantFrom(...scale)).map(([n, s]) => `${spelled(locale, n)} ${s} ${currency}`),
    fc.constant({ en: "one and a half billion euros", fr: "un milliard et demi d’euros", nl: "anderhalf miljard euro" }[locale]),
    fc.constant({ en: "two thirds", fr: "deux tiers", nl: "twee derde" }[locale]),
    fc.integer({ min: 0, max: 99999 }).map(String),
    fc.integer({ min: 0, max: 9 }).map((d) => String.fromCodePoint(fc.sample(fc.constantFrom(0x660, 0x966, 0xff10, 0x9e6), 1)[0]! + d)),
    fc.constantFrom("\u200B", "\u202E", "\u2066", "\uFEFF", "²", "₂"),
  );
};

const sentence = (locale: L) => fc.array(fc.constantFrom(...WORDS[locale]), { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));

/** Where a random text goes: the fixture's line for it, and how it is written there. */
const SLOTS: Array<{ locale: L; from: string; write: (text: string) => string }> = [
  { locale: "en", from: "    en: the European Commission\n", write: (t) => `    en: ${t}\n` },
  { locale: "fr", from: "    fr: la Commission européenne\n", write: (t) => `    fr: ${t}\n` },
  { locale: "nl", from: "    nl: de Europese Commissie\n", write: (t) => `    nl: ${t}\n` },
  { locale: "en", from: "      en: the total budget\n", write: (t) => `      en: ${t}\n` },
  { locale: "fr", from: "      fr: vice-présidente exécutive pour la Souveraineté technologique, la Sécurité et la Démocratie\n", write: (t) => `      fr: ${t}\n` },
  { locale: "nl", from: "        text: De Europese techsector roept op tot actie voor digitale soevereiniteit\n", write: (t) => `        text: ${t}\n` },
  { locale: "en", from: '        text: "Securing European tech sovereignty', write: (t) => `        text: "${t} Securing European tech sovereignty` },
  { locale: "nl", from: '        text: "Het veiligstellen', write: (t) => `        text: "${t} Het veiligstellen` },
];

describe("property: a figure hidden in a random free text", () => {
  it("is always an error at the line of the text", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SLOTS.length - 1 }).chain((k) =>
          fc.tuple(fc.constant(k), sentence(SLOTS[k]!.locale), hiddenFigure(SLOTS[k]!.locale), sentence(SLOTS[k]!.locale)),
        ),
        ([k, before, figure, after]) => {
          const slot = SLOTS[k]!;
          const hidden = `${before} ${figure} ${after}`;
          const text = FIXTURE.replace(slot.from, () => slot.write(hidden));
          const line = positionOf(text, hidden).line;
          const found = errors(text);
          expect(found.length, hidden).toBeGreaterThan(0);
          expect(found.some((d) => d.line === line && d.file === FILE), hidden).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("fails build and check with the facts.yaml line, out/ unchanged", async () => {
    const cases = fc.sample(
      fc.integer({ min: 0, max: 5 }).chain((k) => fc.tuple(fc.constant(k), sentence(SLOTS[k]!.locale), hiddenFigure(SLOTS[k]!.locale))),
      { numRuns: 6, seed: 12 },
    );
    for (const [k, before, figure] of cases) {
      const slot = SLOTS[k]!;
      const project = await makeProject();
      project.edit(FACTS, (t) => t.replace(slot.from, () => slot.write(`${before} ${figure}`)));
      const line = positionOf(project.read(FACTS), `${before} ${figure}`).line;
      for (const command of ["build", "check"]) {
        const result = await runCli(["--root", project.root, command], project.root);
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr).toContain(`${FACTS}:${line}:`);
      }
    }
  });
});

describe("property: random valid texts", () => {
  it("always load without a figure", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SLOTS.length - 3 }).chain((k) => fc.tuple(fc.constant(k), sentence(SLOTS[k]!.locale))),
        ([k, words]) => {
          const slot = SLOTS[k]!;
          expect(errors(FIXTURE.replace(slot.from, () => slot.write(words)))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("always build and verify", async () => {
    const cases = fc.sample(fc.tuple(sentence("en"), sentence("fr"), sentence("nl")), { numRuns: 4, seed: 7 });
    for (const [en, fr, nl] of cases) {
      const project = await makeProject();
      project.edit(FACTS, (t) =>
        t.replace(SLOTS[0]!.from, () => SLOTS[0]!.write(en)).replace(SLOTS[1]!.from, () => SLOTS[1]!.write(fr)).replace(SLOTS[2]!.from, () => SLOTS[2]!.write(nl)),
      );
      const result = await runCli(["--root", project.root, "build"], project.root);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/figure\(s\) verified/);
    }
  });
});
