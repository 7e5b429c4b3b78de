import type { KernelOperation } from "../kernel/client";
import { ConflictError, KernelError } from "../kernel/errors";
import { parseBrowserPool } from "./api";
import { explainBrowserPoolFailure } from "./leased";
import { badRequestHint, browserPoolSpec, deleteBody } from "./spec";

/** An operation that answers one GET with `answer` and records what it was asked. */
function oneAnswer(answer: unknown) {
  const asked: string[] = [];
  const op = {
    request: async (method: string, path: string, options: { parse: (j: unknown) => unknown }) => {
      asked.push(`${method} ${path}`);
      return options.parse(answer);
    },
    list: async () => {
      asked.push("LIST");
      return [];
    },
  } as unknown as KernelOperation;
  return { op, asked };
}

const leasedConflict = () =>
  new ConflictError({
    method: "DELETE",
    path: "/browser_pools/pool_1",
    status: 409,
    body: { code: "conflict", message: "leased" },
  });

describe("browserPoolSpec", () => {
  it("deletes with force only when the state says forceDestroy", () => {
    expect(deleteBody({ forceDestroy: true })).toEqual({ force: true });
    expect(deleteBody({})).toBeUndefined();
    expect(browserPoolSpec.deleteBody).toBe(deleteBody);
  });

  it("names the inputs a 400 is about, in the program's words", () => {
    expect(badRequestHint("timeout_seconds must be at least 10; proxy_id not found")).toBe(
      "Check the BrowserPool inputs proxyId, timeoutSeconds",
    );
    expect(badRequestHint("something else")).toBe("Check the BrowserPool's inputs");
  });

  it("explains a refused delete with the leased count from one read; other failures pass", async () => {
    const { op, asked } = oneAnswer({
      id: "pool_1",
      acquired_count: 3,
      browser_pool_config: { size: 3 },
    });
    const err = (await explainBrowserPoolFailure(op, leasedConflict(), {
      kind: "delete",
      id: "pool_1",
    })) as Error;
    expect(asked).toEqual(["GET /browser_pools/pool_1"]);
    expect(err.message).toMatch(/pool_1 has 3 browsers leased/);
    expect(err.message).toMatch(/forceDestroy: true/);

    const other = new KernelError("boom");
    const quiet = oneAnswer({});
    expect(await explainBrowserPoolFailure(quiet.op, other, { kind: "delete", id: "pool_1" })).toBe(
      other,
    );
    expect(
      await explainBrowserPoolFailure(quiet.op, leasedConflict(), {
        kind: "update",
        id: "pool_1",
        body: {},
      }),
    ).toBeInstanceOf(ConflictError);
    expect(quiet.asked).toEqual([]);
  });

  it("looks a pool up by its name; a nameless one cannot be, and says what to check", async () => {
    const { op, asked } = oneAnswer({});
    await expect(browserPoolSpec.uniqueKey!.find(op, { size: 1 })).rejects.toThrow(
      /without a name cannot be looked up.*GET \/browser_pools/,
    );
    expect(asked).toEqual([]);
    expect(await browserPoolSpec.uniqueKey!.find(op, { size: 1, name: "warm" })).toBeUndefined();
    expect(asked).toEqual(["LIST"]);
  });

  it("after a lost POST, a pool is ours only if nothing the POST carried differs", async () => {
    const live = parseBrowserPool({
      id: "pool_1",
      name: "warm",
      region: "us-east",
      browser_pool_config: { size: 2, name: "warm", stealth: true, headless: false },
    });
    const { op } = oneAnswer({});
    const matches = browserPoolSpec.uniqueKey!.matchesPost;
    expect(await matches(op, live, { size: 2, name: "warm", stealth: true })).toBe(true);
    expect(await matches(op, live, { size: 2, name: "warm", forceDestroy: true })).toBe(true);
    expect(await matches(op, live, { size: 3, name: "warm" })).toBe(false);
    expect(await matches(op, live, { size: 2, name: "warm", region: "eu-west" })).toBe(false);
  });

  it("records the provider's own flags when an update sends nothing", () => {
    const olds = { size: 2, name: "warm", forceDestroy: true };
    expect(browserPoolSpec.noopOutputs!(olds, { size: 2, name: "warm" })).toEqual({
      size: 2,
      name: "warm",
    });
    expect(
      browserPoolSpec.noopOutputs!({ size: 2 }, { size: 2, rebuildIdleBrowsersOnUpdate: true }),
    ).toEqual({ size: 2, rebuildIdleBrowsersOnUpdate: true });
  });
});
