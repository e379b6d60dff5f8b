#!/usr/bin/env node
// Development entry point: runs the TypeScript sources through tsx (the
// installed command, bin/newsbrief.js, runs the compiled dist/).
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
const code = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  now: () => performance.now(),
  env: process.env,
});
process.exitCode = code;
