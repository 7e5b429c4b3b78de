/**
 * References between resources in the engine stand-in: a program run under mocks gives each
 * resource a placeholder id, and `up` puts the real id of the resource named in its place before
 * the dependent's step, as the engine knows a dependency's id before registering what uses it.
 */
import { MiniEngine, placeholderId, resolvePlaceholders } from "./engine";
import { type Props, type ProviderHost, secret } from "./providerHost";

const PROXY = "pulumi-nodejs:dynamic/kernel:Proxy";
const CONNECTION = "pulumi-nodejs:dynamic/kernel:AuthConnection";

/** A provider host that records what it is sent and answers each create with a fresh id. */
function recordingHost() {
  const created: { urn: string; inputs: Props }[] = [];
  const host = {
    check: async (_urn: string, _olds: Props, news: Props) => ({ inputs: news, failures: [] }),
    create: async (urn: string, inputs: Props) => {
      created.push({ urn, inputs });
      return { id: `real-${created.length}`, properties: inputs };
    },
    diff: async () => ({ changes: "none", replaces: [], deleteBeforeReplace: false }),
  };
  return { host: host as unknown as ProviderHost, created };
}

describe("resolvePlaceholders", () => {
  it("replaces placeholders at any depth, inside secrets and arrays, and nothing else", () => {
    const ref = placeholderId(PROXY, "residential");
    const seen: string[] = [];
    const resolved = resolvePlaceholders(
      { proxy: { id: ref }, list: [ref, "plain"], hidden: secret({ id: ref }), n: 3, none: null },
      (type, name) => {
        seen.push(`${type} ${name}`);
        return "px_123";
      },
    );
    expect(resolved).toEqual({
      proxy: { id: "px_123" },
      list: ["px_123", "plain"],
      hidden: secret({ id: "px_123" }),
      n: 3,
      none: null,
    });
    expect(seen).toEqual(Array(3).fill(`${PROXY} residential`));
  });

  it("leaves strings that only look alike", () => {
    const idOf = () => "x";
    for (const s of ["<id of >", "id of a::b", `x${placeholderId(PROXY, "r")}`]) {
      expect(resolvePlaceholders(s, idOf)).toBe(s);
    }
  });
});

describe("MiniEngine.up", () => {
  it("gives the dependent the real id of the resource created before it in the same up", async () => {
    const { host, created } = recordingHost();
    const engine = new MiniEngine(host);
    await engine.up([
      { name: "residential", type: PROXY, inputs: { name: "residential-us" } },
      {
        name: "netflix",
        type: CONNECTION,
        inputs: { domain: "netflix.com", proxy: { id: placeholderId(PROXY, "residential") } },
      },
    ]);
    expect(created.map((c) => c.inputs)).toEqual([
      { name: "residential-us" },
      { domain: "netflix.com", proxy: { id: "real-1" } },
    ]);
    // The state holds the real id too, so the next up diffs against it and finds no change.
    expect(engine.state.get("netflix")!.inputs.proxy).toEqual({ id: "real-1" });
  });

  it("resolves to a resource created by an earlier up, and keys resources by `key`", async () => {
    const { host, created } = recordingHost();
    const engine = new MiniEngine(host);
    await engine.up([{ name: "netflix", key: "proxy", type: PROXY, inputs: {} }]);
    await engine.up([
      { name: "netflix", key: "proxy", type: PROXY, inputs: {} },
      {
        name: "netflix",
        key: "connection",
        type: CONNECTION,
        inputs: { proxy: { id: placeholderId(PROXY, "netflix") } },
      },
    ]);
    expect(created.at(-1)!.inputs).toEqual({ proxy: { id: "real-1" } });
    expect([...engine.state.keys()]).toEqual(["proxy", "connection"]);
  });

  it("refuses a reference to a resource not created yet, sending nothing", async () => {
    const { host, created } = recordingHost();
    const engine = new MiniEngine(host);
    await expect(
      engine.up([
        {
          name: "netflix",
          type: CONNECTION,
          inputs: { proxy: { id: placeholderId(PROXY, "residential") } },
        },
        { name: "residential", type: PROXY, inputs: {} },
      ]),
    ).rejects.toThrow(`netflix refers to the id of ${PROXY} residential, which is not created yet`);
    expect(created).toEqual([]);
  });
});
