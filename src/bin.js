#!/usr/bin/env node
// Development entry point: runs the TypeScript sources through tsx (the
// installed command, bin/newsbrief.js, runs the compiled dist/).
import { register } from "tsx/esm/api";

register();
const { run } = await import("./entry.ts");
process.exitCode = await run();
