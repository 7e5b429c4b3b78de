/**
 * Who owns an object, through Pulumi's dynamic-provider host against the emulator:
 * - after a POST whose outcome is unknown, an object found with the same key is ours only if
 *   the API proves it (its `created_at` after our first POST); else the create fails as a 409;
 * - two resources adopting one object at the same time: exactly one does;
 * - a rename followed by `adopt: true`: the old resource's delete leaves the object alone;
 * - a lookup after a lost POST that fails says both, and what to check.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import { SECRET_OUTPUTS } from "../../src/credential/types";
import { SECRET_OUTPUTS as CP_SECRET_OUTPUTS } from "../../src/credentialProvider/types";
import { type Declared, MiniEngine } from "../../src/host/engine";
import { type Props, ProviderHost, withoutSecrets } from "../../src/host/providerHost";
import { HOST_KEY, type HostFixture, REPO_ROOT, startHostFixture } from "../support/hostFixture";

const OUR_PASSWORD = "pw-ours-5d2c81";
const THEIR_PASSWORD = "pw-theirs-a7e3f0";
const OUR_TOKEN = "ops_ours_token_77b1c2";
const THEIR_TOKEN = "ops_theirs_token_90d4e3";
const HOUR_AGO = () => new Date(Date.now() - 3_600_000).toISOString();

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(async () => {
  await f.stop();
});

const credential = (name: string, extra: Props = {}): Declared => ({
  name,
  type: typeToken("Credential"),
  secretOutputs: SECRET_OUTPUTS,
  inputs: {
    name: "netflix-creds",
    domain: "netflix.com",
    values: { username: "me@example.com", password: OUR_PASSWORD },
    ...extra,
    __provider: providerText("credential"),
  },
});

const onePassword = (extra: Props = {}): Declared => ({
  name: "onepassword",
  type: typeToken("CredentialProvider"),
  secretOutputs: CP_SECRET_OUTPUTS,
  inputs: {
    name: "org-1p",
    providerType: "onepassword",
    token: OUR_TOKEN,
    ...extra,
    __provider: providerText("credentialProvider"),
  },
});

const profile = (): Declared => ({
  name: "profile",
  type: typeToken("Profile"),
  inputs: { name: "team-netflix", __provider: providerText("profile") },
});

/** An object someone else made through the API an hour ago; its id. */
async function theirs(module: string, path: string, body: Props): Promise<string> {
  const res = await fetch(`${f.emulator.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${HOST_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`seed answered ${res.status}`);
  const { id } = (await res.json()) as { id: string };
  f.emulator.drift(id, { created_at: HOUR_AGO() }, module);
  f.emulator.clearRequests();
  return id;
}

const failure = (run: Promise<unknown>) =>
  run.then(
    () => Promise.reject(new Error("expected a failure")),
    (e: unknown) => e as Error,
  );

describe("a lost POST never takes over someone else's object", () => {
  it.each([
    [
      "Credential (their password)",
      () =>
        theirs("credentials", "/credentials", {
          name: "netflix-creds",
          domain: "netflix.com",
          values: { username: "them@example.com", password: THEIR_PASSWORD },
        }),
      () => credential("netflix"),
      "/credentials",
    ],
    [
      "CredentialProvider (the organisation's 1Password token)",
      () =>
        theirs("credentialProviders", "/org/credential_providers", {
          name: "org-1p",
          provider_type: "onepassword",
          token: THEIR_TOKEN,
        }),
      () => onePassword(),
      "/org/credential_providers",
    ],
    [
      "unused Profile",
      () => theirs("profiles", "/profiles", { name: "team-netflix" }),
      () => profile(),
      "/profiles",
    ],
  ])(
    "%s: a 502 that did not act, the same key found made before: fails as a 409, nothing sent, nothing recorded",
    async (_, seed, declared, path) => {
      const id = await seed();
      const before = JSON.stringify(f.emulator.objects(path.split("/").pop() ?? ""));
      f.emulator.injectFault({ kind: "status", status: 502, method: "POST", path });

      const err = await failure(f.engine.up([declared()]));

      expect(err.message).toMatch(
        new RegExp(
          `^The create's POST ended with its outcome unknown \\(POST ${path} failed with 502.*` +
            `nothing the API returns proves this POST made\\. .* already exists: ${id}\\..*` +
            "set `adopt: true`",
        ),
      );
      // Not PATCHed with our values or token, not recorded (so never deleted by our destroy).
      expect(f.emulator.requests().map((r) => r.method)).toEqual(["POST", "GET"]);
      expect(f.engine.state.size).toBe(0);
      expect(JSON.stringify(f.emulator.objects(path.split("/").pop() ?? ""))).toBe(before);
    },
  );

  it("Credential: when the POST did act (its answer lost), the new object is proved ours and recorded", async () => {
    f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/credentials" });
    const [step] = await f.engine.up([credential("netflix")]);
    expect(step.kind).toBe("create");
    const live = f.emulator.objects("credentials");
    expect(live).toHaveLength(1);
    expect(f.engine.state.get("netflix")?.id).toBe(live[0].id);
  });
});

