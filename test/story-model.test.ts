/**
 * The story-type machinery on the fixture project: requirements and
 * measures of a type.yaml checked at their place in facts.yaml, missing
 * figure messages reported before rendering, `templates`, `migrate` and
 * `build --preview`.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, FACTS, makeProject, replace, runCli, snapshotTree, TEMPLATE } from "./support/project.ts";

afterAll(() => cleanupProjects());

const TYPE = `description: Money released for a cause.
requires:
  story:
    - key: funder
      description: who gives the money
  facts:
    - measure: total-budget
      type: money
      description: the amount released
measures:
  total-budget:
    fr: { label: budget total, gender: m }
    nl: { label: totale budget, article: het }
    en: { label: total budget }
    cues: [budget total]
  grant:
    fr: { label: subvention, gender: f }
    nl: { label: subsidie }
    en: { label: grant }
`;

/** The fixture project with its template moved into a story type folder with `type` as its type.yaml. */
async function typed(type: string, facts?: (text: string) => string) {
  const project = await makeProject();
  const template = project.read(TEMPLATE);
  project.remove(TEMPLATE);
  project.write("templates/funding-announcement/brief.md.hbs", template);
  project.write("templates/funding-announcement/type.yaml", type);
  if (facts) project.edit(FACTS, facts);
  return project;
}

describe("story types", () => {
  it("build an article that has what its type requires, measures included", async () => {
    const project = await typed(TYPE, replace("    label:\n      fr: le budget total\n      nl: het totale budget\n      en: the total budget\n", "    measure: total-budget\n"));
    const run = await runCli(["build"], project.root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // The measure's words stand where the label was.
    expect(project.read("out/eu-digital-europe-2025-2027/nl.md")).toContain("het totale budget");
  });

  it("report a missing requirement and an unknown measure at their place in facts.yaml, before anything renders", async () => {
    const project = await typed(TYPE, (text) => text.replace("  funder:\n", "  giver:\n").replace("    label:\n      fr: la cybersécurité\n      nl: cyberbeveiliging\n      en: cybersecurity\n", "    measure: cyber\n"));
    const before = snapshotTree(project.out);
    const run = await runCli(["build"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/facts\.yaml:\d+:\d+ {2}error {2}the story type `funding-announcement` needs story text `funder` \(who gives the money\)/);
    expect(run.stderr).toMatch(/facts\.yaml:\d+:\d+ {2}error {2}the story type `funding-announcement` needs a money with measure `total-budget`/);
    expect(run.stderr).toMatch(/facts\.yaml:\d+:14 {2}error {2}the story type `funding-announcement` has no measure `cyber`.*\[facts\/unknown-measure\]/);
    expect(snapshotTree(project.out)).toEqual(before);
  });

  it("report a type.yaml field that does not exist at its line", async () => {
    const project = await typed(`${TYPE}colour: blue\n`);
    const run = await runCli(["build"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("templates/funding-announcement/type.yaml:20:1  error  unknown field `colour`");
  });

  it("are listed by `newsbrief templates`, one in full with its measures", async () => {
    const project = await typed(TYPE);
    const list = await runCli(["templates"], project.root);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("funding-announcement  Money released for a cause.");
    const one = await runCli(["templates", "funding-announcement"], project.root);
    expect(one.stdout).toContain("  - story text `funder`: who gives the money");
    expect(one.stdout).toContain("  total-budget: le budget total / het totale budget / total budget");
    expect(one.stdout).toContain("  grant: la subvention / de subsidie / grant");
    const unknown = await runCli(["templates", "obituary"], project.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no story type `obituary`");
  });
});

describe("figure messages", () => {
  it("a locale without the words of a currency is reported at the locale file, before anything renders", async () => {
    const project = await makeProject();
    project.edit(FACTS, replace("currency: EUR\n    value: 60000000", "currency: CHF\n    value: 60000000"));
    project.edit(FACTS, replace("parts: [ai, digital-solutions, cybersecurity, hpc, interoperability, chips-fund]", "parts: [ai, digital-solutions, cybersecurity, hpc, interoperability]"));
    const run = await runCli(["build"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("locales/fr.json  error  message `figure.money.CHF.scaled` (an amount in CHF with a scale word, for fact `chips-fund` of content/eu-digital-europe-2025-2027/facts.yaml) is missing");
    expect(run.stderr).not.toContain("internal error");
  });
});

describe("newsbrief migrate", () => {
  it("upgrades a version-1 facts file with the decimals version 1 showed, keeps its comments, and a second run has nothing to do", async () => {
    const project = await makeProject();
    // A percentage of version 1: at most one decimal, so 12 % shows no decimal.
    project.edit(FACTS, replace("  - id: period\n", "  - id: share\n    type: percent\n    value: 12\n    decimals: 1\n    required: false\n    label: { fr: la part, nl: het aandeel, en: the share }\n\n  - id: period\n"));
    expect((await runCli(["build"], project.root)).code).toBe(1); // 12 % is not in the source: provenance says so
    project.edit(FACTS, replace("    required: false\n", "    required: false\n    evidence: [\"1,2 milliard\"]\n"));
    const dry = await runCli(["migrate", "--dry-run"], project.root);
    expect(dry.stdout).toContain("facts.7 (share): decimals 1 → 0");
    expect(dry.stdout).toContain("(dry run: nothing written)");
    expect(project.read(FACTS)).toContain("version: 1");
    const run = await runCli(["migrate"], project.root);
    expect(run.code).toBe(0);
    const text = project.read(FACTS);
    expect(text).toContain("version: 2");
    expect(text).toMatch(/id: share\n {4}type: percent\n {4}value: 12\n {4}decimals: 0\n/);
    expect(text).toContain("# Decided by the newsroom, not stated by the article.");
    expect((await runCli(["migrate"], project.root)).stdout).toBe("every facts file is at version 2 already.\n");
  });

  it("migrate without a content folder says so, rather than that every file is migrated", async () => {
    const project = await makeProject();
    project.remove("content");
    const run = await runCli(["migrate"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("[config/missing-folder]");
  });
});

describe("newsbrief build --preview", () => {
  it("writes the briefs of a failing build to the preview folder with each problem at its line there, and leaves out/ as it was", async () => {
    const project = await makeProject();
    // A figure in words typed into a locale message: verification fails on it, and names the message.
    project.edit("locales/en.json", replace("focuses on {{topics}}.", "focuses on {{topics}}, with three billion euros."));
    const before = snapshotTree(project.out);
    const run = await runCli(["build", "--preview", "preview"], project.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("file(s) written to preview/ for preview; out/ is untouched.");
    expect(run.stderr).toMatch(/^preview\/eu-digital-europe-2025-2027\/en\.md:\d+:\d+ {2}error {2}three billion euros matches no fact/m);
    expect(run.stderr).toMatch(/from: {5}locales\/en\.json:\d+:\d+/);
    const [, line] = /^preview\/eu-digital-europe-2025-2027\/en\.md:(\d+):/m.exec(run.stderr)!;
    expect(project.read("preview/eu-digital-europe-2025-2027/en.md").split("\n")[Number(line) - 1]).toContain("three billion euros");
    expect(snapshotTree(project.out)).toEqual(before);
  });

  it("refuses to preview into the output folder or an input folder", async () => {
    const project = await makeProject();
    for (const dir of ["out", "content", "."]) {
      const run = await runCli(["build", "--preview", dir], project.root);
      expect(run.code, dir).toBe(2);
      expect(run.stderr).toContain("[config/preview-location]");
    }
  });
});
