/**
 * Throwaway projects for the story types: the repository's templates/ and
 * locales/ and one article written from object literals, built through the
 * CLI with a fake process. `brief()` renders with `build --preview` so that
 * a test can read the sentences even when a check fails, and keeps the
 * report of the real `build`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { ROOT } from "./fixtures.ts";
import { reported, runCli, type CliRun } from "./project.ts";

export type Locale = "fr" | "nl" | "en";

/** An article: its facts.yaml as an object and the body of its source. */
export interface ArticleInput {
  slug?: string;
  title?: string;
  body: string;
  facts: Record<string, unknown>;
}

/** The three briefs of an article (body only, front matter removed) and the build's report. */
export interface Briefs {
  fr: string;
  nl: string;
  en: string;
  /** The title each brief's front matter gives, spaces shown (see {@link shown}). */
  titles: Record<Locale, string>;
  /** `build` itself: exit code and report. */
  run: CliRun;
  /** The rules of the errors `build` reported (warnings, such as an ambiguous date, are left out). */
  errors: string[];
}

const made: string[] = [];

/** Deletes every project made so far. */
export function cleanupStoryProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A project holding the repository's templates and locales and `article`, in a fresh temp folder. */
export function storyProject(article: ArticleInput): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsbrief-story-"));
  made.push(root);
  for (const folder of ["templates", "locales"]) cpSync(path.join(ROOT, folder), path.join(root, folder), { recursive: true });
  const slug = article.slug ?? "article";
  const dir = path.join(root, "content", slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "facts.yaml"), stringify(article.facts, { lineWidth: 0 }));
  writeFileSync(path.join(dir, "source.fr.md"), `---\ntitle: ${JSON.stringify(article.title ?? "Article")}\nlang: fr\n---\n\n${article.body}\n`);
  return root;
}

/** Builds `article` and returns its briefs. */
export async function brief(article: ArticleInput): Promise<Briefs> {
  const root = storyProject(article);
  const slug = article.slug ?? "article";
  const run = await runCli(["build"], root);
  await runCli(["build", "--preview", "preview"], root);
  const read = (locale: Locale) => readFileSync(path.join(root, "preview", slug, `${locale}.md`), "utf8");
  const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n\n/, "");
  const title = (text: string) => JSON.parse(/^title: (.*)$/m.exec(text)![1]!) as string;
  const [fr, nl, en] = (["fr", "nl", "en"] as const).map(read) as [string, string, string];
  return { fr: body(fr), nl: body(nl), en: body(en), titles: { fr: shown(title(fr)), nl: shown(title(nl)), en: shown(title(en)) }, run, errors: reported(run.stderr).filter((d) => d.severity === "error").map((d) => d.rule) };
}

/**
 * A text with its no-break spaces made visible: `~` for U+00A0, `_` for
 * U+202F (the French thousands separator), so that expected sentences
 * say where each one goes.
 */
export function shown(text: string): string {
  return text.replaceAll("\u00A0", "~").replaceAll("\u202F", "_");
}

/** The lines of a brief, spaces shown, for `toContain` on whole sentences. */
export function lines(text: string): string[] {
  return shown(text).split("\n");
}

/** A company's annual results in EUR with a fall in revenue. */
export const ACME_RESULTS: ArticleInput = {
  slug: "acme-results",
  body: "Acme a réalisé en 2025 un chiffre d’affaires de 5,87 milliards d’euros, en baisse de 3,2 % par rapport à 2024.",
  facts: {
    version: 2,
    editorial: { date: "2026-02-26", template: "company-results" },
    story: { company: { fr: "Acme", nl: "Acme", en: "Acme" } },
    facts: [
      { id: "period", type: "year", value: 2025, evidence: ["en 2025"] },
      { id: "previous-period", type: "year", value: 2024, evidence: ["à 2024"] },
      { id: "revenue", type: "money", measure: "revenue", currency: "EUR", value: 5870000000, precision: 10000000, evidence: ["5,87 milliards d’euros"] },
      { id: "revenue-change", type: "change", measure: "revenue", unit: "percent", value: -3.2, decimals: 1, "compared-with": "previous-period", evidence: ["en baisse de 3,2 %"] },
    ],
  },
};

/** A budget in CHF with a deficit. */
export const SWISS_BUDGET: ArticleInput = {
  body: "Le Conseil fédéral prévoit un déficit de 1,1 milliard de francs pour 2026. Il demande 312,4 millions de francs de crédits supplémentaires, le 25 septembre 2026.",
  facts: {
    version: 2,
    editorial: { date: "2026-09-25", template: "public-budget" },
    story: { government: { fr: "le Conseil fédéral", nl: "de Bondsraad", en: "the Federal Council" }, parliament: { fr: "le Parlement", nl: "het Parlement", en: "Parliament" } },
    facts: [
      { id: "budget-year", type: "year", value: 2026, evidence: ["pour 2026"] },
      { id: "credits", type: "money", measure: "supplementary-credits", currency: "CHF", value: 312400000, precision: 100000, evidence: ["312,4 millions de francs"] },
      { id: "balance", type: "money", measure: "budget-balance", currency: "CHF", value: -1100000000, precision: 100000000, evidence: ["déficit de 1,1 milliard de francs"] },
    ],
    ignore: [{ text: "25 septembre 2026", reason: "the day of the decision, the brief's own date" }],
  },
};
