import { planChanges } from "../authConnection/patch";
import { checkResourceInputs } from "./owned";
import { authConnectionSpec } from "../authConnection/spec";
import { alignWithOldInputs, plannedFieldsShow } from "./engineDiff";
import { UNKNOWN } from "./engineKeys";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(authConnectionSpec, news);

const plan = (olds: Record<string, unknown>, news: Record<string, unknown>) =>
  planChanges(olds, news);

const OLD = {
  profileName: "team-netflix",
  domain: "netflix.com",
  loginUrl: "https://www.netflix.com/login",
  credential: { name: "netflix-creds" },
  allowedDomains: ["auth.netflix.com", "login.netflix.com"],
  healthCheckInterval: 3600,
  __provider: "exports.handler = 1",
};

const checked = (news: Record<string, unknown>) => {
  const { inputs, failures } = checkInputs(news);
  expect(failures).toEqual([]);
  return inputs;
};

/** Top-level keys whose JSON differs: what the engine's own diff of inputs names. */
const differing = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== "__provider" && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();

describe("alignWithOldInputs", () => {
  it("returns the checked inputs as they are without old inputs (a create)", () => {
    const news = checked({ ...OLD, adopt: true });
    expect(alignWithOldInputs(plan, {}, news)).toBe(news);
  });

  it("keeps a dropped server-owned field and `adopt` as they were, beside a real change", () => {
    const { healthCheckInterval: _dropped, ...program } = OLD;
    const news = checked({ ...program, loginUrl: "https://www.netflix.com/signin", adopt: true });
    const aligned = alignWithOldInputs(plan, OLD, news);
    expect(aligned.healthCheckInterval).toBe(3600);
    expect(aligned).not.toHaveProperty("adopt");
    expect(differing(OLD, aligned)).toEqual(["loginUrl"]);
  });

  it("shows a one-domain addition as one element added at the end", () => {
    const news = checked({
      ...OLD,
      allowedDomains: ["login.netflix.com", "a.netflix.com", "auth.netflix.com"],
    });
    const aligned = alignWithOldInputs(plan, OLD, news);
    expect(aligned.allowedDomains).toEqual([
      "auth.netflix.com",
      "login.netflix.com",
      "a.netflix.com",
    ]);
  });

  it("keeps the old form of a set that is only reordered or recased", () => {
    const news = checked({ ...OLD, allowedDomains: ["LOGIN.netflix.com", "auth.netflix.com"] });
    expect(differing(OLD, alignWithOldInputs(plan, OLD, news))).toEqual([]);
  });

  it("leaves a removed field removed when the plan changes it (an API clear)", () => {
    const { loginUrl: _cleared, ...program } = OLD;
    const aligned = alignWithOldInputs(plan, OLD, checked(program));
    expect(aligned).not.toHaveProperty("loginUrl");
    expect(differing(OLD, aligned)).toEqual(["loginUrl"]);
  });

  it("passes unknowns through as changes", () => {
    const aligned = alignWithOldInputs(
      plan,
      OLD,
      checked({ ...OLD, credential: { name: UNKNOWN } }),
    );
    expect(aligned.credential).toEqual({ name: UNKNOWN });
  });

  it("leaves `project` as the program gives it", () => {
    const aligned = alignWithOldInputs(plan, { ...OLD, project: "a" }, checked(OLD));
    expect(aligned).not.toHaveProperty("project");
  });
});

describe("plannedFieldsShow", () => {
  const news = { loginUrl: "https://b", proxy: { name: "residential" } };
  it("is true when every planned field differs from the state's inputs", () => {
    expect(
      plannedFieldsShow({ replaces: [], changed: ["loginUrl"] }, { loginUrl: "https://a" }, news),
    ).toBe(true);
  });
  it("is false for a change only the state holds (a proxy name resolved elsewhere)", () => {
    const live = { loginUrl: "https://a", proxy: { name: "residential" } };
    expect(plannedFieldsShow({ replaces: [], changed: ["loginUrl", "proxy"] }, live, news)).toBe(
      false,
    );
  });
  it("is false for a project move, and without the state's inputs", () => {
    expect(plannedFieldsShow({ replaces: ["project"], changed: [] }, {}, news)).toBe(false);
    expect(plannedFieldsShow({ replaces: [], changed: ["loginUrl"] }, undefined, news)).toBe(false);
  });
});
