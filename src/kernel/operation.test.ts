import { BASE_URL, TEST_KEY, managedAuth, mockApi } from "../../test/support/mockApi";
import {
  KernelClient,
  assertValidId,
  resetSharedClients,
  resourcePath,
  sharedClient,
} from "./client";
import {
  KernelError,
  MalformedResponseError,
  NotFoundError,
  isGone,
  isOutcomeUnknown,
} from "./errors";

function clientFor(api: ReturnType<typeof mockApi>, extra: Partial<{ maxAttempts: number }> = {}) {
  return new KernelClient({
    baseUrl: BASE_URL,
    apiKey: TEST_KEY,
    dispatcher: api.agent,
    sleep: async () => undefined,
    random: () => 0.5,
    now: () => 0,
    retry: { maxAttempts: extra.maxAttempts ?? 8 },
  });
}

const item = (json: unknown) => json as { id: string; name: string };

describe("KernelClient.operation", () => {
  it("sends X-Kernel-Project on every request of an operation that has a project", async () => {
    const api = mockApi((req) =>
      req.method === "GET" && req.path.startsWith("/credentials?")
        ? { status: 200, body: [], headers: { "x-has-more": "false" } }
        : { status: 200, body: { id: "cred_1", name: "n" } },
    );
    const op = clientFor(api).operation({ project: "proj_a" });
    await op.request("POST", resourcePath("/credentials"), { body: { name: "n" }, parse: item });
    await op.find("/credentials", { domain: "x.com" }, item, () => true);
    expect(api.requests.map((r) => r.headers["x-kernel-project"])).toEqual(["proj_a", "proj_a"]);
    expect(api.requests[1].path).toBe("/credentials?domain=x.com&limit=100&offset=0");
  });

  it("omits X-Kernel-Project when the operation has none", async () => {
    const api = mockApi(() => ({ status: 200, body: { id: "cp_1" } }));
    await clientFor(api)
      .operation()
      .request("GET", resourcePath("/org/credential_providers", "cp_1"), { parse: item });
    expect(api.requests[0].headers).not.toHaveProperty("x-kernel-project");
  });

  it("uses the operation's 400 hint", async () => {
    const api = mockApi(() => ({ status: 400, body: { code: "bad", message: "name too long" } }));
    const err = await clientFor(api)
      .operation({ badRequestHint: (t) => (t.includes("name") ? "Check input name" : undefined) })
      .request("PATCH", "/profiles/p1", { body: { name: "x" }, parse: item })
      .catch((e) => e);
    expect(err.message).toMatch(/name too long\. Check input name$/);
  });

  it("list pages with the absolute X-Next-Offset until X-Has-More is false", async () => {
    const api = mockApi((req) => {
      const offset = Number(new URL(req.path, BASE_URL).searchParams.get("offset"));
      const pages: Record<number, [string[], Record<string, string>]> = {
        0: [["a", "b"], { "x-has-more": "true", "x-next-offset": "2" }],
        2: [["c"], { "x-has-more": "true", "x-next-offset": "3" }],
        3: [["d"], { "x-has-more": "false", "x-next-offset": "0" }],
      };
      const [ids, headers] = pages[offset];
      return { status: 200, body: ids.map((id) => ({ id, name: id })), headers };
    });
    const all = await clientFor(api).operation().list("/proxies", {}, item);
    expect(all.map((p) => p.id)).toEqual(["a", "b", "c", "d"]);
    expect(api.requests).toHaveLength(3);
  });

  it("find stops at the first page holding a match", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: [{ id: "x", name: "wanted" }],
      headers: { "x-has-more": "true", "x-next-offset": "1" },
    }));
    const found = await clientFor(api)
      .operation()
      .find("/profiles", {}, item, (p) => p.name === "wanted");
    expect(found?.id).toBe("x");
    expect(api.requests).toHaveLength(1);
  });

  // Ending the list there would make a lookup miss an object that exists.
  it("treats X-Has-More: true without X-Next-Offset as an error, not the end of the list", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: [managedAuth({ id: "ma_other", profile_name: "other" })],
      headers: { "x-has-more": "true" },
    }));
    const client = clientFor(api, { maxAttempts: 1 });
    const err = await client
      .operation()
      .find(
        "/auth/connections",
        { profile_name: "team-netflix", domain: "netflix.com" },
        (json) => json as { profile_name: string },
        (c) => c.profile_name === "team-netflix",
      )
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect((err as Error).message).toMatch(/X-Has-More is true but X-Next-Offset is missing/);
    await expect(client.operation().list("/credentials", {}, item)).rejects.toThrow(
      /X-Next-Offset is missing/,
    );
  });

  it("refuses a next offset that does not move forward (a loop)", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: [],
      headers: { "x-has-more": "true", "x-next-offset": "0" },
    }));
    await expect(
      clientFor(api, { maxAttempts: 1 }).operation().list("/credentials", {}, item),
    ).rejects.toThrow(/does not move past offset 0/);
  });
});

