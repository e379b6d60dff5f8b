#!/usr/bin/env node
// Entry point of the `newsbrief` command: loads the TypeScript sources
// through tsx and hands the real process to the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
