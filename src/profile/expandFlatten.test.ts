import { liveInputsOf } from "../dynamic/spec";
import { parseProfile } from "./api";
import { toCreateRequest } from "./expand";
import { toOutputs } from "./flatten";
import { profileSpec } from "./spec";

describe("Profile expand and flatten", () => {
  const live = parseProfile({
    id: "pf_1",
    name: "team",
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-02T00:00:00Z",
    last_used_at: "2026-11-03T00:00:00Z",
    new_field: [1],
  });

  it("POSTs the name", () => {
    expect(toCreateRequest({ name: "team" })).toEqual({ name: "team" });
  });

  it("gives outputs with timestamps, and live inputs", () => {
    const state = toOutputs(live);
    expect(state).toEqual({
      name: "team",
      createdAt: "2026-11-01T00:00:00Z",
      lastUsedAt: "2026-11-03T00:00:00Z",
    });
    expect(liveInputsOf(profileSpec, state)).toEqual({ name: "team" });
  });

  it("never holds undefined; a nameless profile reads as an empty name", () => {
    const state = toOutputs(parseProfile({ id: "pf_2", name: null, created_at: "c" }));
    expect(state).toEqual({ name: "", createdAt: "c" });
    expect(() => parseProfile({ name: "x" })).toThrow();
  });
});
