import { KernelConfigError, NotFoundError } from "../kernel/errors";
import { TEST_KEY } from "../../test/support/mockApi";
import { lookupApi, notFoundReply } from "../../test/support/lookups";
import { runLookup } from "./core";
import { LookupArgumentError, LookupNotFoundError } from "./errors";
import { profileLookup } from "./getProfile";
import { projectLookup } from "./getProject";

const profile = (over: Record<string, unknown> = {}) => ({
  id: "prof_1",
  name: "team",
  created_at: "2026-11-27T00:00:00Z",
  ...over,
});

const answering = (body: unknown) => () => ({ status: 200, body });

describe("a lookup's settings, as the provider reads them", () => {
  it("sends the key of the stack's config, else the env's", async () => {
    const fromConfig = lookupApi(answering(profile()));
    await runLookup(profileLookup, { name: "team" }, fromConfig.deps);
    expect(fromConfig.requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);

    const envKey = `${TEST_KEY}_env`;
    const fromEnv = lookupApi(answering(profile()), {}, { KERNEL_API_KEY: envKey });
    await runLookup(
      profileLookup,
      { name: "team" },
      { ...fromEnv.deps, config: { get: () => undefined } },
    );
    expect(fromEnv.requests[0].headers.authorization).toBe(`Bearer ${envKey}`);
  });

  it("refuses an unknown kernel:* key before any request, naming the nearest setting", async () => {
    const api = lookupApi(answering(profile()), { "kernel:baseURL": "http://127.0.0.1:1" });
    const err = await runLookup(profileLookup, { name: "team" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConfigError);
    expect((err as Error).message).toMatch(/kernel:baseURL \(did you mean kernel:baseUrl\?\)/);
    expect(api.requests).toHaveLength(0);
  });

  it("fails with the provider's message when there is no key at all", async () => {
    const api = lookupApi(answering(profile()));
    const err = await runLookup(
      profileLookup,
      { name: "team" },
      { ...api.deps, config: { get: () => undefined } },
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConfigError);
    expect((err as Error).message).toMatch(/No Kernel API key/);
    expect(api.requests).toHaveLength(0);
  });
});

describe("a project-scoped lookup's project", () => {
  const headersOf = async (
    args: Record<string, unknown>,
    config: Record<string, string> = {},
    env: NodeJS.ProcessEnv = {},
  ) => {
    const api = lookupApi(answering(profile()), config, env);
    await runLookup(profileLookup, { name: "team", ...args }, api.deps);
    const h = api.requests[0].headers;
    return { project: h["x-kernel-project"], projectId: h["x-kernel-project-id"] };
  };

  it("is the call's project, else kernel:project, else KERNEL_PROJECT, else KERNEL_PROJECT_ID", async () => {
    const config = { "kernel:project": "from-config" };
    const env = { KERNEL_PROJECT: "from-env", KERNEL_PROJECT_ID: "proj_env" };
    expect(await headersOf({ project: "asked" }, config, env)).toEqual({ project: "asked" });
    expect(await headersOf({}, config, env)).toEqual({ project: "from-config" });
    expect(await headersOf({}, {}, env)).toEqual({ project: "from-env" });
    expect(await headersOf({}, {}, { KERNEL_PROJECT_ID: "proj_env" })).toEqual({
      projectId: "proj_env",
    });
    expect(await headersOf({})).toEqual({});
  });

  it("is named in the result", async () => {
    const api = lookupApi(answering(profile()));
    const asked = await runLookup(profileLookup, { name: "team", project: "other" }, api.deps);
    expect(asked.project).toBe("other");
    const inDefault = await runLookup(profileLookup, { name: "team" }, api.deps);
    expect(inDefault).not.toHaveProperty("project");
  });

  it("an org-wide lookup sends no project header, whatever is configured, and takes no project", async () => {
    const api = lookupApi(
      answering({ id: "proj_1", name: "staging", status: "active" }),
      { "kernel:project": "staging" },
      { KERNEL_PROJECT_ID: "proj_x" },
    );
    await runLookup(projectLookup, { name: "staging" }, api.deps);
    expect(api.requests[0].headers).not.toHaveProperty("x-kernel-project");
    expect(api.requests[0].headers).not.toHaveProperty("x-kernel-project-id");
    const err = await runLookup(
      projectLookup,
      { name: "staging", project: "x" } as never,
      api.deps,
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupArgumentError);
    expect(api.requests).toHaveLength(1);
  });
});

describe("a lookup's arguments", () => {
  it.each([
    [{}, /give `id` or `name`$/],
    [{ id: "prof_1", name: "team" }, /not both/],
    [{ name: "" }, /`name` must be a non-empty string, got an empty string/],
    [{ id: 7 }, /`id` must be a non-empty string, got number/],
    [{ name: "team", project: " " }, /`project` must be a non-empty string/],
  ])("refuses %j before any request", async (args, message) => {
    const api = lookupApi(answering(profile()));
    const err = await runLookup(profileLookup, args as never, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupArgumentError);
    expect((err as Error).message).toMatch(/^getProfile: /);
    expect((err as Error).message).toMatch(message);
    expect(api.requests).toHaveLength(0);
  });

  it("addresses the object by one encoded path segment", async () => {
    const api = lookupApi(() => notFoundReply);
    await runLookup(profileLookup, { name: "a/b?c" }, api.deps).catch(() => undefined);
    expect(api.sent()).toEqual(["GET /profiles/a%2Fb%3Fc"]);
  });
});

describe("a lookup that finds nothing", () => {
  it("says which function, object, key and project were asked on a 404 not_found", async () => {
    const api = lookupApi(() => notFoundReply);
    const err = await runLookup(profileLookup, { name: "gone", project: "other" }, api.deps).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toBe(
      'getProfile: no profile with name "gone" in project "other" (404 not_found)',
    );
  });

  it("passes any other 404 (an unknown project) through as the API's error", async () => {
    const api = lookupApi(() => ({
      status: 404,
      body: { code: "project_not_found", message: "project other not found" },
    }));
    const err = await runLookup(profileLookup, { name: "team", project: "other" }, api.deps).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).not.toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toMatch(/project_not_found/);
  });

  it("does not take an object whose name is the id asked for", async () => {
    const api = lookupApi(answering(profile({ id: "prof_9", name: "prof_1" })));
    const err = await runLookup(profileLookup, { id: "prof_1" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toMatch(/no profile with id "prof_1".*addresses profile prof_9/);
  });
});

describe("the API key", () => {
  it("is in no result, even when the API echoes it in a field the lookup does not know", async () => {
    const api = lookupApi(answering(profile({ echoed: TEST_KEY, name: "team" })));
    const result = await runLookup(profileLookup, { name: "team" }, api.deps);
    expect(JSON.stringify(result)).not.toContain(TEST_KEY);
    expect(result).toEqual({ id: "prof_1", name: "team", createdAt: "2026-11-27T00:00:00Z" });
  });

  it("is in no error: not the API's, and not the lookup's own", async () => {
    const echo = lookupApi(() => ({
      status: 400,
      body: { code: "bad_request", message: `bad header Bearer ${TEST_KEY}` },
    }));
    const apiError = await runLookup(profileLookup, { name: "team" }, echo.deps).catch(
      (e: Error) => e,
    );
    expect((apiError as Error).message).toMatch(/bad_request/);
    // A key pasted as the name: the not-found message names the name, redacted.
    const pasted = lookupApi(() => notFoundReply);
    const ownError = await runLookup(profileLookup, { name: TEST_KEY }, pasted.deps).catch(
      (e: Error) => e,
    );
    expect(ownError).toBeInstanceOf(LookupNotFoundError);
    for (const err of [apiError as Error, ownError as Error]) {
      expect(err.message).not.toContain(TEST_KEY);
      expect(err.stack).not.toContain(TEST_KEY);
      expect(err.message).toContain("[redacted]");
    }
  });
});
