/**
 * The example workflow's own steps, run as the workflow runs them: the script that finds and
 * edits the workflow's earlier comment (with a stand-in for GitHub's API, so nothing is posted),
 * and `pulumi preview --refresh --json` with the real CLI on a deployed example stack, whose
 * output the renderer takes. The render step runs from the packed package in
 * test/serialization/package.test.ts.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { type Emulator, startEmulator } from "../../src/emulator";
import { stackChanges } from "../../src/prComment/changes";
import { parsePreview } from "../../src/prComment/preview";
import { renderComment } from "../../src/prComment/render";
import { stepBlock } from "../support/workflow";

interface ExampleProject {
  work: string;
  env: NodeJS.ProcessEnv;
  pulumi(...args: string[]): Promise<string>;
  config(key: string, value: string, secret?: boolean): Promise<string>;
  close(): void;
}

// The real CLI's example project, shared with the script that makes the fixtures.
const real = require("../../scripts/pr-comment-fixtures.js") as {
  API_KEY: string;
  PASSWORDS: string[];
  SECRETS: string[];
  cliDir(): string | undefined;
  exampleProject(url: string): Promise<ExampleProject>;
};

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

/** GitHub's API as github-script hands it over, kept in memory. */
function fakeGithub(comments: Comment[]) {
  let next = 100;
  const calls: string[] = [];
  const listComments = async () => ({ data: comments });
  return {
    calls,
    comments,
    github: {
      paginate: async (fn: unknown) => {
        expect(fn).toBe(listComments);
        return comments;
      },
      rest: {
        issues: {
          listComments,
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            calls.push(`update ${comment_id}`);
            comments.find((c) => c.id === comment_id)!.body = body;
          },
          createComment: async ({ body }: { body: string }) => {
            calls.push("create");
            comments.push({ id: next++, body, user: { login: "github-actions[bot]" } });
          },
        },
      },
    },
  };
}

async function runScript(dir: string, api: ReturnType<typeof fakeGithub>["github"]) {
  const script = stepBlock("Create or edit the comment", "script");
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const run = new AsyncFunction("require", "github", "context", script);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await run(require, api, { repo: { owner: "o", repo: "r" }, issue: { number: 7 } });
  } finally {
    process.chdir(cwd);
  }
}

describe("the example workflow's comment step", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-workflow-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates its comment once, then edits it, leaving other comments alone", async () => {
    const marker = "<!-- pulumi-kernel:pr-comment example/dev -->";
    const others: Comment[] = [
      { id: 1, body: "LGTM", user: { login: "alice" } },
      // Someone quoting the marker is not the workflow's comment.
      { id: 2, body: `${marker}\nquoted`, user: { login: "bob" } },
      {
        id: 3,
        body: "<!-- pulumi-kernel:pr-comment example/prod -->\n",
        user: { login: "github-actions[bot]" },
      },
    ];
    const api = fakeGithub([...others]);
    fs.writeFileSync(path.join(dir, "comment.md"), `${marker}\nfirst\n`);
    await runScript(dir, api.github);
    fs.writeFileSync(path.join(dir, "comment.md"), `${marker}\nsecond\n`);
    await runScript(dir, api.github);
    expect(api.calls).toEqual(["create", "update 100"]);
    expect(api.comments.map((c) => c.body)).toEqual([
      "LGTM",
      `${marker}\nquoted`,
      "<!-- pulumi-kernel:pr-comment example/prod -->\n",
      `${marker}\nsecond\n`,
    ]);
  });
});

/** The real `pulumi` CLI folder (see scripts/pr-comment-fixtures.js), or none on this machine. */
const withCli = real.cliDir() ? describe : describe.skip;

withCli("the example workflow's preview step, with the real pulumi CLI", () => {
  let emulator: Emulator;
  let project: ExampleProject;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: real.API_KEY });
    project = await real.exampleProject(emulator.url);
    await project.pulumi("up", "--yes", "--skip-preview");
  }, 300_000);

  afterAll(async () => {
    project?.close();
    await emulator?.close();
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-env-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the workflow's Preview step in the project, as GitHub's runner runs it (bash -e). */
  async function previewStep(): Promise<{ json: string; githubEnv: string }> {
    const githubEnv = path.join(dir, "github_env");
    fs.writeFileSync(githubEnv, "");
    await promisify(execFile)("bash", ["-e", "-c", stepBlock("Preview", "run")], {
      cwd: project.work,
      env: { ...project.env, STACK: "dev", GITHUB_ENV: githubEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      json: fs.readFileSync(path.join(project.work, "preview.json"), "utf8"),
      githubEnv: fs.readFileSync(githubEnv, "utf8"),
    };
  }

  it("writes the preview JSON the renderer reads, with the drift a refresh finds", async () => {
    const [connection] = emulator.objects("connections") as { id: string }[];
    emulator.drift(connection.id, { health_check_interval: 7200 }, "connections");
    await project.config("netflixPassword", real.PASSWORDS[1], true);
    const { json, githubEnv } = await previewStep();
    expect(githubEnv).toBe("");
    const comment = renderComment([stackChanges(parsePreview(json, "preview.json"))]);
    expect(comment).toContain(`PATCH /auth/connections/${connection.id}`);
    expect(comment).toContain('{"health_check_interval":1800}');
    expect(comment).toContain(
      "<code>7200</code> ⚠️ drift: <code>1800</code> at the last deployment",
    );
    expect(comment).toMatch(/PATCH \/credentials\/cred_[\w-]+\n\n\{"values":/);
    for (const secret of real.SECRETS) {
      expect(json).not.toContain(secret);
      expect(comment).not.toContain(secret);
    }
  }, 180_000);

  it("on a failed preview still writes JSON, which says why, and marks the job to fail", async () => {
    // The provider's check refuses a domain that is no host name: the preview fails.
    await project.config("extraAllowedDomains", '["not a domain!"]');
    try {
      const { json, githubEnv } = await previewStep();
      expect(githubEnv).toBe("PREVIEW_FAILED=1\n");
      const comment = renderComment([stackChanges(parsePreview(json, "preview.json"))]);
      expect(comment).toContain("**The preview failed:**");
      expect(comment).toContain("allowedDomains");
    } finally {
      await project.pulumi("config", "rm", "extraAllowedDomains");
    }
  }, 180_000);
});
