/**
 * The template guide's example works as written: the files of the
 * `appointment` story type and its article are taken from the fenced code
 * blocks of docs/templates.md (each block's first line names its file),
 * written into a temp project beside the repository's templates and
 * locales, and built with every figure verified.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/fixtures.ts";
import { reported, runCli } from "./support/project.ts";

const GUIDE = readFileSync(path.join(ROOT, "docs/templates.md"), "utf8");
const MARKER = /^(?:#|\/\/|\{\{!--|<!--)\s*file:\s*(\S+?)\s*(?:--\}\}|-->)?\s*$/;

/** The blocks of the guide whose first line names a file: that file's contents, marker line removed. */
function exampleFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  const blocks = markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm);
  for (const [, body] of blocks) {
    const [first, ...rest] = body!.split("\n");
    const marker = MARKER.exec(first ?? "");
    if (marker) files.set(marker[1]!, rest.join("\n"));
  }
  return files;
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the template guide's example story type", () => {
  const files = exampleFiles(GUIDE);

  it("names every file a story type and its article need", () => {
    expect([...files.keys()].sort()).toEqual([
      "content/bnb-governor/facts.yaml",
      "content/bnb-governor/source.fr.md",
      "locales/en.json",
      "locales/fr.json",
      "locales/nl.json",
      "templates/appointment/brief.md.hbs",
      "templates/appointment/type.yaml",
    ]);
  });

  it("builds beside the bundled types with every figure verified, and reads as the guide says", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsbrief-guide-"));
    made.push(root);
    for (const folder of ["templates", "locales"]) cpSync(path.join(ROOT, folder), path.join(root, folder), { recursive: true });
    for (const [file, text] of files) {
      const target = path.join(root, file);
      mkdirSync(path.dirname(target), { recursive: true });
      if (file.startsWith("locales/")) {
        // The guide's messages go under `appointment` in the repository's locale file.
        const locale = JSON.parse(readFileSync(target, "utf8")) as Record<string, unknown>;
        locale.appointment = JSON.parse(text);
        writeFileSync(target, `${JSON.stringify(locale, null, 2)}\n`);
      } else {
        writeFileSync(target, text);
      }
    }
    const run = await runCli(["build"], root);
    expect(reported(run.stderr).filter((d) => d.severity === "error"), run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    const brief = (locale: string) => readFileSync(path.join(root, "out/bnb-governor", `${locale}.md`), "utf8").replaceAll("\u00A0", " ");
    expect(brief("fr")).toContain("# Nomination : Marie Dupont, directrice générale de la Banque nationale\n");
    expect(brief("fr")).toContain("Marie Dupont prendra ses fonctions de directrice générale de la Banque nationale le 1er juin 2026.\nLe mandat est de six ans.\n");
    expect(brief("nl")).toContain("Marie Dupont wordt op 1 juni 2026 directeur-generaal van de Nationale Bank.\nHet mandaat duurt zes jaar.\n");
    expect(brief("en")).toContain("Marie Dupont will become director general of the National Bank on 1 June 2026.\nThe term is six years.\n");
  });
});
