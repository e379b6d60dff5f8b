/**
 * Markdown helpers: escaping dataset text for Markdown (exactly once), and
 * reading plain text back from rendered Markdown.
 */
import { Marked, type Token, type Tokens, type TokensList } from "marked";

const SPECIAL = /[\\`*_[\]<>#|~&!{}]/g;

/**
 * Escapes a dataset text so that Markdown shows it literally: every
 * character that could start markup is backslash-escaped, a leading list or
 * heading marker is neutralised, bare URLs and e-mail addresses are kept
 * from becoming links, and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  let out = text.replace(/\s*\n\s*/g, " ").replace(SPECIAL, (c) => `\\${c}`);
  // GFM turns bare URLs and e-mail addresses into links: break the patterns.
  out = out.replace(/\b(https?|ftp):/gi, "$1\\:").replace(/\b(www)\./gi, "$1\\.").replace(/@/g, "\\@");
  out = out.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
  return out;
}

/** A marked instance with the settings every brief uses (GFM, synchronous). */
export function createMarked(): Marked {
  return new Marked({ gfm: true, breaks: false, async: false });
}

/** The plain text of inline tokens: escapes resolved, markup dropped. */
export function plainText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return "";
  let out = "";
  for (const token of tokens) {
    if (token.type === "escape") out += (token as Tokens.Escape).text;
    else if ("tokens" in token && token.tokens) out += plainText(token.tokens);
    else if (token.type === "br") out += " ";
    else if ("text" in token) out += decodeEntities(String(token.text));
  }
  return out;
}

/**
 * The heading and the first sentence of the first paragraph of a brief, from
 * its text or from its tokens (`marked.lexer`), which then serve for its HTML too.
 */
export function titleAndDescription(marked: Marked, markdown: string | TokensList): { title: string; description: string } {
  const tokens = typeof markdown === "string" ? marked.lexer(markdown) : markdown;
  const heading = tokens.find((t): t is Tokens.Heading => t.type === "heading" && (t as Tokens.Heading).depth === 1);
  const paragraph = tokens.find((t): t is Tokens.Paragraph => t.type === "paragraph");
  const firstLine = paragraph ? marked.Lexer.lexInline(paragraph.raw.split("\n")[0] ?? "") : [];
  return { title: plainText(heading?.tokens), description: plainText(firstLine) };
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name] ?? "");
}
