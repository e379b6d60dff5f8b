/**
 * French numbers written in words: cardinals (`vingt-cinq`,
 * `quatre-vingt-dix`, `deux cent mille`), fractions (`deux tiers`,
 * `la moitié`) and approximate collectives (`une dizaine`, `un millier`).
 */

/** Cardinal words and their values; `cent` and `mille` multiply. */
export const CARDINALS: ReadonlyMap<string, number> = new Map([
  ["zéro", 0], ["un", 1], ["une", 1], ["deux", 2], ["trois", 3], ["quatre", 4], ["cinq", 5], ["six", 6], ["sept", 7],
  ["huit", 8], ["neuf", 9], ["dix", 10], ["onze", 11], ["douze", 12], ["treize", 13], ["quatorze", 14], ["quinze", 15],
  ["seize", 16], ["vingt", 20], ["vingts", 20], ["trente", 30], ["quarante", 40], ["cinquante", 50], ["soixante", 60],
  ["septante", 70], ["huitante", 80], ["octante", 80], ["nonante", 90], ["cent", 100], ["cents", 100], ["mille", 1000],
]);

/** Fraction denominators: `tiers` → 3. */
export const DENOMINATORS: ReadonlyMap<string, number> = new Map([
  ["demi", 2], ["demie", 2], ["tiers", 3], ["quart", 4], ["quarts", 4], ["cinquième", 5], ["cinquièmes", 5],
  ["sixième", 6], ["sixièmes", 6], ["huitième", 8], ["huitièmes", 8], ["dixième", 10], ["dixièmes", 10],
  ["centième", 100], ["centièmes", 100],
]);

/** Approximate collectives: `une dizaine` → about 10. */
export const COLLECTIVES: ReadonlyMap<string, number> = new Map([
  ["dizaine", 10], ["douzaine", 12], ["quinzaine", 15], ["vingtaine", 20], ["trentaine", 30], ["quarantaine", 40],
  ["cinquantaine", 50], ["soixantaine", 60], ["centaine", 100], ["millier", 1000],
  ["dizaines", 10], ["centaines", 100], ["milliers", 1000],
]);

/**
 * Accumulates a sequence of cardinal words into a value, or returns
 * undefined when the sequence is not a well-formed French number.
 */
export function cardinalValue(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let previous: string | undefined;
  for (const word of words) {
    const value = CARDINALS.get(word);
    if (value === undefined) return undefined;
    if (value === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (value === 100) {
      const units = current % 100;
      current = current - units + (units || 1) * 100;
    } else if (value === 20 && previous === "quatre") {
      current = current - 4 + 80;
    } else {
      current += value;
    }
    previous = word;
  }
  return total + current;
}
