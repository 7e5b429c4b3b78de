/**
 * The skeleton with a made-up resource, "Widget" (`/widgets`, a unique `name`, an updatable
 * `size`), so that what every resource shares is tested once, apart from any real resource.
 */
import { z } from "zod";
import { TEST_KEY, mockApi } from "../../test/support/mockApi";
import { resourcePath } from "../kernel/client";
import { checkWithSchema, orUnknown } from "./checks";
import { UNKNOWN } from "./engineKeys";
import { AlreadyExistsError } from "./errors";
import { PartialFailureError } from "./partialFailure";
import { CLOCK_SKEW_MS } from "./create";
import { makeProvider } from "./provider";
import type { ChangePlan, ResourceSpec } from "./spec";

interface WidgetInputs {
  name: string;
  size?: number;
}
interface WidgetState extends WidgetInputs {
  createdAt?: string;
}
interface Widget {
  id: string;
  name: string;
  size: number;
  created_at?: string;
}

const schema = z.strictObject({
  name: orUnknown(z.string({ error: "must be a name" })),
  size: orUnknown(z.number({ error: "must be a number" })).optional(),
});

function widgetSpec(
  extra: Partial<ResourceSpec<WidgetInputs, WidgetState, Widget>> = {},
): ResourceSpec<WidgetInputs, WidgetState, Widget> {
  return {
    typeName: "Widget",
    collection: "/widgets",
    projectScoped: true,
    inputNames: Object.keys(schema.shape),
    check: (news) => checkWithSchema(schema, news, { inputNames: Object.keys(schema.shape) }),
    plan: (olds, news): ChangePlan => ({
      replaces: news.name === UNKNOWN || news.name !== olds.name ? ["name"] : [],
      deleteBeforeReplace: false,
      changed: news.size !== undefined && news.size !== olds.size ? ["size"] : [],
    }),
    createBody: (d) => ({ name: d.name, ...(d.size === undefined ? {} : { size: d.size }) }),
    updateBody: (plan, _olds, d) => (plan.changed.includes("size") ? { size: d.size } : {}),
    parse: (json) =>
      z.looseObject({ id: z.string(), name: z.string(), size: z.number() }).parse(json) as Widget,
    // The defaults: `live.id`, and the live inputs are the outputs of `inputNames`.
    toOutputs: (w) => ({ name: w.name, size: w.size, createdAt: w.created_at }),
    uniqueKey: {
      describe: (d) => `name ${JSON.stringify(d.name)}`,
      find: (op, d) =>
        op.find(
          "/widgets",
          { name: d.name },
          (j) => j as Widget,
          (w) => w.name === d.name,
        ),
      matchesPost: async (_op, w, d) => d.size === undefined || w.size === d.size,
      createdAt: (w) => w.created_at,
    },
    badRequestHint: () => undefined,
    secretOutputs: [],
    ...extra,
  };
}

const TEXT = 'exports.handler = () => require("pulumi-kernel/provider").widget;';

/** This machine's clock in the tests: the first POST of a create is sent at NOW. */
const NOW = Date.parse("2026-12-04T12:00:00Z");
const at = (ms: number) => new Date(ms).toISOString();

function provider(
  api: ReturnType<typeof mockApi>,
  spec = widgetSpec(),
  env: Record<string, string> = {},
) {
  return makeProvider(spec, {
    env: { KERNEL_API_KEY: TEST_KEY, ...env },
    now: () => NOW,
    client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
  });
}

const widget = (over: Partial<Widget> = {}): Widget => ({ id: "w_1", name: "a", size: 1, ...over });
/** A widget the API says was made just after our first POST. */
const fresh = (over: Partial<Widget> = {}) => widget({ created_at: at(NOW + 1000), ...over });
const lines = (api: ReturnType<typeof mockApi>) =>
  api
    .calls()
    .map((c) => `${c.method} ${c.path.split("?")[0]}${c.body ? " " + JSON.stringify(c.body) : ""}`);

