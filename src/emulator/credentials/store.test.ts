import { CredentialStore, totpCode } from "./store";

const P = "default";

function fixedStore() {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  const store = new CredentialStore({
    now: () => new Date((t += 1000)),
    newId: () => String(++n),
  });
  return store;
}

function mustCreate(store: CredentialStore, project = P, name = "netflix-creds") {
  const created = store.create(project, {
    name,
    domain: "netflix.com",
    values: { username: "u@example.com", password: "hunter2" },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe("CredentialStore", () => {
  it("answers value keys and flags but never values; ids carry the cred_ prefix", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    expect(created).toMatchObject({
      id: "cred_1",
      name: "netflix-creds",
      domain: "netflix.com",
      has_values: true,
      has_totp_secret: false,
      sso_provider: null,
      value_keys: ["password", "username"],
    });
    expect(JSON.stringify(created)).not.toContain("hunter2");
    expect(created).not.toHaveProperty("totp_code");
    expect(store.owns(created.id)).toBe(true);
  });

  it("refuses a second credential of the same name in a project with 409 naming the first", () => {
    const store = fixedStore();
    const first = mustCreate(store);
    const again = store.create(P, { name: "netflix-creds", domain: "x.com", values: {} });
    expect(again).toMatchObject({
      ok: false,
      status: 409,
      error: { code: "conflict", details: [{ code: "existing_id", message: first.id }] },
    });
    expect(store.create("other", { name: "netflix-creds", domain: "x.com", values: {} }).ok).toBe(
      true,
    );
  });

  it("finds by id or name only within its project", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    expect(store.get(P, created.id).ok).toBe(true);
    expect(store.get(P, "netflix-creds").ok).toBe(true);
    expect(store.get("other", created.id)).toMatchObject({
      ok: false,
      status: 404,
      error: { code: "not_found" },
    });
    expect(store.get("other", "netflix-creds").ok).toBe(false);
  });

  it("PATCH removes keys first, then merges values (a key in both is kept with its new value)", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    const patched = store.update(P, created.id, {
      remove_value_keys: ["username", "password"],
      values: { password: "new", otp_email: "e" },
    });
    expect(patched).toMatchObject({ ok: true, value: { value_keys: ["otp_email", "password"] } });
    expect(store.table.byId(created.id)?.values).toEqual({ password: "new", otp_email: "e" });
  });

  it("PATCH merges without touching unsent fields and moves updated_at", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    const patched = store.update(P, "netflix-creds", { values: { password: "rotated" } });
    if (!patched.ok) throw new Error();
    expect(patched.value.value_keys).toEqual(["password", "username"]);
    expect(patched.value.updated_at > created.updated_at).toBe(true);
    expect(store.table.byId(created.id)?.values.username).toBe("u@example.com");
  });

  it('clears sso_provider with "" or null and the TOTP secret with ""', () => {
    const store = fixedStore();
    const created = mustCreate(store);
    store.update(P, created.id, { sso_provider: "google", totp_secret: "JBSW Y3DP EHPK 3PXP" });
    expect(store.get(P, created.id)).toMatchObject({
      value: { sso_provider: "google", has_totp_secret: true },
    });
    expect(store.update(P, created.id, { sso_provider: "" })).toMatchObject({
      value: { sso_provider: null },
    });
    store.update(P, created.id, { sso_provider: "github" });
    expect(store.update(P, created.id, { sso_provider: null })).toMatchObject({
      value: { sso_provider: null },
    });
    expect(store.update(P, created.id, { totp_secret: "" })).toMatchObject({
      value: { has_totp_secret: false },
    });
  });

  it("gives a TOTP code only in the answer to the call that set the secret", () => {
    const store = fixedStore();
    const created = store.create(P, {
      name: "c",
      domain: "d.com",
      values: {},
      totp_secret: "JBSWY3DPEHPK3PXP",
    });
    expect(created).toMatchObject({
      ok: true,
      value: { totp_code: expect.stringMatching(/^\d{6}$/) },
    });
    if (!created.ok) throw new Error();
    expect(created.value.totp_code_expires_at).toBeDefined();
    expect(store.get(P, created.value.id).ok && store.get(P, created.value.id)).not.toHaveProperty(
      "value.totp_code",
    );
    expect(store.update(P, created.value.id, { name: "c2" })).not.toHaveProperty("value.totp_code");
    expect(store.update(P, created.value.id, { totp_secret: "GEZDGNBVGY3TQOJQ" })).toHaveProperty(
      "value.totp_code",
    );
  });

  it("computes RFC 6238 codes (the RFC's SHA-1 test vector)", () => {
    // RFC 6238 appendix B: secret "12345678901234567890" at 59 s gives 94287082 (8 digits).
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, new Date(59_000)).code).toBe("287082");
    expect(totpCode(secret, new Date(59_000)).expiresAt.toISOString()).toBe(
      "1970-01-01T00:01:00.000Z",
    );
  });

  it("refuses a rename onto another credential's name", () => {
    const store = fixedStore();
    mustCreate(store, P, "a");
    const b = mustCreate(store, P, "b");
    expect(store.update(P, b.id, { name: "a" })).toMatchObject({ ok: false, status: 409 });
    expect(store.update(P, b.id, { name: "b" }).ok).toBe(true);
  });

  it("lists without value_keys, filters by domain in any case, pages with absolute offsets", () => {
    const store = fixedStore();
    for (const name of ["a", "b", "c"]) mustCreate(store, P, name);
    store.create(P, { name: "z", domain: "other.com", values: {} });
    const first = store.list(P, { domain: "NETFLIX.com", limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(["a", "b"]);
    expect(first.items[0]).not.toHaveProperty("value_keys");
    expect(first).toMatchObject({ hasMore: true, nextOffset: 2 });
    expect(store.list(P, { domain: "netflix.com", limit: 2, offset: 2 })).toMatchObject({
      hasMore: false,
      nextOffset: 0,
    });
    expect(store.list("other").items).toEqual([]);
  });

  it("deletes by name, then answers not_found", () => {
    const store = fixedStore();
    mustCreate(store);
    expect(store.remove(P, "netflix-creds").ok).toBe(true);
    expect(store.remove(P, "netflix-creds")).toMatchObject({ status: 404 });
  });

  it("drift reshapes value_keys and the TOTP flag as the dashboard would", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    const drifted = store.drift(created.id, {
      value_keys: ["username", "pin"],
      has_totp_secret: true,
    });
    expect(drifted).toMatchObject({
      value: { value_keys: ["pin", "username"], has_totp_secret: true },
    });
    expect(store.table.byId(created.id)?.values.username).toBe("u@example.com");
    expect(store.drift(created.id, { sso_provider: "okta", name: "renamed" })).toMatchObject({
      value: { sso_provider: "okta", name: "renamed" },
    });
    expect(store.drift("cred_missing", {})).toMatchObject({ status: 404 });
  });
});
