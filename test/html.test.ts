import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build/pipeline.ts";
import { projectPaths } from "../src/io/paths.ts";
import { FIXTURE_ROOT } from "./support/fixtures.ts";

const require = createRequire(import.meta.url);
const VNU = require("vnu-jar") as string;
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// The pages of a build of the fixture project, in a temp folder.
const SITE = mkdtempSync(path.join(tmpdir(), "newsbrief-html-"));
for (const folder of ["content", "templates", "locales"]) cpSync(path.join(FIXTURE_ROOT, folder), path.join(SITE, folder), { recursive: true });
const built = await build(projectPaths(SITE), { cache: false });
if (built.diagnostics.length > 0) throw new Error(`the fixture project does not build: ${built.diagnostics.map((d) => d.message).join("; ")}`);
afterAll(() => rmSync(SITE, { recursive: true, force: true }));

function pages(): string[] {
  const out = path.join(SITE, "out");
  return readdirSync(out, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".html"))
    .sort()
    .map((name) => path.join(out, name));
}

interface NuMessage {
  type: string;
  subType?: string;
  message: string;
  url: string;
  lastLine?: number;
}

/** Runs the Nu HTML Checker on files; returns its error messages. */
function nuErrors(files: string[]): NuMessage[] {
  const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw run.error;
  const report = JSON.parse(run.stderr) as { messages: NuMessage[] };
  return report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
}

describe("every generated HTML page", () => {
  it("passes the Nu HTML Checker with no errors", () => {
    const files = pages();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(nuErrors(files)).toEqual([]);
  });

  it("is checked by a Nu HTML Checker that does catch errors", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-vnu-"));
    try {
      const broken = path.join(dir, "broken.html");
      writeFileSync(broken, readFileSync(pages()[0]!, "utf8").replace("<title>", "<title><p>").replace(' lang="', ' lang-x="'));
      expect(nuErrors([broken]).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(pages().map((file) => [path.relative(SITE, file), file]))("%s has no axe-core accessibility violations", async (_name, file) => {
    const violations = await axeViolations(readFileSync(file, "utf8"));
    expect(violations).toEqual([]);
  });

  it("is checked by an axe-core run that does report violations", async () => {
    const html = readFileSync(pages()[0]!, "utf8").replace(/<html lang="[^"]*">/, "<html>").replace(/<title>[^<]*<\/title>/, "");
    const violations = await axeViolations(html);
    expect(violations).toEqual(expect.arrayContaining(["html-has-lang", "document-title"]));
  });
});

async function axeViolations(html: string): Promise<string[]> {
  const dom = new JSDOM(html, { runScripts: "outside-only", pretendToBeVisual: true });
  try {
    dom.window.eval(AXE);
    const axe = (dom.window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
    // Colour contrast needs a layout engine, which jsdom does not have.
    const result = await axe.run(dom.window.document, { rules: { "color-contrast": { enabled: false } } });
    return result.violations.map((v) => v.id).sort();
  } finally {
    dom.window.close();
  }
}