type Failure = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => Promise.reject(new Error("expected a failure")),
    (e: unknown) => e as Failure,
  );

describe("makeProvider: create", () => {
  it("sends one POST and returns the id and outputs without undefined", async () => {
    const api = mockApi(() => ({ status: 200, body: widget() }));
    const result = await provider(api).create({ name: "a", size: 1, __provider: TEXT });
    expect(lines(api)).toEqual(['POST /widgets {"name":"a","size":1}']);
    expect(result).toEqual({ id: "w_1", outs: { name: "a", size: 1 } });
  });

  it("on a 409 without adopt, names the existing id, how to adopt, and the two-owner risk", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 409, body: { code: "conflict" } }
        : { status: 200, body: [widget({ id: "w_old" })] },
    );
    const err = await failure(provider(api).create({ name: "a", size: 1 }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.message).toMatch(/^A Widget with name "a" already exists: w_old\. .*adopt: true/);
    expect(err.message).toMatch(/another resource or stack/);
  });

  it("on a 409 with adopt, takes over with the minimal PATCH", async () => {
    const api = mockApi((req) => {
      if (req.method === "POST") return { status: 409, body: { code: "conflict" } };
      if (req.method === "GET") return { status: 200, body: [widget({ id: "w_old", size: 5 })] };
      return { status: 200, body: widget({ id: "w_old", size: 1 }) };
    });
    const result = await provider(api).create({ name: "a", size: 1, adopt: true });
    expect(lines(api)).toEqual([
      'POST /widgets {"name":"a","size":1}',
      "GET /widgets",
      'PATCH /widgets/w_old {"size":1}',
    ]);
    expect(result).toEqual({ id: "w_old", outs: { name: "a", size: 1, adopt: true } });
  });

  it("after an unknown outcome records a found object only when it matches the POST", async () => {
    const matching = mockApi((req) =>
      req.method === "POST" ? { status: 502, body: {} } : { status: 200, body: [fresh()] },
    );
    expect((await provider(matching).create({ name: "a", size: 1 })).id).toBe("w_1");
    expect(lines(matching)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);

    const other = mockApi((req) =>
      req.method === "POST"
        ? { status: 502, body: {} }
        : { status: 200, body: [fresh({ size: 7 })] },
    );
    const err = await failure(provider(other).create({ name: "a", size: 1 }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(lines(other)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);
  });

  it.each([
    ["made before our POST, beyond the clock skew", { created_at: at(NOW - CLOCK_SKEW_MS - 1) }],
    ["with no created_at (nothing proves it)", { created_at: undefined }],
    ["with a created_at that is no date", { created_at: "yesterday" }],
  ])(
    "after an unknown outcome, a matching object %s is someone else's: fails as a 409",
    async (_, over) => {
      const api = mockApi((req) =>
        req.method === "POST" ? { status: 502, body: {} } : { status: 200, body: [widget(over)] },
      );
      const err = await failure(provider(api).create({ name: "a", size: 1 }));
      expect(err).toBeInstanceOf(AlreadyExistsError);
      expect(err.message).toMatch(
        /^The create's POST ended with its outcome unknown \(POST \/widgets failed with 502.*nothing the API returns proves this POST made\. A Widget with name "a" already exists: w_1\..*adopt: true/,
      );
      expect(lines(api)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);
    },
  );

  it("after an unknown outcome, a matching object made within the clock skew is ours", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 502, body: {} }
        : { status: 200, body: [fresh({ created_at: at(NOW - CLOCK_SKEW_MS) })] },
    );
    expect((await provider(api).create({ name: "a", size: 1 })).id).toBe("w_1");
  });

  it("when the lookup after an unknown outcome fails, says both and what to check", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 502, body: {} }
        : { status: 403, body: { code: "forbidden", message: "no list" } },
    );
    const err = await failure(provider(api).create({ name: "a", size: 1, project: "p" }));
    expect(err.message).toMatch(
      /^The create's POST ended with its outcome unknown \(POST \/widgets failed with 502[^)]*\), and the lookup of name "a" that would tell whether it made the Widget failed too: GET \/widgets failed with 403 forbidden: no list\. Set the API key[^]*?variable\. A Widget with name "a" may now exist in Kernel \(project "p"\) that no state records\. Check for it/,
    );
  });

  it("a 409 after an unknown outcome is ours when it matches (the first POST acted slowly)", async () => {
    let posts = 0;
    let listed = 0;
    const api = mockApi((req) => {
      if (req.method === "POST")
        return ++posts === 1
          ? { status: 503, body: {} }
          : { status: 409, body: { code: "conflict" } };
      return { status: 200, body: listed++ === 0 ? [] : [fresh()] };
    });
    expect((await provider(api).create({ name: "a", size: 1 })).id).toBe("w_1");
    expect(api.calls().map((c) => c.method)).toEqual(["POST", "GET", "POST", "GET"]);
  });

  it("turns a failed afterCreate into a partial failure that records the object", async () => {
    const api = mockApi(() => ({ status: 200, body: widget() }));
    const spec = widgetSpec({
      afterCreate: async () => {
        throw new Error("PATCH /widgets/w_1 failed with 500");
      },
    });
    const err = await failure(provider(api, spec).create({ name: "a", size: 1, __provider: TEXT }));
    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.id).toBe("w_1");
    expect(err.properties).toEqual({ name: "a", size: 1, __provider: TEXT });
    expect(err.reasons[0]).toMatch(/pulumi up/);
  });

  it("creates in the project and records it; env KERNEL_PROJECT only as a default", async () => {
    const api = mockApi(() => ({ status: 200, body: widget() }));
    const result = await provider(api, widgetSpec(), { KERNEL_PROJECT: "env" }).create({
      name: "a",
    });
    expect(api.requests[0].headers["x-kernel-project"]).toBe("env");
    expect(result.outs).toEqual({ name: "a", size: 1, project: "env" });
  });

  it("sends no project header for an org-wide resource", async () => {
    const api = mockApi(() => ({ status: 200, body: widget() }));
    const spec = widgetSpec({ projectScoped: false });
    const result = await provider(api, spec, { KERNEL_PROJECT: "env" }).create({ name: "a" });
    expect(api.requests[0].headers).not.toHaveProperty("x-kernel-project");
    expect(result.outs).not.toHaveProperty("project");
  });
});

