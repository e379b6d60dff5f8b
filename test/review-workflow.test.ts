/**
 * The pull-request workflow: its structure (parsed with the yaml package),
 * its `run:` lines (exactly the shared list, which the end-to-end test below
 * runs in a checkout like the one CI makes), and its comment script, run
 * against a fake GitHub API.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKER } from "../src/review/format.ts";
import { cleanupProjects, FACTS, makeProject, replace, REPO_ROOT, runCli, SLUG, SOURCE, type CliRun } from "./support/project.ts";
import { cleanupRepos, cloneAsCheckout, commitAll, gitIn, initRepo, isolateGit } from "./support/git.ts";
import { newsbriefArgs, REPORT_FILE, WORKFLOW_COMMANDS, WORKFLOW_FILE } from "./support/workflow.ts";

/** Setting up a repository runs builds and git: on a busy machine that takes longer than vitest's default hook timeout. */
const HOOK_TIMEOUT = 120_000;

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  "continue-on-error"?: boolean;
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, WORKFLOW_FILE), "utf8")) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[]; permissions?: unknown }>;
};
const jobs = Object.values(workflow.jobs);
const steps = jobs[0]!.steps;
const stepRunning = (command: string) => steps.find((s) => s.run === command)!;
const comment = steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;

describe("the workflow's structure", () => {
  it("runs on every pull request, in one job", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.on.pull_request ?? null).toBeNull();
    expect(jobs).toHaveLength(1);
  });

  it("asks for the least permissions: read the contents, write pull-request comments", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(jobs[0]!.permissions).toBeUndefined();
  });

  it("checks out the full history, then sets up the Node.js of .nvmrc", () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[0]!.with).toEqual({ "fetch-depth": 0 });
    expect(steps[1]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(steps[1]!.with?.["node-version-file"]).toBe(".nvmrc");
  });

  it("runs exactly the commands the end-to-end test runs, in order", () => {
    expect(steps.filter((s) => s.run !== undefined).map((s) => s.run!.trim())).toEqual([...WORKFLOW_COMMANDS]);
  });

  it("passes the base branch through env, never through ${{ }} inside a run line", () => {
    for (const step of steps) if (step.run) expect(step.run).not.toContain("${{");
    const diffStep = stepRunning(WORKFLOW_COMMANDS[2]);
    expect(diffStep.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
  });

  it("keeps going when check fails, so that the report is still posted, and fails the job at the end", () => {
    const checkStep = stepRunning(WORKFLOW_COMMANDS[1]);
    expect(checkStep["continue-on-error"]).toBe(true);
    expect(checkStep.id).toBe("check");
    expect(steps.indexOf(comment)).toBe(steps.length - 1);
    expect(comment.env).toEqual({ CHECK_OUTCOME: "${{ steps.check.outcome }}" });
    expect(comment.if).toBeUndefined();
  });
});

/** A fake of what actions/github-script hands the script. */
function fakeGitHub(existing: Array<{ id: number; body: string; user: { type: string } }>) {
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const listComments = async () => {
    throw new Error("the script must list comments through github.paginate");
  };
  const github = {
    paginate: async (method: unknown, args: Record<string, unknown>) => {
      expect(method).toBe(listComments);
      calls.push({ method: "paginate(listComments)", args });
      return existing;
    },
    rest: {
      issues: {
        listComments,
        updateComment: async (args: Record<string, unknown>) => void calls.push({ method: "updateComment", args }),
        createComment: async (args: Record<string, unknown>) => void calls.push({ method: "createComment", args }),
      },
    },
  };
  const failures: string[] = [];
  const core = { setFailed: (message: string) => void failures.push(message) };
  const context = { repo: { owner: "newsroom", repo: "briefs" }, issue: { number: 42 } };
  return { github, core, context, calls, failures };
}

async function runCommentScript(existing: Parameters<typeof fakeGitHub>[0], outcome: string, report: string) {
  const fake = fakeGitHub(existing);
  const script = String(comment.with!.script);
  const require = createRequire(import.meta.url);
  const fakeFs = { readFileSync: (file: string) => (file === REPORT_FILE ? report : require("node:fs").readFileSync(file)) };
  const fakeRequire = (name: string) => (name === "node:fs" || name === "fs" ? fakeFs : require(name));
  const previous = process.env.CHECK_OUTCOME;
  process.env.CHECK_OUTCOME = outcome;
  try {
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
    await new AsyncFunction("require", "github", "context", "core", script)(fakeRequire, fake.github, fake.context, fake.core);
  } finally {
    if (previous === undefined) delete process.env.CHECK_OUTCOME;
    else process.env.CHECK_OUTCOME = previous;
  }
  return fake;
}

