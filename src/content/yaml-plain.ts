/**
 * A quick reader for plain YAML, the way facts, front matter and settings are
 * written: block maps and sequences, flow maps and sequences on one line,
 * plain and quoted scalars on one line, comments. It gives the value the YAML
 * parser gives (YAML 1.2, core schema), or `undefined` for anything else: a
 * scalar over several lines, a block scalar, a tag, an anchor, a repeated key,
 * a syntax error. The caller then reads the text with the YAML parser, which
 * also reports what is wrong and where.
 *
 * Pure and total: never throws, never runs anything.
 */

/** Thrown inside the reader when the text leaves the plain subset. */
const NOT_PLAIN: unique symbol = Symbol("not plain");

/** The text's value, or undefined when the text is not plain YAML. */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  // Tabs, carriage returns, control and line-separator characters, a byte-order mark: the full parser decides.
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    return { value: new PlainReader(text).document() };
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

// eslint-disable-next-line no-control-regex
const UNUSUAL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** A map key written plainly: it must read as a string. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*/;
/** Longer keys are left to the full parser (YAML limits an implicit key to 1,024 characters). */
const MAX_KEY = 256;
/** After a key or a value: nothing, or spaces and perhaps a comment. */
const LINE_END = /^(?: +(?:#.*)?)?$/;

function fail(): never {
  throw NOT_PLAIN;
}

class PlainReader {
  readonly #lines: string[];
  #line = 0;

  constructor(text: string) {
    this.#lines = text.split("\n");
  }

  document(): unknown {
    this.#skip();
    if (this.#line >= this.#lines.length) fail();
    if (indentOf(this.#current()) !== 0) fail();
    const value = this.#block(0);
    this.#skip();
    if (this.#line < this.#lines.length) fail();
    return value;
  }

  #current(): string {
    return this.#lines[this.#line]!;
  }

  /** Moves past blank lines and lines that hold only a comment. */
  #skip(): void {
    while (this.#line < this.#lines.length) {
      const line = this.#current();
      const indent = indentOf(line);
      if (indent < line.length && line[indent] !== "#") return;
      this.#line++;
    }
  }

  /** The indentation of the next line with content, or -1 at the end. */
  #nextIndent(): number {
    this.#skip();
    return this.#line < this.#lines.length ? indentOf(this.#current()) : -1;
  }

  #block(indent: number): unknown {
    return isItem(this.#current(), indent) ? this.#sequence(indent) : this.#map(indent);
  }

  /** A block map whose keys stand at `column`; its first key may follow a `- ` on the current line. */
  #map(column: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const rest = this.#current().slice(column);
      const key = plainKey(rest);
      if (rest[key.length] !== ":" || Object.hasOwn(map, key)) fail();
      const after = rest.slice(key.length + 1);
      if (LINE_END.test(after)) {
        this.#line++;
        const next = this.#nextIndent();
        if (next > column) map[key] = this.#block(next);
        else if (next === column && isItem(this.#current(), column)) map[key] = this.#sequence(column);
        else map[key] = null;
      } else {
        if (after[0] !== " ") fail();
        map[key] = this.#inline(after.slice(indentOf(after)));
      }
      const next = this.#nextIndent();
      if (next < column) return map;
      if (next > column || isItem(this.#current(), column)) fail();
    }
  }

  /** A block sequence whose dashes stand at `column`. */
  #sequence(column: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const after = this.#current().slice(column + 1);
      if (LINE_END.test(after)) {
        this.#line++;
        const next = this.#nextIndent();
        items.push(next > column ? this.#block(next) : null);
      } else {
        const start = column + 1 + indentOf(after);
        const rest = this.#current().slice(start);
        if (rest === "-" || rest.startsWith("- ")) fail();
        const key = KEY.exec(rest)?.[0];
        if (key !== undefined && rest[key.length] === ":" && (rest.length === key.length + 1 || rest[key.length + 1] === " ")) {
          items.push(this.#map(start));
        } else {
          items.push(this.#inline(rest));
        }
      }
      const next = this.#nextIndent();
      if (next < column || (next === column && !isItem(this.#current(), column))) return items;
      if (next > column) fail();
    }
  }

  /** A value that ends on its line: a flow collection, a quoted or a plain scalar. */
  #inline(text: string): unknown {
    let value: unknown;
    let end: number;
    const first = text[0];
    if (first === "{" || first === "[" || first === '"' || first === "'") {
      const flow = new FlowReader(text);
      value = flow.value();
      end = flow.at;
      if (!LINE_END.test(text.slice(end))) fail();
    } else {
      const comment = text.indexOf(" #");
      const plain = trimSpaces(comment === -1 ? text : text.slice(0, comment));
      if (!plainStart(plain, false) || plain.includes(": ") || plain.endsWith(":")) fail();
      value = resolvePlain(plain);
    }
    this.#line++;
    return value;
  }
}

/** Reads one flow value on one line, from its first character. */
class FlowReader {
  at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  value(): unknown {
    const text = this.#text;
    const first = text[this.at];
    if (first === "{") return this.#map();
    if (first === "[") return this.#sequence();
    if (first === '"') return this.#doubleQuoted();
    if (first === "'") return this.#singleQuoted();
    return this.#plain();
  }

  #spaces(): void {
    while (this.#text[this.at] === " ") this.at++;
  }

  #map(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.#entries("}", () => {
      const key = plainKey(this.#text.slice(this.at));
      if (Object.hasOwn(map, key)) fail();
      this.at += key.length;
      if (this.#text[this.at] !== ":" || this.#text[this.at + 1] !== " ") fail();
      this.at += 2;
      this.#spaces();
      if (this.#text[this.at] === "," || this.#text[this.at] === "}") fail();
      map[key] = this.value();
    });
    return map;
  }

  #sequence(): unknown[] {
    const items: unknown[] = [];
    this.#entries("]", () => {
      if (this.#text[this.at] === "," || this.#text[this.at] === "]") fail();
      items.push(this.value());
    });
    return items;
  }

  /** The entries of a flow collection, from its opening bracket to `close`, one comma between two (none after the last). */
  #entries(close: string, entry: () => void): void {
    this.at++;
    this.#spaces();
    if (this.#text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      entry();
      this.#spaces();
      const next = this.#text[this.at++];
      if (next === close) return;
      if (next !== ",") fail();
      this.#spaces();
      if (this.#text[this.at] === close) fail();
    }
  }

  #doubleQuoted(): string {
    const text = this.#text;
    let out = "";
    let i = this.at + 1;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail();
      if (ch === '"') break;
      if (ch === "\\") {
        const next = text[i + 1];
        if (next === undefined) fail();
        const code = ESCAPES[next];
        if (code !== undefined) {
          out += code;
          i += 2;
          continue;
        }
        const length = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
        const hex = text.slice(i + 2, i + 2 + length);
        if (length === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) fail();
        const point = parseInt(hex, 16);
        if (point > 0x10ffff) fail();
        out += String.fromCodePoint(point);
        i += 2 + length;
        continue;
      }
      out += ch;
      i++;
    }
    this.at = i + 1;
    this.#afterQuote();
    return out;
  }

  #singleQuoted(): string {
    const text = this.#text;
    let out = "";
    let i = this.at + 1;
    for (;;) {
      const close = text.indexOf("'", i);
      if (close === -1) fail();
      out += text.slice(i, close);
      if (text[close + 1] === "'") {
        out += "'";
        i = close + 2;
        continue;
      }
      this.at = close + 1;
      this.#afterQuote();
      return out;
    }
  }

  /** A quoted scalar is followed by spaces, a separator or the end, never by more text. */
  #afterQuote(): void {
    const next = this.#text[this.at];
    if (next !== undefined && next !== " " && next !== "," && next !== "]" && next !== "}") fail();
  }

  #plain(): unknown {
    const text = this.#text;
    const start = this.at;
    let i = start;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === "," || ch === "]" || ch === "}") break;
      if (ch === "[" || ch === "{") fail();
      if (ch === ":" && (i + 1 === text.length || " ,[]{}".includes(text[i + 1]!))) fail();
      if (ch === "#" && text[i - 1] === " ") fail();
    }
    const plain = trimSpaces(text.slice(start, i));
    if (!plainStart(plain, true)) fail();
    this.at = start + plain.length;
    return resolvePlain(plain);
  }
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};

