/**
 * Builds diagnostics from the entries of the catalogue: a call site names
 * the entry, passes the values its message needs and where the problem is.
 */
import type { CatalogueEntry } from "./catalogue.ts";
import { diagnostic, type Diagnostic } from "./diagnostic.ts";

/** Where a problem is, and what was expected and found there. */
export type Where = Omit<Diagnostic, "rule" | "message" | "line" | "column" | "severity" | "usage"> &
  Partial<Pick<Diagnostic, "line" | "column" | "severity" | "usage">>;

/** The rule id, message, severity and usage of one case of an entry, without a position. */
export interface Phrased {
  rule: string;
  message: string;
  severity?: Diagnostic["severity"];
  usage?: true;
}

/** The rule id and message of one case of `entry`, with its severity and usage when the entry sets them. */
export function phrase<A>(entry: CatalogueEntry<A>, args: A): Phrased {
  return {
    rule: entry.ruleFor ? entry.ruleFor(args) : entry.rule,
    message: entry.message(args),
    ...(entry.severity ? { severity: entry.severity } : {}),
    ...(entry.usage ? { usage: entry.usage } : {}),
  };
}

/** A diagnostic of one case of `entry` at `where`; `where` may set the severity or usage of this one case. */
export function diagnose<A>(entry: CatalogueEntry<A>, args: A, where: Where): Diagnostic {
  return diagnostic({ ...phrase(entry, args), ...where });
}
