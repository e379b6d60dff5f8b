/**
 * What the verifier reads of a dataset: a structural view of `facts.yaml`
 * (fact model v2, which keeps every v1 file valid), written here so that the
 * verifier depends on the shape of the data, not on the loader's schema.
 * Only the fields the verifier looks at are named; a loaded dataset has more.
 */

/** A bound, never an approximation (plus de, minstens, up to, …). */
export type FactBound = "more-than" | "at-least" | "less-than" | "up-to";
/** The currencies a money figure can be in. */
export type FactCurrency = "EUR" | "USD" | "GBP" | "CHF";
/** The units a quantity can be in, by their symbol. */
export type QuantityUnit = "MW" | "GW" | "MWh" | "GWh" | "TWh" | "km" | "t" | "ha";
/** What a change measures. */
export type ChangeUnit = "percent" | "percentage-point" | "basis-point" | "money" | "count";

/** Fields every fact may have. */
interface Common {
  id: string;
  /** @default true */
  required?: boolean | undefined;
  approx?: boolean | undefined;
  bound?: FactBound | undefined;
  measure?: string | undefined;
}

export type MoneyFact = Common & {
  type: "money";
  value: number;
  currency: string;
  /** The step of the last digit the source states. @default 1 */
  precision?: number | undefined;
  display?: { scale: string; decimals: number } | undefined;
};
export type CountFact = Common & { type: "count"; value: number };
export type PercentFact = Common & { type: "percent" | "percentage-point" | "basis-point"; value: number; decimals?: number | undefined };
export type QuantityFact = Common & { type: "quantity"; value: number; unit: string; decimals?: number | undefined };
export type YearFact = Common & { type: "year"; value: number };
export type YearRangeFact = Common & { type: "year-range"; value: readonly [number, number] };
/** month "YYYY-MM", date "YYYY-MM-DD", quarter "2024-Q4", half-year "2025-H1",
 *  season "2026-spring" or "2026-2027-winter", duration "P3Y", "PT48H". */
export type PeriodFact = Common & { type: "month" | "date" | "quarter" | "half-year" | "season" | "duration"; value: string };
export type ChangeFact = Common & {
  type: "change";
  unit: ChangeUnit;
  value?: number | undefined;
  /** ids of the two facts the change goes between (both or neither) */
  from?: string | undefined;
  to?: string | undefined;
  "compared-with"?: string | undefined;
  decimals?: number | undefined;
  currency?: string | undefined;
  /** with `unit: money`: the step of the last digit the source states */
  precision?: number | undefined;
};

/** A fact as the verifier reads it. */
export type VerifierFact = MoneyFact | CountFact | PercentFact | QuantityFact | YearFact | YearRangeFact | PeriodFact | ChangeFact;

/** A dataset as the verifier reads it: `{ facts: [...], editorial: { date } }`. */
export interface VerifierDataset {
  version?: number | undefined;
  editorial: { date: string };
  facts: readonly VerifierFact[];
}