/** The map key at the start of `text`: written plainly, read as a string, not `__proto__`. */
function plainKey(text: string): string {
  const key = KEY.exec(text)?.[0];
  if (key === undefined || key.length > MAX_KEY || typeof resolvePlain(key) !== "string" || key === "__proto__") fail();
  return key;
}

/** Spaces at the end removed; YAML's white space is the space (tabs are left to the full parser), not the no-break space. */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

/** The spaces at the start of a line. */
function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** True when the line holds a sequence item (`- ` or a lone `-`) at `column`. */
function isItem(line: string, column: number): boolean {
  return line[column] === "-" && (line.length === column + 1 || line[column + 1] === " ");
}

/** True when `plain` may stand as a plain scalar (YAML 1.2, ns-plain-first). */
function plainStart(plain: string, inFlow: boolean): boolean {
  if (plain === "") return false;
  const first = plain[0]!;
  if ("-?:".includes(first)) {
    const next = plain[1];
    return next !== undefined && next !== " " && !(inFlow && ",[]{}".includes(next));
  }
  return !",[]{}#&*!|>'\"%@`".includes(first);
}

const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]|^$/;

/** A plain scalar's value under the core schema, as the YAML parser resolves it. */
function resolvePlain(plain: string): unknown {
  // Most scalars are words: only these first characters can start anything but a string.
  if (!MAYBE_NOT_STRING.test(plain)) return plain;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(plain)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(plain)) return plain[0] === "t" || plain[0] === "T";
  if (/^0o[0-7]+$/.test(plain)) return parseInt(plain.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(plain)) return parseInt(plain, 10);
  if (/^0x[0-9a-fA-F]+$/.test(plain)) return parseInt(plain.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(plain)) {
    return plain.slice(-3).toLowerCase() === "nan" ? NaN : plain[0] === "-" ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(plain)) return parseFloat(plain);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(plain)) return parseFloat(plain);
  return plain;
}
