/**
 * Small pure helpers: exact scaling, ISO 8601 values, and tests on a
 * number's neighbours.
 */
import type { UnitPhrase } from "./lexicon.ts";
import type { Token } from "./tokens.ts";

const PARTICIPLES = new Set(["prévu", "prévus", "prévue", "prévues", "investis", "reçus", "perdus", "promis", "acquis", "émis", "dus", "obtenus", "atteints", "mis", "inscrits", "budgétés"]);

/** A past participle after an amount (`3,1 milliards prévus`, `20 millions alloués`): the amount stands alone. */
export function isParticiple(word: string): boolean {
  return PARTICIPLES.has(word) || (word.length > 4 && /(?:é|és|ée|ées)$/.test(word));
}

/** Two mantissas close enough for one to be read in the other's scale and unit (20,5 after 21,4 milliards). */
export function comparable(a: number, b: number): boolean {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === 0 || y === 0) return false;
  return Math.max(x, y) / Math.min(x, y) <= 50;
}

/** A four-digit number from 1800 to 2199. */
export function isYearToken(t: Token): boolean {
  if (t.kind !== "num" || t.text.length !== 4) return false;
  const y = Number(t.text);
  return y >= 1800 && y <= 2199;
}

/** `mantissa × 10^exp` without binary rounding noise (544,7 millions → 544700000). */
export function scaleValue(mantissa: number, exp: number): number {
  if (exp === 0) return mantissa;
  const [digits, fraction = ""] = Math.abs(mantissa).toString().split(".");
  if (/e/.test(digits!)) return mantissa * 10 ** exp;
  const all = Number(digits! + fraction);
  const shift = exp - fraction.length;
  const value = shift >= 0 ? all * 10 ** shift : all / 10 ** -shift;
  return mantissa < 0 ? -value : value;
}

/** An ISO 8601 duration: `P3Y`, `P18M`, `PT48H`. */
export function isoDuration(n: number, designator: NonNullable<UnitPhrase["duration"]>): string {
  // A negative duration carries its sign in front, as ISO 8601-2 writes it (-P33D).
  if (n < 0) return `-${isoDuration(-n, designator)}`;
  const amount = String(n);
  if (designator === "H") return `PT${amount}H`;
  if (designator === "MIN") return `PT${amount}M`;
  if (designator === "S") return `PT${amount}S`;
  return `P${amount}${designator}`;
}

/** True when the day exists in that month of that year. */
export function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1000) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Two digits. */
export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `YYYY-MM-DD`. */
export function iso(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}
