/** Running tasks a bounded number at a time, as the worker pools of build and review do. */
import { describe, expect, it } from "vitest";
import { runBounded } from "../src/build/pool.ts";

/** A task that ends when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("runBounded", () => {
  it("never runs more than the limit at once, and runs every task", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      // Later tasks end first, so that slots free up out of order.
      await new Promise((resolve) => setTimeout(resolve, 8 - n));
      running--;
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("takes tasks from an async source only as slots free up", async () => {
    const taken: number[] = [];
    const gates = [gate(), gate(), gate()];
    const source = async function* () {
      for (let n = 0; n < 3; n++) {
        taken.push(n);
        yield n;
      }
    };
    const run = runBounded(source(), 2, (n) => gates[n]!.opened);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(taken).toEqual([0, 1]);
    gates[1]!.open();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(taken).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    await run;
  });

  it("starts nothing after a failure, waits for the tasks running, then throws the first failure", async () => {
    const started: number[] = [];
    const slow = gate();
    let slowEnded = false;
    const run = runBounded([0, 1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 0) {
        await slow.opened;
        slowEnded = true;
        return;
      }
      throw new Error(`task ${n} failed`);
    });
    const outcome = run.then(
      () => "resolved",
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Task 1 failed; task 2 was not started.
    expect(started).toEqual([0, 1]);
    slow.open();
    expect(await outcome).toBe("task 1 failed");
    expect(slowEnded).toBe(true);
  });
});
