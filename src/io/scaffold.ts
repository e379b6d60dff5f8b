/**
 * Creating a new article's folder, never overwriting anything.
 */
import { lstat, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { ProjectPaths } from "../types.ts";

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await lstat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function posix(...parts: string[]): string {
  return parts.join("/");
}

/**
 * Creates the folder of a new article under the content folder and writes
 * its files. An existing folder (or anything else by that name) is never
 * touched; if a write fails, the new folder is removed again.
 */
export async function createArticleFolder(paths: ProjectPaths, slug: string, files: ReadonlyArray<{ name: string; contents: string }>): Promise<Diagnostic[]> {
  const relative = posix(paths.content, slug);
  if (!(await isFolder(path.join(paths.root, paths.content)))) {
    return [diagnose(CATALOGUE["config/missing-folder"], { folder: paths.content }, { file: paths.content })];
  }
  const folder = path.join(paths.root, relative);
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [
      code === "EEXIST"
        ? diagnose(CATALOGUE["new/exists"], { folder: relative }, { file: relative })
        : diagnose(CATALOGUE["new/write-failed"], { folder: relative, code: code ?? String(error) }, { file: relative }),
    ];
  }
  try {
    for (const file of files) await writeFile(path.join(folder, file.name), file.contents, { flag: "wx" });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    return [diagnose(CATALOGUE["new/write-failed"], { folder: relative, code: (error as NodeJS.ErrnoException).code ?? String(error), cleaned: true }, { file: relative })];
  }
  return [];
}
