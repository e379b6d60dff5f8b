import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gather } from "../src/io/gather.ts";
import { createSpool } from "../src/io/write.ts";

const joined = (pieces: Array<string | Uint8Array>) => {
  const { parts, size, starts } = gather(pieces);
  const bytes = Buffer.concat(parts);
  expect(bytes.length).toBe(size);
  return { bytes, starts };
};
const naive = (pieces: Array<string | Uint8Array>) => Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));

describe("gather", () => {
  it("puts a feed together from an earlier file's items and new texts, with each piece's offset", () => {
    const old = Buffer.from('{"items": [\n{"id":"a"},\n{"id":"b"},\n{"id":"c"}\n]}\n', "utf8");
    const at = (text: string) => old.indexOf(text);
    const item = (text: string) => old.subarray(at(text), at(text) + text.length);
    const pieces = ['{"items": [\n', item('{"id":"a"}'), ",\n", '{"id":"née"}', ",\n", item('{"id":"b"}'), ",\n", item('{"id":"c"}'), "\n]}\n"];
    const { bytes, starts } = joined(pieces);
    expect(bytes.toString("utf8")).toBe('{"items": [\n{"id":"a"},\n{"id":"née"},\n{"id":"b"},\n{"id":"c"}\n]}\n');
    // The unchanged items and what lies between them are one run of the earlier file: head, a, new item, then b to the end.
    expect(gather(pieces).parts.length).toBeLessThanOrEqual(6);
    expect(starts).toHaveLength(pieces.length + 1);
    for (const [i, piece] of pieces.entries()) expect(bytes.subarray(starts[i], starts[i + 1]).equals(naive([piece]))).toBe(true);
  });

  it("does not run on over bytes of the earlier file that differ from the text between pieces", () => {
    const old = Buffer.from("AA;BB", "utf8");
    const { bytes } = joined([old.subarray(0, 2), ",", old.subarray(3, 5)]);
    expect(bytes.toString()).toBe("AA,BB");
  });

  it("gives the bytes of every piece in order, whatever the pieces (property)", () => {
    const piece = (old: Buffer) =>
      fc.oneof(
        fc.string({ maxLength: 80, unit: "grapheme" }),
        fc.tuple(fc.nat({ max: old.length }), fc.nat({ max: 40 })).map(([from, length]) => old.subarray(from, Math.min(old.length, from + length))),
        fc.uint8Array({ maxLength: 20 }),
      );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).chain((text) => {
          const old = Buffer.from(text.repeat(3), "utf8");
          return fc.array(piece(old), { maxLength: 40 });
        }),
        (pieces) => {
          const { bytes, starts } = joined(pieces);
          expect(bytes.equals(naive(pieces))).toBe(true);
          for (const [i, p] of pieces.entries()) expect(bytes.subarray(starts[i], starts[i + 1]).equals(naive([p]))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("a spool", () => {
  it("gives back each text set aside as its UTF-8 bytes, and leaves no file in its folder", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-spool-"));
    try {
      const spool = createSpool(path.join(dir, "items.spool"));
      const texts: Array<string | Uint8Array> = ['{"title": "Le budget : 544,7 millions d’euros"}', new TextEncoder().encode("Sint-Niklaas\u202f"), "", "x".repeat(70_000)];
      const places = texts.map((text) => spool.put(text));
      // Removed from the folder as soon as it is made: a run that is stopped leaves nothing behind.
      expect(readdirSync(dir)).toEqual([]);
      for (const [i, text] of [...texts.entries()].reverse()) {
        expect(spool.get(places[i]!)).toEqual(typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text));
      }
      spool.close();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
