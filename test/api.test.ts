import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

describe("the library's front door", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "CommandError",
      "ContentError",
      "EXIT",
      "LOCALES",
      "LockError",
      "RENDER_VERSION",
      "TARGETS",
      "TARGET_NAMES",
      "TargetError",
      "UsageError",
      "build",
      "check",
      "createPublisher",
      "diffProject",
      "exitCodeOf",
      "extractFigures",
      "formatDiagnostic",
      "formatReport",
      "main",
      "projectPaths",
      "publish",
    ]);
  });

  it("is what package.json exports", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, string> };
    expect(pkg.exports["."]).toBe("./src/index.ts");
  });

  it("maps every kind of failure to its exit code in one table", () => {
    expect(api.EXIT).toEqual({ ok: 0, content: 1, usage: 2, target: 3, internal: 70, lock: 75 });
    expect(api.exitCodeOf(new api.UsageError())).toBe(2);
    expect(api.exitCodeOf(new api.ContentError())).toBe(1);
    expect(api.exitCodeOf(new api.TargetError())).toBe(3);
    expect(api.exitCodeOf(new api.LockError())).toBe(75);
    expect(api.exitCodeOf(new Error("a bug"))).toBe(70);
  });
});
