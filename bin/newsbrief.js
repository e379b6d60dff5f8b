#!/usr/bin/env node
// The installed `newsbrief` command: runs the compiled JavaScript in dist/
// (made by `npm run build`, which `npm ci` runs through `prepare`).
const { main } = await import("../dist/cli.js");
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
