import type { KernelOperation } from "../kernel/client";
import { apiErrorFor } from "../kernel/errors";
import { credentialProviderSpec } from "../credentialProvider/spec";
import { badRequestHint, credentialSpec, findByName } from "./spec";

const notFound = (code: string) =>
  apiErrorFor({
    method: "GET",
    path: "/credentials/x",
    status: 404,
    body: { code, message: "no" },
  });

/** An operation that answers each request with the next scripted result, and records them. */
function fakeOperation(results: unknown[]) {
  const calls: unknown[][] = [];
  const op = {
    request: async (...args: unknown[]) => {
      calls.push(args);
      const next = results.shift();
      if (next instanceof Error) throw next;
      return (args[2] as { parse: (j: unknown) => unknown }).parse(next);
    },
    find: async (...args: unknown[]) => {
      calls.push(args);
      const items = results.shift() as unknown[];
      const [, , parse, match] = args as [
        unknown,
        unknown,
        (j: unknown) => unknown,
        (i: unknown) => boolean,
      ];
      return items.map(parse).find(match);
    },
    list: async () => [],
  } as unknown as KernelOperation;
  return { op, calls };
}

const live = { id: "cred_1", name: "a b/c", domain: "x.com", value_keys: ["password"] };

describe("Credential lookup by name", () => {
  it("is one GET by the encoded name, with the key set", async () => {
    const { op, calls } = fakeOperation([live]);
    expect(await findByName(op, "a b/c")).toMatchObject({ id: "cred_1", value_keys: ["password"] });
    expect(calls).toEqual([["GET", "/credentials/a%20b%2Fc", expect.anything()]]);
  });

  it("finds nothing on the API's not_found only", async () => {
    expect(await findByName(fakeOperation([notFound("not_found")]).op, "n")).toBeUndefined();
    await expect(
      findByName(fakeOperation([notFound("route_not_found")]).op, "n"),
    ).rejects.toThrow();
  });

  it("matches a POST by name, domain, SSO, key set and TOTP presence", async () => {
    const desired = { name: "a b/c", domain: "x.com", values: { password: "p" } };
    const parsed = credentialSpec.parse(live);
    expect(await credentialSpec.uniqueKey!.matchesPost(fakeOperation([]).op, parsed, desired)).toBe(
      true,
    );
    expect(credentialSpec.uniqueKey!.describe(desired)).toBe('name "a b/c"');
  });
});

describe("CredentialProvider lookup by name", () => {
  it("searches the org's list by name and takes the exact match", async () => {
    const item = (name: string) => ({
      id: `cp_${name}`,
      name,
      provider_type: "onepassword",
      enabled: true,
      priority: 0,
    });
    const { op, calls } = fakeOperation([[item("my-1p-old"), item("my-1p")]]);
    const desired = { name: "my-1p", providerType: "onepassword" as const, token: "t" };
    expect(await credentialProviderSpec.uniqueKey!.find(op, desired)).toMatchObject({
      id: "cp_my-1p",
    });
    expect(calls[0].slice(0, 2)).toEqual(["/org/credential_providers", { query: "my-1p" }]);
    expect(credentialProviderSpec.projectScoped).toBe(false);
  });
});

describe("400 hints", () => {
  it("name the inputs the API's text is about", () => {
    expect(badRequestHint("invalid totp_secret")).toBe("Check the Credential input totpSecret");
    expect(badRequestHint("remove_value_keys: unknown key")).toBe(
      "Check the Credential input values",
    );
    expect(credentialProviderSpec.badRequestHint("cache_ttl_seconds too large")).toBe(
      "Check the CredentialProvider input cacheTtlSeconds",
    );
  });
});

describe("the warning a preview shows for a replacement that deletes first", () => {
  it("says that connections cannot log in between the delete and the create", () => {
    expect(credentialSpec.replaceWarning?.(["domain"], true)).toBe(
      "replacing it (domain changed) deletes it before its successor is created: connections " +
        "that log in with it cannot log in again in between.",
    );
    expect(credentialProviderSpec.replaceWarning?.(["providerType"], true)).toMatch(
      /deletes it before its successor is created: connections that take credentials from it/,
    );
  });

  it("says nothing when the successor is created first", () => {
    expect(credentialSpec.replaceWarning?.(["project"], false)).toBeUndefined();
    expect(credentialProviderSpec.replaceWarning?.(["providerType"], false)).toBeUndefined();
  });
});
