import { CredentialStore, listView, totpCode } from "./store";

function fixedStore() {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new CredentialStore({
    now: () => new Date((t += 1000)),
    newId: () => `cred_${++n}`,
  });
}

function mustCreate(store: CredentialStore, name = "netflix-creds") {
  const created = store.create({
    name,
    domain: "netflix.com",
    values: { username: "u@example.com", password: "hunter2" },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe("CredentialStore", () => {
  it("answers value keys and flags but never values", () => {
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
  });

  it("refuses a second credential of the same name with 409 naming the first", () => {
    const store = fixedStore();
    const first = mustCreate(store);
    const again = store.create({ name: "netflix-creds", domain: "x.com", values: {} });
    expect(again).toMatchObject({
      ok: false,
      status: 409,
      error: { code: "conflict", details: [{ code: "existing_id", message: first.id }] },
    });
  });

  it("finds, patches and deletes by id or by name", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    expect(store.get(created.id).ok).toBe(true);
    expect(store.get("netflix-creds")).toMatchObject({ value: { id: created.id } });
    expect(store.get("nope")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(store.update("netflix-creds", { sso_provider: "google" }).ok).toBe(true);
    expect(store.remove("netflix-creds").ok).toBe(true);
    expect(store.remove("netflix-creds")).toMatchObject({ status: 404 });
  });

  it("PATCH removes keys first, then merges values (a key in both is kept with its new value)", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    const patched = store.update(created.id, {
      remove_value_keys: ["username", "password"],
      values: { password: "new", otp_email: "e" },
    });
    expect(patched).toMatchObject({ ok: true, value: { value_keys: ["otp_email", "password"] } });
    expect(store.table.byId(created.id)?.values).toEqual({ password: "new", otp_email: "e" });
  });

  it("PATCH merges without touching unsent fields and moves updated_at", () => {
    const store = fixedStore();
    const created = mustCreate(store);
    const patched = store.update(created.id, { values: { password: "rotated" } });
    if (!patched.ok) throw new Error(patched.error.message);
    expect(patched.value.value_keys).toEqual(["password", "username"]);
    expect(patched.value.updated_at > created.updated_at).toBe(true);
    expect(store.table.byId(created.id)?.values).toEqual({
      username: "u@example.com",
      password: "rotated",
    });
  });

  it('clears sso_provider with "" or null and the TOTP secret with ""', () => {
    const store = fixedStore();
    const { id } = mustCreate(store);
    store.update(id, { sso_provider: "google", totp_secret: "JBSW Y3DP EHPK 3PXP" });
    expect(store.get(id)).toMatchObject({
      value: { sso_provider: "google", has_totp_secret: true },
    });
    expect(store.table.byId(id)?.totp_secret).toBe("JBSWY3DPEHPK3PXP");
    expect(store.update(id, { sso_provider: "" })).toMatchObject({ value: { sso_provider: null } });
    store.update(id, { sso_provider: "github" });
    expect(store.update(id, { sso_provider: null })).toMatchObject({
      value: { sso_provider: null },
    });
    expect(store.update(id, { totp_secret: "" })).toMatchObject({
      value: { has_totp_secret: false },
    });
  });

  it("gives a TOTP code only in the answer to the call that set the secret", () => {
    const store = fixedStore();
    const created = store.create({
      name: "c",
      domain: "d.com",
      values: {},
      totp_secret: "JBSWY3DPEHPK3PXP",
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.totp_code).toMatch(/^\d{6}$/);
    expect(created.value.totp_code_expires_at).toBeDefined();
    const id = created.value.id;
    expect(store.get(id)).not.toHaveProperty("value.totp_code");
    expect(store.update(id, { name: "c2" })).not.toHaveProperty("value.totp_code");
    expect(store.update(id, { totp_secret: "GEZDGNBVGY3TQOJQ" })).toHaveProperty("value.totp_code");
  });

  it("computes RFC 6238 codes (the RFC's SHA-1 test vector)", () => {
    // RFC 6238 appendix B: secret "12345678901234567890" at 59 s gives 94287082 (8 digits).
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totpCode(secret, new Date(59_000)).code).toBe("287082");
    expect(totpCode(secret, new Date(59_000)).expiresAt.toISOString()).toBe(
      "1970-01-01T00:01:00.000Z",
    );
  });

  it("refuses a rename onto another credential's name, allows keeping its own", () => {
    const store = fixedStore();
    mustCreate(store, "a");
    const b = mustCreate(store, "b");
    expect(store.update(b.id, { name: "a" })).toMatchObject({ ok: false, status: 409 });
    expect(store.update(b.id, { name: "b" }).ok).toBe(true);
  });

  it("filters by domain in any letter case and by query; lists drop value_keys", () => {
    const store = fixedStore();
    for (const name of ["a", "b"]) mustCreate(store, name);
    store.create({ name: "z", domain: "other.com", values: {} });
    expect(store.matching({ domain: "NETFLIX.com" }).map((c) => c.name)).toEqual(["a", "b"]);
    expect(store.matching({ query: "OTHER" }).map((c) => c.name)).toEqual(["z"]);
    expect(store.matching({ query: "cred_1" }).map((c) => c.name)).toEqual(["a"]);
    expect(listView(store.view(store.all()[0]))).not.toHaveProperty("value_keys");
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
