/**
 * Drafting a text that repeats itself: each question the draft asks of its
 * body is answered once, and the answers are those of a text said once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractFigures } from "../src/extract/index.ts";
import { endOfFigureBefore, endsOfFiguresBefore, type SourceFigure } from "../src/provenance/consistency.ts";
import { draftFacts } from "../src/provenance/draft.ts";

const PARAGRAPH =
  "L’inflation s’établit à 2,38 % en novembre 2026, contre 2,61 % en octobre. Elle recule ainsi de 0,23 point de pourcentage en un mois. En octobre 2026, Statbel a recensé 1 047 faillites d’entreprises, soit 4,2 % de moins qu’en octobre 2025.";

describe("drafting a text that repeats itself", () => {
  it("finds the end of the figure before each figure as a scan of every figure does", () => {
    const span = fc.tuple(fc.nat(500), fc.nat(40)).map(([start, length]) => ({ start, end: start + length + 1 }) as SourceFigure);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), span, (figures, figure) => {
        expect(endsOfFiguresBefore(figures)(figure)).toBe(endOfFigureBefore(figures, figure));
        for (const each of figures) expect(endsOfFiguresBefore(figures)(each)).toBe(endOfFigureBefore(figures, each));
      }),
    );
  });

  it("drafts the facts of a paragraph said two hundred times as those of the paragraph said twice", () => {
    const draft = (times: number) => {
      const body = Array.from({ length: times }, () => PARAGRAPH).join("\n\n");
      return draftFacts({ body, figures: extractFigures(body) });
    };
    const ids = (text: string) => [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    const twice = draft(2);
    const many = draft(200);
    expect(ids(many)).toEqual(ids(twice));
    expect(ids(many).length).toBeGreaterThan(5);
    // The ignored figures and their reasons are the same too, one entry per place.
    const reasons = (text: string) => [...new Set([...text.matchAll(/^ {4}reason: (.*)$/gm)].map((m) => m[1]))];
    expect(reasons(many)).toEqual(reasons(twice));
  });
});
