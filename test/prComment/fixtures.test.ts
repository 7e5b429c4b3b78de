/**
 * The renderer on real output of `pulumi preview --json`, made by the real CLI over the demo's
 * steps (scripts/pr-comment-fixtures.js; the folder names the Pulumi version). Where the preview
 * names the changed fields (detailedDiff) or shows a credential's keys, the requests are exact;
 * where it shows neither, the comment must say what it cannot tell.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stackChanges } from "../../src/prComment/changes";
import { parsePreview } from "../../src/prComment/preview";
import { GITHUB_LIMIT, renderComment } from "../../src/prComment/render";

const { SECRETS } = require("../../scripts/pr-comment-fixtures.js") as { SECRETS: string[] };

const DIR = path.join(__dirname, "fixtures", "pulumi-v3.276.0");
const read = (name: string) => fs.readFileSync(path.join(DIR, `${name}.json`), "utf8");
const render = (name: string) => renderComment([stackChanges(parsePreview(read(name), name))]);

/** The request blocks: method and path, the project header, the body. */
function requests(text: string) {
  return [
    ...text.matchAll(/```http\n([^\n]*)\n(?:X-Kernel-Project: ([^\n]*)\n)?(?:\n([^\n]*)\n)?```/g),
  ].map((m) => ({
    line: m[1],
    project: m[2],
    body: m[3] === undefined ? undefined : JSON.parse(m[3]),
  }));
}

/** Whether the preview's Credential step names its changed fields or shows its value keys. */
function credentialVisible(name: string): boolean {
  const doc = JSON.parse(read(name)) as {
    steps: { urn: string; detailedDiff?: unknown; newState?: { inputs?: { values?: unknown } } }[];
  };
  const step = doc.steps.find((s) => s.urn.endsWith("kernel:Credential::netflix"))!;
  return (
    (step.detailedDiff !== null && step.detailedDiff !== undefined) ||
    typeof step.newState?.inputs?.values === "object"
  );
}

const NAMES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length));

describe("the comment for each real preview", () => {
  it("has all the demo's steps", () => {
    expect(NAMES).toEqual([
      "01-create",
      "02-no-op",
      "03-rotation",
      "04-key-added",
      "05-key-removed",
      "06-drift",
      "07-rotation-and-drift",
      "08-proxy-detach",
      "09-project-move",
      "10-destroy",
    ]);
  });

  it.each(NAMES)("%s: renders under the limit, with no secret of the program", (name) => {
    const text = render(name);
    expect(text.length).toBeLessThan(GITHUB_LIMIT);
    expect(text.split("\n")[0]).toBe("<!-- pulumi-kernel:pr-comment pulumi-kernel-example/dev -->");
    for (const secret of SECRETS) {
      expect(read(name)).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
  });

  it("create: the four POSTs, the proxy id known after apply, the values masked", () => {
    const text = render("01-create");
    expect(text).toContain("**4 to create** (AuthConnection 1, Credential 1, Profile 1, Proxy 1)");
    const sent = requests(text);
    expect(sent.map((r) => r.line).sort()).toEqual([
      "POST /auth/connections",
      "POST /credentials",
      "POST /profiles",
      "POST /proxies",
    ]);
    const connection = sent.find((r) => r.line === "POST /auth/connections")!.body;
    expect(connection.browser).toEqual({ proxy: { id: "(known after apply)" } });
    const credential = sent.find((r) => r.line === "POST /credentials")!.body;
    expect(JSON.stringify(credential.values)).toMatch(
      /^("\[secret\]"|\{("\w+":"\[secret\]",?)+\})$/,
    );
  });

  it("no-op: no request", () => {
    const text = render("02-no-op");
    expect(requests(text)).toEqual([]);
    expect(text).toMatch(/\d+ unchanged/);
  });

  it.each([
    ["03-rotation", { values: { password: "[secret]" } }],
    ["04-key-added", { values: { pin: "[secret]" } }],
    ["05-key-removed", { remove_value_keys: ["pin"] }],
  ])("%s: one PATCH of the credential, exact where the preview shows enough", (name, exact) => {
    const text = render(name);
    const sent = requests(text);
    expect(sent.map((r) => r.line)).toEqual([expect.stringMatching(/^PATCH \/credentials\/cred_/)]);
    if (credentialVisible(name)) expect(sent[0].body).toEqual(exact);
    else {
      expect(sent[0].body).toEqual({ values: "[secret]" });
      expect(text).toContain("cannot tell what in `values` (keys included) changes");
    }
  });

  it("drift: the dashboard's edit marked, one PATCH putting it back", () => {
    const text = render("06-drift");
    expect(text).toContain("**1 drifted** (AuthConnection 1)");
    expect(text).toContain("<code>7200</code> ⚠️ drift: <code>1800</code> at the last deployment");
    const sent = requests(text);
    expect(sent.map((r) => r.line)).toEqual([
      expect.stringMatching(/^PATCH \/auth\/connections\//),
    ]);
    expect(sent[0].body).toEqual({
      allowed_domains: ["auth.netflix.com", "login.netflix.com"],
      health_check_interval: 1800,
      record_session: true,
    });
  });

  it("rotation and drift: the credential's PATCH and the connection's with the new domain", () => {
    const text = render("07-rotation-and-drift");
    const sent = requests(text);
    expect(sent.map((r) => r.line.split("/")[1])).toEqual(["credentials", "auth"]);
    expect(sent[1].body.allowed_domains).toEqual([
      "auth.netflix.com",
      "login.netflix.com",
      "signup.netflix.com",
    ]);
    if (credentialVisible("07-rotation-and-drift")) {
      expect(sent[0].body).toEqual({ values: { password: "[secret]" } });
    }
  });

  it("proxy detach: one PATCH to the default egress, no replacement", () => {
    const sent = requests(render("08-proxy-detach"));
    expect(sent).toEqual([
      {
        line: expect.stringMatching(/^PATCH \/auth\/connections\//),
        project: undefined,
        body: { browser: { proxy: { mode: "default" } } },
      },
    ]);
  });

  it("project move: each object created first in the new project, then deleted", () => {
    const text = render("09-project-move");
    expect(text).toContain("**4 to replace**");
    expect(
      text.match(/`project` moves it to another project; the new one is created first/g),
    ).toHaveLength(4);
    const sent = requests(text);
    expect(sent).toHaveLength(8);
    for (let i = 0; i < 8; i += 2) {
      expect(sent[i].line).toMatch(/^POST \//);
      expect(sent[i].project).toBe("proj_team_b");
      expect(sent[i + 1].line).toMatch(/^DELETE \//);
    }
  });

  it("destroy: four DELETEs", () => {
    const sent = requests(render("10-destroy"));
    expect(sent.map((r) => r.line.replace(/\/[^/]+$/, "/<id>")).sort()).toEqual([
      "DELETE /auth/connections/<id>",
      "DELETE /credentials/<id>",
      "DELETE /profiles/<id>",
      "DELETE /proxies/<id>",
    ]);
  });
});
