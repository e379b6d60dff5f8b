/**
 * Drafting with a story type's measures: `new --from --type` and
 * `extract --draft --type` propose `measure:` where the source's words name
 * one, so that the editor writes far fewer labels.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticle } from "../src/content/load.ts";
import type { Measure } from "../src/content/story-type.ts";
import { extractFigures } from "../src/extract/index.ts";
import { checkProvenance } from "../src/provenance/check.ts";
import { draftFacts, measureOf } from "../src/provenance/draft.ts";
import { FIXTURE_ROOT, reported, runCli } from "./support/project.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "drafting");
const SOURCE = path.join(FIXTURES, "company-results.fr.md");

/** A project with the fixture templates and locales, and a company-results story type made of the fixture's lexicon. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsbrief-draft-"));
  for (const folder of ["templates", "locales"]) cpSync(path.join(FIXTURE_ROOT, folder), path.join(root, folder), { recursive: true });
  mkdirSync(path.join(root, "content"));
  mkdirSync(path.join(root, "templates", "company-results"));
  cpSync(path.join(root, "templates", "funding-announcement.md.hbs"), path.join(root, "templates", "company-results", "brief.md.hbs"));
  writeFileSync(path.join(root, "templates", "company-results", "type.yaml"), readFileSync(path.join(FIXTURES, "company-results.type.yaml")));
  return root;
}

const todos = (stderr: string) => stderr.split("\n").filter((line) => line.includes("[draft/todo]")).length;

describe("drafting with a story type's measures", () => {
  it("leaves at most a third of the editor's decisions of a draft without them", async () => {
    const root = project();
    expect((await runCli(["new", "plain", "--from", SOURCE], root)).code).toBe(0);
    expect((await runCli(["new", "typed", "--from", SOURCE, "--type", "company-results"], root)).code).toBe(0);
    const check = await runCli(["check"], root);
    const plain = todos(check.stderr.split("\n").filter((l) => l.startsWith("content/plain/")).join("\n"));
    const typed = todos(check.stderr.split("\n").filter((l) => l.startsWith("content/typed/")).join("\n"));
    expect(plain).toBeGreaterThan(30);
    expect(typed).toBeLessThanOrEqual(plain / 3);
    const facts = readFileSync(path.join(root, "content", "typed", "facts.yaml"), "utf8");
    expect(facts).toContain("  template: company-results");
    expect(facts).toMatch(/- id: amount-5-87-billion[\s\S]*?measure: revenue/);
    // A measure is never proposed where the check then refuses it: only draft/todo remain.
    expect(check.stderr.split("\n").filter((l) => l.startsWith("content/typed/") && l.includes(" error ") && !l.includes("[draft/todo]"))).toEqual([]);
  });

  it("names the measure from the nearest cue before the figure, as whole words", () => {
    const measures = { revenue: { cues: ["chiffre d’affaires", "CA"] }, "net-debt": { cues: ["dette nette"] }, capital: { cues: ["capital"] } };
    const body = "Le chiffre d'affaires atteint 4,8 milliards d’euros et la dette nette 1,2 milliard. Le Capital social est inchangé à 12 millions.";
    const at = (text: string) => ({ text, start: body.indexOf(text), end: body.indexOf(text) + text.length, value: 0, unit: "EUR" });
    expect(measureOf(body, at("4,8 milliards d’euros"), measures)).toEqual({ id: "revenue", cue: "chiffre d’affaires" });
    expect(measureOf(body, at("1,2 milliard"), measures)).toEqual({ id: "net-debt", cue: "dette nette" });
    // "ca" inside "Capital" is no cue; "capital" is, case aside.
    expect(measureOf(body, at("12 millions"), measures)).toEqual({ id: "capital", cue: "capital" });
    // A count is named by the words right after it, and those words are not the next figure's.
    const counts = { vessels: { cues: ["navires"] }, workers: { cues: ["travailleurs"] }, headcount: { cues: ["personnes"] } };
    const port = "Au port, 45 navires sont restés bloqués et environ 1 200 travailleurs ont cessé le travail. Il emploie 4 230 personnes dans onze pays.";
    const figure = (text: string) => ({ text, start: port.indexOf(text), end: port.indexOf(text) + text.length, value: 0, unit: "count" });
    expect(measureOf(port, figure("45"), counts)).toEqual({ id: "vessels", cue: "navires", after: true });
    expect(measureOf(port, figure("1 200"), counts, figure("45").end)).toEqual({ id: "workers", cue: "travailleurs", after: true });
    expect(measureOf(port, figure("onze"), counts, figure("4 230").end)).toBeUndefined();
    expect(measureOf("45 navires et 1 200 de plus", { text: "1 200", start: 14, end: 19, value: 1200, unit: "count" }, counts, 2)).toBeUndefined();
  });

  it("refuses --type without --draft, and an unknown type", async () => {
    const root = project();
    expect((await runCli(["extract", "--type", "company-results", SOURCE], root)).code).toBe(2);
    const unknown = await runCli(["new", "x", "--from", SOURCE, "--type", "obituary"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no story type `obituary`");
  });

  it("reports a missing slug and a missing --from together, with the other problems, and names the command's own help", async () => {
    const root = project();
    const none = await runCli(["new"], root);
    expect(none.code).toBe(2);
    expect(none.stderr.split("\n").filter(Boolean)).toEqual([
      "error: missing required argument 'slug': the article's folder name, such as eu-chips-2026",
      "error: required option '--from <file>' not specified: the French article to start from",
      "newsbrief: nothing was written. (run `newsbrief new --help` for usage)",
    ]);
    const some = await runCli(["new", "Bad_Slug", "--type", "obituary"], root);
    expect(some.code).toBe(2);
    expect(reported(some.stderr).map((d) => d.rule)).toEqual(["new/invalid-slug", "new/unknown-type"]);
    expect(some.stderr).toContain("error: required option '--from <file>' not specified");
    expect((await runCli(["new", "--help"], root)).stdout).toMatch(/^Usage: newsbrief new <slug> --from <file> \[options\]$/m);
    const unknown = await runCli(["check", "--no-such-flag"], root);
    expect(unknown.stderr).toContain("(run `newsbrief check --help` for usage)");
  });

  it("reports an unknown type with the command's other problems in one run, and writes nothing", async () => {
    const root = project();
    const made = await runCli(["new", "Not A Slug", "--from", "missing.txt", "--type", "obituary"], root);
    expect(made.code).toBe(2);
    expect(made.stderr).toContain("[new/invalid-slug]");
    expect(made.stderr).toContain("`missing.txt` is missing  [content/missing-file]");
    expect(made.stderr).toContain("templates/  error  no story type `obituary` in templates/  [new/unknown-type]");
    expect(made.stderr).toMatch(/expected: one of [a-z-]+(, [a-z-]+)* \(see `newsbrief templates`\)/);
    expect(made.stderr).toContain("3 errors");
    // A good slug and text with an unknown type: still nothing written.
    const clean = await runCli(["new", "good-slug", "--from", SOURCE, "--type", "obituary"], root);
    expect(clean.code).toBe(2);
    expect(clean.stderr).toContain("[new/unknown-type]");
    expect(existsSync(path.join(root, "content", "good-slug"))).toBe(false);
    const drafted = await runCli(["extract", "missing.txt", "--draft", "--type", "obituary"], root);
    expect(drafted.code).toBe(2);
    expect(drafted.stderr).toContain("[content/missing-file]");
    expect(drafted.stderr).toContain("[new/unknown-type]");
    expect(drafted.stdout).toBe("");
  });
});

describe("drafting the sign of an amount", () => {
  const words = (fr: string, gender: "m" | "f" = "m") => ({ fr: { label: fr, gender, number: "sg" as const, elision: false }, nl: { label: fr, article: "de" as const, number: "sg" as const }, en: { label: fr, number: "sg" as const } });
  const measures: Record<string, Measure> = {
    "net-result": { ...words("bénéfice net"), negative: words("perte nette", "f"), cues: ["résultat net", "bénéfice", "perte", "dans le rouge"] },
    revenue: { ...words("chiffre d’affaires"), cues: ["chiffre d’affaires"] },
  };
  const body = "Le groupe est dans le rouge à hauteur de 12,4 millions d’euros, après un bénéfice de 148,2 millions d’euros un an plus tôt. Le chiffre d’affaires atteint 5 millions d’euros. La filiale subit une perte de 5 millions d’euros.";
  const draft = draftFacts({ body, figures: extractFigures(body), type: { name: "company-results", measures } });
  const fact = (id: string) => new RegExp(`- id: ${id}\\n(?:    .*\\n)*`).exec(draft)?.[0] ?? "";

  it("gives an amount of a measure with a word for below zero the sign the words the check reads give it", () => {
    expect(draft).toContain("  # the words “dans le rouge à hauteur de” before the figure say it is below zero: check its sign\n  - id: amount-12-4-million\n");
    expect(fact("amount-12-4-million")).toMatch(/value: -12400000\n[\s\S]*measure: net-result/);
    expect(fact("amount-148-2-million")).toMatch(/value: 148200000\n[\s\S]*measure: net-result/);
    // A loss and a revenue of the same size are two facts, each with its own sign.
    expect(fact("amount-5-million")).toMatch(/value: 5000000\n[\s\S]*measure: revenue/);
    expect(fact("amount-5-million-2")).toMatch(/value: -5000000\n[\s\S]*measure: net-result/);
  });

  it("drafts what the provenance check accepts", () => {
    const sourceText = `---\ntitle: "Résultats"\nlang: fr\n---\n\n${body}\n`;
    const factsText = draft
      .replace(/date: "TODO[^"]*"/, `date: "2026-02-26"`)
      .replace(/story: "TODO[^"]*"/, "story: {}")
      .replaceAll(`{ fr: "TODO", nl: "TODO", en: "TODO" }`, "{ fr: le chiffre, nl: het cijfer, en: the figure }")
      .replaceAll(/reason: "TODO[^"]*"/g, "reason: not shown in the brief");
    const loaded = loadArticle({ slug: "results", factsFile: "content/results/facts.yaml", factsText, sourceFile: "content/results/source.fr.md", sourceText });
    expect(loaded.diagnostics).toEqual([]);
    expect(checkProvenance(loaded.article!, extractFigures, measures).diagnostics).toEqual([]);
  });
});

describe("drafting a measure of the figure's kind", () => {
  const words = (label: string) => ({ fr: { label, gender: "m" as const, number: "sg" as const, elision: false }, nl: { label, article: "de" as const, number: "sg" as const }, en: { label, number: "sg" as const } });
  const measures: Record<string, Measure> = {
    "unemployment-rate": { ...words("taux de chômage"), kind: "percent", cues: ["taux de chômage", "chômage", "BIT"] },
    jobseekers: { ...words("demandeurs d’emploi"), kind: "count", cues: ["demandeurs d’emploi"] },
    budget: { ...words("budget"), kind: "money", cues: ["budget"] },
  };
  const body = "Selon l’enquête du BIT, 287 400 personnes étaient au chômage. Le taux de chômage recule à 5,4 %.";
  const draft = draftFacts({ body, figures: extractFigures(body), type: { name: "statistics-release", measures } });
  const fact = (value: string) => new RegExp(`- id: [^\\n]*\\n(?:    .*\\n)*?    value: ${value}\\n(?:    .*\\n)*`).exec(draft)?.[0] ?? "";

  it("never gives a count a measure of percentages, whatever cue stands before it", () => {
    expect(fact("287400")).toContain("type: count");
    expect(fact("287400")).not.toContain("measure: unemployment-rate");
  });

  it("still gives a percentage its measure of percentages", () => {
    expect(fact("5.4")).toContain("measure: unemployment-rate");
  });
});

describe("drafting a count said to be more or fewer", () => {
  it("drafts “18 600 de moins” as a fall, and a count without such words as a count", () => {
    const body = "On compte 287 400 chômeurs, soit 18 600 de moins qu’un an plus tôt, et 300 emplois de plus.";
    const draft = draftFacts({ body, figures: extractFigures(body) });
    expect(draft).toMatch(/- id: change-down-18600\n    type: change\n    unit: count\n    value: -18600\n/);
    expect(draft).toMatch(/- id: change-up-300\n    type: change\n    unit: count\n    value: 300\n/);
    expect(draft).toMatch(/    type: count\n    value: 287400\n/);
  });
});
