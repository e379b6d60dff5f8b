/** Comparing the outputs a build would write with the output folder as it is. */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { OutputFile, ProjectPaths } from "../types.ts";

/** Outputs that are missing (or, with `orphans`, that no article produces any more), and that differ (with their first differing line). */
export function staleOutputs(paths: Pick<ProjectPaths, "out">, files: readonly OutputFile[], onDisk: ReadonlyMap<string, string>, orphans = true): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const expected = new Map(files.map((f) => [f.path, f.contents]));
  for (const [relative, contents] of expected) {
    const actual = onDisk.get(relative);
    if (actual === undefined) {
      diagnostics.push(diagnose(CATALOGUE["out/missing"], {}, { file: `${paths.out}/${relative}` }));
    } else if (actual !== contents) {
      const line = firstDifferentLine(contents, actual);
      diagnostics.push(diagnose(CATALOGUE["out/stale"], {}, { file: `${paths.out}/${relative}`, line: line.number, column: 1, expected: line.expected, actual: line.actual }));
    }
  }
  if (orphans) for (const relative of onDisk.keys()) {
    if (!expected.has(relative)) diagnostics.push(diagnose(CATALOGUE["out/orphan"], {}, { file: `${paths.out}/${relative}` }));
  }
  return diagnostics;
}

/**
 * The first line that differs, passing over the front matter's `inputHash`
 * line when a later line differs too: that one says what a reader would see.
 */
function firstDifferentLine(expected: string, actual: string): { number: number; expected: string; actual: string } {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let first = -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (first === -1) first = i;
    if (!(a[i] ?? "").startsWith("inputHash:")) {
      first = i;
      break;
    }
  }
  if (first === -1) return { number: 1, expected: "", actual: "" };
  return { number: first + 1, expected: JSON.stringify(a[first] ?? "(end of file)"), actual: JSON.stringify(b[first] ?? "(end of file)") };
}
