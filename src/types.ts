/**
 * Boundary types: what crosses from one ring of newsbrief to another (the
 * command line, the file system, the stages). A leaf: it imports nothing.
 */

/** The locales newsbrief writes, in output order. */
export const LOCALES = ["fr", "nl", "en"] as const;
/** A locale newsbrief writes. */
export type Locale = (typeof LOCALES)[number];

/** What the command line needs of a process. */
export interface CliProcess {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: long runs then show a progress line there. @default false */
  isTTY?: boolean;
  /** Milliseconds of a monotonic clock, for progress rates. @default Date.now */
  now?: () => number;
  /** The environment: where `publish --to wordpress` reads its credentials. @default no variables */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where a project's folders are. */
export interface ProjectPaths {
  /** The project root; every other path is relative to it. */
  root: string;
  /** @default "content" */
  content: string;
  /** @default "templates" */
  templates: string;
  /** @default "locales" */
  locales: string;
  /** @default "out" */
  out: string;
}

/** The two files of one article, as read. */
export interface ArticleFiles {
  /** Folder name under `content/`. */
  slug: string;
  /** Project-relative path of `facts.yaml`. */
  factsFile: string;
  factsText: string;
  /** Project-relative path of `source.fr.md`. */
  sourceFile: string;
  sourceText: string;
}

/** A brief template, as read: a story type's `brief.md.hbs` and `type.yaml`, or a single `<name>.md.hbs`. */
export interface TemplateFile {
  /** Template name: the story type's folder, or the file name without `.md.hbs`. */
  name: string;
  /** Project-relative path of the Handlebars template. */
  file: string;
  text: string;
  /** The story type's `type.yaml`, for a story type folder. */
  definition?: { file: string; text: string };
}

/** A locale's messages file, as read. */
export interface LocaleFile {
  locale: Locale;
  /** Project-relative path. */
  file: string;
  text: string;
}

/** One file a build writes. */
export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  contents: string;
}

/** The project's settings file, at the root. */
export const CONFIG_FILE = "newsbrief.config.json";
