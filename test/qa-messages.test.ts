/**
 * What a diagnostic says is expected fits the file it is about.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, makeProject, replace, runCli, SOURCE } from "./support/project.ts";

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

describe("build --wait", () => {
  it.each([[""], [" "], ["-1"], ["3601"], ["soon"]])("refuses %j with exit 2", async (value) => {
    const project = await makeProject();
    const run = await runCli(["build", "--wait", value], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`option '--wait <seconds>' argument '${value}' is invalid. expected a number of seconds from 0 to 3600`);
  });
});
