/**
 * `newsbrief init`: a new project with newsbrief's own story types and
 * locale files, ready for `new`; never overwriting a folder of a project.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createProject } from "../src/io/scaffold.ts";
import { projectPaths } from "../src/io/paths.ts";
import { ROOT } from "./support/fixtures.ts";
import { reported, runCli } from "./support/project.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-init-"));
  made.push(dir);
  return dir;
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("newsbrief init", () => {
  it("creates a project newsbrief can draft and check an article in, in a folder it creates", async () => {
    const root = path.join(tempDir(), "newsroom");
    const run = await runCli(["--root", root, "init"], tempDir());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`created content/, templates/, locales/ in ${root}`);
    expect(run.stdout).toContain("story types: budget, company-results, event, funding-announcement, public-budget, statistics-release");
    expect(readdirSync(path.join(root, "content"))).toEqual([]);
    for (const folder of ["templates", "locales"]) {
      expect(files(path.join(root, folder))).toEqual(files(path.join(ROOT, folder)));
      for (const file of files(path.join(root, folder))) expect(readFileSync(path.join(root, folder, file), "utf8"), file).toBe(readFileSync(path.join(ROOT, folder, file), "utf8"));
    }
    const source = path.join(root, "article.txt");
    writeFileSync(source, "Acme a réalisé en 2025 un chiffre d’affaires de 5,87 milliards d’euros.\n");
    expect((await runCli(["new", "acme", "--from", "article.txt", "--type", "company-results"], root)).code).toBe(0);
    const check = await runCli(["build"], root);
    // The draft's decisions are the only problems: the project itself is sound.
    expect(reported(check.stderr).filter((d) => d.severity === "error").every((d) => d.rule === "draft/todo")).toBe(true);
    expect(check.code).toBe(1);
  });

  it("writes nothing when a folder of a project is there, and names each one", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, "templates"));
    writeFileSync(path.join(root, "locales"), "a file in the way\n");
    const run = await runCli(["init"], root);
    expect(run.code).toBe(2);
    expect(reported(run.stderr).map((d) => [d.at, d.rule])).toEqual([
      ["locales", "init/exists"],
      ["templates", "init/exists"],
    ]);
    expect(run.stderr).toContain("newsbrief: nothing was written.");
    expect(existsSync(path.join(root, "content"))).toBe(false);
    expect(readdirSync(path.join(root, "templates"))).toEqual([]);
    expect(readFileSync(path.join(root, "locales"), "utf8")).toBe("a file in the way\n");
  });

  it("leaves nothing behind when a copy fails", async () => {
    const parent = tempDir();
    const root = path.join(parent, "newsroom");
    const broken = path.join(parent, "package");
    mkdirSync(path.join(broken, "templates"), { recursive: true });
    // No locales/ to copy: the second copy fails.
    const project = await createProject(projectPaths(root), broken);
    expect(project.diagnostics.map((d) => d.rule)).toEqual(["init/write-failed"]);
    expect(project.diagnostics[0]!.message).toContain("(ENOENT); nothing was left behind");
    expect(existsSync(root)).toBe(false);
  });
});
