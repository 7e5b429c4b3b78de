import fc from "fast-check";
import { authConnectionSpec } from "../authConnection/spec";
import { credentialSpec } from "../credential/spec";
import { credentialProviderSpec } from "../credentialProvider/spec";
import { profileSpec } from "../profile/spec";
import { proxySpec } from "../proxy/spec";
import { UNKNOWN } from "./engineKeys";
import { planDiff } from "./plan";
import { makeProvider } from "./provider";
import { TEST_KEY, mockApi } from "../../test/support/mockApi";

const SPECS = [authConnectionSpec, credentialSpec, credentialProviderSpec, profileSpec, proxySpec];

/** Olds and news drawn from a few values per field, so that both equal and differing occur. */
const value = fc.constantFrom<unknown>(undefined, UNKNOWN, "a", "b", 1800, true, ["x.com"], {
  name: "c",
});
const record = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });
const KEYS = [
  "name",
  "domain",
  "profileName",
  "type",
  "values",
  "allowedDomains",
  "loginUrl",
  "credential",
  "project",
  "token",
  "priority",
];

describe("planDiff", () => {
  it("decides replaces and delete-first exactly as the provider's diff does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SPECS.keys()),
        record(KEYS),
        record(KEYS),
        fc.constantFrom(undefined, "proj_a", "proj_b"),
        async (which, olds, news, project) => {
          const spec = SPECS[which] as (typeof SPECS)[number];
          // A project written otherwise than the recorded one is asked of the API (one GET in
          // the desired project); planDiff cannot ask, and plans the move, which is what the
          // provider decides when the object is not found there.
          const api = mockApi(() => ({ status: 404, body: { code: "not_found", message: "no" } }));
          const provider = makeProvider(spec as never, {
            env: { KERNEL_API_KEY: TEST_KEY },
            client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
          });
          await provider.configure({
            config: { get: (key: string) => (key === "kernel:project" ? project : undefined) },
          } as never);
          // `changes` may be left undefined for the engine to name the fields: only false is none.
          let expected: unknown;
          try {
            const diff = await provider.diff("id_1", olds, news);
            expected = {
              changes: diff.changes !== false,
              replaces: diff.replaces ?? [],
              deleteBeforeReplace: diff.deleteBeforeReplace ?? false,
            };
          } catch (err) {
            expected = `throws ${(err as Error).message}`;
          }
          let actual: unknown;
          try {
            const plan = planDiff(spec as never, olds, news, { project });
            actual = {
              changes: plan.replaces.length > 0 || plan.changed.length > 0,
              replaces: plan.replaces,
              deleteBeforeReplace: plan.deleteBeforeReplace,
            };
          } catch (err) {
            actual = `throws ${(err as Error).message}`;
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
