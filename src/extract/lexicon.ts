/**
 * The French words and symbols that give a number its scale and its unit,
 * as phrases of tokens. Every phrase is tokenised with the same tokenizer as
 * the text, so that `d’euros`, `km²` and `p.c.` match token by token.
 */
import { tokenize } from "./tokens.ts";

/** A phrase that may follow (or, for currencies, precede) a number. */
export interface Phrase {
  /** The normalised tokens to match, spaces left out. */
  parts: string[];
  /** True when the phrase must match case exactly (abbreviations and symbols such as `M`, `EUR`, `t`). */
  exact: boolean;
  /** The raw tokens, for exact matches. */
  raw: string[];
}

/** A scale word: the power of ten it multiplies by, and the currency it carries (`M€`). */
export interface Scale extends Phrase {
  exp: number;
  currency?: string;
  /** Only a scale before a currency (`k€`, not `5 k`). */
  needsCurrency?: boolean;
}

/** A unit: the unit name, and for durations the ISO 8601 designator. */
export interface UnitPhrase extends Phrase {
  unit: string;
  /** Durations: `Y`, `M`, `W`, `D` (date part) or `H`, `MIN`, `S` (time part). */
  duration?: "Y" | "M" | "W" | "D" | "H" | "MIN" | "S";
  /** Only after a scale word (`millions de livres`), too ambiguous alone. */
  needsScale?: boolean;
  /** Only directly after a number, never after `de`: `%`, `km`. */
  noDe?: boolean;
}

