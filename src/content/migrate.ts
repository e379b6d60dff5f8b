/**
 * Upgrading facts.yaml from version 1 to version 2. Version 2 shows exactly
 * the decimals a fact states (1,0 % keeps its zero); version 1 dropped
 * trailing zeros. The upgrade writes, for each figure, the decimals that
 * version 1 showed, so that every brief reads the same; comments and the
 * order of fields are kept.
 */
import { parseDocument } from "yaml";
import { moneyDisplayOf, SCALE_EXPONENT } from "./rules.ts";
import type { Fact, Facts } from "./schema.ts";

/** What {@link migrateFacts} did. */
export interface Migration {
  /** The new text; the same text when there was nothing to do. */
  text: string;
  /** One line per change, for the report. */
  changes: string[];
}

/** Upgrades a version-1 facts file (already validated as `facts`) to version 2. */
export function migrateFacts(text: string, facts: Facts): Migration {
  if (facts.version === 2) return { text, changes: [] };
  const doc = parseDocument(text);
  const changes: string[] = ["version: 1 → 2"];
  doc.setIn(["version"], 2);
  facts.facts.forEach((fact: Fact, index) => {
    switch (fact.type) {
      case "percent":
      case "percentage-point":
      case "basis-point":
      case "quantity": {
        const decimals = fact.decimals ?? 0;
        const shown = shownDecimals(fact.value, decimals);
        if (shown !== decimals) {
          doc.setIn(["facts", index, "decimals"], shown);
          changes.push(`facts.${index} (${fact.id}): decimals ${decimals} → ${shown}`);
        }
        break;
      }
      case "money": {
        const display = moneyDisplayOf(fact);
        const shown = shownDecimals(fact.value / 10 ** SCALE_EXPONENT[display.scale], display.decimals);
        if (shown !== display.decimals) {
          const node = doc.createNode({ scale: display.scale, decimals: shown });
          node.flow = true;
          doc.setIn(["facts", index, "display"], node);
          changes.push(`facts.${index} (${fact.id}): display ${display.scale} with ${shown} decimal(s) (was at most ${display.decimals})`);
        }
        break;
      }
      default:
        break;
    }
  });
  return { text: doc.toString({ lineWidth: 0 }), changes };
}

/** The decimals a value shows when rounded to `decimals` and its trailing zeros dropped. */
function shownDecimals(value: number, decimals: number): number {
  const fixed = Math.abs(value).toFixed(decimals);
  const fraction = fixed.includes(".") ? fixed.split(".")[1]!.replace(/0+$/, "") : "";
  return fraction.length;
}
