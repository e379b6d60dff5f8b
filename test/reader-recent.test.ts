/**
 * The reader remembers recent answers (the same passages recur in an article's Markdown, HTML and feed
 * item). What it remembers must never change an answer: the same text read in another language, a
 * caller that changes what it was given, a text forgotten and read again. And the quick scan that
 * spares most texts the search for odd characters must agree with that search on every code unit.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { oddCharacters, readFigures } from "../src/verify/reader.ts";

const plain = (figures: ReturnType<typeof readFigures>) => figures.map((f) => ({ ...f, problems: [...f.problems] }));

describe("recent answers", () => {
  it("reads the same text by the rules of the language it is asked in", () => {
    expect(readFigures("1.500", "fr").map((f) => f.value)).toEqual([1500]);
    expect(readFigures("1.500", "en").map((f) => f.value)).toEqual([1.5]);
    expect(readFigures("1.500", "nl").map((f) => f.value)).toEqual([1500]);
    expect(readFigures("1.500", "en").map((f) => f.value)).toEqual([1.5]);
  });

  it("gives every caller the same answer, whatever an earlier caller did with its own", () => {
    const text = "Le déficit atteint 1,2 milliard d’euros, en hausse de 3,4 % sur un an.";
    const first = readFigures(text, "fr");
    const expected = plain(first);
    first.pop();
    first.push({ ...first[0]!, value: 7 });
    expect(() => {
      (first[0] as { value: unknown }).value = 42;
    }).toThrow(TypeError);
    expect(() => first[0]!.problems.push("added")).toThrow(TypeError);
    expect(plain(readFigures(text, "fr"))).toEqual(expected);
  });

  it("keeps no larger text in memory than the texts it remembers", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < 100; n++) {
      // a short passage cut from a text of a million characters, as a passage is cut from a whole feed
      const whole = `${"x".repeat(1_000_000)}${n} Un budget de 3 millions d’euros, dont deux tiers pour ${n} communes.`;
      expect(readFigures(whole.slice(1_000_000 - 3), "fr").map((f) => f.value)).toEqual([3_000_000, 2 / 3, n]);
    }
    gc();
    // 100 texts of a million characters would be 100 MB or more
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20_000_000);
  });

  it("answers the same once a text has been forgotten", () => {
    const texts = Array.from({ length: 2000 }, (_, n) => `En ${2000 + (n % 26)}, ${n} personnes et ${n / 10} % de plus.`);
    const before = texts.map((t) => plain(readFigures(t, "fr")));
    // 2,000 texts are more than it keeps: the first ones are read again from scratch.
    const after = texts.map((t) => plain(readFigures(t, "fr")));
    expect(after).toEqual(before);
    expect(before[123]!.map((f) => f.value)).toEqual([2019, 123, 12.3]);
  });
});

describe("odd characters", () => {
  const FOREIGN_DIGIT = /(?![0-9])[\p{Nd}\p{No}\p{Nl}]/gu;
  const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|\u00AD(?=\p{N})|(?<=\p{N})\u00AD/gu;
  const bySearch = (t: string) => [...t.matchAll(FOREIGN_DIGIT), ...t.matchAll(INVISIBLE)].map((m) => m.index).sort((a, b) => a - b);

  it("finds what a full search finds, for every UTF-16 code unit, alone and between digits or letters", () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      for (const around of ["", "1", "a"]) {
        const text = `${around}${String.fromCharCode(code)}${around}`;
        const found = oddCharacters(text).map((o) => o.index);
        if (found.join() !== bySearch(text).join()) differ.push(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it("finds digits outside the Basic Multilingual Plane", () => {
    expect(oddCharacters("total: 𝟙𝟚 et 𐒡").map((o) => o.code)).toEqual(["U+1D7D9", "U+1D7DA", "U+104A1"]);
    expect(oddCharacters("un sourire 😀, rien d’autre")).toEqual([]);
  });
});

describe("words that name a property of every object", () => {
  it("are words, not numbers, in every language and every place a number word is looked up", () => {
    for (const locale of ["fr", "nl", "en"] as const) {
      for (const text of ["the constructor said", "un constructor", "quatre-constructor", "deux constructor", "een constructor", "two constructor", "constructor 2024", "drieconstructor"]) {
        // read as the same text with an ordinary word in its place
        const plainWord = readFigures(text.replace("constructor", "rapport"), locale).map((f) => f.text.replace("rapport", "constructor"));
        expect(readFigures(text, locale).map((f) => f.text), `${locale}: ${text}`).toEqual(plainWord);
      }
    }
    expect(readFigures("Le constructor a livré deux tiers des 1 200 avions.", "fr").map((f) => f.value)).toEqual([2 / 3, 1200]);
  });
});
