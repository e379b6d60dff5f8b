/**
 * Where an offending text of an output was written: the verifier looks for
 * it among the inputs that reach a brief — the texts of `facts.yaml` that a
 * brief shows, the locale messages, the templates — and names the line and
 * column of the input that holds it. Pure: takes the inputs' texts.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from "yaml";

/** An input whose text can reach an output. */
export interface InputText {
  /** Path shown in diagnostics (project-relative). */
  file: string;
  kind: "facts" | "locale" | "template";
  /** The locale of a locale file; others are read whole. */
  locale?: string;
  text: string;
}

/** A text to look for, after `skip` characters of context. */
export interface Needle {
  text: string;
  skip: number;
}

/** A position in an input. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** One string of an input: its value and where its source stands. */
interface Piece {
  file: string;
  /** the locale the string is written in, when known */
  locale: string | undefined;
  value: string;
  /** the offset of the string's source in the file, and the source itself */
  from: number;
  source: string;
  lineStarts: readonly number[];
}

/** The parts of `facts.yaml` that a brief shows. */
const SHOWN = [/^story\./, /^facts\.\d+\.label\./, /^quotes\.\d+\.(?:speaker|role|text)/, /^related\.\d+\.title\./];

/** Finds the inputs that hold a text of an output. */
export class Origins {
  readonly #inputs: readonly InputText[];
  #pieces: Piece[] | undefined;

  /** The inputs are read only when a text is first looked for: a brief without problems costs nothing. */
  constructor(inputs: readonly InputText[]) {
    this.#inputs = inputs;
  }

  get #all(): Piece[] {
    return (this.#pieces ??= this.#inputs.flatMap(piecesOf));
  }

  /**
   * The position of the first of `needles` found in an input of `locale`
   * (or of no locale), tried in order; undefined when no input holds any.
   * A needle may carry words of context before the offending text: `skip`
   * says how many characters of it to pass over.
   */
  find(needles: readonly (string | Needle)[], locale: string): Origin | undefined {
    // Texts of the output's locale (and templates) first, then the others (an original quote).
    const all = this.#all;
    const pieces = [...all.filter((p) => p.locale === undefined || p.locale === locale), ...all.filter((p) => p.locale !== undefined && p.locale !== locale)];
    for (const entry of needles) {
      const { text: needle, skip } = typeof entry === "string" ? { text: entry, skip: 0 } : entry;
      if (needle.trim() === "") continue;
      const wanted = fold(needle);
      for (const piece of pieces) {
        const index = fold(piece.value).indexOf(wanted);
        if (index === -1) continue;
        return position(piece, locateInSource(piece, index, needle) + skip);
      }
    }
    return undefined;
  }
}

/**
 * The strings of one input, kept by the input's text: the locale files and
 * templates that every article shares are read once per run.
 */
const PIECES = new Map<string, Piece[]>();
const PIECES_KEPT = 64;

function piecesOf(input: InputText): Piece[] {
  const key = `${input.kind}\u0000${input.file}\u0000${input.locale ?? ""}\u0000${input.text}`;
  let pieces = PIECES.get(key);
  if (pieces) return pieces;
  pieces = [];
  const lineStarts = [0];
  for (let i = input.text.indexOf("\n"); i !== -1; i = input.text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const add = (value: string, from: number, to: number, locale: string | undefined) =>
    pieces!.push({ file: input.file, locale, value, from, source: input.text.slice(from, to), lineStarts });
  if (input.kind === "template") {
    add(input.text, 0, input.text.length, undefined);
  } else {
    const doc = parseDocument(input.text, { logLevel: "silent", uniqueKeys: false });
    const walk = (node: unknown, path: string[]) => {
      if (isMap(node) || isSeq(node)) {
        node.items.forEach((item: unknown, index) => {
          if (isPair(item)) walk(item.value, [...path, String(isScalar(item.key) ? item.key.value : "")]);
          else walk(item, [...path, String(index)]);
        });
      } else if (isScalar(node) && typeof node.value === "string" && node.range) {
        const dotted = path.join(".");
        if (input.kind === "facts" && !SHOWN.some((re) => re.test(`${dotted}.`))) return;
        const locale = input.kind === "locale" ? input.locale : path.find((p) => ["fr", "nl", "en"].includes(p));
        add(node.value, node.range[0], node.range[1], locale);
      }
    };
    walk(doc.contents as Node | null, []);
  }
  if (input.kind !== "facts") {
    if (PIECES.size >= PIECES_KEPT) PIECES.delete(PIECES.keys().next().value!);
    PIECES.set(key, pieces);
  }
  return pieces;
}

/** Case and no-break spaces set aside, keeping every offset. */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return (lower.length === text.length ? lower : text).replace(/[\u00A0\u202F]/g, " ");
}

/** The offset in the file of the needle found at `index` of the piece's value. */
function locateInSource(piece: Piece, index: number, needle: string): number {
  const verbatim = piece.source.indexOf(piece.value);
  if (verbatim !== -1) return piece.from + verbatim + index;
  const direct = fold(piece.source).indexOf(fold(needle));
  return piece.from + (direct === -1 ? 0 : direct);
}

function position(piece: Piece, offset: number): Origin {
  let low = 0;
  let high = piece.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((piece.lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { file: piece.file, line: low + 1, column: offset - (piece.lineStarts[low] ?? 0) + 1 };
}
