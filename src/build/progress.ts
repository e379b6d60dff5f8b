/**
 * A progress line for long runs: done/total, rate and time left, redrawn
 * on one line of a terminal at most a few times a second.
 */

import type { CliProcess } from "../types.ts";

/** The progress line of a command: on a terminal only, and not with --quiet. */
export function progressOf(proc: Pick<CliProcess, "isTTY" | "stderr" | "now">, quiet?: boolean): ProgressReporter | undefined {
  return proc.isTTY && !quiet ? terminalProgress(proc.stderr, proc.now ?? Date.now) : undefined;
}

/** Starts the progress of one stage of `total` steps; undefined when nothing is shown. */
export type ProgressReporter = (label: string, total: number) => Progress | undefined;

/** One stage's progress. */
export interface Progress {
  tick(): void;
  done(): void;
}

/** A reporter that writes to `write` (a terminal), using `now` (ms) for rates; stages of fewer than `from` steps show nothing. */
export function terminalProgress(write: (text: string) => void, now: () => number, from = 50): ProgressReporter {
  return (label, total) => {
    if (total < from) return undefined;
    // The rate is taken from the first article done, so that starting up (workers, modules) does not weigh on the time left.
    let first: number | undefined;
    let done = 0;
    let shown = 0;
    const draw = () => {
      const seconds = first === undefined ? 0 : (now() - first) / 1000;
      const rate = seconds > 0 ? (done - 1) / seconds : 0;
      const pace = rate > 0 ? `, ${rate.toFixed(0)}/s, ${formatSeconds(Math.ceil((total - done) / rate))} left` : "";
      write(`\r${label}: ${done}/${total} articles${pace}\x1b[K`);
    };
    return {
      tick() {
        done++;
        const t = now();
        first ??= t;
        if (t - shown >= 200) {
          shown = t;
          draw();
        }
      },
      done() {
        write("\r\x1b[K");
      },
    };
  };
}

function formatSeconds(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}
