/**
 * What both executables run (bin/newsbrief.js over the compiled dist/,
 * src/bin.js over the TypeScript sources): the real process, handed to the
 * command line as a CliProcess.
 *
 * `--version` alone is answered here, before the command-line parser and the
 * commands are loaded: it then costs a Node start and little more.
 */
import { VERSION } from "./version.ts";

/** Runs the command line on this process; resolves to the exit code. */
export async function run(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const { main } = await import("./cli.ts");
  return main({
    argv,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
    now: () => performance.now(),
    env: process.env,
  });
}
