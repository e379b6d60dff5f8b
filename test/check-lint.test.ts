/**
 * `newsbrief check` runs the lint rules on the briefs it verifies: the
 * typography rules by default, spelling too when `lint.check` is `all` in
 * newsbrief.config.json. Findings come in the same run and format as
 * verification problems, named at the input with the output line; errors
 * fail, warnings do not. The review page shows them at the brief line.
 */
import { JSDOM } from "jsdom";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, makeProject, replace, reported, runCli, SLUG } from "./support/project.ts";

afterAll(() => cleanupProjects());

/** A French colon without its no-break space, in the message of the key-figures heading (line 10 of the fixture's fr.json). */
const COLON = { "locales/fr.json": replace('"heading": "Les chiffres clés"', '"heading": "Les chiffres clés: aperçu"') };
/** A misspelled word in an English message (line 23 of the fixture's en.json). */
const MISSPELLED = { "locales/en.json": replace("The next calls for tenders are expected", "The next calls for tendres are expected") };

const settings = (lint: unknown) => JSON.stringify({ lint }, null, 2);

describe("newsbrief check runs the lint rules", () => {
  it("fails on a French colon without its no-break space, named at the locale file's line and the out/ line, with the other problems of the run", async () => {
    const project = await makeProject(COLON);
    // build does not lint: out/ is written with the text as it is.
    const built = await runCli(["build"], project.root);
    expect(built.code, built.stderr).toBe(0);

    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(1);
    const found = reported(run.stderr);
    expect(found.map((d) => `${d.severity} ${d.rule}`)).toEqual(["error lint/fr-space-before-punctuation"]);
    expect(found[0]!.at).toMatch(/^locales\/fr\.json:10:\d+$/);
    expect(found[0]!.line).toMatch(new RegExp(`shown at out/${SLUG}/fr\\.md:\\d+\\)`));
    expect(run.stderr).toContain("expected: a no-break space before the sign");
    expect(run.stderr).toContain("newsbrief: check failed.");

    // --no-lint verifies only.
    const verified = await runCli(["check", "--no-lint"], project.root);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toBe("");

    // A hand edit of out/ is reported in the same run as the finding.
    project.edit(`out/${SLUG}/nl.md`, (text) => `${text}Met de hand toegevoegd.\n`);
    const both = await runCli(["check"], project.root);
    expect(both.code).toBe(1);
    expect(reported(both.stderr).map((d) => d.rule).sort()).toEqual(["lint/fr-space-before-punctuation", "out/stale"]);
  }, 240_000);

  it("prints a finding of a warning-level rule and exits 0", async () => {
    // The settings are an input of every brief (their hash is in the front matter): they are written before the build.
    const project = await makeProject({ ...COLON, "newsbrief.config.json": settings({ rules: { "fr-space-before-punctuation": "warning" } }) });
    expect((await runCli(["build"], project.root)).code).toBe(0);
    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(reported(run.stderr).map((d) => `${d.at.replace(/:\d+$/, "")} ${d.severity} ${d.rule}`)).toEqual(["locales/fr.json:10 warning lint/fr-space-before-punctuation"]);
    expect(run.stderr).toContain("0 errors, 1 warning");
    expect(run.stdout).toMatch(/1 article\(s\), 10 file\(s\), \d+ figure\(s\) verified\.\n$/);
  }, 240_000);

  it("leaves spelling to `newsbrief lint` unless lint.check is all", async () => {
    const project = await makeProject(MISSPELLED);
    expect((await runCli(["build"], project.root)).code).toBe(0);
    const typography = await runCli(["check"], project.root);
    expect(typography.code, typography.stderr).toBe(0);
    expect(typography.stderr).toBe("");

    project.write("newsbrief.config.json", settings({ check: "all" }));
    expect((await runCli(["build"], project.root)).code).toBe(0);
    const all = await runCli(["check"], project.root);
    expect(all.code, all.stderr).toBe(1);
    const found = reported(all.stderr);
    expect(found.map((d) => `${d.severity} ${d.rule}`)).toEqual(["error lint/spelling"]);
    expect(found[0]!.at).toMatch(/^locales\/en\.json:23:\d+$/);
    expect(found[0]!.line).toContain("“tendres”");
  }, 240_000);

  it("reports a wrong lint.check at the settings file, in check and in lint", async () => {
    const project = await makeProject({ "newsbrief.config.json": settings({ check: "spelling" }) });
    for (const command of ["check", "lint"]) {
      const run = await runCli([command], project.root);
      expect(run.code, `${command}: ${run.stderr}`).toBe(1);
      // The value "spelling" sits on line 3 of the settings file, after `"check": `.
      expect(reported(run.stderr).map((d) => `${d.at} ${d.rule}`), command).toEqual(["newsbrief.config.json:3:14 config/invalid-value"]);
      expect(run.stderr).toContain("invalid value at `lint.check`");
      expect(run.stderr).toContain('expected: one of "typography", "all"');
      expect(run.stderr).toContain('found:    "spelling"');
    }
  }, 240_000);
  it("reports a lint rule that does not exist (a typo would silently do nothing), at its key, in build and check", async () => {
    const project = await makeProject({ "newsbrief.config.json": settings({ rules: { spellng: "off", range: "off" } }) });
    for (const command of ["build", "check"]) {
      const run = await runCli([command], project.root);
      expect(run.code, `${command}: ${run.stderr}`).toBe(1);
      expect(reported(run.stderr).map((d) => `${d.at} ${d.rule}`), command).toEqual(["newsbrief.config.json:4:7 config/unknown-key"]);
      expect(run.stderr).toContain("unknown field `spellng` at `lint.rules.spellng`");
    }
  }, 240_000);
});

describe("the review page", () => {
  it("shows a lint finding at the brief line where its text shows", async () => {
    const project = await makeProject(COLON);
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    const finding = reported(run.stderr).find((d) => d.rule === "lint/fr-space-before-punctuation")!;
    const line = /shown at out\/[^:]+\/fr\.md:(\d+)\)/.exec(finding.line)![1];
    const doc = new JSDOM(project.read(`pages/${SLUG}.html`)).window.document;
    const cell = doc.getElementById(`L-fr-${line}`)!;
    expect(cell.textContent).toContain("Les chiffres clés: aperçu");
    expect(cell.querySelector(".issues")?.textContent).toContain("lint/fr-space-before-punctuation");
    // The list of problems links to that line.
    const listed = [...doc.querySelectorAll("#problems li")].find((li) => li.textContent?.includes("lint/fr-space-before-punctuation"))!;
    expect(listed.querySelector("a")?.getAttribute("href")).toBe(`#L-fr-${line}`);
  }, 240_000);
});
