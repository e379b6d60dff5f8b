/**
 * The commands the pull-request workflow (.github/workflows/newsbrief.yml)
 * runs, in order. The workflow test asserts that its `run:` lines are
 * exactly these, and the end-to-end review test runs these same lines in a
 * checkout like the one CI makes.
 */
export const WORKFLOW_FILE = ".github/workflows/newsbrief.yml";

/** Every `run:` line of the workflow, in order. */
export const WORKFLOW_COMMANDS = [
  "npm ci",
  "npx newsbrief check",
  'npx newsbrief diff --base "origin/${BASE_REF}" --format markdown > report.md',
] as const;

/** The report file the diff step writes and the comment step posts. */
export const REPORT_FILE = "report.md";

/**
 * Turns a `npx newsbrief ...` line into the CLI's arguments, with `$VAR`
 * and `${VAR}` taken from `env`, double quotes removed and a trailing
 * `> file` redirection split off. Throws on anything else, so that a change
 * to the workflow that the tests cannot run does not pass unnoticed.
 */
export function newsbriefArgs(line: string, env: Readonly<Record<string, string>>): { args: string[]; redirect?: string } {
  const prefix = "npx newsbrief ";
  if (!line.startsWith(prefix)) throw new Error(`not a newsbrief command: ${line}`);
  let rest = line.slice(prefix.length);
  let redirect: string | undefined;
  const arrow = /\s>\s*(\S+)$/.exec(rest);
  if (arrow) {
    redirect = arrow[1]!;
    rest = rest.slice(0, arrow.index);
  }
  if (/[|&;<>`$(){}']/.test(rest.replace(/\$\{?([A-Z_]+)\}?/g, ""))) throw new Error(`the tests cannot run this line as the workflow would: ${line}`);
  const args = (rest.match(/"[^"]*"|\S+/g) ?? []).map((word) =>
    word.replace(/^"|"$/g, "").replace(/\$\{?([A-Z_]+)\}?/g, (_m, name: string) => {
      const value = env[name];
      if (value === undefined) throw new Error(`${name} is not set`);
      return value;
    }),
  );
  return redirect === undefined ? { args } : { args, redirect };
}
