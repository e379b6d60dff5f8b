/**
 * `newsbrief new` and `newsbrief extract --draft`: from a fresh French text
 * to an article folder whose check lists only the editor's decisions.
 */
import { writeFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadArticle, parseSource } from "../src/content/load.ts";
import { parseYaml } from "../src/content/yaml.ts";
import { extractFigures } from "../src/extract/index.ts";
import { checkProvenance } from "../src/provenance/check.ts";
import { draftFacts, titleOf } from "../src/provenance/draft.ts";
import { cleanupProjects, digestTree, makeProject, reported, runCli, snapshotTree } from "./support/project.ts";
import { decideDraft } from "./support/drafts.ts";

afterEach(() => cleanupProjects());
afterAll(() => cleanupProjects({ base: true }));

/** A French article newsbrief has never seen: amounts, a date, a range, a percentage, a hedged count, durations. */
const ARTICLE = [
  "# La Région wallonne investit 45 millions d’euros dans le vélo",
  "",
  "Namur, le 12 février 2025. Le gouvernement wallon consacre 45 millions d’euros au plan vélo 2024-2026.",
  "",
  "Le nombre de cyclistes a augmenté de 12,5 % en 2023, selon l’administration. Près de 3 000 emplois seraient concernés.",
  "",
  "Les travaux débuteront le 3 mars et dureront 18 mois, pour un coût de 1,25 milliard d’euros sur dix ans.",
  "",
].join("\n");
const SLUG = "velo-wallonie";
const FOLDER = `content/${SLUG}`;


