/**
 * Where a project's folders are, and whether they can be used as they are.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ProjectPaths } from "../types.ts";

export type { ProjectPaths };
/**
 * Problems with where the output folder is: it may not be the project root
 * nor contain (or sit inside) an input folder, since a build replaces it whole.
 */
export function checkOutputLocation(paths: ProjectPaths): Diagnostic[] {
  const out = path.resolve(paths.root, paths.out);
  const inputs = [paths.content, paths.templates, paths.locales].map((p) => path.resolve(paths.root, p));
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(paths.root, out) || inputs.some((input) => inside(input, out) || inside(out, input))) {
    return [
      diagnostic({
        file: paths.out,
        rule: "config/out-contains-inputs", usage: true,
        message: "the output folder is replaced whole by every build: it cannot be the project root, contain an input folder or sit inside one",
        expected: "a folder of its own, such as out/",
        actual: paths.out,
      }),
    ];
  }
  return [];
}

/** Fills in the default folder names. */
export function projectPaths(root: string, overrides: Partial<Omit<ProjectPaths, "root">> = {}): ProjectPaths {
  return { root: path.resolve(root), content: "content", templates: "templates", locales: "locales", out: "out", ...overrides };
}

/** The project root must be an existing folder: taking the lock would otherwise create it. */
export async function checkProjectRoot(paths: ProjectPaths): Promise<Diagnostic[]> {
  const stats = await stat(paths.root).catch(() => undefined);
  if (stats?.isDirectory()) return [];
  return [diagnostic({ file: paths.root, rule: "config/missing-folder", usage: true, message: `the project root \`${paths.root}\` does not exist or is not a folder`, expected: "a folder holding content/, templates/ and locales/ (see --root)" })];
}
