/**
 * Where a project's folders are, and whether they can be used as they are.
 */
import { lstatSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { ProjectPaths } from "../types.ts";

export type { ProjectPaths };
/**
 * Problems with where the output folder is: it may not be the project root
 * nor contain (or sit inside) an input folder, since a build replaces it whole;
 * nor a symbolic link, whose target a build would otherwise leave behind.
 */
export function checkOutputLocation(paths: ProjectPaths): Diagnostic[] {
  const out = path.resolve(paths.root, paths.out);
  const kind = notAFolder(out);
  if (kind === "a symbolic link") {
    return [diagnose(CATALOGUE["config/out-is-link"], {}, { file: paths.out, expected: "a folder, or no file at all (a build makes it)", actual: kind })];
  }
  if (kind) return [diagnose(CATALOGUE["config/not-a-folder"], { dir: paths.out, kind }, { file: paths.out, expected: "a folder, or no file at all (a build makes it)", actual: kind })];
  const inputs = [paths.content, paths.templates, paths.locales].map((p) => path.resolve(paths.root, p));
  if (inside(paths.root, out) || inputs.some((input) => inside(input, out) || inside(out, input))) {
    return [
      diagnose(CATALOGUE["config/out-contains-inputs"], {}, {
        file: paths.out,
        expected: "a folder of its own, such as out/",
        actual: paths.out,
      }),
    ];
  }
  return [];
}

/** Whether `child` is `parent` or lies under it (both absolute). */
function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + path.sep);
}

/**
 * What stands where a folder to write to should be, when it is not a folder
 * nor nothing: a symbolic link, a file, or a file above it in the path.
 */
function notAFolder(dir: string): "a symbolic link" | "a file" | "under a file" | undefined {
  try {
    const stats = lstatSync(dir, { throwIfNoEntry: false });
    if (!stats || stats.isDirectory()) return undefined;
    return stats.isSymbolicLink() ? "a symbolic link" : "a file";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOTDIR" ? "under a file" : undefined;
  }
}

/**
 * Fills in the default folder names. A folder given as an absolute path is
 * kept relative to the root, so that every use of it finds the same folder.
 */
export function projectPaths(root: string, overrides: Partial<Omit<ProjectPaths, "root">> = {}): ProjectPaths {
  const resolved = path.resolve(root);
  const folders = { content: "content", templates: "templates", locales: "locales", out: "out", ...overrides };
  for (const key of Object.keys(folders) as Array<keyof typeof folders>) {
    if (path.isAbsolute(folders[key])) folders[key] = path.relative(resolved, folders[key]) || ".";
  }
  return { root: resolved, ...folders };
}

/** The project root must be an existing folder: taking the lock would otherwise create it. */
export async function checkProjectRoot(paths: ProjectPaths): Promise<Diagnostic[]> {
  const stats = await stat(paths.root).catch(() => undefined);
  if (stats?.isDirectory()) return [];
  return [diagnose(CATALOGUE["config/missing-folder"], { folder: paths.root, root: true }, { file: paths.root, expected: "a folder holding content/, templates/ and locales/ (see --root)" })];
}

/**
 * Problems with where a preview goes: not the output folder, the project
 * root, or an input folder (nor inside or around one of them).
 */
export function checkPreviewLocation(paths: ProjectPaths, dir: string): Diagnostic[] {
  const preview = path.resolve(paths.root, dir);
  const guarded = [paths.out, paths.content, paths.templates, paths.locales].map((p) => path.resolve(paths.root, p));
  if (inside(paths.root, preview) || guarded.some((g) => inside(g, preview) || inside(preview, g))) {
    return [diagnose(CATALOGUE["config/preview-location"], { dir }, { file: dir, expected: "a folder of its own, such as preview/", actual: dir })];
  }
  // A file where the folder (or one of the folders above it) should be: nothing could be written there.
  const kind = notAFolder(preview);
  if (kind) return [diagnose(CATALOGUE["config/not-a-folder"], { dir, kind }, { file: dir, expected: "a folder, or no file at all (it is made)", actual: kind })];
  return [];
}
