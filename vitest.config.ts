import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Golden files must exist: CI never writes a missing snapshot.
    update: false,
    // Limits on slow set-ups (real servers, child builds), not assertions on speed.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