describe("the workflow's comment script", () => {
  const REPORT = `${MARKER}\n## Brief changes\n`;

  it("looks for the hidden marker the report starts with", () => {
    expect(String(comment.with!.script)).toContain(JSON.stringify(MARKER));
  });

  it("creates one comment when there is none of its own", async () => {
    const run = await runCommentScript([{ id: 1, body: `${MARKER} from someone`, user: { type: "User" } }], "success", REPORT);
    expect(run.calls).toEqual([
      { method: "paginate(listComments)", args: { owner: "newsroom", repo: "briefs", issue_number: 42, per_page: 100 } },
      { method: "createComment", args: { owner: "newsroom", repo: "briefs", issue_number: 42, body: REPORT } },
    ]);
    expect(run.failures).toEqual([]);
  });

  it("updates its own comment instead of adding one per push", async () => {
    const run = await runCommentScript(
      [
        { id: 1, body: "Looks good", user: { type: "User" } },
        { id: 7, body: `${MARKER}\nold report`, user: { type: "Bot" } },
      ],
      "success",
      REPORT,
    );
    expect(run.calls.slice(1)).toEqual([{ method: "updateComment", args: { owner: "newsroom", repo: "briefs", comment_id: 7, body: REPORT } }]);
  });

  it("fails the job when check failed, after posting the report", async () => {
    const run = await runCommentScript([], "failure", REPORT);
    expect(run.calls.map((c) => c.method)).toEqual(["paginate(listComments)", "createComment"]);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(/newsbrief check failed/);
  });
});

describe("the workflow's commands, end to end, in a checkout like CI's", () => {
  let checkout: string;
  const runs: CliRun[] = [];
  let report = "";

  /** Runs the workflow's newsbrief lines in `dir`, as the workflow would for a pull request into main. */
  async function runWorkflow(dir: string): Promise<{ runs: CliRun[]; report: string }> {
    const results: CliRun[] = [];
    let written = "";
    for (const line of WORKFLOW_COMMANDS.filter((c) => c.startsWith("npx newsbrief "))) {
      const { args, redirect } = newsbriefArgs(line, { BASE_REF: "main" });
      const run = await runCli(args, dir);
      results.push(run);
      if (redirect === REPORT_FILE) written = run.stdout;
    }
    return { runs: results, report: written };
  }

  beforeAll(async () => {
    isolateGit();
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n/report.md\n");
    initRepo(project.root);
    checkout = cloneAsCheckout(project.root);
    gitIn(checkout, "checkout", "--quiet", "-b", "change-ai");
    const local = (await import("./support/project.ts")).projectAt(checkout);
    local.edit(FACTS, (text) => replace('evidence: ["544,7 millions d’euros"]', 'evidence: ["547,4 millions d’euros"]')(replace("value: 544700000", "value: 547400000")(text)));
    local.edit(SOURCE, replace("544,7 millions d’euros", "547,4 millions d’euros"));
    expect((await runCli(["build", "--no-cache"], checkout)).code).toBe(0);
    commitAll(checkout, "Correct the AI allocation");
    const result = await runWorkflow(checkout);
    runs.push(...result.runs);
    report = result.report;
  }, HOOK_TIMEOUT);

  afterAll(() => {
    cleanupProjects({ base: true });
    cleanupRepos();
  });

  it("check passes and the diff report compares with origin/main", () => {
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(report.startsWith(`${MARKER}\n`)).toBe(true);
    expect(report).toContain("(origin/main)");
    expect(report).toContain(`| \`${SLUG}\` | modified | 1 | 3 | fr, nl, en | ✅ verified |`);
  });

  it("an output edited by hand: check fails naming the file and line, and the report still comes, saying so", async () => {
    const local = (await import("./support/project.ts")).projectAt(checkout);
    local.edit(`out/${SLUG}/nl.md`, replace("De belangrijkste cijfers", "De cijfers"));
    commitAll(checkout, "Edit a brief by hand");
    const result = await runWorkflow(checkout);
    expect(result.runs.map((r) => r.code)).toEqual([1, 0]);
    expect(result.runs[0]!.stderr).toMatch(new RegExp(`^out/${SLUG}/nl\\.md:\\d+:1  error  .*\\[out/stale\\]$`, "m"));
    expect(result.report).toContain("❌");
    expect(result.report).toContain("[out/stale]");
  });
});
