/**
 * The reader on fact model v2: other currencies, signs, direction and loss words, bounds, quarters,
 * half-years, seasons, durations, quantities, basis points and trailing zeros, in fr, nl and en,
 * exactly as LOCALE-CONVENTIONS.md ("Beyond the euro and the seed") writes them.
 */
import { describe, expect, it } from "vitest";
import { type Bound, type FigureUnit, type ReadFigure, type ReaderLocale, readFigures } from "../src/verify/reader.ts";

const N = "\u202F"; // narrow no-break space: fr thousands separator
const B = "\u00A0"; // no-break space
const M = "\u2212"; // minus sign

interface Row {
  loc: ReaderLocale;
  input: string;
  /** the figure's span when it is not the whole input */
  span?: string;
  unit: FigureUnit;
  value: ReadFigure["value"];
  step?: number;
  bound?: Bound;
  approx?: boolean;
  /** how the sign was shown, and whether it is negative */
  sign?: [ReturnType<typeof signOf> extends infer S ? S : never, boolean];
  problems?: string[];
}
const signOf = (f: ReadFigure) => f.sign?.by;
type Extra = Omit<Row, "loc" | "input" | "unit" | "value">;
const r = (loc: ReaderLocale, input: string, unit: FigureUnit, value: ReadFigure["value"], extra: Extra = {}): Row => ({ loc, input, unit, value, ...extra });

const HYPHEN = (loc: ReaderLocale) => `a sign must be the minus sign − (U+2212), never a hyphen or a dash in ${loc}`;

const CURRENCIES: Row[] = [
  r("fr", "4,2 milliards de dollars", "USD", 4_200_000_000, { step: 100_000_000 }),
  r("fr", "3,1 millions de livres sterling", "GBP", 3_100_000, { step: 100_000 }),
  r("fr", "105,7 millions de francs suisses", "CHF", 105_700_000, { step: 100_000 }),
  r("fr", "105,7 millions de francs", "CHF", 105_700_000, { step: 100_000 }),
  r("fr", `750${N}000 francs suisses`, "CHF", 750_000, { step: 1 }),
  r("fr", `750${N}000 dollars`, "USD", 750_000, { step: 1 }),
  r("fr", "1,5 dollar", "USD", 1.5, { step: 0.1 }),
  r("fr", "1,2 milliard d’euros", "EUR", 1_200_000_000, { step: 100_000_000 }),
  r("fr", "4,2 milliards $", "USD", 4_200_000_000, { step: 100_000_000, problems: ["currency must be written de dollars in fr"] }),
  r("fr", "3,1 millions de livres", "GBP", 3_100_000, { step: 100_000, problems: ["currency must be written de livres sterling in fr"] }),
  r("fr", `1,5 dollars`, "USD", 1.5, { step: 0.1, problems: ["currency word must be singular below 2: dollar"] }),
  r("nl", "4,2 miljard dollar", "USD", 4_200_000_000, { step: 100_000_000 }),
  r("nl", "3,1 miljoen pond", "GBP", 3_100_000, { step: 100_000 }),
  r("nl", "105,7 miljoen Zwitserse frank", "CHF", 105_700_000, { step: 100_000 }),
  r("nl", "750.000 Zwitserse frank", "CHF", 750_000, { step: 1 }),
  r("nl", "4,2 miljard dollars", "USD", 4_200_000_000, { step: 100_000_000, problems: ["dollar never takes a plural after a number in nl"] }),
  r("nl", "105,7 miljoen frank", "CHF", 105_700_000, { step: 100_000, problems: ["currency must be written Zwitserse frank in nl"] }),
  r("nl", "$ 4,2 miljard", "USD", 4_200_000_000, { step: 100_000_000, problems: ["currency must follow the number in nl: dollar"] }),
  r("en", "$4.2 billion", "USD", 4_200_000_000, { step: 100_000_000 }),
  r("en", "US$4.2 billion", "USD", 4_200_000_000, { step: 100_000_000 }),
  r("en", "£3.1 million", "GBP", 3_100_000, { step: 100_000 }),
  r("en", `CHF${B}105.7 million`, "CHF", 105_700_000, { step: 100_000 }),
  r("en", `CHF${B}750,000`, "CHF", 750_000, { step: 1 }),
  r("en", "CHF 105.7 million", "CHF", 105_700_000, { step: 100_000, problems: ["a no-break space (U+00A0) must follow CHF in en"] }),
  r("en", "4.2 billion dollars", "USD", 4_200_000_000, { step: 100_000_000, problems: ["currency must be written as a leading $ in en"] }),
  r("en", "USD 4.2 billion", "USD", 4_200_000_000, { step: 100_000_000, problems: ["currency must be written as a leading $ in en"] }),
  r("en", "$ 4.2 billion", "USD", 4_200_000_000, { step: 100_000_000, problems: ["no space after $ in en"] }),
];

