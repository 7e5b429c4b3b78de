/**
 * Fuzzing the edges: check on arbitrary JSON, the requests of every accepted input against the
 * emulator's OpenAPI validation, and arbitrary ids against the path they reach.
 */
import fc from "fast-check";
import { toCreateRequest } from "../../src/authConnection/expand";
import { toOutputs } from "../../src/authConnection/flatten";
import { containsUnknown } from "../../src/dynamic/engineKeys";
import { inputsSchema } from "../../src/authConnection/schema";
import { checkResourceInputs } from "../../src/dynamic/owned";
import { type AuthConnectionInputs, UNKNOWN } from "../../src/authConnection/types";
import { validatorFor } from "../../src/emulator/openapi";
import type { ManagedAuth } from "../../src/authConnection/api";
import { KernelClient, resourcePath } from "../../src/kernel/client";
import { BASE_URL, TEST_KEY, managedAuth, mockApi } from "../support/mockApi";
import { patchBodyOf } from "../support/planUpdate";
import { authConnectionSpec } from "../../src/authConnection/spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(authConnectionSpec, news);

const planPatch = patchBodyOf(authConnectionSpec);

const INPUT_NAMES = Object.keys(inputsSchema.shape);

const junk = fc.jsonValue();
/** Mostly valid values with some junk, so that many generated inputs pass check. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: valid as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: junk },
  );
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

const plausible = {
  profileName: mostly(name),
  domain: mostly(fc.domain()),
  loginUrl: mostly(fc.webUrl()),
  credential: mostly(
    fc.oneof(
      fc.record({ name }),
      fc.record({ provider: name, path: fc.stringMatching(/^[A-Za-z]+\/[A-Za-z]+$/) }),
      fc.record({ provider: name, auto: fc.constant(true) }),
    ),
  ),
  allowedDomains: mostly(fc.array(fc.domain(), { maxLength: 5 })),
  healthCheckInterval: mostly(fc.integer({ min: 300, max: 86400 })),
  saveCredentials: mostly(fc.boolean()),
  healthChecks: mostly(fc.boolean()),
  autoReauth: mostly(fc.boolean()),
  recordSession: mostly(fc.boolean()),
  stealth: mostly(fc.boolean()),
  project: mostly(name),
  proxy: mostly(
    fc.oneof(
      fc.record({ id: name }),
      fc.record({ name }),
      fc.record({ mode: fc.constantFrom("direct", "default") }),
    ),
  ),
  adopt: mostly(fc.boolean()),
};

const withUnknowns = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 19, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(UNKNOWN) });

const plausibleInputs = fc.record(
  Object.fromEntries(Object.entries(plausible).map(([k, arb]) => [k, withUnknowns(arb)])),
  { requiredKeys: [] },
);

const anyInputs = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...INPUT_NAMES), fc.string()), fc.jsonValue()),
  plausibleInputs,
);

/** A path Pulumi can show: name, name.field, name[2], or a quoted ["odd key"]. */
const SHOWABLE_PATH = /^([A-Za-z_$][\w$]*|\[.+\])(\.[A-Za-z_$][\w$]*|\[.+\])*$/;

describe("check on arbitrary input", () => {
  it("never throws, and every failure names a path and a reason", () => {
    fc.assert(
      // A boolean property, not expect() per failure: thousands of runs, and fast-check
      // reports the smallest input that gives false.
      fc.property(anyInputs, (news) => {
        const result = checkInputs(news as Record<string, unknown>);
        return (
          result.failures.every(
            (failure) => SHOWABLE_PATH.test(failure.property) && failure.reason.length > 0,
          ) && JSON.stringify(result.inputs) !== undefined
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("every accepted input yields requests the emulator's OpenAPI validation accepts", () => {
    let accepted = 0;
    fc.assert(
      fc.property(plausibleInputs, fc.boolean(), fc.boolean(), (raw, hasCredential, hasProxy) => {
        const { inputs, failures } = checkInputs({
          profileName: "team",
          domain: "netflix.com",
          ...raw,
        });
        if (failures.length > 0 || containsUnknown(inputs)) return;
        accepted++;
        const desired = inputs as unknown as AuthConnectionInputs;
        expect(validatorFor("ManagedAuthCreateRequest")(toCreateRequest(desired))).toEqual([]);
        const live = toOutputs(
          managedAuth({
            credential: hasCredential ? { name: "old" } : undefined,
            proxy_id: hasProxy ? "px_old" : undefined,
            login_url: "https://old.example.com/",
            health_check_interval: 7200,
          }) as unknown as ManagedAuth,
        );
        expect(validatorFor("ManagedAuthUpdateRequest")(planPatch(live, desired))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

describe("ids", () => {
  it("an arbitrary id never leaves /auth/connections/", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.constantFrom("..", ".", "../x", "%2e%2e", "a/../../b", "?x", "#", "..%2F.."),
        ),
        async (id) => {
          const api = mockApi(() => ({ status: 200, body: managedAuth() }));
          const client = new KernelClient({
            baseUrl: BASE_URL,
            apiKey: TEST_KEY,
            dispatcher: api.agent,
            retry: { maxAttempts: 1 },
          });
          const sent = await Promise.resolve()
            .then(() =>
              client
                .operation()
                .request("GET", resourcePath("/auth/connections", id), { parse: (j) => j }),
            )
            .then(
              () => true,
              (err: Error) => {
                expect(err.message).toMatch(/is not a valid id/);
                return false;
              },
            );
          if (!sent) return;
          expect(api.requests).toHaveLength(1);
          const { pathname, search, hash } = new URL(api.requests[0].path, BASE_URL);
          expect(search + hash).toBe("");
          const segments = pathname.split("/");
          expect(segments.slice(0, 3)).toEqual(["", "auth", "connections"]);
          expect(segments).toHaveLength(4);
          expect(decodeURIComponent(segments[3])).toBe(id);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
