import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Golden files must exist: CI never writes a missing snapshot.
    update: false,
    testTimeout: 60_000,
  },
});
