/**
 * The figures `extractFigures` finds in a French text.
 */

/**
 * One figure found in a text.
 *
 * `unit` is one of:
 * - an ISO 4217 currency code (`EUR`, `CHF`, `USD`, `GBP`, `JPY`, `CNY`, `XOF`…): `value` in currency units;
 * - `percent` (`15 %` → 15), `percentage-point` (`2 points de pourcentage` → 2), `basis-point`;
 * - `count`: a plain quantity (`3 000 emplois` → 3000, `deux millions d’habitants` → 2000000);
 * - `fraction`: `deux tiers` → 2/3, `la moitié` → 0.5;
 * - `year` (value: the year), `year-range` (value: `[from, to]`), `month` (value `YYYY-MM`),
 *   `date` (value `YYYY-MM-DD`, or `--MM-DD` without a year), `season` (value `YYYY-21` spring,
 *   `-22` summer, `-23` autumn, `-24` winter, as in ISO 8601-2 / EDTF; a season across two years,
 *   `l’hiver 2026-2027`, is `2026/2027-24`), `time` (value `HH:MM`);
 * - `quarter` (value `YYYY-Qn`, `--Qn` without a year: `T4 2024` → `2024-Q4`), `half-year`
 *   (value `YYYY-Hn`, `--Hn`: `premier semestre 2025` → `2025-H1`);
 * - `duration`: value an ISO 8601 duration string (`trois ans` → `P3Y`, `18 mois` → `P18M`,
 *   `deux semaines` → `P2W`, `48 heures` → `PT48H`; negative with the sign in front, `-P33D`);
 * - a physical unit in its usual symbol: `km`, `km²`, `m`, `m²`, `ha`, `t`, `kg`, `l`, `MW`, `GW`, `kW`,
 *   `MWh`, `GWh`, `TWh`, `kWh`, `°C`, `km/h` (value in that unit, scale words applied:
 *   `2 millions de tonnes` → 2000000 `t`);
 * - `label`: a number that names or points at something rather than measuring it
 *   (`France 2030`, `Horizon Europe 2021`, `article 12`): value the number.
 */
export interface ExtractedFigure {
  /** The exact span of the input: `input.slice(start, end)`. Hedge words (`près de`) are not part of it. */
  text: string;
  /** UTF-16 offset of the first character of the span. */
  start: number;
  /** UTF-16 offset just after the span. */
  end: number;
  /** The value in base units (see the unit list above). */
  value: number | [number, number] | string;
  /** What the value measures (see the unit list above). */
  unit: string;
  /** Present, and true, when the text hedges (`près de`, `environ`, `une dizaine`). A bound is not a hedge. */
  approx?: true;
  /**
   * Present when the text gives the figure as a bound: `plus de`, `supérieur à`, `au-delà de` →
   * `more-than`; `au moins`, `au minimum`, `pas moins de` → `at-least`; `moins de`, `inférieur à`,
   * `sous la barre de` → `less-than`; `jusqu’à`, `au plus`, `au maximum` → `up-to`.
   */
  bound?: "more-than" | "at-least" | "less-than" | "up-to";
  /**
   * Present on an amount whose currency the text does not write next to it but names elsewhere:
   * in the same sentence (`55 millions €, dont 5 millions`), the same paragraph or table (a header
   * `en millions d’euros`), or the article (the only currency it names).
   */
  currencySource?: "sentence" | "paragraph" | "article";
}