function phrase(text: string, exact?: boolean): Phrase {
  const tokens = tokenize(text).filter((t) => t.kind !== "space");
  const isExact = exact ?? !/^[a-zàâçéèêëîïôûùüÿœæ' ]{4,}$/.test(text);
  return { parts: tokens.map((t) => t.norm), raw: tokens.map((t) => t.text), exact: isExact };
}

const plural = (word: string): string[] => [word, `${word}s`];

function scales(): Scale[] {
  const list: Scale[] = [];
  const add = (texts: string[], exp: number, extra: Partial<Scale> = {}) => {
    for (const text of texts) list.push({ ...phrase(text), exp, ...extra });
  };
  add(["mille"], 3);
  add(plural("million"), 6);
  add(plural("milliard"), 9);
  add(plural("billion"), 12);
  add(["M", "Mio", "mio", "mio.", "Mio."], 6);
  add(["Md", "Mds", "Mrd", "Mrds", "md", "mds", "mrd", "mrds", "Md.", "Mds.", "mrd."], 9);
  add(["k", "K"], 3, { needsCurrency: true });
  add(["M€", "Mio €", "M €"], 6, { currency: "EUR" });
  add(["Md€", "Mds€", "Mrd€", "Md €", "Mds €", "Mrd €", "md€", "mds€", "Mrd. €"], 9, { currency: "EUR" });
  add(["k€", "K€", "k €"], 3, { currency: "EUR" });
  // Lower-case m before € is millions, never metres (`1 764 m€`).
  add(["m€", "m €", "mEUR"], 6, { currency: "EUR" });
  add(["MEUR", "MEur"], 6, { currency: "EUR" });
  add(["MdEUR", "MrdEUR", "GEUR"], 9, { currency: "EUR" });
  add(["kEUR"], 3, { currency: "EUR" });
  add(["MCHF", "Mio CHF"], 6, { currency: "CHF" });
  add(["M$", "M $"], 6, { currency: "USD" });
  add(["Md$", "Mds$", "Md $", "Mds $"], 9, { currency: "USD" });
  return list;
}

/** Currency words and symbols, longest first among those sharing a start. */
function currencies(): UnitPhrase[] {
  const list: UnitPhrase[] = [];
  const add = (texts: string[], unit: string, extra: Partial<UnitPhrase> = {}) => {
    for (const text of texts) list.push({ ...phrase(text), unit, ...extra });
  };
  add(["€", "EUR", "Eur", "euro", "euros", "Euros", "Euro"], "EUR");
  add(["$ US", "$US", "dollars américains", "dollar américain", "US$", "USD", "$", "dollar", "dollars"], "USD");
  add(["dollars canadiens", "dollar canadien", "CAD"], "CAD");
  add(["£", "GBP", "livres sterling", "livre sterling"], "GBP");
  add(["livres", "livre"], "GBP", { needsScale: true });
  add(["CHF", "francs suisses", "franc suisse"], "CHF");
  add(["francs CFA", "franc CFA", "FCFA", "XOF"], "XOF");
  add(["francs", "franc"], "CHF");
  add(["yens", "yen", "JPY", "¥"], "JPY");
  add(["yuans", "yuan", "CNY", "renminbi"], "CNY");
  add(["couronnes suédoises", "SEK"], "SEK");
  add(["couronnes danoises", "DKK"], "DKK");
  add(["couronnes norvégiennes", "NOK"], "NOK");
  add(["zlotys", "zloty", "PLN"], "PLN");
  return list;
}

function units(): UnitPhrase[] {
  const list: UnitPhrase[] = [];
  const add = (texts: string[], unit: string, extra: Partial<UnitPhrase> = {}) => {
    for (const text of texts) list.push({ ...phrase(text), unit, ...extra });
  };
  add(["%", "pour cent", "pour-cent", "pourcent", "p.c.", "p. c.", "p.c", "pc"], "percent", { noDe: true });
  add(["points de pourcentage", "point de pourcentage", "points de %", "point de %", "points-pourcentage", "p.p.", "pp", "pt de %", "pts de %", "points", "point", "pts", "pt"], "percentage-point", { noDe: true });
  add(["points de base", "point de base", "pb", "pbs", "bps", "bp"], "basis-point", { noDe: true });
  add(["km²", "km2", "kilomètres carrés", "kilomètre carré"], "km²");
  add(["m²", "m2", "mètres carrés", "mètre carré"], "m²");
  add(["km/h", "kilomètres par heure", "kilomètres-heure"], "km/h");
  add(["km", "kilomètres", "kilomètre"], "km");
  add(["m", "mètres", "mètre"], "m", { noDe: true });
  add(["ha", "hectares", "hectare"], "ha");
  add(["t", "tonnes", "tonne"], "t");
  add(["Mt"], "Mt");
  add(["kg", "kilos", "kilogrammes", "kilogramme"], "kg");
  add(["l", "litres", "litre"], "l", { noDe: true });
  add(["MWh", "mégawattheures", "mégawattheure"], "MWh");
  add(["GWh", "gigawattheures", "gigawattheure"], "GWh");
  add(["TWh", "térawattheures", "térawattheure"], "TWh");
  add(["kWh", "kilowattheures", "kilowattheure"], "kWh");
  add(["MW", "mégawatts", "mégawatt"], "MW");
  add(["GW", "gigawatts", "gigawatt"], "GW");
  add(["kW", "kilowatts", "kilowatt"], "kW");
  add(["°C", "° C", "degrés Celsius", "degrés"], "°C", { noDe: true });
  add(["ans", "an", "années", "année"], "duration", { duration: "Y" });
  add(["mois"], "duration", { duration: "M" });
  add(["semaines", "semaine"], "duration", { duration: "W" });
  add(["jours", "jour"], "duration", { duration: "D" });
  add(["heures", "heure"], "duration", { duration: "H" });
  add(["minutes", "minute", "min"], "duration", { duration: "MIN" });
  add(["secondes", "seconde"], "duration", { duration: "S" });
  return list;
}

/** Longest phrases first, so that `points de pourcentage` wins over `points`. */
const byLength = <T extends Phrase>(list: T[]): T[] => [...list].sort((a, b) => b.parts.length - a.parts.length);

export const SCALES: readonly Scale[] = byLength(scales());
export const CURRENCIES: readonly UnitPhrase[] = byLength(currencies());
export const UNITS: readonly UnitPhrase[] = byLength(units());

/** Currency codes and symbols that may stand before a number (`€ 12`, `CHF 1,2 million`). */
export const PREFIX_CURRENCIES: readonly UnitPhrase[] = byLength(
  ["€", "EUR", "$", "US$", "USD", "£", "GBP", "CHF", "JPY", "CNY", "¥"].map((text) => {
    const found = CURRENCIES.find((c) => c.raw.join("") === text)!;
    return found;
  }),
);

/** French month names and their abbreviations, to month numbers. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ["janvier", 1], ["janv", 1], ["février", 2], ["fevrier", 2], ["févr", 2], ["fév", 2], ["mars", 3], ["avril", 4], ["avr", 4],
  ["mai", 5], ["juin", 6], ["juillet", 7], ["juil", 7], ["août", 8], ["aout", 8], ["septembre", 9], ["sept", 9],
  ["octobre", 10], ["oct", 10], ["novembre", 11], ["nov", 11], ["décembre", 12], ["decembre", 12], ["déc", 12], ["dec", 12],
]);

/** Ordinals that name a quarter or half-year (`troisième trimestre`, `second semestre`). */
export const PERIOD_ORDINALS: ReadonlyMap<string, number> = new Map([
  ["premier", 1], ["première", 1], ["deuxième", 2], ["second", 2], ["seconde", 2], ["troisième", 3], ["quatrième", 4],
]);

/** Roman month numbers of dates such as `15.X.2012`. */
export const ROMAN_MONTHS: ReadonlyMap<string, number> = new Map([
  ["I", 1], ["II", 2], ["III", 3], ["IV", 4], ["V", 5], ["VI", 6], ["VII", 7], ["VIII", 8], ["IX", 9], ["X", 10], ["XI", 11], ["XII", 12],
]);

/** Seasons to their ISO 8601-2 (EDTF) sub-year codes. */
export const SEASONS: ReadonlyMap<string, number> = new Map([["printemps", 21], ["été", 22], ["automne", 23], ["hiver", 24]]);
