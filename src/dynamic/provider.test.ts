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
import { projectInputSchema } from "./project";
import { type ChangePlan, type ResourceSpec, makeProvider } from "./provider";

interface WidgetInputs {
  name: string;
  size?: number;
  project?: string;
  adopt?: boolean;
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
  project: projectInputSchema.optional(),
  adopt: orUnknown(z.boolean()).optional(),
});

function widgetSpec(
  extra: Partial<ResourceSpec<WidgetInputs, WidgetState, Widget>> = {},
): ResourceSpec<WidgetInputs, WidgetState, Widget> {
  return {
    typeName: "Widget",
    collection: "/widgets",
    projectScoped: true,
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
    liveId: (w) => w.id,
    toState: (w, ctx) => ({
      name: w.name,
      size: w.size,
      createdAt: w.created_at,
      ...((ctx.desired ?? ctx.olds)?.adopt ? { adopt: true } : {}),
    }),
    toLiveInputs: (s) => ({ name: s.name, size: s.size }),
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
    },
    badRequestHint: () => undefined,
    secretOutputs: [],
    ...extra,
  };
}

const TEXT = 'exports.handler = () => require("pulumi-kernel/provider").widget;';

function provider(
  api: ReturnType<typeof mockApi>,
  spec = widgetSpec(),
  env: Record<string, string> = {},
) {
  return makeProvider(spec, {
    env: { KERNEL_API_KEY: TEST_KEY, ...env },
    client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
  });
}

const widget = (over: Partial<Widget> = {}): Widget => ({ id: "w_1", name: "a", size: 1, ...over });
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
      req.method === "POST" ? { status: 502, body: {} } : { status: 200, body: [widget()] },
    );
    expect((await provider(matching).create({ name: "a", size: 1 })).id).toBe("w_1");
    expect(lines(matching)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);

    const other = mockApi((req) =>
      req.method === "POST"
        ? { status: 502, body: {} }
        : { status: 200, body: [widget({ size: 7 })] },
    );
    const err = await failure(provider(other).create({ name: "a", size: 1 }));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(lines(other)).toEqual(['POST /widgets {"name":"a","size":1}', "GET /widgets"]);
  });

  it("a 409 after an unknown outcome is ours when it matches (the first POST acted slowly)", async () => {
    let posts = 0;
    let listed = 0;
    const api = mockApi((req) => {
      if (req.method === "POST")
        return ++posts === 1
          ? { status: 503, body: {} }
          : { status: 409, body: { code: "conflict" } };
      return { status: 200, body: listed++ === 0 ? [] : [widget()] };
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

describe("makeProvider: read, update, delete, diff", () => {
  it("reads with one GET; only not_found is gone; another id is an error", async () => {
    const ok = mockApi(() => ({ status: 200, body: widget({ size: 3 }) }));
    expect(await provider(ok).read("w_1", { name: "a", size: 1, project: "p" })).toEqual({
      id: "w_1",
      props: { name: "a", size: 3, project: "p" },
      inputs: { name: "a", size: 3 },
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

  it("diffs with no request, adding the project move as a replace that creates first", async () => {
    const api = mockApi(() => ({ status: 500 }));
    const p = provider(api, widgetSpec(), { KERNEL_PROJECT: "elsewhere" });
    const olds = { name: "a", size: 1, project: "p", __provider: TEXT };
    expect(await p.diff("w_1", olds, { name: "a", __provider: TEXT })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await p.diff("w_1", olds, { name: "a", project: "q" })).toEqual({
      changes: true,
      replaces: ["project"],
      deleteBeforeReplace: false,
    });
    expect(await p.diff("w_1", olds, { name: "a", project: UNKNOWN })).toMatchObject({
      replaces: ["project"],
    });
    expect(api.requests).toEqual([]);
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

  it("refuses ids that could reach another endpoint", () => {
    expect(() => resourcePath("/widgets", "..")).toThrow();
  });
});