describe("newsbrief new + extract --draft", () => {
  it("makes an article folder whose check lists only the editor's decisions (draft/todo)", async () => {
    const project = await makeProject();
    project.write("velo.txt", ARTICLE);
    const created = await runCli(["new", SLUG, "--from", "velo.txt"], project.root);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe(`created ${FOLDER}/source.fr.md and ${FOLDER}/facts.yaml (11 figure(s) drafted); fill in each TODO, then run \`newsbrief check\`.\n`);

    // The source: front matter from the text, then the text verbatim.
    const source = project.read(`${FOLDER}/source.fr.md`);
    const parsed = parseSource(source, "source.fr.md");
    expect(parsed.diagnostics).toEqual([]);
    // The dateline “Namur, le 12 février 2025.” gives the article's date.
    expect(parsed.value!.frontMatter).toEqual({ title: "La Région wallonne investit 45 millions d’euros dans le vélo", lang: "fr", date: "2025-02-12" });
    expect(source.endsWith(`---\n\n${ARTICLE}`)).toBe(true);

    // extract --draft on the new source prints the very draft `new` wrote.
    const facts = project.read(`${FOLDER}/facts.yaml`);
    const drafted = await runCli(["extract", "--draft", `${FOLDER}/source.fr.md`], project.root);
    expect(drafted.code, drafted.stderr).toBe(0);
    expect(drafted.stdout).toBe(facts);

    const check = await runCli(["check"], project.root);
    expect(check.code).toBe(1);
    const problems = reported(check.stderr);
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((d) => d.rule))).toEqual(new Set(["draft/todo"]));
    expect(problems.every((d) => d.at.startsWith(`${FOLDER}/facts.yaml:`))).toBe(true);
    expect(check.stderr).toContain("an editor's decision is still open: the French label of fact `amount-45-million` at `facts.0.label.fr`  [draft/todo]");
    // The dateline “Namur, le 12 février 2025.” gives the brief's date, for the editor to check.
    expect(facts).toContain(`  # the dateline “Namur, le 12 février 2025.” gives the article's date: check that it is the brief's\n  date: "2025-02-12"\n`);
    // One per decision: template, story, a year, 3 labels × 6 figures (dates and periods need no label).
    expect(problems).toHaveLength(2 + 1 + 3 * 6);
  });

  it("drafts one fact per figure, typed, with its exact value, precision, display and evidence", () => {
    const draft = draftFacts({ body: ARTICLE, figures: extractFigures(ARTICLE) });
    const yaml = parseYaml(draft, { file: "facts.yaml" });
    expect(yaml.diagnostics).toEqual([]);
    const value = yaml.value as { facts: Array<Record<string, unknown>>; ignore: Array<Record<string, unknown>> };
    expect(value.facts.map(({ label: _label, ...fact }) => fact)).toEqual([
      { id: "amount-45-million", type: "money", currency: "EUR", value: 45000000, precision: 1000000, display: { scale: "million", decimals: 0 }, evidence: ["investit 45 millions d’euros", "consacre 45 millions d’euros"] },
      { id: "date-2025-02-12", type: "date", value: "2025-02-12", evidence: ["12 février 2025"] },
      { id: "years-2024-2026", type: "year-range", value: [2024, 2026], evidence: ["2024-2026"] },
      // "a augmenté de 12,5 %": a rise, drafted as a change.
      { id: "change-up-12-5", type: "change", unit: "percent", value: 12.5, decimals: 1, evidence: ["12,5 %"] },
      { id: "year-2023", type: "year", value: 2023, evidence: ["2023"] },
      { id: "count-3000", type: "count", value: 3000, approx: true, evidence: ["3 000"] },
      { id: "date-03-03", type: "date", value: "TODO: the year of 03-03 (the source does not write it), as YYYY-MM-DD", evidence: ["3 mars"] },
      { id: "duration-18m", type: "duration", value: "P18M", evidence: ["18 mois"] },
      { id: "amount-1-25-billion", type: "money", currency: "EUR", value: 1250000000, precision: 10000000, display: { scale: "billion", decimals: 2 }, evidence: ["1,25 milliard d’euros"] },
      { id: "duration-10y", type: "duration", value: "P10Y", evidence: ["dix ans"] },
    ]);
    expect(value.ignore ?? []).toEqual([]);
  });

  it("stops widening a quotation that a text repeats word for word, at its line and at a length an editor can still read", () => {
    // Two sentences repeated word for word: their figures can never stand once, however wide the quotation.
    const text = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? "Le budget atteint 397,2 millions d’euros en 2023." : "La hausse atteint 14 % sur un an.")).join("\n\n");
    const draft = draftFacts({ body: text, figures: extractFigures(text) });
    const parsed = parseYaml(draft, { file: "facts.yaml" });
    // A quotation stays on its figure's line: one across lines was not one line of YAML, and broke the draft.
    expect(parsed.diagnostics).toEqual([]);
    const value = parsed.value as { facts: Array<{ evidence: string[] }>; ignore?: Array<{ text: string }> };
    const quotations = [...value.facts.flatMap((f) => f.evidence), ...(value.ignore ?? []).map((i) => i.text)];
    expect(quotations.length).toBeGreaterThan(0);
    for (const quotation of quotations) {
      expect(quotation.length, quotation).toBeLessThanOrEqual(200);
      expect(quotation).not.toContain("\n");
    }
  });

  it("once the editor has decided, the draft's facts pass provenance with every figure covered", () => {
    const sourceText = `---\ntitle: "Vélo"\nlang: fr\n---\n\n${ARTICLE}`;
    const body = parseSource(sourceText, "source.fr.md").value!.body;
    const factsText = decideDraft(draftFacts({ body, figures: extractFigures(body) }), 2025);
    expect(factsText).not.toMatch(/"TODO/);
    const loaded = loadArticle({ slug: SLUG, factsFile: `${FOLDER}/facts.yaml`, factsText, sourceFile: `${FOLDER}/source.fr.md`, sourceText });
    expect(loaded.diagnostics).toEqual([]);
    const result = checkProvenance(loaded.article!, extractFigures);
    expect(result.diagnostics).toEqual([]);
    expect(result.coverage).toEqual({ slug: SLUG, figures: 11, covered: 11, ignored: 0 });
  });

  it("keeps a draft free of YAML features the project refuses, whatever the text holds", () => {
    const text = `&anchor *alias !tag "quotes" 'single' # hash: colon\n\nIl a reçu 12 millions d’euros (« &x *y !z »).\n`;
    const draft = draftFacts({ title: titleOf(text)!, body: text, figures: extractFigures(text) });
    const yaml = parseYaml(draft, { file: "facts.yaml" });
    expect(yaml.diagnostics).toEqual([]);
    expect((yaml.value as { facts: Array<{ evidence: string[] }> }).facts[0]!.evidence).toEqual(["12 millions d’euros"]);
  });

  it("keeps a text that is already a source.fr.md as it is", async () => {
    const project = await makeProject();
    const source = `---\ntitle: "Le vélo en Wallonie"\nlang: fr\npublisher: SPW\n---\n\n${ARTICLE}`;
    project.write("source.fr.md", source);
    const run = await runCli(["new", SLUG, "--from", "source.fr.md"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(project.read(`${FOLDER}/source.fr.md`)).toBe(source);
    expect(project.read(`${FOLDER}/facts.yaml`)).toMatch(/^# Draft facts of "Le vélo en Wallonie"/);
  });

  it("extract refuses --draft together with --json", async () => {
    const project = await makeProject();
    project.write("velo.txt", ARTICLE);
    const run = await runCli(["extract", "--draft", "--json", "velo.txt"], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/option '--draft' cannot be used with option '--json'/);
  });

  it("takes the title from the first heading, or else the first line", () => {
    expect(titleOf("Intro\n\n## Le titre ##\n")).toBe("Le titre");
    expect(titleOf("\n\n  Première ligne  \nSuite")).toBe("Première ligne");
    expect(titleOf(" \n\n")).toBeUndefined();
  });
});

describe("newsbrief new refuses and writes nothing", () => {
  it.each([
    ["an upper-case slug", "Velo", 2, "new/invalid-slug"],
    ["a slug with a slash", "../velo", 2, "new/invalid-slug"],
    ["a slug with a double hyphen", "velo--2", 2, "new/invalid-slug"],
  ])("%s", async (_name, slug, code, rule) => {
    const project = await makeProject();
    project.write("velo.txt", ARTICLE);
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["new", slug, "--from", "velo.txt"], project.root);
    expect(run.code, run.stderr).toBe(code);
    expect(reported(run.stderr).map((d) => d.rule)).toEqual([rule]);
    expect(run.stderr).toMatch(/newsbrief: nothing was written\.\n$/);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("an existing article folder: never overwritten", async () => {
    const project = await makeProject();
    project.write("velo.txt", ARTICLE);
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["new", "eu-digital-europe-2025-2027", "--from", "velo.txt"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual(["content/eu-digital-europe-2025-2027 [new/exists]"]);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("a missing file, an empty text, invalid UTF-8", async () => {
    const project = await makeProject();
    project.write("empty.txt", "\n  \n");
    writeFileSync(project.path("latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const before = digestTree(snapshotTree(project.root));
    const missing = await runCli(["new", "a", "--from", "nowhere.txt"], project.root);
    expect([missing.code, reported(missing.stderr).map((d) => d.rule)]).toEqual([2, ["content/missing-file"]]);
    const empty = await runCli(["new", "b", "--from", "empty.txt"], project.root);
    expect([empty.code, reported(empty.stderr).map((d) => `${d.at} ${d.rule}`)]).toEqual([1, ["empty.txt new/empty-source"]]);
    const latin1 = await runCli(["new", "c", "--from", "latin1.txt"], project.root);
    expect([latin1.code, reported(latin1.stderr).map((d) => d.rule)]).toEqual([1, ["content/encoding"]]);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("a text above the size limit is an unusable text (exit 1, as for extract)", async () => {
    const project = await makeProject();
    project.write("long.txt", `${ARTICLE}${"x".repeat(1024 * 1024)}`);
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["new", "velo", "--from", "long.txt"], project.root);
    expect([run.code, reported(run.stderr).map((d) => d.rule)]).toEqual([1, ["content/too-large"]]);
    const extract = await runCli(["extract", "long.txt"], project.root);
    expect(extract.code).toBe(run.code);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it.each([
    ["invalid YAML", "---\ntitle: [\n---\n", "velo.md:2:8", "yaml/syntax"],
    ["no title", "---\nlang: fr\n---\n", "velo.md:2:1", "front-matter/missing-field"],
  ])("a text whose front matter has %s: reported at its place, not pasted into a new body", async (_name, frontMatter, at, rule) => {
    const project = await makeProject();
    project.write("velo.md", `${frontMatter}${ARTICLE}`);
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["new", "velo", "--from", "velo.md"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`${at} [${rule}]`]);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("a bad slug and a missing file: both reported in one run", async () => {
    const project = await makeProject();
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["new", "Velo", "--from", "nowhere.txt"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(reported(run.stderr).map((d) => d.rule).sort()).toEqual(["content/missing-file", "new/invalid-slug"]);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });
});
