import { defineConfig } from "vitest/config";

/** The verifier's own tests, run by `npm run mutate` against each mutant of src/verify/. */
export default defineConfig({
  test: {
    include: ["test/reader*.test.ts", "test/verifier*.test.ts"],
    update: false,
    testTimeout: 60_000,
  },
});
