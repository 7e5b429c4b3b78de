import type { AuthConnectionInputs } from "../authConnection/types";
import {
  AUTH_CONNECTION,
  CONNECTION_ID,
  CREDENTIAL,
  CREDENTIAL_ID,
  NEW_DOMAINS,
  PROXY,
  PROXY_ID,
  SECRET,
  UNKNOWN,
  connectionInputs,
  connectionOutputs,
  credentialInputs,
  credentialOutputs,
  preview,
  rotationPreview,
  step,
  urn,
} from "../../test/support/previews";
import { stackChanges } from "./changes";
import { PreviewInputError, parsePreview } from "./preview";
import { GITHUB_LIMIT, marker, renderComment } from "./render";
import { patchBodyOf } from "../../test/support/planUpdate";
import { authConnectionSpec } from "../authConnection/spec";

const planPatch = patchBodyOf(authConnectionSpec);

const comment = (doc: unknown, maxChars?: number) =>
  renderComment([stackChanges(parsePreview(JSON.stringify(doc), "p.json"))], { maxChars });

/** The request blocks of a comment: method and path line, and the body line if any. */
function requests(text: string): { line: string; body?: string }[] {
  return [
    ...text.matchAll(/```http\n([^\n]*)\n(?:X-Kernel-Project: [^\n]*\n)?(?:\n([^\n]*)\n)?```/g),
  ].map((m) => ({ line: m[1], ...(m[2] !== undefined ? { body: m[2] } : {}) }));
}

describe("the comment for a PR that rotates a password and adds an allowed domain", () => {
  it("shows exactly the two PATCHes the provider sends, the password masked", () => {
    const text = comment(rotationPreview({ named: true }));
    expect(requests(text)).toEqual([
      { line: `PATCH /credentials/${CREDENTIAL_ID}`, body: '{"values":{"password":"[secret]"}}' },
      {
        line: `PATCH /auth/connections/${CONNECTION_ID}`,
        body: JSON.stringify({ allowed_domains: NEW_DOMAINS }),
      },
    ]);
    expect(text).toContain("**2 to update** (AuthConnection 1, Credential 1) · 2 unchanged");
    expect(text).toContain("<code>password</code> changed");
  });

  it("finds the same PATCHes when the preview names no field and shows a key in plain", () => {
    // The provider answers `changes: true`: no detailedDiff, no diffReasons. The username is
    // the same plain text on both sides; only the password can be what changes.
    const doc = rotationPreview({ named: false });
    const steps = doc.steps as Record<string, Record<string, Record<string, unknown>>>[];
    for (const state of [steps[1].oldState, steps[1].newState]) {
      state.inputs.values = { username: "me@example.com", password: SECRET };
      state.outputs.values = { username: "me@example.com", password: SECRET };
    }
    const text = comment(doc);
    expect(requests(text)[0]).toEqual({
      line: `PATCH /credentials/${CREDENTIAL_ID}`,
      body: '{"values":{"password":"[secret]"}}',
    });
    expect(text).not.toContain("me@example.com");
    expect(text).toContain("cannot tell what in `values.password` changes");
  });

  it("says which secrets may change when nothing tells them apart", () => {
    const text = comment(rotationPreview({ named: false }));
    // The preview shows `values` whole as "[secret]": not even its keys can be told.
    expect(requests(text)[0].body).toBe('{"values":"[secret]"}');
    expect(text).toContain("cannot tell what in `values` (keys included) changes");
  });

  it("marks drift found by --refresh apart from the program's change", () => {
    const text = comment(rotationPreview({ named: true, refresh: true }));
    expect(text).toContain("**1 drifted** (AuthConnection 1)");
    expect(text).toContain(
      "<code>7200</code> ⚠️ drift: <code>1800</code> at the last deployment | <code>1800</code>",
    );
    expect(text).not.toContain("did not refresh");
    expect(requests(text)[1].body).toBe(
      JSON.stringify({
        allowed_domains: NEW_DOMAINS,
        health_check_interval: 1800,
        record_session: true,
      }),
    );
  });

  it("says drift is not shown when the preview did not refresh", () => {
    expect(comment(rotationPreview({ named: true }))).toContain("did not refresh");
  });
});