describe("resourcePath and assertValidId", () => {
  it("encodes the id as one segment", () => {
    expect(resourcePath("/credentials")).toBe("/credentials");
    expect(resourcePath("/credentials", "a/b?c#d%")).toBe("/credentials/a%2Fb%3Fc%23d%25");
    expect(resourcePath("/credentials", "..x")).toBe("/credentials/..x");
  });

  it.each(["", ".", ".."])("refuses the path id %j", (id) => {
    expect(() => resourcePath("/credentials", id)).toThrow(KernelError);
  });

  it.each(["", ".", "..", "a\nb", "a\u0000", 42, undefined, null])(
    "refuses the answer id %j",
    (id) => {
      expect(() => assertValidId(id, "credential")).toThrow(/invalid credential id/);
    },
  );

  it("accepts an ordinary id", () => {
    expect(() => assertValidId("cred_abc.1-2", "credential")).not.toThrow();
  });
});

describe("isGone", () => {
  it("is true only for the API's 404 not_found", async () => {
    const errorFor = async (status: number, body: unknown) => {
      const api = mockApi(() => ({ status, body }));
      return clientFor(api)
        .operation()
        .request("GET", "/profiles/p", { parse: item })
        .catch((e) => e);
    };
    const gone = await errorFor(404, { code: "not_found", message: "gone" });
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(isGone(gone)).toBe(true);
    expect(isGone(await errorFor(404, { code: "route_not_found", message: "no route" }))).toBe(
      false,
    );
    expect(isGone(await errorFor(404, { code: "project_not_found", message: "?" }))).toBe(false);
    expect(isGone(await errorFor(404, "<html>404</html>"))).toBe(false);
    expect(isGone(await errorFor(400, { code: "not_found" }))).toBe(false);
    expect(isGone(new Error("not_found"))).toBe(false);
    expect(isOutcomeUnknown(gone)).toBe(false);
  });
});

describe("sharedClient", () => {
  afterEach(() => resetSharedClients());

  it("gives one client per (baseUrl, apiKey)", () => {
    const a = sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY });
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY })).toBe(a);
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: `${TEST_KEY}_other` })).not.toBe(a);
    expect(sharedClient({ baseUrl: "https://eu.example.com", apiKey: TEST_KEY })).not.toBe(a);
    // Asked again after others (the last answer is kept apart): still the same one.
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY })).toBe(a);
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY, requestTimeoutMs: 5 })).not.toBe(a);
    resetSharedClients();
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY })).not.toBe(a);
  });

  it("shares one rate gate: a 429 met by one resource's operation pauses another's", async () => {
    let n = 0;
    const api = mockApi(() =>
      ++n === 1
        ? { status: 429, body: { code: "rate_limited" }, headers: { "retry-after": "300" } }
        : { status: 200, body: { id: "p" } },
    );
    const settings = { baseUrl: BASE_URL, apiKey: TEST_KEY };
    const overrides = { dispatcher: api.agent, now: () => 0, sleep: async () => undefined };
    const credentials = sharedClient(settings, overrides).operation({ project: "a" });
    const profiles = sharedClient(settings, overrides).operation({ project: "b" });
    await expect(credentials.request("GET", "/credentials/c", { parse: item })).rejects.toThrow(
      /asked to wait 300 s/,
    );
    await expect(profiles.request("GET", "/profiles/p", { parse: item })).rejects.toThrow(
      /was not sent: every request is paused for another 300 s/,
    );
    expect(api.requests).toHaveLength(1);
  });

  it("keeps clients of a test dispatcher apart and applies the settings", async () => {
    const api = mockApi(() => ({ status: 200, body: { id: "p" } }));
    const client = sharedClient(
      { baseUrl: BASE_URL, apiKey: TEST_KEY, project: "ignored-here" },
      { dispatcher: api.agent },
    );
    expect(client).not.toBe(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY }));
    expect(sharedClient({ baseUrl: BASE_URL, apiKey: TEST_KEY }, { dispatcher: api.agent })).toBe(
      client,
    );
    await client.operation().request("GET", "/profiles/p", { parse: item });
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });
});