describe("makeProvider: one owner per object in a process (issue 10 §8)", () => {
  /** POST answers 409 (in "conflict" mode); the lookup finds w_1; a PATCH would answer it. */
  const conflictApi = () => {
    const mode = { conflict: false };
    const api = mockApi((req) => {
      if (req.method === "POST" && mode.conflict)
        return { status: 409, body: { code: "conflict" } };
      if (req.method === "GET" && req.path.startsWith("/widgets?"))
        return { status: 200, body: [widget()] };
      return { status: 200, body: widget() };
    });
    return { ...api, mode };
  };

  type P = ReturnType<typeof provider>;
  it.each([
    ["created", (p: P) => p.create({ name: "a", size: 1 })],
    ["refreshed", (p: P) => p.read("w_1", { name: "a", size: 1 })],
    ["diffed", (p: P) => p.diff("w_1", { name: "a" }, { name: "a" })],
    ["updated", (p: P) => p.update("w_1", { name: "a" }, { name: "a", size: 2 })],
  ])("refuses to adopt an id another resource %s in this process, naming it", async (_, seen) => {
    const api = conflictApi();
    // One provider object, as the host shares it between the resources of one type.
    const p = provider(api);
    await seen(p);
    api.mode.conflict = true;
    api.requests.length = 0;
    const err = await failure(p.create({ name: "a", size: 1, adopt: true }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.message).toMatch(
      /^A Widget with name "a" already exists: w_1, and another resource of this deployment already manages it\. Two resources must not own one Widget/,
    );
    expect(lines(api)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);
  });

  it("a read by id without state (get) owns nothing; a delete releases the id", async () => {
    const api = conflictApi();
    api.mode.conflict = true;
    const p = provider(api);
    await p.read("w_1", {});
    const adopted = await p.create({ name: "a", size: 1, adopt: true });
    expect(adopted.id).toBe("w_1");
    await p.delete("w_1", adopted.outs);
    expect((await p.create({ name: "a", size: 1, adopt: true })).id).toBe("w_1");
  });

  it("an unknown POST outcome does not record a match another resource already owns", async () => {
    let posts = 0;
    const api = mockApi((req) => {
      if (req.method === "POST")
        return ++posts === 1 ? { status: 200, body: widget() } : { status: 502 };
      return { status: 200, body: [fresh()] };
    });
    const p = provider(api);
    expect((await p.create({ name: "a", size: 1 })).id).toBe("w_1");
    const err = await failure(p.create({ name: "a", size: 1 }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.message).toMatch(/already manages it/);
  });
});

describe("makeProvider: read, update, delete, diff", () => {
  it("reads with one GET; only not_found is gone; another id is an error", async () => {
    const ok = mockApi(() => ({ status: 200, body: widget({ size: 3 }) }));
    expect(await provider(ok).read("w_1", { name: "a", size: 1, project: "p" })).toEqual({
      id: "w_1",
      props: { name: "a", size: 3, project: "p" },
      inputs: { name: "a", size: 3, __project: "p" },
    });
    expect(ok.requests[0].headers["x-kernel-project"]).toBe("p");

    const gone = mockApi(() => ({ status: 404, body: { code: "not_found" } }));
    expect(await provider(gone).read("w_1", {})).toEqual({ id: "", props: {} });

    const route = mockApi(() => ({ status: 404, body: { code: "route_not_found" } }));
    await expect(provider(route).read("w_1", {})).rejects.toThrow(/route_not_found/);

    const moved = mockApi(() => ({ status: 200, body: widget({ id: "w_2" }) }));
    await expect(provider(moved).read("w_1", {})).rejects.toThrow(/another object, "w_2"/);
  });

  it("updates with one PATCH of exactly the body, none when it is empty", async () => {
    const api = mockApi(() => ({ status: 200, body: widget({ size: 2 }) }));
    const p = provider(api);
    expect(await p.update("w_1", { name: "a", size: 1 }, { name: "a", size: 2 })).toEqual({
      outs: { name: "a", size: 2 },
    });
    expect(await p.update("w_1", { name: "a", size: 2 }, { name: "a", adopt: true })).toEqual({
      outs: { name: "a", size: 2, adopt: true },
    });
    expect(lines(api)).toEqual(['PATCH /widgets/w_1 {"size":2}']);
  });

  it("deletes with one DELETE; only not_found counts as deleted", async () => {
    const gone = mockApi(() => ({ status: 404, body: { code: "not_found" } }));
    await expect(provider(gone).delete("w_1", {})).resolves.toBeUndefined();
    const html = mockApi(() => ({ status: 404, body: "<html>nope</html>" }));
    await expect(provider(html).delete("w_1", {})).rejects.toThrow(/404/);
  });

  it("diffs with no request while the desired project is none, unknown or written as recorded", async () => {
    const api = mockApi(() => ({ status: 500 }));
    const p = provider(api, widgetSpec(), { KERNEL_PROJECT: "elsewhere" });
    const olds = { name: "a", size: 1, project: "p", __provider: TEXT };
    expect(await p.diff("w_1", olds, { name: "a", __provider: TEXT })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await p.diff("w_1", olds, { name: "a", project: "p" })).toMatchObject({
      changes: false,
    });
    expect(await p.diff("w_1", olds, { name: "a", project: UNKNOWN })).toMatchObject({
      replaces: ["project"],
    });
    expect(api.requests).toEqual([]);
  });

  it("a project written otherwise is asked of the API: a move only where the object is not", async () => {
    // The API knows the project "p" also by its id "proj_p"; the object w_1 lives there.
    const api = mockApi((req) => {
      const project = req.headers["x-kernel-project"];
      if (project === "q") return { status: 404, body: { code: "not_found" } };
      if (project === "nope") return { status: 404, body: { code: "project_not_found" } };
      if (project === "proj_p") return { status: 200, body: widget() };
      return { status: 500 };
    });
    const p = provider(api);
    const olds = { name: "a", size: 1, project: "p" };
    expect(await p.diff("w_1", olds, { name: "a", project: "proj_p" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    for (const other of ["q", "nope"]) {
      expect(await p.diff("w_1", olds, { name: "a", project: other })).toEqual({
        changes: true,
        replaces: ["project"],
        deleteBeforeReplace: false,
      });
    }
    expect(lines(api)).toEqual(["GET /widgets/w_1", "GET /widgets/w_1", "GET /widgets/w_1"]);
    await expect(p.diff("w_1", olds, { name: "a", project: "down" })).rejects.toThrow(
      /^Could not tell whether project "down" is "p", where Widget w_1 was created/,
    );
  });

  it("check never throws and drops __provider", async () => {
    const api = mockApi(() => ({ status: 500 }));
    const spec = widgetSpec({
      check: () => {
        throw new Error("bug");
      },
    });
    expect(await provider(api, spec).check({}, { name: "a", __provider: TEXT })).toEqual({
      inputs: { name: "a" },
      failures: [{ property: "", reason: "could not be checked: bug" }],
    });
  });

  it("keeps the API key out of every error", async () => {
    const api = mockApi(() => ({ status: 400, body: { code: "bad", message: `key ${TEST_KEY}` } }));
    const err = await failure(provider(api).create({ name: "a" }));
    expect(err.message).not.toContain(TEST_KEY);
    expect(err.stack ?? "").not.toContain(TEST_KEY);
  });

  it("keeps every secret input value out of errors, stacks and partial-failure reasons", async () => {
    const TOKEN = "tok_SECRET_5a9c1e";
    const VALUE = "pw-hidden-77";
    const spec = widgetSpec({ secretOutputs: ["token", "values"] });
    const inputs = { name: "a", token: TOKEN, values: { password: VALUE, pin: "12" } };
    const echo = mockApi(() => ({
      status: 400,
      body: { code: "bad", message: `token ${TOKEN} and ${VALUE}`, details: [{ message: TOKEN }] },
    }));
    const p = provider(echo, spec);
    for (const call of [
      () => p.create(inputs),
      () => p.read("w_1", inputs),
      () => p.update("w_1", { name: "a" }, { ...inputs, size: 2 }),
      () => p.delete("w_1", inputs),
    ]) {
      const err = await failure(call());
      expect(err.message).toContain("[redacted]");
      for (const text of [err.message, err.stack ?? ""]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(VALUE);
      }
    }

    const created = mockApi(() => ({ status: 200, body: widget() }));
    const after = widgetSpec({
      secretOutputs: ["token"],
      afterCreate: async () => {
        throw new Error(`PATCH /widgets/w_1 refused token ${TOKEN}`);
      },
    });
    const partial = await failure(provider(created, after).create({ name: "a", token: TOKEN }));
    expect(partial).toBeInstanceOf(PartialFailureError);
    expect(JSON.stringify([partial.message, partial.stack, partial.reasons])).not.toContain(TOKEN);
  });

  it("refuses ids that could reach another endpoint", () => {
    expect(() => resourcePath("/widgets", "..")).toThrow();
  });
});

describe("makeProvider: the inputs the core owns (project, adopt)", () => {
  /** A spec whose bodies and outputs take every input they are given: the core must filter. */
  const greedy = widgetSpec({
    createBody: (d) => ({ ...d }),
    updateBody: (plan, _olds, d) => (plan.changed.length ? { ...d } : {}),
    toOutputs: (w, ctx) => ({ name: w.name, size: w.size, ...(ctx.desired ?? {}) }),
  });

  it("check validates them, drops adopt: false, and suggests them for a misspelt key", async () => {
    const p = provider(mockApi(() => ({ status: 500, body: {} })));
    expect(await p.check({}, { name: "a", project: "prod", adopt: false })).toEqual({
      inputs: { name: "a", project: "prod", __project: "prod" },
    });
    expect((await p.check({}, { name: "a", adopt: "yes" })).failures).toEqual([
      { property: "adopt", reason: 'must be true or false; received a string "yes"' },
    ]);
    expect((await p.check({}, { name: "a", project: " prod" })).failures).toEqual([
      { property: "project", reason: expect.stringMatching(/^must be a project id/) },
    ]);
    expect((await p.check({}, { name: "a", adpot: true })).failures).toEqual([
      { property: "adpot", reason: "is not a known input; did you mean adopt?" },
    ]);
  });

  it("an org-wide resource refuses project, and one without a unique key refuses adopt", async () => {
    const api = mockApi(() => ({ status: 500, body: {} }));
    const orgWide = provider(api, widgetSpec({ typeName: "BigWidget", projectScoped: false }));
    expect((await orgWide.check({}, { name: "a", project: "p" })).failures).toEqual([
      { property: "project", reason: "is not an input of BigWidget: big widgets are org-wide" },
    ]);
    const keyless = provider(api, widgetSpec({ uniqueKey: undefined }));
    expect((await keyless.check({}, { name: "a", adopt: true })).failures).toEqual([
      { property: "adopt", reason: expect.stringMatching(/^is not a known input/) },
    ]);
  });

  it("no body and no spec output ever holds them; the outputs record adopt and the project", async () => {
    const api = mockApi((req) => {
      if (req.method === "POST") return { status: 409, body: { code: "conflict" } };
      if (req.method === "GET") return { status: 200, body: [widget({ id: "w_old", size: 5 })] };
      return { status: 200, body: widget({ id: "w_old", size: 1 }) };
    });
    const result = await provider(api, greedy).create({
      name: "a",
      size: 1,
      project: "prod",
      adopt: true,
    });
    expect(lines(api)).toEqual([
      'POST /widgets {"name":"a","size":1}',
      "GET /widgets",
      'PATCH /widgets/w_old {"name":"a","size":1}',
    ]);
    expect(result.outs).toEqual({ name: "a", size: 1, project: "prod", adopt: true });
  });

  it("adopt is never a change: an update sends nothing for it and records the desired adopt", async () => {
    const api = mockApi(() => ({ status: 500, body: {} }));
    const p = provider(api);
    const olds = { name: "a", size: 1, adopt: true, __provider: TEXT };
    expect(await p.diff("w_1", olds, { name: "a", size: 1 })).toMatchObject({ changes: false });
    expect(await p.update("w_1", olds, { name: "a", size: 1 })).toEqual({
      outs: { name: "a", size: 1 },
    });
    expect(
      await p.update("w_1", { name: "a", size: 1 }, { name: "a", size: 1, adopt: true }),
    ).toEqual({
      outs: { name: "a", size: 1, adopt: true },
    });
    expect(api.calls()).toEqual([]);
  });

  it("a refresh reports adopt among the live inputs, and the outputs of inputNames by default", async () => {
    const api = mockApi(() => ({ status: 200, body: widget({ size: 7, created_at: "c" }) }));
    const result = await provider(api).read("w_1", { name: "a", size: 1, adopt: true });
    expect(result.props).toEqual({ name: "a", size: 7, createdAt: "c", adopt: true });
    expect(result.inputs).toEqual({ name: "a", size: 7, adopt: true, __project: "" });
  });
});
