/**
 * Age brackets: “le taux de chômage des 15-74 ans”, “les moins de 25 ans”, “les 65 ans et
 * plus”. The extractor reads their ages as durations in years, but they name the population a
 * figure is about: a draft leaves them out rather than making them duration facts.
 */
import type { SourceFigure } from "./consistency.ts";

/** The words of an age bracket in the body: where they stand and what they say. */
export interface AgeBracket {
  start: number;
  end: number;
  /** The source's words, from the first age (or `moins de`, `plus de`) to the last (or `et plus`). */
  text: string;
}

/** Spaces within a line: a bracket never runs across lines. */
const SPACE = String.raw`[^\S\n]+`;

/** People a bracket is about, before `de`: “les jeunes de 18 à 24 ans”. */
const PEOPLE = ["jeunes", "personnes", "hommes", "femmes", "enfants", "adultes", "travailleurs", "travailleuses", "chômeurs", "chômeuses", "demandeurs d’emploi", "habitants", "salariés", "actifs", "aînés", "seniors", "élèves", "étudiants", "population", "tranche d’âge", "classe d’âge"].join("|");

/**
 * What stands right before an age bracket (in lower case, typographic apostrophes): a plural
 * article (“des 15-74 ans”, “chez les 15 à 74 ans”), “âgés de”, or people and “de”. A bare
 * “de” does not: “des contrats de 2 à 5 ans” are durations.
 */
const BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:des|les|aux|(?:âgée?s?|(?:${PEOPLE}))${SPACE}(?:de|d’|entre))${SPACE}$`, "u");

/** The same before `moins de` or `plus de`: “des moins de 25 ans”, “âgés de plus de 65 ans”. */
const BEFORE_BOUND = new RegExp(String.raw`(?:^|[^\p{L}])(?:des|les|aux|(?:âgée?s?|(?:${PEOPLE}))${SPACE}(?:de|d’))${SPACE}(?:moins|plus)${SPACE}de${SPACE}$`, "u");

/** Between the two ages of a range: “15-74 ans”, “15 à 74 ans”, and “entre 18 et 24 ans” after “âgés”. */
const RANGE = /^[^\S\n]*(?:[-–—]|à)[^\S\n]*$/u;
const RANGE_AFTER_ENTRE = /^[^\S\n]+et[^\S\n]+$/u;

/** A span of time, not people: “au cours des 2 à 3 ans à venir”, “dans les 5 ans”, “les 2 à 3 ans qui viennent”. */
const TIME_BEFORE = /(?:cours|dans|pendant|durant|sur|depuis|lors|après|avant|ici|pour)[^\S\n]+(?:des|les|aux)[^\S\n]+$/u;
const TIME_AFTER = /^[^\S\n]+(?:à venir|qui (?:viennent|suivent|suivront)|suivants|précédents|prochains|derniers|passés)(?![\p{L}])/u;

/** After a last age: “65 ans et plus”. */
const AND_OVER = /^[^\S\n]+et[^\S\n]+plus(?![\p{L}])/u;

const isAge = (figure: SourceFigure | undefined): figure is SourceFigure => figure !== undefined && figure.unit === "duration" && typeof figure.value === "string" && /^P\d+Y$/.test(figure.value);

const plain = (text: string) => text.toLowerCase().replace(/['\u2018\u02BC]/g, "’");

/**
 * The age brackets of a text, by the figures they hold: each figure of a bracket maps to the
 * bracket's words. Only forms that cannot be a duration count: a range or a bound after a
 * plural article or “âgés de”, or a single age after “âgés de”.
 */
export function ageBrackets(body: string, figures: readonly SourceFigure[]): Map<SourceFigure, AgeBracket> {
  const found = new Map<SourceFigure, AgeBracket>();
  const sorted = [...figures].sort((a, b) => a.start - b.start);
  const lineBefore = (at: number) => plain(body.slice(Math.max(body.lastIndexOf("\n", at - 1) + 1, at - 60), at));
  const add = (members: SourceFigure[], start: number, end: number) => {
    const bracket = { start, end, text: body.slice(start, end) };
    for (const figure of members) found.set(figure, bracket);
  };
  for (let i = 0; i < sorted.length; i++) {
    const figure = sorted[i]!;
    if (!isAge(figure) || found.has(figure)) continue;
    const before = lineBefore(figure.start);
    if (TIME_BEFORE.test(before)) continue;
    const next = sorted[i + 1];
    const between = next ? plain(body.slice(figure.end, next.start)) : "";
    const andOver = AND_OVER.exec(body.slice(figure.end, figure.end + 20));
    const last = isAge(next) && /ans$/u.test(next.text) && (RANGE.test(between) || (/entre[^\S\n]+$/u.test(before) && RANGE_AFTER_ENTRE.test(between))) ? next : figure;
    if (TIME_AFTER.test(plain(body.slice(last.end, last.end + 30)))) continue;
    if (last !== figure && BEFORE.test(before)) {
      add([figure, last], figure.start, last.end);
    } else if ((figure.bound === "less-than" || figure.bound === "more-than") && BEFORE_BOUND.test(before)) {
      add([figure], figure.start - (/(?:moins|plus)[^\S\n]+de[^\S\n]+$/u.exec(before)?.[0].length ?? 0), figure.end);
    } else if (andOver && /(?:^|[^\p{L}])(?:des|les|aux)[^\S\n]+$/u.test(before)) {
      add([figure], figure.start, figure.end + andOver[0].length);
    } else if (/(?:^|[^\p{L}])âgée?s?[^\S\n]+de[^\S\n]+$/u.test(before)) {
      add([figure], figure.start, figure.end);
    }
  }
  return found;
}
