/**
 * `newsbrief lint`: the fixture project has no finding; a misspelled word in
 * a locale message and a French colon without its no-break space are found
 * and named at the locale file's line, with the output line that shows them;
 * rules can be made warnings or turned off in newsbrief.config.json.
 */
import { mkdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { lintLine, readableLine } from "../src/lint/rules.ts";
import { cleanupProjects, makeProject, replace, reported, runCli, SLUG } from "./support/project.ts";

afterAll(() => cleanupProjects());

describe("newsbrief lint", () => {
  it("names a word list it cannot read, rather than reporting its words as misspelt", async () => {
    const project = await makeProject();
    const words = project.read("locales/words.nl.txt");
    project.write("locales/words.nl.txt", Buffer.concat([Buffer.from(words), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]));
    const run = await runCli(["lint"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(reported(run.stderr).filter((d) => d.rule === "content/encoding").map((d) => d.at)).toEqual([`locales/words.nl.txt:${words.split("\n").length}:1`]);
    project.remove("locales/words.nl.txt");
    mkdirSync(project.path("locales/words.nl.txt"));
    const folder = await runCli(["lint"], project.root);
    expect(reported(folder.stderr).map((d) => `${d.at} ${d.rule}`)).toContain("locales/words.nl.txt content/not-a-file");
  });

  it("passes the fixture project, and catches a misspelling and a French colon named at the locale file's line", async () => {
    const clean = await makeProject();
    const ok = await runCli(["lint"], clean.root);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);

    const project = await makeProject({
      "locales/fr.json": replace('"heading": "Les chiffres clés"', '"heading": "Les chiffres clés: aperçu"'),
      "locales/en.json": replace("The next calls for tenders are expected", "The next calls for tendres are expected"),
    });
    const run = await runCli(["lint"], project.root);
    expect(run.code).toBe(1);
    const found = reported(run.stderr);
    const colon = found.find((d) => d.rule === "lint/fr-space-before-punctuation")!;
    expect(colon.at).toMatch(/^locales\/fr\.json:10:\d+$/);
    expect(colon.line).toContain(`out/${SLUG}/fr.md:`);
    const spelling = found.find((d) => d.rule === "lint/spelling")!;
    expect(spelling.at).toMatch(/^locales\/en\.json:23:\d+$/);
    expect(spelling.line).toContain("“tendres”");

    // One file sets how serious each rule is.
    project.write("newsbrief.config.json", JSON.stringify({ lint: { rules: { spelling: "off", "fr-space-before-punctuation": "warning" } } }));
    const relaxed = await runCli(["lint"], project.root);
    expect(relaxed.code).toBe(0);
    expect(reported(relaxed.stderr).map((d) => `${d.severity} ${d.rule}`)).toEqual(["warning lint/fr-space-before-punctuation"]);
  }, 240_000);
});

describe("where a finding is named", () => {
  it("at the quote's speaker in facts.yaml for a word of a name, never inside another word of a locale file", async () => {
    const project = await makeProject({
      [`content/${SLUG}/facts.yaml`]: replace("speaker: Henna Virkkunen", "speaker: Henna Van den Broeck"),
      "locales/fr.json": replace('"heading": "Les chiffres clés"', '"heading": "Les chiffres clés de la période précédente"'),
    });
    const run = await runCli(["lint"], project.root);
    const spelling = reported(run.stderr).filter((d) => d.rule === "lint/spelling");
    const at = (word: string) => spelling.filter((d) => d.line.includes(`“${word}”`)).map((d) => d.at.replace(/:\d+$/, ""));
    // “den” stands inside “précédente” in fr.json: it is named at the speaker, where it stands as a word.
    expect(at("den").length).toBeGreaterThan(0);
    expect(new Set(at("den"))).toEqual(new Set([`content/${SLUG}/facts.yaml:162`]));
    expect(new Set(at("Broeck"))).toEqual(new Set([`content/${SLUG}/facts.yaml:162`]));
  }, 240_000);
});

describe("the typography rules", () => {
  it("find each house rule broken, and nothing in house style", () => {
    const rules = (line: string, locale: "fr" | "nl" | "en") => lintLine(readableLine(line), locale).map((f) => f.check);
    expect(rules("Intelligence artificielle\u00A0: 544,7\u00A0millions d’euros", "fr")).toEqual([]);
    expect(rules("«\u00A0Citation\u00A0» et 40\u00A0%", "fr")).toEqual([]);
    expect(rules("Et ensuite ?", "fr")).toEqual(["fr-space-before-punctuation"]);
    expect(rules("Et ensuite?", "fr")).toEqual(["fr-space-before-punctuation"]);
    expect(rules("«Citation »", "fr")).toEqual(["fr-guillemet-space", "fr-guillemet-space"]);
    expect(rules("une hausse de 40 %", "fr")).toEqual(["fr-unit-space"]);
    expect(rules("l'IA", "fr")).toEqual(["apostrophe"]);
    expect(rules("he said \"yes\"", "en")).toEqual(["quotation-marks", "quotation-marks"]);
    expect(rules("the the programme", "en")).toEqual(["repeated-word"]);
    expect(rules("two  spaces", "en")).toEqual(["double-space"]);
    expect(rules("for 2025–2027", "en")).toEqual(["range"]);
    expect(rules("- Artificial intelligence: €544.7 million", "en")).toEqual([]);
    expect(rules("Read also: https://example.org", "fr")).toEqual(["fr-space-before-punctuation"]);
  });
});