describe("requests come from the provider's planner", () => {
  it("the PATCH body is the planner's for the same olds and news", () => {
    const olds = connectionOutputs({ loginUrl: "https://a.example/login", stealth: false });
    const news = connectionInputs({
      loginUrl: undefined,
      stealth: true,
      proxy: { mode: "direct" },
    });
    const doc = preview([
      step("update", AUTH_CONNECTION, "netflix", {
        old: { id: CONNECTION_ID, inputs: connectionInputs(), outputs: olds },
        new: { inputs: JSON.parse(JSON.stringify(news)) },
      }),
    ]);
    const expected = planPatch(olds, JSON.parse(JSON.stringify(news)) as AuthConnectionInputs);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(requests(comment(doc))[0].body).toBe(JSON.stringify(expected));
  });

  it("a replacement: why, delete-first when the unique key stays, the DELETE then the POST", () => {
    const doc = preview([
      step("replace", CREDENTIAL, "netflix", {
        old: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
        new: { inputs: { ...credentialInputs(), domain: "netflix.co.uk" } },
        replaceReasons: ["domain"],
      }),
    ]);
    const text = comment(doc);
    expect(text).toContain(
      "**Replaced**: `domain` cannot change in place; the old one is deleted first",
    );
    expect(requests(text)).toEqual([
      { line: `DELETE /credentials/${CREDENTIAL_ID}` },
      {
        line: "POST /credentials",
        body: '{"name":"netflix-creds","domain":"netflix.co.uk","values":"[secret]"}',
      },
    ]);
  });

  it("a replacement listed with --show-replacement-steps is one entry, not drift", () => {
    const init = {
      old: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
      new: { inputs: { ...credentialInputs(), domain: "netflix.co.uk" } },
      replaceReasons: ["domain"],
    };
    const doc = preview([
      step("create-replacement", CREDENTIAL, "netflix", init),
      step("replace", CREDENTIAL, "netflix", init),
      step("delete-replaced", CREDENTIAL, "netflix", { old: init.old }),
    ]);
    const text = comment(doc);
    expect(text).toContain("**1 to replace** (Credential 1)");
    expect(text).not.toContain("drift");
    expect(requests(text).map((r) => r.line)).toEqual([
      `DELETE /credentials/${CREDENTIAL_ID}`,
      "POST /credentials",
    ]);
  });

  it("a project move creates first, in the new project, then deletes in the old one", () => {
    const doc = preview(
      [
        step("replace", PROXY, "residential", {
          old: {
            id: PROXY_ID,
            inputs: { type: "residential", name: "r" },
            outputs: { type: "residential", name: "r", project: "proj_old" },
          },
          new: { inputs: { type: "residential", name: "r" } },
        }),
      ],
      { config: { "kernel:project": "proj_new" } },
    );
    const text = comment(doc);
    expect(text).toContain("`project` moves it to another project; the new one is created first");
    expect(text).toMatch(
      /POST \/proxies\nX-Kernel-Project: proj_new\n\n\{"type":"residential","name":"r"\}/,
    );
    expect(text).toContain(`DELETE /proxies/${PROXY_ID}\nX-Kernel-Project: proj_old`);
  });

  it("a create shows its POST with unknowns as known after apply; a delete its DELETE", () => {
    const doc = preview([
      step("create", AUTH_CONNECTION, "new", {
        new: { inputs: connectionInputs({ credential: { name: UNKNOWN }, proxy: undefined }) },
      }),
      step("delete", CREDENTIAL, "old", {
        old: { id: "cred_old", inputs: credentialInputs(), outputs: credentialOutputs() },
      }),
    ]);
    const text = comment(doc);
    expect(requests(text)[0].line).toBe("POST /auth/connections");
    expect(JSON.parse(requests(text)[0].body!).credential).toEqual({ name: "(known after apply)" });
    expect(requests(text)[1]).toEqual({ line: "DELETE /credentials/cred_old" });
    expect(text).toContain("**1 to create** (AuthConnection 1) · **1 to delete** (Credential 1)");
  });
});

