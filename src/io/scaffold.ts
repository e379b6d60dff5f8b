/**
 * Creating a new project or a new article's folder, never overwriting anything.
 */
import { cp, lstat, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

/** Where newsbrief's own story types and locale files are: the package's root (above `src/` or `dist/`). */
const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What {@link createProject} made. */
export interface CreatedProject {
  /** The folders created, relative to the root. */
  created: string[];
  /** The story types copied. */
  storyTypes: string[];
  diagnostics: Diagnostic[];
}

/**
 * Starts a project at `paths.root` (created if missing): an empty content
 * folder, and newsbrief's own story types and locale files to adapt. Nothing
 * is overwritten: if any of the three folders exists, each is reported and
 * nothing is written; if a copy fails, what was created is removed again.
 */
export async function createProject(paths: ProjectPaths, from: string = PACKAGE_ROOT): Promise<CreatedProject> {
  const folders = [paths.content, paths.templates, paths.locales];
  const diagnostics: Diagnostic[] = [];
  for (const folder of folders) {
    const exists = await lstat(path.join(paths.root, folder)).then(() => true, () => false);
    if (exists) diagnostics.push(diagnose(CATALOGUE["init/exists"], { folder }, { file: folder }));
  }
  if (diagnostics.length > 0) return { created: [], storyTypes: [], diagnostics };
  const rootExisted = await isFolder(paths.root);
  const created: string[] = [];
  try {
    await mkdir(paths.root, { recursive: true });
    await mkdir(path.join(paths.root, paths.content), { recursive: true });
    created.push(paths.content);
    for (const [folder, source] of [[paths.templates, "templates"], [paths.locales, "locales"]] as const) {
      await cp(path.join(from, source), path.join(paths.root, folder), { recursive: true, errorOnExist: true, force: false });
      created.push(folder);
    }
  } catch (error) {
    for (const folder of created) await rm(path.join(paths.root, folder), { recursive: true, force: true });
    if (!rootExisted) await rm(paths.root, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { created: [], storyTypes: [], diagnostics: [diagnose(CATALOGUE["init/write-failed"], { root: paths.root, code }, { file: "." })] };
  }
  const entries = await readdir(path.join(paths.root, paths.templates), { withFileTypes: true });
  return { created, storyTypes: entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(), diagnostics: [] };
}
