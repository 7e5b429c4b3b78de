import { AlreadyExistsError } from "../dynamic/errors";
import { TEST_KEY, mockApi } from "../../test/support/mockApi";
import { makeProvider } from "../dynamic/provider";
import { profileSpec } from "./spec";

function provider(api: ReturnType<typeof mockApi>) {
  return makeProvider(profileSpec, {
    env: { KERNEL_API_KEY: TEST_KEY },
    // Our first POST is sent just before the fixture's profile was made.
    now: () => Date.parse("2026-11-26T23:59:59Z"),
    client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
  });
}

const profile = (over: Record<string, unknown> = {}) => ({
  id: "prof_1",
  name: "team",
  created_at: "2026-11-27T00:00:00Z",
  ...over,
});

describe("the Profile provider's unique key", () => {
  it("takes over with adopt a profile whose name differs only in case, renaming it", async () => {
    const api = mockApi((req) => {
      if (req.method === "POST") return { status: 409, body: { code: "conflict" } };
      if (req.method === "GET") return { status: 200, body: [profile({ name: "Team" })] };
      return { status: 200, body: profile() };
    });
    const result = await provider(api).create({ name: "team", adopt: true });
    expect(api.calls().map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? "")}`)).toEqual(
      [
        'POST /profiles {"name":"team"}',
        'GET /profiles?name=team&limit=100&offset=0 ""',
        'PATCH /profiles/prof_1 {"name":"team"}',
      ],
    );
    expect(result.id).toBe("prof_1");
  });

  it("after an unknown outcome, records an unused profile of the name (ours)", async () => {
    const api = mockApi((req) =>
      req.method === "POST" ? { status: 500, body: {} } : { status: 200, body: [profile()] },
    );
    expect((await provider(api).create({ name: "team" })).id).toBe("prof_1");
  });

  it("after an unknown outcome, refuses an unused profile made before our POST (someone else's)", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 500, body: {} }
        : { status: 200, body: [profile({ created_at: "2026-11-20T00:00:00Z" })] },
    );
    const err = await provider(api)
      .create({ name: "team" })
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(api.calls().map((c) => c.method)).toEqual(["POST", "GET"]);
  });

  it("after an unknown outcome, refuses a used profile of the name (it existed before)", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 500, body: {} }
        : { status: 200, body: [profile({ last_used_at: "2026-01-01T00:00:00Z" })] },
    );
    const err = await provider(api)
      .create({ name: "team" })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/already exists: prof_1/);
  });
});