describe("the whole comment", () => {
  it("lists other providers' resources briefly, as the CLI does", () => {
    const doc = preview([
      step("create", "aws:s3/bucket:Bucket", "logs", { new: { inputs: {} } }),
      step("update", "random:index/randomId:RandomId", "suffix", {
        old: { id: "x", inputs: {}, outputs: {} },
        new: { inputs: {} },
      }),
    ]);
    const text = comment(doc);
    expect(text).toContain(
      "```diff\n+  aws:s3/bucket:Bucket logs create\n~  random:index/randomId:RandomId suffix update\n```",
    );
    expect(text).toContain("**1 to create** (Bucket 1) · **1 to update** (RandomId 1)");
  });

  it("starts with a hidden marker per project and stack, the same for every run", () => {
    const a = comment(rotationPreview({ named: true }));
    expect(a.split("\n")[0]).toBe("<!-- pulumi-kernel:pr-comment pulumi-kernel-example/dev -->");
    expect(
      marker([
        { project: "p", stack: "b" },
        { project: "p", stack: "a" },
      ]),
    ).toBe("<!-- pulumi-kernel:pr-comment p/a p/b -->");
    expect(marker([{ project: "p", stack: "x-->y" }])).not.toMatch(/-->y/);
  });

  it("refuses a Kernel type it does not know, naming the ones it does", () => {
    const doc = preview([
      step("create", "pulumi-nodejs:dynamic/kernel:Browser", "b", { new: { inputs: {} } }),
    ]);
    expect(() => comment(doc)).toThrow(PreviewInputError);
    expect(() => comment(doc)).toThrow(
      /"pulumi-nodejs:dynamic\/kernel:Browser" is not one .* knows \(it knows AuthConnection, (\w+, )*Credential, /,
    );
  });

  it("keeps names from breaking out of their code: HTML and backticks are escaped", () => {
    const doc = preview([
      step("delete", CREDENTIAL, "<img src=x>`|", {
        old: { id: "cred_1", inputs: credentialInputs(), outputs: credentialOutputs() },
      }),
    ]);
    const text = comment(doc);
    expect(text).not.toContain("<img");
    expect(text).toContain("<code>&lt;img src=x&gt;`&#124;</code>");
  });

  it("stays under the limit for thousands of resources, never cutting a body, and says what it left out", () => {
    const steps = [];
    for (let i = 0; i < 1500; i++) {
      steps.push(
        step("update", AUTH_CONNECTION, `c${i}`, {
          old: { id: `ma_${i}`, inputs: connectionInputs(), outputs: connectionOutputs() },
          new: {
            inputs: connectionInputs({ allowedDomains: [`d${i}.example.com`, ...NEW_DOMAINS] }),
          },
        }),
      );
      steps.push(step("create", "aws:s3/bucket:Bucket", `b${i}`, { new: { inputs: {} } }));
    }
    const text = comment(preview(steps));
    expect(text.length).toBeLessThan(GITHUB_LIMIT);
    expect(text).toContain("**1500 to update** (AuthConnection 1500)");
    expect(text).toMatch(
      /\*\*Left out\*\* to stay under GitHub's comment size limit: .*Kernel resources/,
    );
    for (const r of requests(text))
      if (r.body !== undefined) expect(() => JSON.parse(r.body!)).not.toThrow();
    // Every fence that opens closes.
    expect((text.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(comment(preview(steps), 0).length).toBeGreaterThan(GITHUB_LIMIT);
  });

  it("folds details first when there are many resources, keeping every body", () => {
    const steps = Array.from({ length: 12 }, (_, i) =>
      step("update", AUTH_CONNECTION, `c${i}`, {
        old: { id: `ma_${i}`, inputs: connectionInputs(), outputs: connectionOutputs() },
        new: { inputs: connectionInputs({ allowedDomains: NEW_DOMAINS }) },
      }),
    );
    const text = comment(preview(steps));
    expect((text.match(/<details>/g) ?? []).length).toBe(12);
    expect(requests(text)).toHaveLength(12);
    expect(text).not.toContain("Left out");
  });

  it("covers every stack given, each with its summary", () => {
    const other = JSON.parse(
      JSON.stringify(rotationPreview({ named: true })).replaceAll(
        urn("", "").split("::")[0],
        "urn:pulumi:prod",
      ),
    );
    const stacks = [rotationPreview({ named: true }), other].map((d) =>
      stackChanges(parsePreview(JSON.stringify(d), "x")),
    );
    const text = renderComment(stacks);
    expect(text.split("\n")[0]).toBe(
      "<!-- pulumi-kernel:pr-comment pulumi-kernel-example/dev pulumi-kernel-example/prod -->",
    );
    expect(text).toContain("### Stack `dev`");
    expect(text).toContain("### Stack `prod`");
  });
});
