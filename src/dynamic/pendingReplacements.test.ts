import { PendingReplacements, fingerprint } from "./pendingReplacements";

describe("fingerprint", () => {
  it("is the same for reordered keys and list members, different for other values", () => {
    expect(fingerprint({ a: [2, 1], b: { y: 1, x: 2 } })).toBe(
      fingerprint({ b: { x: 2, y: 1 }, a: [1, 2] }),
    );
    expect(fingerprint({ a: [1, 2] })).not.toBe(fingerprint({ a: [1, 3] }));
    expect(fingerprint({ a: "1" })).not.toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: undefined, b: 1 })).toBe(fingerprint({ b: 1 }));
  });
});

describe("PendingReplacements", () => {
  const planned = {
    name: "netflix-creds",
    domain: "netflix.de",
    allowedDomains: ["b.example.com", "a.example.com"],
    healthCheckInterval: 7200,
  };

  it("gives the project back for the program's inputs, once", () => {
    const pending = new PendingReplacements();
    pending.remember(planned, "proj_staging");
    // The re-check: the program dropped a server-owned field, and lists come sorted.
    const rechecked = {
      name: "netflix-creds",
      domain: "netflix.de",
      allowedDomains: ["a.example.com", "b.example.com"],
    };
    expect(pending.take(rechecked)).toBe("proj_staging");
    expect(pending.take(rechecked)).toBeUndefined();
    expect(pending.size).toBe(0);
  });

  it("keeps the default project as the empty text", () => {
    const pending = new PendingReplacements();
    pending.remember(planned, "");
    expect(pending.take({ name: "netflix-creds" })).toBe("");
  });

  it("answers nothing when an input differs", () => {
    const pending = new PendingReplacements();
    pending.remember(planned, "proj_staging");
    expect(pending.take({ ...planned, domain: "netflix.fr" })).toBeUndefined();
    expect(pending.size).toBe(1);
  });

  it("answers nothing when equal inputs were planned in two projects", () => {
    const pending = new PendingReplacements();
    pending.remember(planned, "proj_staging");
    pending.remember(planned, "proj_prod");
    expect(pending.take(planned)).toBeUndefined();
  });

  it("keeps at most its limit, dropping the oldest", () => {
    const pending = new PendingReplacements(2);
    pending.remember({ name: "a" }, "p1");
    pending.remember({ name: "b" }, "p2");
    pending.remember({ name: "c" }, "p3");
    expect(pending.size).toBe(2);
    expect(pending.take({ name: "a" })).toBeUndefined();
    expect(pending.take({ name: "c" })).toBe("p3");
  });
});
