/**
 * Stale outputs: `check` (and `build --check`, the same as a dry run) name
 * every output that differs from what build would write, with the first
 * differing line and what was expected and found there; a removed article's
 * outputs and hand-edited files fail the check.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, reported, runCli, snapshotTree, SLUG, SOURCE } from "./support/project.ts";

afterAll(() => cleanupProjects({ base: true }));

const OUT = (name: string) => `out/${SLUG}/${name}`;
const ALL_OUTPUTS = ["en.html", "en.md", "fr.html", "fr.md", "nl.html", "nl.md"];
/** The outputs that gather every article: they change with any of them. */
const CMS_OUTPUTS = ["out/feed.en.json", "out/feed.fr.json", "out/feed.nl.json", "out/manifest.json"];

describe("check and build --check: stale outputs", () => {
  it("a hand-edited brief is named with its first differing line, and what build writes there and what is found", async () => {
    const project = await makeProject();
    const lines = project.read(OUT("fr.md")).split("\n");
    const at = lines.findIndex((l) => l.startsWith("Les entreprises pourront"));
    expect(at).toBeGreaterThan(0);
    const original = lines[at]!;
    project.edit(OUT("fr.md"), replace(original, "Les entreprises pourront s’inscrire dès demain."));
    const before = digestTree(snapshotTree(project.root));
    for (const args of [["check"], ["build", "--check"]]) {
      const run = await runCli(args, project.root);
      expect(run.code, run.stderr).toBe(1);
      expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`${OUT("fr.md")}:${at + 1}:1 [out/stale]`]);
      const stderr = run.stderr.split("\n");
      const i = stderr.findIndex((l) => l.endsWith("[out/stale]"));
      expect(stderr[i + 1]).toBe(`    expected: ${JSON.stringify(original)}`);
      expect(stderr[i + 2]).toBe(`    found:    ${JSON.stringify("Les entreprises pourront s’inscrire dès demain.")}`);
    }
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("content changed without a rebuild: every brief is stale, at the sentence that changed rather than the input hash", async () => {
    const project = await makeProject({
      [FACTS]: (text) => replace('evidence: ["544,7 millions d’euros"]', 'evidence: ["547,4 millions d’euros"]')(replace("value: 544700000", "value: 547400000")(text)),
      [SOURCE]: replace("544,7 millions d’euros", "547,4 millions d’euros"),
    });
    const checked = await runCli(["check"], project.root);
    const dryRun = await runCli(["build", "--check"], project.root);
    expect(dryRun.code, dryRun.stderr).toBe(1);
    const stale = (stderr: string) => reported(stderr).filter((d) => d.rule === "out/stale").map((d) => d.at);
    // Line 24 of each Markdown brief is the allocation's line of the key figures.
    // The HTML pages are stale too, at the line of the same figure.
    const expected = stale(dryRun.stderr);
    expect(expected.filter((at) => at.includes(".md:"))).toEqual(["en.md", "fr.md", "nl.md"].map((name) => `${OUT(name)}:24:1`));
    expect(expected.map((at) => at.replace(/:\d+:1$/, ""))).toEqual([...ALL_OUTPUTS.map(OUT), ...CMS_OUTPUTS]);
    expect(stale(checked.stderr)).toEqual(expected);
    const stderr = dryRun.stderr.split("\n");
    const briefFound = stderr.flatMap((line, i) => (line.endsWith("[out/stale]") && line.startsWith(`out/${SLUG}/`) ? [stderr[i + 2]!] : []));
    expect(briefFound).toHaveLength(ALL_OUTPUTS.length);
    for (const line of briefFound) expect(line).toMatch(/^ {4}found: {4}".*544[,.]7/);
    expect(checked.code).toBe(1);
    expect(dryRun.stderr).toMatch(/expected: ".*547,4.*"\n {4}found: {4}".*544,7.*"/);
  });

  it("only the input hash differs: that line is named", async () => {
    const project = await makeProject({ [OUT("en.md")]: (text) => text.replace(/^inputHash: "sha256:[0-9a-f]{4}/m, 'inputHash: "sha256:0000') });
    const run = await runCli(["check"], project.root);
    expect(run.code).toBe(1);
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`${OUT("en.md")}:13:1 [out/stale]`]);
  });

  it("a removed article's outputs are named, one by one, and left for build to remove", async () => {
    const project = await makeProject({ [`content/${SLUG}`]: null });
    const before = digestTree(snapshotTree(project.root));
    for (const args of [["check"], ["build", "--check"]]) {
      const run = await runCli(args, project.root);
      expect(run.code, run.stderr).toBe(1);
      expect(reported(run.stderr).filter((d) => d.severity === "error").map((d) => `${d.at} [${d.rule}]`)).toEqual([...ALL_OUTPUTS.map((name) => `${OUT(name)} [out/orphan]`), ...CMS_OUTPUTS.map((file) => `${file}:${file.endsWith("manifest.json") ? 4 : 5}:1 [out/stale]`)]);
    }
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
    const built = await runCli(["build"], project.root);
    expect(built.code, built.stderr).toBe(0);
    expect([...snapshotTree(project.out).keys()].map((file) => `out/${file}`)).toEqual(CMS_OUTPUTS);
    expect((await runCli(["check"], project.root)).code).toBe(0);
  });
});
