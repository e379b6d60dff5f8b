/**
 * Generates docs/diagnostics.md, the reference of every rule, from the
 * catalogue: `npm run docs:diagnostics`. With `--check`, writes nothing and
 * fails when the page differs from what it would write.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOGUE, type CatalogueEntry } from "../src/diagnostics/catalogue.ts";

/** Where the page lives. */
export const DIAGNOSTICS_PAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "diagnostics.md");

/** The text of docs/diagnostics.md. */
export function diagnosticsPage(): string {
  const entries: ReadonlyArray<CatalogueEntry<never>> = Object.values(CATALOGUE);
  const groups = new Map<string, Array<CatalogueEntry<never>>>();
  for (const entry of entries) {
    const group = entry.rule.slice(0, entry.rule.indexOf("/"));
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    "# Diagnostics",
    "",
    "<!-- Generated from src/diagnostics/catalogue.ts by `npm run docs:diagnostics`: do not edit by hand. -->",
    "",
    "Every problem newsbrief reports names its rule in brackets, such as `[facts/unknown-key]`.",
    "An error fails the run (exit 1); a warning is only printed; a usage problem is one with how the command is called or the project set up (exit 2).",
    "A rule written with `<…>` is a family: the part in angle brackets is filled in when the problem is found.",
    "",
  ];
  for (const [group, members] of groups) {
    lines.push(`## ${group.startsWith("<") ? `\`${group}\`: the shape of facts.yaml and of the front matter` : group}`, "", "| rule | kind | title | what to do |", "|---|---|---|---|");
    for (const entry of members) {
      const kind = entry.usage ? "usage" : (entry.severity ?? "error");
      lines.push(`| \`${entry.rule}\` | ${kind} | ${cell(entry.title)} | ${cell(entry.hint ?? "")} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = diagnosticsPage();
  if (process.argv.includes("--check")) {
    if (readFileSync(DIAGNOSTICS_PAGE, "utf8") !== text) {
      console.error("docs/diagnostics.md is out of date: run `npm run docs:diagnostics`");
      process.exitCode = 1;
    }
  } else writeFileSync(DIAGNOSTICS_PAGE, text);
}
