/**
 * Creating a new article's folder, never overwriting anything.
 */
import { lstat, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
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
    return [diagnostic({ file: paths.content, rule: "config/missing-folder", usage: true, message: `the folder \`${paths.content}\` does not exist` })];
  }
  const folder = path.join(paths.root, relative);
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [
      code === "EEXIST"
        ? diagnostic({ file: relative, rule: "new/exists", usage: true, message: `\`${relative}\` already exists: nothing was overwritten; choose another slug or remove the folder first` })
        : diagnostic({ file: relative, rule: "new/write-failed", usage: true, message: `could not create \`${relative}\` (${code ?? String(error)})` }),
    ];
  }
  try {
    for (const file of files) await writeFile(path.join(folder, file.name), file.contents, { flag: "wx" });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    return [diagnostic({ file: relative, rule: "new/write-failed", usage: true, message: `could not write \`${relative}\` (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was left behind` })];
  }
  return [];
}
