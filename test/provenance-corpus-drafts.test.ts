/**
 * Drafts that pass their own checks (issue 15): every text of the three corpus sets,
 * drafted as `newsbrief extract --draft` drafts it, with each TODO filled with a neutral
 * value, passes the provenance check `newsbrief check` runs, every figure covered.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadArticle, parseSource } from "../src/content/load.ts";
import { extractFigures } from "../src/extract/index.ts";
import { checkProvenance } from "../src/provenance/check.ts";
import { draftFacts } from "../src/provenance/draft.ts";
import { CORPUS_SETS, loadCorpus, loadRealReleases } from "./support/extract-corpus.ts";
import { cleanupProjects, makeProject, reported, runCli } from "./support/project.ts";
import { decideDraft } from "./support/drafts.ts";

afterEach(() => cleanupProjects());
afterAll(() => cleanupProjects({ base: true }));


/** The texts: each written set as one article of its sentences, each real release as one article. */
const TEXTS: Array<{ name: string; body: string }> = [
  ...CORPUS_SETS.map((set) => ({ name: set, body: loadCorpus(set).map((s) => s.text).join("\n\n") })),
  ...loadRealReleases().map((release) => ({ name: `real/${release.file}`, body: release.sentences.map((s) => s.text).join("\n\n") })),
];

describe("drafts of the corpus texts", () => {
  it.each(TEXTS)("$name: the decided draft passes provenance, every figure covered", ({ body }) => {
    const sourceText = `---\ntitle: "Communiqué"\nlang: fr\n---\n\n${body}\n`;
    const parsed = parseSource(sourceText, "source.fr.md");
    expect(parsed.diagnostics).toEqual([]);
    const draft = draftFacts({ body: parsed.value!.body, figures: extractFigures(parsed.value!.body) });
    const factsText = decideDraft(draft, 2025);
    expect(factsText).not.toMatch(/"TODO/);
    const loaded = loadArticle({ slug: "communique", factsFile: "content/communique/facts.yaml", factsText, sourceFile: "content/communique/source.fr.md", sourceText });
    expect(loaded.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    const result = checkProvenance(loaded.article!, extractFigures);
    expect(result.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    expect(result.coverage.covered + result.coverage.ignored).toBe(result.coverage.figures);
  });
});

describe("newsbrief new --from on every corpus text", () => {
  it("makes articles whose check lists only the editor's decisions (draft/todo)", async () => {
    const project = await makeProject();
    const slugs = TEXTS.map((t, n) => `corpus-${n + 1}`);
    for (const [n, text] of TEXTS.entries()) {
      project.write(`corpus-${n + 1}.txt`, `# Communiqué ${n + 1}\n\n${text.body}\n`);
      const created = await runCli(["new", slugs[n]!, "--from", `corpus-${n + 1}.txt`], project.root);
      expect(created.code, `${text.name}: ${created.stderr}`).toBe(0);
    }
    const check = await runCli(["check"], project.root);
    const problems = reported(check.stderr);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((d) => d.rule !== "draft/todo").map((d) => d.line)).toEqual([]);
  }, 120_000);
});

describe("what a draft says and the check accepts", () => {
  const article = (body: string, facts: string) => {
    const sourceText = `---\ntitle: "Communiqué"\nlang: fr\n---\n\n${body}\n`;
    const factsText = `version: 1\neditorial: { date: "2025-02-13", template: funding-announcement }\nstory: {}\n${facts}`;
    const loaded = loadArticle({ slug: "communique", factsFile: "content/communique/facts.yaml", factsText, sourceFile: "content/communique/source.fr.md", sourceText });
    expect(loaded.diagnostics).toEqual([]);
    return checkProvenance(loaded.article!, extractFigures);
  };

  it("accepts a money fact whose evidence takes its currency from the sentence or the article", () => {
    const body = "Le budget est de 55 millions €, dont 5 millions pour la culture.\n\nLe musée reçoit 34,9 millions pour ses travaux.";
    const result = article(
      body,
      [
        "facts:",
        "  - { id: budget, type: money, currency: EUR, value: 55000000, precision: 1000000, label: { fr: a, nl: a, en: a }, evidence: [\"55 millions €\"] }",
        "  - { id: culture, type: money, currency: EUR, value: 5000000, precision: 1000000, label: { fr: a, nl: a, en: a }, evidence: [\"5 millions pour\"] }",
        "  - { id: musee, type: money, currency: EUR, value: 34900000, precision: 100000, label: { fr: a, nl: a, en: a }, evidence: [\"34,9 millions\"] }",
        "",
      ].join("\n"),
    );
    expect(result.diagnostics).toEqual([]);
  });

  it("says in a comment that it read a dot as a decimal point, and where a currency comes from", () => {
    const body = "Le bénéfice atteint 1.284 milliards d’euros, dont 5 millions de dons.";
    const draft = draftFacts({ body, figures: extractFigures(body) });
    expect(draft).toContain("# read “1.284” with a decimal point (1.284), not as 1284");
    expect(draft).toContain("display: { scale: billion, decimals: 3 }");
    const other = "Le budget est de 55 millions €, dont 5 millions pour la culture.";
    expect(draftFacts({ body: other, figures: extractFigures(other) })).toContain("# the currency EUR is not next to the figure: it comes from the sentence");
  });

  it("merges equal figures into one fact with one unique quotation each", () => {
    const body = "La Région investit 45 millions d’euros.\n\nLe gouvernement consacre 45 millions d’euros au vélo.";
    const draft = draftFacts({ body, figures: extractFigures(body) });
    expect(draft).toContain(`evidence: ["investit 45 millions d’euros", "consacre 45 millions d’euros"]`);
    expect(draft.match(/- id: /g)).toHaveLength(1);
  });
});
