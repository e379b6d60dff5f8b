/**
 * "Did you mean …?" for a mistyped command or option: a name is suggested
 * only when the word typed is a plausible typo of it, not merely the least
 * far of the names there are (`--foo` is no typo of `--root`). Pure.
 */

/**
 * The edit distance of two words (optimal string alignment: an insertion,
 * a deletion, a substitution or a swap of two neighbours each count one),
 * or `limit + 1` as soon as it is sure to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How many edits still make a typo of a name this long: none for one or two
 * characters, one up to five (`--roto` for `--root`, `--jsno` for `--json`),
 * two from six (`--no-chahce` for `--no-cache`).
 */
function editsAllowed(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

/**
 * The names `typed` is a plausible typo of, best first and sorted: those
 * the fewest edits away, within what {@link editsAllowed} allows for the
 * longer of the two words; else the one name it starts (three characters at
 * least: `--prev` for `--preview`); else none. Options are compared without
 * their leading dashes and any `=value`.
 */
export function plausibleNames(typed: string, names: readonly string[]): string[] {
  const bare = (name: string) => name.replace(/^--?/, "").replace(/=.*$/, "");
  const word = bare(typed);
  if (word === "") return [];
  let found: string[] = [];
  let fewest = Number.POSITIVE_INFINITY;
  for (const name of new Set(names)) {
    const candidate = bare(name);
    if (candidate === word) continue;
    const allowed = editsAllowed(Math.max(word.length, candidate.length));
    const distance = editDistance(word, candidate, allowed);
    if (distance > allowed || distance > fewest) continue;
    if (distance < fewest) found = [];
    fewest = distance;
    found.push(name);
  }
  if (found.length === 0 && word.length >= 3) {
    const started = [...new Set(names)].filter((name) => bare(name).startsWith(word));
    if (started.length === 1) found = started;
  }
  return found.sort((a, b) => a.localeCompare(b));
}

/** The line that suggests `names`, as commander words it; empty without any. */
export function suggestionLine(names: readonly string[]): string {
  if (names.length === 0) return "";
  return names.length === 1 ? `(Did you mean ${names[0]}?)` : `(Did you mean one of ${names.join(", ")}?)`;
}
