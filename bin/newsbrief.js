#!/usr/bin/env node
// The installed `newsbrief` command: runs the compiled JavaScript in dist/
// (made by `npm run build`, which `npm ci` runs through `prepare`).
const { run } = await import("../dist/entry.js");
process.exitCode = await run();