describe("two resources adopting one object at the same time", () => {
  it("exactly one adopts; the other is told another resource manages it", async () => {
    const id = await theirs("credentials", "/credentials", {
      name: "netflix-creds",
      domain: "netflix.com",
      values: { username: "them@example.com", password: THEIR_PASSWORD },
    });
    // Every answer takes 100 ms: both lookups end before either adoption's PATCH does.
    f.emulator.setLatency(100);
    try {
      const results = await Promise.allSettled([
        f.engine.apply("first", credential("first", { adopt: true }).inputs, {
          type: typeToken("Credential"),
        }),
        f.engine.apply(
          "second",
          credential("second", {
            adopt: true,
            values: { username: "me@example.com", password: "pw-second-000" },
          }).inputs,
          { type: typeToken("Credential") },
        ),
      ]);
      const failed = results.filter((r) => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(String((failed[0] as PromiseRejectedResult).reason.message)).toContain(
        `already exists: ${id}, and another resource of this deployment already manages it`,
      );
      // One PATCH: the one adoption; the other never reconciled its values over it.
      expect(f.emulator.requests().filter((r) => r.method === "PATCH")).toHaveLength(1);
      expect(f.engine.state.size).toBe(1);
    } finally {
      f.emulator.setLatency(0);
    }
  });
});

describe("rename, then adopt as the 409 says", () => {
  it("the 409 points to aliases; the old resource's delete keeps the object the new one adopted", async () => {
    await f.engine.up([credential("netflix")]);
    const old = f.engine.state.get("netflix")!;
    // The next `up` is another host process, as with the real CLI: it has seen none of this.
    const next = await ProviderHost.start({ cwd: REPO_ROOT, env: { PATH: process.env.PATH } });
    try {
      await next.configure({ "kernel:apiKey": HOST_KEY, "kernel:baseUrl": f.emulator.url }, [
        "kernel:apiKey",
      ]);
      const engine = new MiniEngine(next);
      engine.state.set("netflix", old);
      // The program renames the resource: a new URN, the same Kernel credential name.
      const err = await failure(engine.up([credential("netflix-renamed")]));
      expect(err.message).toMatch(/already exists: .*give it `aliases` with its old name instead/);

      f.emulator.clearRequests();
      await engine.up([credential("netflix-renamed", { adopt: true })]);
      expect(engine.state.get("netflix-renamed")?.id).toBe(old.id);
      // The engine deletes the resource that left the program after the creates, in the same
      // host process.
      await next.delete(old.id, old.urn, withoutSecrets(old.outputs));
      engine.state.delete("netflix");

      expect(f.emulator.requests().map((r) => r.method)).not.toContain("DELETE");
      expect(f.emulator.objects("credentials").map((c) => c.id)).toEqual([old.id]);
      // The provider says so on its stderr, which may arrive after the delete's reply.
      expect(await next.outputContaining(`kept Credential ${old.id}`)).toContain(old.id);

      // The new owner's own delete still deletes it.
      await engine.destroy();
      expect(f.emulator.objects("credentials")).toEqual([]);
    } finally {
      await next.stop();
    }
  });
});

describe("a lookup after a lost POST that fails", () => {
  it("names the lost POST, the failed lookup, and the object that may exist", async () => {
    f.emulator.injectFault({ kind: "status", status: 502, method: "POST", path: "/credentials" });
    f.emulator.injectFault({
      kind: "status",
      status: 403,
      method: "GET",
      path: "/credentials/netflix-creds",
      body: { code: "forbidden", message: "this key may not read credentials" },
    });

    const err = await failure(f.engine.up([credential("netflix")]));

    expect(err.message).toMatch(
      /^The create's POST ended with its outcome unknown \(POST \/credentials failed with 502[^)]*\), and the lookup of name "netflix-creds" that would tell whether it made the Credential failed too: GET \/credentials\/netflix-creds failed with 403 forbidden: this key may not read credentials\..*A Credential with name "netflix-creds" may now exist in Kernel that no state records\. Check for it/,
    );
    expect(f.engine.state.size).toBe(0);
  });
});
