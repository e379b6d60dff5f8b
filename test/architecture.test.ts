/**
 * The boundaries of src/: pure stages, io/ as the only ring that touches the
 * file system, processes and git, commands/ and the CLI on top. Read from
 * the sources' own import statements.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.join(import.meta.dirname, "..", "src");

interface Module {
  /** Path under src/, with forward slashes. */
  name: string;
  text: string;
  /** Resolved src/-relative paths of its relative imports, and its bare imports. */
  imports: string[];
}

function modules(): Module[] {
  const found: Module[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js)$/.test(entry.name)) {
        const text = readFileSync(full, "utf8");
        const name = path.relative(SRC, full).split(path.sep).join("/");
        found.push({ name, text, imports: importsOf(name, text) });
      }
    }
  };
  walk(SRC);
  return found;
}

/** Every module an `import … from "x"`, `export … from "x"` or `import("x")` names. */
export function importsOf(name: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s+"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers.map((spec) => (spec.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(name), spec)) : spec));
}

const all = modules();
const ring = (name: string) => name.split("/")[0]!;
const inRing = (name: string, ...rings: string[]) => rings.some((r) => name === r || name.startsWith(`${r}/`));
const ENTRY = ["cli.ts", "bin.js", "entry.ts"];

describe("the architecture of src/", () => {
  it("reads the modules and their imports", () => {
    expect(all.length).toBeGreaterThan(40);
    expect(importsOf("commands/build.ts", 'import { a } from "../build/pipeline.ts";\nimport("./x.ts");\nexport { b } from "node:fs";')).toEqual(["build/pipeline.ts", "commands/x.ts", "node:fs"]);
  });

  it("touches the file system and processes only in io/", () => {
    const offenders = all.filter((m) => !inRing(m.name, "io") && m.imports.some((i) => /^(node:)?(fs|fs\/promises|child_process)$/.test(i))).map((m) => m.name);
    expect(offenders).toEqual([]);
  });

  it("uses `process.` only in io/ and the command-line entry", () => {
    const offenders = all.filter((m) => !inRing(m.name, "io") && !ENTRY.includes(m.name) && /(?<![\w.])process\./.test(m.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""))).map((m) => m.name);
    expect(offenders).toEqual([]);
  });

  it("keeps the renderer and the verifier apart, both ways", () => {
    const crossing = all.flatMap((m) =>
      m.imports.filter((i) => (inRing(m.name, "render") && inRing(i, "verify")) || (inRing(m.name, "verify") && inRing(i, "render"))).map((i) => `${m.name} → ${i}`),
    );
    expect(crossing).toEqual([]);
  });

  it("lets content/ import only leaves: itself, diagnostics, types, errors, the front-matter splitter and the verifier's figure reader", () => {
    const allowed = (i: string) => !i.includes("/") || !i.endsWith(".ts") || inRing(i, "content", "diagnostics") || ["types.ts", "errors.ts", "plan/front-matter.ts", "verify/reader.ts"].includes(i);
    const offenders = all.filter((m) => inRing(m.name, "content")).flatMap((m) => m.imports.filter((i) => i.endsWith(".ts") && !allowed(i)).map((i) => `${m.name} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("has nothing below the command line import it or commands/", () => {
    const offenders = all
      .filter((m) => !inRing(m.name, "commands") && !ENTRY.includes(m.name) && m.name !== "index.ts")
      .flatMap((m) => m.imports.filter((i) => i === "cli.ts" || inRing(i, "commands")).map((i) => `${m.name} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it("keeps the verifier's figure reader a leaf, so that content/ can read figures with it", () => {
    expect(all.find((m) => m.name === "verify/reader.ts")?.imports).toEqual([]);
  });

  it("has no import cycle", () => {
    const graph = new Map(all.map((m) => [m.name, m.imports.filter((i) => i.endsWith(".ts") && !i.startsWith("node:"))]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (name: string) => {
      state.set(name, "open");
      stack.push(name);
      for (const next of graph.get(name) ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(name, "done");
    };
    for (const name of [...graph.keys()].sort()) if (!state.has(name)) visit(name);
    expect(cycles).toEqual([]);
  });

  it("has the pipeline's stages, io/ and commands/ as folders of src/", () => {
    const folders = new Set(all.map((m) => ring(m.name)).filter((r) => !r.includes(".")));
    for (const stage of ["content", "resolve", "render", "verify", "provenance", "extract", "review", "publish", "plan", "build", "io", "commands"]) expect(folders, stage).toContain(stage);
  });
});
