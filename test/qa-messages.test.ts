/**
 * What a diagnostic says is expected fits the file it is about.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/content/config.ts";
import { Facts } from "../src/content/schema.ts";
import { validateShape } from "../src/content/validate.ts";
import { parseYaml } from "../src/content/yaml.ts";
import { cleanupProjects, FACTS, FIXTURE_ROOT, makeProject, replace, runCli, SOURCE } from "./support/project.ts";

afterAll(() => cleanupProjects());

describe("an unknown field", () => {
  it("in a source's front matter lists the source's fields, not the facts format's", async () => {
    const project = await makeProject({ [SOURCE]: replace("lang: fr\n", "lang: fr\nauteur: Jean Dupont\n") });
    const run = await runCli(["check"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${SOURCE}:4:1  error  unknown field \`auteur\` at \`auteur\`  [front-matter/unknown-key]\n`);
    expect(run.stderr).toContain("    expected: one of the source's front-matter fields: title, lang, category, publisher, url, date\n");
    expect(run.stderr).not.toContain("facts format");
  });
});

describe("an unknown key in a nested mapping", () => {
  const unknown = (text: string) => parseConfig(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.path} | ${d.expected}`);

  it("of the settings file lists the keys of that mapping; at the top, the top-level settings", () => {
    expect(unknown('{\n  "sites": {}\n}\n')).toEqual(["2:3 config/unknown-key sites | only the settings site and lint (see docs/publishing.md)"]);
    expect(unknown('{\n  "lint": {\n    "check": "all",\n    "rulez": {}\n  }\n}\n')).toEqual(["4:5 config/unknown-key lint.rulez | one of the fields of `lint`: check, rules"]);
    expect(unknown('{ "lint": { "rules": { "spellng": "off" } } }')).toEqual([
      "1:24 config/unknown-key lint.rules.spellng | one of the fields of `lint.rules`: spelling, fr-space-before-punctuation, fr-guillemet-space, fr-unit-space, apostrophe, quotation-marks, repeated-word, double-space, range",
    ]);
    const site = '{ "site": { "baseUrl": "https://example.be/", "publisher": { "name": "P", "logoo": "x" }, "author": { "name": "A" } } }';
    expect(unknown(site).map((d) => d.replace(/^\S+ /, ""))).toEqual(["config/unknown-key site.publisher.logoo | one of the fields of `site.publisher`: name, logo"]);
  });

  it("of facts.yaml lists the fields of that fact (by its type) or that text", () => {
    const facts = readFileSync(path.join(FIXTURE_ROOT, FACTS), "utf8");
    const unknown = (text: string) => validateShape(Facts, parseYaml(text, { file: FACTS }), FACTS, "facts").diagnostics.map((d) => `${d.path} | ${d.expected}`);
    expect(unknown(`${facts}extra: 1\n`)).toEqual(["extra | only the fields the facts format defines (see README, “The facts format”)"]);
    expect(unknown(facts.replace("  date: \"2025-03-28\"\n", "  date: \"2025-03-28\"\n  dat: 1\n"))).toEqual(["editorial.dat | one of the fields of `editorial`: date, template, tags"]);
    expect(unknown(facts.replace("    en: the European Commission\n", "    en: the European Commission\n    de: die Europäische Kommission\n"))).toEqual(["story.funder.de | one of the fields of `story.funder`: fr, nl, en"]);
    // A currency is a field of a money fact, not of a year range.
    const range = facts.replace("    type: year-range\n", "    type: year-range\n    currency: EUR\n");
    expect(range).not.toBe(facts);
    expect(unknown(range)).toEqual([expect.stringMatching(/^facts\.\d+\.currency \| one of the fields of `facts\.\d+`: id, label, measure, evidence, approx, bound, required, type, value$/)]);
  });
});

describe("build --wait", () => {
  it.each([[""], [" "], ["-1"], ["3601"], ["soon"]])("refuses %j with exit 2", async (value) => {
    const project = await makeProject();
    const run = await runCli(["build", "--wait", value], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`option '--wait <seconds>' argument '${value}' is invalid. expected a number of seconds from 0 to 3600`);
  });
});
