/**
 * The engine stand-in treats secrets as Pulumi's engine does, and reads by id as `get` makes it
 * do, through Pulumi's dynamic-provider host against the emulator.
 */
import { containsSecret, isSecret, secret, withoutSecrets } from "../../src/host/providerHost";
import { HOST_KEY, type HostFixture, startHostFixture } from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture();
});

afterAll(async () => {
  await f.stop();
});

beforeEach(() => {
  f.emulator.reset();
  f.engine.state.clear();
});

/** Every string of `value` that sits outside a secret marker. */
function plainStrings(value: unknown): string[] {
  if (isSecret(value)) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(plainStrings);
  if (value !== null && typeof value === "object")
    return Object.values(value).flatMap(plainStrings);
  return [];
}

describe("secrets", () => {
  const LOGIN = "https://www.netflix.com/login?token=s3cr3t-in-url";

  it("the provider gets no secret markers; outputs of secret inputs are stored secret", async () => {
    const inputs = { ...f.inputs, loginUrl: secret(LOGIN) };
    const [step] = await f.engine.up([{ name: "netflix", inputs }]);
    expect(step.changes).toContain("+ loginUrl: [secret]");
    // The provider sent the plain value: it had no marker to strip or to choke on.
    expect(f.emulator.requests()[0].body).toMatchObject({ login_url: LOGIN });

    const state = f.engine.state.get("netflix")!;
    expect(isSecret(state.inputs.loginUrl)).toBe(true);
    expect(isSecret(state.outputs.loginUrl)).toBe(true);
    expect(withoutSecrets(state.outputs.loginUrl)).toBe(LOGIN);
    // Nowhere in the state the engine would write is the secret in plain text.
    expect(plainStrings(state.inputs).join("\n")).not.toContain("s3cr3t");
    expect(plainStrings(state.outputs).join("\n")).not.toContain("s3cr3t");
    expect(containsSecret(state.outputs.domain)).toBe(false);

    // Later calls strip the markers from the stored state too, and keep the secret secret.
    f.emulator.clearRequests();
    const [same] = await f.engine.up([{ name: "netflix", inputs }]);
    expect(same.kind).toBe("same");
    await f.engine.refresh();
    expect(isSecret(f.engine.state.get("netflix")!.outputs.loginUrl)).toBe(true);
    const [update] = await f.engine.up([
      { name: "netflix", inputs: { ...inputs, healthCheckInterval: 900 } },
    ]);
    expect(update.kind).toBe("update");
    expect(isSecret(f.engine.state.get("netflix")!.outputs.loginUrl)).toBe(true);
  });

  it("marks additionalSecretOutputs secret even when the program passes plain values", async () => {
    await f.engine.up([{ name: "netflix", inputs: f.inputs, secretOutputs: ["credential"] }]);
    const state = f.engine.state.get("netflix")!;
    expect(isSecret(state.outputs.credential)).toBe(true);
    expect(plainStrings(state.outputs)).not.toContain("netflix-creds");
  });
});

describe("get (a read by id)", () => {
  it("reads an existing connection into the state without managing it", async () => {
    await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    const { id } = f.engine.state.get("netflix")!;
    f.emulator.clearRequests();
    const step = await f.engine.read("existing", id, { __provider: f.inputs.__provider });
    expect(step.kind).toBe("refresh");
    expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /auth/connections/${id}`,
    ]);
    expect(f.engine.state.get("existing")!.outputs).toMatchObject({
      profileName: "team-netflix",
      domain: "netflix.com",
      proxyId: "px_residential",
      __provider: f.inputs.__provider,
    });
    // destroy leaves what was only read.
    f.emulator.clearRequests();
    await f.engine.destroy();
    expect(f.emulator.requests().map((r) => r.method)).toEqual(["DELETE"]);
  });

  it("reads in the project given in the state", async () => {
    const res = await fetch(`${f.emulator.url}/auth/connections`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${HOST_KEY}`,
        "content-type": "application/json",
        "x-kernel-project": "default",
      },
      body: JSON.stringify({ profile_name: "p", domain: "example.com" }),
    });
    const { id } = (await res.json()) as { id: string };
    f.emulator.clearRequests();
    await f.engine.read("other", id, { project: "default", __provider: f.inputs.__provider });
    expect(f.emulator.requests().map((r) => r.project)).toEqual(["proj_default"]);
    expect(f.engine.state.get("other")!.outputs.project).toBe("default");
  });
});