const SIGNS: Row[] = [
  r("fr", `${M}2,4${B}%`, "percent", -2.4, { step: 0.1, sign: ["sign", true] }),
  r("fr", `+4,2${B}%`, "percent", 4.2, { step: 0.1, sign: ["sign", false] }),
  r("fr", `${M}12 millions d’euros`, "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true] }),
  r("fr", `-2,4${B}%`, "percent", -2.4, { step: 0.1, sign: ["sign", true], problems: [HYPHEN("fr")] }),
  r("fr", `(–2,4${B}%)`, "percent", -2.4, { span: `–2,4${B}%`, step: 0.1, sign: ["sign", true], problems: [HYPHEN("fr")] }),
  r("nl", `${M}2,4%`, "percent", -2.4, { step: 0.1, sign: ["sign", true] }),
  r("nl", "+4,2%", "percent", 4.2, { step: 0.1, sign: ["sign", false] }),
  r("nl", `${M}12 miljoen euro`, "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true] }),
  r("nl", "-12 miljoen euro", "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true], problems: [HYPHEN("nl")] }),
  r("en", `${M}2.4%`, "percent", -2.4, { step: 0.1, sign: ["sign", true] }),
  r("en", "+4.2%", "percent", 4.2, { step: 0.1, sign: ["sign", false] }),
  r("en", `${M}€12 million`, "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true] }),
  r("en", `${M}$4.2 billion`, "USD", -4_200_000_000, { step: 100_000_000, sign: ["sign", true] }),
  r("en", "-€12 million", "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true], problems: [HYPHEN("en")] }),
  r("en", "€-12 million", "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true], problems: ["a sign comes before the currency in en", HYPHEN("en")] }),
  r("en", `€${M}12 million`, "EUR", -12_000_000, { step: 1_000_000, sign: ["sign", true], problems: ["a sign comes before the currency in en"] }),
];

const DIRECTIONS: Row[] = [
  r("fr", `en hausse de 4,2${B}%`, "percent", 4.2, { span: `4,2${B}%`, step: 0.1, sign: ["direction", false] }),
  r("fr", `en baisse de 2,4${B}%`, "percent", -2.4, { span: `2,4${B}%`, step: 0.1, sign: ["direction", true] }),
  r("fr", `une hausse de 4,2${B}%`, "percent", 4.2, { span: `4,2${B}%`, step: 0.1, sign: ["direction", false] }),
  r("fr", `une baisse de 2,4${B}%`, "percent", -2.4, { span: `2,4${B}%`, step: 0.1, sign: ["direction", true] }),
  r("fr", `un recul de 2,4${B}%`, "percent", -2.4, { span: `2,4${B}%`, step: 0.1, sign: ["direction", true] }),
  r("fr", `une progression de 4,2${B}%`, "percent", 4.2, { span: `4,2${B}%`, step: 0.1, sign: ["direction", false] }),
  r("fr", "en baisse de 12 millions d’euros", "EUR", -12_000_000, { span: "12 millions d’euros", step: 1_000_000, sign: ["direction", true] }),
  r("fr", "en baisse de 0,3 point de pourcentage", "percentage-point", -0.3, { span: "0,3 point de pourcentage", step: 0.1, sign: ["direction", true] }),
  r("fr", `en baisse d’environ 2${B}%`, "percent", -2, { span: `2${B}%`, step: 1, approx: true, sign: ["direction", true] }),
  r("fr", `en hausse de plus de 3${B}%`, "percent", 3, { span: `3${B}%`, step: 1, bound: "more-than", sign: ["direction", false] }),
  r("fr", `en baisse de ${M}2,4${B}%`, "percent", -2.4, { span: `${M}2,4${B}%`, step: 0.1, sign: ["direction", true], problems: ["a change said with words takes no sign in fr: en baisse de"] }),
  r("nl", "een stijging van 4,2 procent", "percent", 4.2, { span: "4,2 procent", step: 0.1, sign: ["direction", false] }),
  r("nl", "een daling van 2,4 procent", "percent", -2.4, { span: "2,4 procent", step: 0.1, sign: ["direction", true] }),
  r("nl", "steeg met 4,2 procent", "percent", 4.2, { span: "4,2 procent", step: 0.1, sign: ["direction", false] }),
  r("nl", "daalde met 2,4 procent", "percent", -2.4, { span: "2,4 procent", step: 0.1, sign: ["direction", true] }),
  r("nl", "de omzet daalde vorig jaar met 2,4 procent", "percent", -2.4, { span: "2,4 procent", step: 0.1, sign: ["direction", true] }),
  r("nl", "daalde met 25 basispunten", "basis-point", -25, { span: "25 basispunten", step: 1, sign: ["direction", true] }),
  r("nl", "2,4 procent lager", "percent", -2.4, { span: "2,4 procent", step: 0.1, sign: ["direction", true] }),
  r("nl", "4,2 procent hoger", "percent", 4.2, { span: "4,2 procent", step: 0.1, sign: ["direction", false] }),
  r("en", "up 4.2%", "percent", 4.2, { span: "4.2%", step: 0.1, sign: ["direction", false] }),
  r("en", "down 2.4%", "percent", -2.4, { span: "2.4%", step: 0.1, sign: ["direction", true] }),
  r("en", "a rise of 4.2%", "percent", 4.2, { span: "4.2%", step: 0.1, sign: ["direction", false] }),
  r("en", "a fall of 2.4%", "percent", -2.4, { span: "2.4%", step: 0.1, sign: ["direction", true] }),
  r("en", "rose by 4.2%", "percent", 4.2, { span: "4.2%", step: 0.1, sign: ["direction", false] }),
  r("en", "fell by 2.4%", "percent", -2.4, { span: "2.4%", step: 0.1, sign: ["direction", true] }),
  r("en", "a 2.4% fall", "percent", -2.4, { span: "2.4%", step: 0.1, sign: ["direction", true] }),
  r("en", "down 1,200", "count", -1200, { span: "1,200", step: 1, sign: ["direction", true] }),
  r("en", "down about €3 million", "EUR", -3_000_000, { span: "€3 million", step: 1_000_000, approx: true, sign: ["direction", true] }),
];

const LOSSES: Row[] = [
  r("fr", "une perte nette de 12 millions d’euros", "EUR", -12_000_000, { span: "12 millions d’euros", step: 1_000_000, sign: ["loss", true] }),
  r("fr", "une perte de 3 millions d’euros", "EUR", -3_000_000, { span: "3 millions d’euros", step: 1_000_000, sign: ["loss", true] }),
  r("fr", "un déficit de 2,1 milliards d’euros", "EUR", -2_100_000_000, { span: "2,1 milliards d’euros", step: 100_000_000, sign: ["loss", true] }),
  r("fr", "la perte nette s’élève à 12 millions de francs", "CHF", -12_000_000, { span: "12 millions de francs", step: 1_000_000, sign: ["loss", true] }),
  r("fr", "une perte nette d’environ 12 millions d’euros", "EUR", -12_000_000, { span: "12 millions d’euros", step: 1_000_000, approx: true, sign: ["loss", true] }),
  r("nl", "een nettoverlies van 12 miljoen euro", "EUR", -12_000_000, { span: "12 miljoen euro", step: 1_000_000, sign: ["loss", true] }),
  r("nl", "een verlies van 3 miljoen pond", "GBP", -3_000_000, { span: "3 miljoen pond", step: 1_000_000, sign: ["loss", true] }),
  r("nl", "het tekort bedraagt 2,1 miljard euro", "EUR", -2_100_000_000, { span: "2,1 miljard euro", step: 100_000_000, sign: ["loss", true] }),
  r("en", "a net loss of €12 million", "EUR", -12_000_000, { span: "€12 million", step: 1_000_000, sign: ["loss", true] }),
  r("en", "a loss of $3 million", "USD", -3_000_000, { span: "$3 million", step: 1_000_000, sign: ["loss", true] }),
  r("en", "the deficit was €2.1 billion", "EUR", -2_100_000_000, { span: "€2.1 billion", step: 100_000_000, sign: ["loss", true] }),
  r("en", `a net loss of ${M}€12 million`, "EUR", -12_000_000, { span: `${M}€12 million`, step: 1_000_000, sign: ["loss", true], problems: ["a loss is written with its absolute value in en: net loss of"] }),
  // A loss word says nothing of a percentage.
  r("fr", `un déficit de 3${B}%`, "percent", 3, { span: `3${B}%`, step: 1 }),
];

const BOUNDS: Row[] = [
  r("fr", "plus de 300 emplois", "count", 300, { span: "300", step: 1, bound: "more-than" }),
  r("fr", "au moins 300 emplois", "count", 300, { span: "300", step: 1, bound: "at-least" }),
  r("fr", "moins de 12 millions d’euros", "EUR", 12_000_000, { span: "12 millions d’euros", step: 1_000_000, bound: "less-than" }),
  r("fr", `jusqu’à 40${B}%`, "percent", 40, { span: `40${B}%`, step: 1, bound: "up-to" }),
  r("fr", "jusqu'à 250 mégawatts", "MW", 250, { span: "250 mégawatts", step: 1, bound: "up-to" }),
  r("fr", "jusqu’à 2030", "year", 2030, { span: "2030" }),
  r("fr", "plus de 2000 personnes", "count", 2000, { span: "2000", step: 1, bound: "more-than" }),
  r("nl", "meer dan 300 banen", "count", 300, { span: "300", step: 1, bound: "more-than" }),
  r("nl", "minstens 300 banen", "count", 300, { span: "300", step: 1, bound: "at-least" }),
  r("nl", "minder dan 12 miljoen euro", "EUR", 12_000_000, { span: "12 miljoen euro", step: 1_000_000, bound: "less-than" }),
  r("nl", "tot 40 procent", "percent", 40, { span: "40 procent", step: 1, bound: "up-to" }),
  r("nl", "tot 3.000 ton", "t", 3000, { span: "3.000 ton", step: 1, bound: "up-to" }),
  r("nl", "tot 2030", "year", 2030, { span: "2030" }),
  r("en", "more than 300 jobs", "count", 300, { span: "300", step: 1, bound: "more-than" }),
  r("en", "at least 300 jobs", "count", 300, { span: "300", step: 1, bound: "at-least" }),
  r("en", "less than €12 million", "EUR", 12_000_000, { span: "€12 million", step: 1_000_000, bound: "less-than" }),
  r("en", "fewer than 300 jobs", "count", 300, { span: "300", step: 1, bound: "less-than" }),
  r("en", "up to 40%", "percent", 40, { span: "40%", step: 1, bound: "up-to" }),
  r("en", "up to 2030", "year", 2030, { span: "2030" }),
  r("en", "less than 300 jobs", "count", 300, { span: "300", step: 1, bound: "less-than", problems: ["a count takes fewer than in en"] }),
  r("en", "fewer than 12 km", "km", 12, { span: "12 km", step: 1, bound: "less-than", problems: ["fewer than is for counts in en: less than"] }),
];

const PERIODS: Row[] = [
  r("fr", "le quatrième trimestre 2024", "quarter", "2024-Q4", { span: "quatrième trimestre 2024" }),
  r("fr", "au premier trimestre 2025", "quarter", "2025-Q1", { span: "premier trimestre 2025" }),
  r("fr", "T4 2024", "quarter", "2024-Q4"),
  r("fr", "Q4 2024", "quarter", "2024-Q4", { problems: ["a quarter in a list is written T4 2024 in fr"] }),
  r("fr", "au quatrième trimestre de 2024", "quarter", "2024-Q4", { span: "quatrième trimestre de 2024", problems: ["no “de” between the quarter and the year in fr"] }),
  r("nl", "het vierde kwartaal van 2024", "quarter", "2024-Q4", { span: "vierde kwartaal van 2024" }),
  r("nl", "in het derde kwartaal van 2025", "quarter", "2025-Q3", { span: "derde kwartaal van 2025" }),
  r("nl", "Q4 2024", "quarter", "2024-Q4"),
  r("nl", "het vierde kwartaal 2024", "quarter", "2024-Q4", { span: "vierde kwartaal 2024", problems: ["the quarter takes “van” before the year in nl"] }),
  r("en", "the fourth quarter of 2024", "quarter", "2024-Q4", { span: "fourth quarter of 2024" }),
  r("en", "in the second quarter of 2025", "quarter", "2025-Q2", { span: "second quarter of 2025" }),
  r("en", "Q4 2024", "quarter", "2024-Q4"),
  r("fr", "au premier semestre 2025", "half-year", "2025-H1", { span: "premier semestre 2025" }),
  r("fr", "au second semestre 2025", "half-year", "2025-H2", { span: "second semestre 2025" }),
  r("nl", "in de eerste jaarhelft van 2025", "half-year", "2025-H1", { span: "eerste jaarhelft van 2025" }),
  r("nl", "de tweede helft van 2025", "half-year", "2025-H2", { span: "tweede helft van 2025", problems: ["a half-year is written jaarhelft in nl"] }),
  r("en", "in the first half of 2025", "half-year", "2025-H1", { span: "first half of 2025" }),
  r("en", "the second half of 2025", "half-year", "2025-H2", { span: "second half of 2025" }),
  r("fr", "au printemps 2026", "season", "2026-spring", { span: "printemps 2026" }),
  r("fr", "l’été 2026", "season", "2026-summer", { span: "été 2026" }),
  r("fr", "à l’automne 2026", "season", "2026-autumn", { span: "automne 2026" }),
  r("fr", "l’hiver 2026-2027", "season", "2026-2027-winter", { span: "hiver 2026-2027" }),
  r("fr", "l’hiver 2026-27", "season", "2026-2027-winter", { span: "hiver 2026-27", problems: ["the second year of a season is written in full in fr: 2026-2027"] }),
  r("nl", "in het voorjaar van 2026", "season", "2026-spring", { span: "voorjaar van 2026" }),
  r("nl", "de zomer van 2026", "season", "2026-summer", { span: "zomer van 2026" }),
  r("nl", "het najaar van 2026", "season", "2026-autumn", { span: "najaar van 2026" }),
  r("nl", "de winter van 2026-2027", "season", "2026-2027-winter", { span: "winter van 2026-2027" }),
  r("nl", "de lente van 2026", "season", "2026-spring", { span: "lente van 2026", problems: ["season must be written voorjaar in nl"] }),
  r("en", "in spring 2026", "season", "2026-spring", { span: "spring 2026" }),
  r("en", "summer 2026", "season", "2026-summer"),
  r("en", "winter 2026-27", "season", "2026-2027-winter"),
  r("en", "winter 2026-2027", "season", "2026-2027-winter", { problems: ["the second year of a season is written with two digits in en: 2026-27"] }),
  r("en", "summer 2026-27", "season", "2026-2027-summer", { problems: ["only a winter spans two years"] }),
];

const DURATIONS: Row[] = [
  r("fr", "pendant trois ans", "duration", "P3Y", { span: "trois ans" }),
  r("fr", "six semaines", "duration", "P6W"),
  r("fr", "48 heures", "duration", "PT48H"),
  r("fr", "18 mois", "duration", "P18M"),
  r("fr", "30 jours", "duration", "P30D"),
  r("fr", "un an", "duration", "P1Y"),
  r("fr", "une semaine", "duration", "P1W"),
  r("fr", "Trois ans", "duration", "P3Y"),
  r("fr", "3 ans", "duration", "P3Y", { problems: ["a duration from one to nine is written in words in fr: trois"] }),
  r("fr", "trois an", "duration", "P3Y", { problems: ["unit must be plural from 2: ans"] }),
  r("nl", "drie jaar", "duration", "P3Y"),
  r("nl", "zes weken", "duration", "P6W"),
  r("nl", "48 uur", "duration", "PT48H"),
  r("nl", "18 maanden", "duration", "P18M"),
  r("nl", "30 dagen", "duration", "P30D"),
  r("nl", "één maand", "duration", "P1M"),
  r("nl", "drie jaren", "duration", "P3Y", { problems: ["jaar never takes a plural after a number in nl"] }),
  r("en", "three years", "duration", "P3Y"),
  r("en", "six weeks", "duration", "P6W"),
  r("en", "48 hours", "duration", "PT48H"),
  r("en", "18 months", "duration", "P18M"),
  r("en", "30 days", "duration", "P30D"),
  r("en", "one year", "duration", "P1Y"),
  r("en", "6 weeks", "duration", "P6W", { problems: ["a duration from one to nine is written in words in en: six"] }),
  r("en", "up to 48 hours", "duration", "PT48H", { span: "48 hours", bound: "up-to" }),
];

const QUANTITIES: Row[] = [
  r("fr", "250 mégawatts", "MW", 250, { step: 1 }),
  r("fr", "250 MW", "MW", 250, { step: 1 }),
  r("fr", "1,5 gigawatt", "GW", 1.5, { step: 0.1 }),
  r("fr", "40 gigawattheures", "GWh", 40, { step: 1 }),
  r("fr", "120 mégawattheures", "MWh", 120, { step: 1 }),
  r("fr", "3,2 térawattheures", "TWh", 3.2, { step: 0.1 }),
  r("fr", "12 km", "km", 12, { step: 1 }),
  r("fr", `3${N}000 tonnes`, "t", 3000, { step: 1 }),
  r("fr", "200 hectares", "ha", 200, { step: 1 }),
  r("fr", "250 mégawatt", "MW", 250, { step: 1, problems: ["unit must be plural from 2: mégawatts"] }),
  r("nl", "250 megawatt", "MW", 250, { step: 1 }),
  r("nl", "40 gigawattuur", "GWh", 40, { step: 1 }),
  r("nl", "12 km", "km", 12, { step: 1 }),
  r("nl", "3.000 ton", "t", 3000, { step: 1 }),
  r("nl", "200 hectare", "ha", 200, { step: 1 }),
  r("nl", "250 megawatts", "MW", 250, { step: 1, problems: ["a unit never takes a plural after a number in nl: megawatt"] }),
  r("en", "250 megawatts", "MW", 250, { step: 1 }),
  r("en", "40 gigawatt hours", "GWh", 40, { step: 1 }),
  r("en", "3.2 terawatt hours", "TWh", 3.2, { step: 0.1 }),
  r("en", "12 km", "km", 12, { step: 1 }),
  r("en", "3,000 tonnes", "t", 3000, { step: 1 }),
  r("en", "200 hectares", "ha", 200, { step: 1 }),
  r("en", "1.2 million tonnes", "t", 1_200_000, { step: 100_000 }),
];

const POINTS_AND_PRECISION: Row[] = [
  r("fr", "25 points de base", "basis-point", 25, { step: 1 }),
  r("fr", "1 point de base", "basis-point", 1, { step: 1 }),
  r("fr", "25 point de base", "basis-point", 25, { step: 1, problems: ["unit must be plural from 2: points de base"] }),
  r("nl", "25 basispunten", "basis-point", 25, { step: 1 }),
  r("en", "25 basis points", "basis-point", 25, { step: 1 }),
  r("fr", `1,0${B}%`, "percent", 1, { step: 0.1 }),
  r("nl", "1,0 procent", "percent", 1, { step: 0.1 }),
  r("en", "1.0%", "percent", 1, { step: 0.1 }),
  r("fr", "50,0 millions d’euros", "EUR", 50_000_000, { step: 100_000 }),
  r("nl", "50,0 miljoen euro", "EUR", 50_000_000, { step: 100_000 }),
  r("en", "€50.0 million", "EUR", 50_000_000, { step: 100_000 }),
  r("en", "2.10 percentage points", "percentage-point", 2.1, { step: 0.01 }),
];

const TABLES = { CURRENCIES, SIGNS, DIRECTIONS, LOSSES, BOUNDS, PERIODS, DURATIONS, QUANTITIES, POINTS_AND_PRECISION };

describe.each(Object.entries(TABLES))("readFigures v2: %s", (_name, rows) => {
  it("covers the three locales", () => {
    for (const loc of ["fr", "nl", "en"] as const) expect(rows.some((row) => row.loc === loc), loc).toBe(true);
  });
  it.each(rows.map((row) => [row.loc, row.input, row] as const))("%s %j", (loc, input, row) => {
    const figures = readFigures(input, loc);
    expect(figures, `figures in ${JSON.stringify(input)}`).toHaveLength(1);
    const f = figures[0]!;
    const span = row.span ?? input;
    expect({ text: f.text, start: f.start, unit: f.unit, value: f.value, step: f.step, bound: f.bound, approx: f.approx ?? false,
      sign: f.sign ? [f.sign.by, f.sign.negative] : undefined, problems: f.problems }).toEqual({
      text: span, start: input.indexOf(span), unit: row.unit, value: row.value, step: row.step, bound: row.bound, approx: row.approx ?? false,
      sign: row.sign, problems: row.problems ?? [],
    });
  });
});

describe("readFigures v2: running text", () => {
  it("a results brief in each locale reads every figure with its sign, bound and period", () => {
    const fr = `Au quatrième trimestre 2024, le chiffre d’affaires atteint 4,2 milliards de dollars, en hausse de 3,1${B}% ` +
      `par rapport à 2023, pour une perte nette de 12 millions de dollars. Le groupe prévoit au moins 300 embauches d’ici l’hiver 2026-2027 ` +
      `et jusqu’à 250 mégawatts en trois ans ; marge${B}: ${M}0,4 point de pourcentage.`;
    expect(readFigures(fr, "fr").map((f) => [f.text, f.unit, f.value, f.bound ?? "", f.problems])).toEqual([
      ["quatrième trimestre 2024", "quarter", "2024-Q4", "", []],
      ["4,2 milliards de dollars", "USD", 4_200_000_000, "", []],
      [`3,1${B}%`, "percent", 3.1, "", []],
      ["2023", "year", 2023, "", []],
      ["12 millions de dollars", "USD", -12_000_000, "", []],
      ["300", "count", 300, "at-least", []],
      ["hiver 2026-2027", "season", "2026-2027-winter", "", []],
      ["250 mégawatts", "MW", 250, "up-to", []],
      ["trois ans", "duration", "P3Y", "", []],
      [`${M}0,4 point de pourcentage`, "percentage-point", -0.4, "", []],
    ]);
    const nl = "In het vierde kwartaal van 2024 daalde de omzet met 2,4 procent tot 3,1 miljoen pond, van 2025 tot 2027; tot 300 banen.";
    expect(readFigures(nl, "nl").map((f) => [f.text, f.unit, f.value, f.bound ?? ""])).toEqual([
      ["vierde kwartaal van 2024", "quarter", "2024-Q4", ""],
      ["2,4 procent", "percent", -2.4, ""],
      ["3,1 miljoen pond", "GBP", 3_100_000, ""], // "daalde met 2,4 procent tot": tot after a figure is "to", no bound
      ["2025", "year", 2025, ""],
      ["2027", "year", 2027, ""],
      ["300", "count", 300, "up-to"],
    ]);
    const en = `Revenue was down 2.4% in the first half of 2025 at CHF${B}105.7 million; a net loss of $3 million, up to 2026.`;
    expect(readFigures(en, "en").map((f) => [f.text, f.unit, f.value])).toEqual([
      ["2.4%", "percent", -2.4],
      ["first half of 2025", "half-year", "2025-H1"],
      [`CHF${B}105.7 million`, "CHF", 105_700_000],
      ["$3 million", "USD", -3_000_000],
      ["2026", "year", 2026],
    ]);
  });

  it("“tot” after a figure ends a range and is no bound", () => {
    expect(readFigures("van 10 tot 20 miljoen euro", "nl").map((f) => [f.text, f.bound])).toEqual([["10", undefined], ["20 miljoen euro", undefined]]);
  });

  it("a hyphen between numbers is no sign", () => {
    expect(readFigures("pages 12-15, COVID-19", "en").map((f) => [f.text, f.value, f.sign])).toEqual([["12", 12, undefined], ["15", 15, undefined], ["19", 19, undefined]]);
  });
});
