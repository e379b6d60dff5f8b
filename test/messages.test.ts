import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { loadMessages } from "../src/render/messages.ts";
import { repoFile } from "./support/fixtures.ts";

const files = LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: repoFile(`locales/${locale}.json`) }));
const loaded = loadMessages(files);

describe("locale messages", () => {
  it("load without problems", () => {
    expect(loaded.diagnostics).toEqual([]);
  });

  it("name a missing locale's file in the folder the others were read from", () => {
    const files = (["fr", "en"] as const).map((locale) => ({ locale, file: `lang/${locale}.json`, text: repoFile(`locales/${locale}.json`) }));
    const missing = loadMessages(files).diagnostics.filter((d) => d.rule === "locale/missing-file");
    expect(missing.map((d) => [d.file, d.expected])).toEqual([["lang/nl.json", "lang/nl.json"]]);
  });

  it("give what i18next's own t() gives, for every key of every locale", () => {
    for (const locale of LOCALES) {
      const messages = loaded.catalog.get(locale)!;
      const i18n = loaded.i18n.get(locale)!;
      const keys = Object.keys(flatten(JSON.parse(repoFile(`locales/${locale}.json`)) as Record<string, unknown>));
      expect(keys.length).toBeGreaterThan(30);
      for (const key of keys) {
        const names = [...messages.placeholders(key)];
        // Values that neither start a sentence nor follow à/de, so that the
        // capitalisation and contraction rules do not apply.
        const values = Object.fromEntries(names.map((n) => [n, `‹${n}›`]));
        const [base, plural] = /^(.*)_(zero|one|two|few|many|other)$/.exec(key)?.slice(1) ?? [key, undefined];
        const ours = messages.format(base!, values, plural as Intl.LDMLPluralRule | undefined);
        expect(ours, `${locale}:${key}`).toBe(i18n.t(key, values));
      }
    }
  });

  it("pick the French plural forms, CLDR `many` included", () => {
    const fr = loaded.catalog.get("fr")!;
    const scale = (n: number, digits: number) => fr.format("figure.scale.billion", {}, fr.pluralCategory(n, digits));
    expect(scale(1.2, 1)).toBe("milliard");
    expect(scale(1.98, 2)).toBe("milliard");
    expect(scale(2, 0)).toBe("milliards");
    expect(scale(2.2, 1)).toBe("milliards");
    expect(fr.pluralCategory(1_000_000)).toBe("many");
    expect(scale(1_000_000, 0)).toBe("milliards");
  });

  it("contract à/de with le/les in French, and capitalise a value that opens a sentence", () => {
    const fr = loaded.catalog.get("fr")!;
    const largest = "funding-announcement.parts.largest";
    expect(fr.format(largest, { first: "le calcul", second: "les solutions" })).toBe("La plus grosse part revient au calcul, suivie des solutions.");
    expect(fr.format(largest, { first: "les puces", second: "le Fonds" })).toBe("La plus grosse part revient aux puces, suivie du Fonds.");
    expect(fr.format(largest, { first: "l’IA", second: "la cybersécurité" })).toBe("La plus grosse part revient à l’IA, suivie de la cybersécurité.");
    expect(fr.format("public-budget.balance", { government: "le Conseil fédéral", what: "déficit", amount: "x" })).toMatch(/^Le Conseil fédéral/);
    // A figure message is a fragment: its first value keeps its case.
    expect(fr.format("figure.duration.year", { number: "trois" }, "other")).toBe("trois\u00A0ans");
    // Only at a placeholder: words inside a value are never touched.
    expect(fr.format("brief.quote.said", { quote: "permettant de les aider", speaker: "X", role: "y" })).toContain("permettant de les aider");
  });

  it("elide French `de` before a vowel, not before h, onze or a y before a vowel", () => {
    const fr = loaded.catalog.get("fr")!;
    const headline = (key: string) => fr.format("event.headline", { headline: "Grève", key });
    expect(headline("un an")).toBe("Grève d’un an");
    expect(headline("une semaine")).toBe("Grève d’une semaine");
    expect(headline("environ vingt")).toBe("Grève d’environ vingt");
    expect(headline("au moins douze")).toBe("Grève d’au moins douze");
    expect(headline("Eurostat")).toBe("Grève d’Eurostat");
    expect(headline("Ypres")).toBe("Grève d’Ypres");
    expect(headline("huit jours")).toBe("Grève de huit jours");
    expect(headline("onze jours")).toBe("Grève de onze jours");
    expect(headline("yaourts")).toBe("Grève de yaourts");
    expect(headline("plus de trois")).toBe("Grève de plus de trois");
    // "de jusqu’à" is no French: an upper bound after `de` reads "allant jusqu’à"; in Dutch, "van tot" reads "van maximaal".
    expect(headline("jusqu’à douze jours")).toBe("Grève allant jusqu’à douze jours");
    const nl = loaded.catalog.get("nl")!;
    expect(nl.format("event.headline", { headline: "Staking", key: "tot twaalf dagen" })).toBe("Staking van maximaal twaalf dagen");
    expect(nl.format("event.item", { label: "Kostprijs", figure: "tot twaalf miljoen" })).toBe("Kostprijs: tot twaalf miljoen");
    expect(fr.format("event.item", { label: "Coût", figure: "jusqu’à douze millions" })).toBe("Coût\u00A0: jusqu’à douze millions");
    // Contraction still applies, and neither touches `à` before a vowel nor `de` inside a value.
    expect(headline("le printemps")).toBe("Grève du printemps");
    expect(headline("l’été")).toBe("Grève de l’été");
    expect(fr.format("funding-announcement.parts.largest", { first: "une part", second: "un fonds" })).toBe("La plus grosse part revient à une part, suivie d’un fonds.");
    expect(fr.format("brief.quote.said", { quote: "permettant de aider", speaker: "X", role: "y" })).toContain("permettant de aider");
  });

  it("contain no digit: figures come only from the dataset", () => {
    // Keys may hold digits (figure.smallNumber.3, figure.ordinal.4): the formatter looks them up by number.
    for (const name of readdirSync(new URL("../locales", import.meta.url)).filter((n) => n.endsWith(".json"))) {
      for (const [key, text] of Object.entries(flatten(JSON.parse(repoFile(`locales/${name}`)) as Record<string, unknown>))) {
        expect(text, `${name}: ${key}`).not.toMatch(/[0-9]/);
      }
    }
  });

  it("take a `_zero` key alone as the variant of a figure at zero (sign), beside plural keys as a plural form", () => {
    // Earnings of zero per share: the `sign` helper's context `zero`, in one locale only.
    const withZero = files.map((f) => (f.locale === "fr" ? { ...f, text: f.text.replace('"perShare_negative":', '"perShare_zero": "Le résultat par action est nul ({{amount}}).",\n    "perShare_negative":') } : f));
    const zero = loadMessages(withZero);
    expect(zero.diagnostics).toEqual([]);
    const fr = zero.catalog.get("fr")!;
    expect(fr.format("company-results.perShare", { amount: "zéro euro" }, undefined, "zero")).toBe("Le résultat par action est nul (zéro euro).");
    expect(fr.format("company-results.perShare", { amount: "un euro" }, undefined, "positive")).toBe("Le bénéfice s’élève à un euro par action.");
    // Beside `_one` and `_other`, `_zero` is a plural form: its placeholders count with theirs.
    const pluralZero = files.map((f) => (f.locale === "en" ? { ...f, text: f.text.replace('"million_one":', '"million_zero": "{{missing}} million",\n      "million_one":') } : f));
    expect(loadMessages(pluralZero).diagnostics.map((d) => `${d.rule} ${d.path}`)).toContain("locale/placeholders figure.scale.million");
  });

  it("refuse a key present in one locale only, a digit, and differing placeholders", () => {
    const broken = files.map((f) =>
      f.locale === "nl" ? { ...f, text: f.text.replace('"heading": "Verdeling",', "").replace("{{first}}", "{{eerste}}") } : f.locale === "en" ? { ...f, text: f.text.replace('"Key figures"', '"Top 5 figures"') } : f,
    );
    const rules = loadMessages(broken).diagnostics.map((d) => `${d.file} ${d.rule} ${d.path ?? ""}`);
    expect(rules).toContain("locales/nl.json locale/missing-key funding-announcement.parts.heading");
    // Named at the object that should hold it.
    const nl = broken.find((f) => f.locale === "nl")!.text;
    const missing = loadMessages(broken).diagnostics.find((d) => d.rule === "locale/missing-key")!;
    expect(missing.line).toBe(nl.slice(0, nl.indexOf('"parts": {', nl.indexOf('"funding-announcement"'))).split("\n").length);
    expect(rules).toContain("locales/en.json locale/digit event.figures");
    expect(rules).toContain("locales/nl.json locale/placeholders funding-announcement.parts.largest");
  });

  it("name the line and column of a message with a problem, and of a key written twice", () => {
    const en = files.find((f) => f.locale === "en")!;
    const lineOf = (text: string, needle: string) => {
      const at = text.indexOf(needle);
      const before = text.slice(0, at);
      return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
    };
    const digit = en.text.replace('"Key figures"', '"Top 5 figures"');
    const found = loadMessages(files.map((f) => (f === en ? { ...f, text: digit } : f))).diagnostics.filter((d) => d.rule === "locale/digit");
    // At the digit itself.
    expect(found.map((d) => ({ file: d.file, line: d.line, column: d.column }))).toEqual([{ file: "locales/en.json", ...lineOf(digit, '5 figures"') }]);
    // An escape such as \u00a0 before it is not read as digits.
    const escaped = en.text.replace('"Key figures"', '"Top\\u00a05 figures"');
    const after = loadMessages(files.map((f) => (f === en ? { ...f, text: escaped } : f))).diagnostics.filter((d) => d.rule === "locale/digit");
    expect(after.map((d) => ({ line: d.line, column: d.column }))).toEqual([lineOf(escaped, '5 figures"')]);

    // The same key twice in one object: valid JSON (the last one wins), refused here.
    const twice = en.text.replace('"figures": "Key figures"', '"figures": "Key figures",\n    "figures": "Main figures"');
    expect(twice).not.toBe(en.text);
    const repeated = loadMessages(files.map((f) => (f === en ? { ...f, text: twice } : f))).diagnostics.filter((d) => d.rule === "locale/duplicate-key");
    expect(repeated.map((d) => ({ file: d.file, line: d.line }))).toEqual([{ file: "locales/en.json", line: lineOf(twice, '"figures": "Main figures"').line }]);
    // It names the key and both its lines.
    const [first, second] = [lineOf(twice, '"figures": "Key figures"').line, lineOf(twice, '"figures": "Main figures"').line];
    expect(repeated[0]!.message).toBe(`the key \`figures\` is written a second time in this mapping (first at line ${first})`);
    expect(repeated[0]!.actual).toBe(`\`figures\` at lines ${first} and ${second}`);
  });
});

describe("templates", () => {
  it("contain no digit: figures come only from the dataset", () => {
    // The templates themselves; a type.yaml holds counts (`quotes: 1`) and French cues, never output.
    const files = readdirSync(new URL("../templates", import.meta.url), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".hbs"));
    expect(files.length).toBeGreaterThan(5);
    for (const entry of files) {
      const name = `${entry.parentPath.slice(entry.parentPath.lastIndexOf("templates"))}/${entry.name}`;
      expect(repoFile(name), name).not.toMatch(/[0-9]/);
    }
  });
});

function flatten(value: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === "string") out[prefix + key] = child;
    else Object.assign(out, flatten(child as Record<string, unknown>, `${prefix}${key}.`));
  }
  return out;
}
