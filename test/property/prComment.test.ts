/**
 * The pull-request comment over generated previews: whatever the stacks hold (any number of
 * Kernel and other resources, any names, secrets shown as "[secret]" or, where a preview should
 * not have them, in plain), the comment is under its size limit, holds no secret the program
 * was given and no placeholder, and names every changed Kernel resource or counts it among
 * what it left out.
 */
import fc from "fast-check";
import { stackChanges } from "../../src/prComment/changes";
import { html } from "../../src/prComment/markdown";
import { parsePreview } from "../../src/prComment/preview";
import { GITHUB_LIMIT, renderComment } from "../../src/prComment/render";
import {
  AUTH_CONNECTION,
  CREDENTIAL,
  PROFILE,
  PROXY,
  SECRET,
  UNKNOWN,
  type Json,
  preview,
  step,
} from "../support/previews";

const CREDENTIAL_PROVIDER = "pulumi-nodejs:dynamic/kernel:CredentialProvider";

/** Secrets the program is given: a shape no other generated text can have. */
const secretValue = fc.integer({ min: 0, max: 999 }).map((n) => `Zq${n}-S3CR3T-vX`);
const secretOrMasked = fc.oneof(fc.constant(SECRET), secretValue);
const plain = fc.oneof(
  fc.constantFrom("a", "b", "netflix.com", "login.netflix.com", UNKNOWN),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes("S3CR3T")),
);
const name = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => !s.includes("S3CR3T"));

const inputs: Record<string, fc.Arbitrary<Json>> = {
  [CREDENTIAL]: fc.record({
    name: plain,
    domain: plain,
    values: fc.oneof(
      fc.constant(SECRET),
      fc.dictionary(fc.constantFrom("username", "password", "pin"), secretOrMasked),
    ),
    totpSecret: fc.option(secretOrMasked, { nil: undefined }),
  }),
  [AUTH_CONNECTION]: fc.record({
    profileName: plain,
    domain: plain,
    allowedDomains: fc.array(plain, { maxLength: 3 }),
    healthCheckInterval: fc.constantFrom(300, 1800, 7200),
    credential: fc.record({ name: plain }),
  }),
  [PROXY]: fc.record({
    type: fc.constantFrom("custom", "residential"),
    name: plain,
    password: fc.option(secretOrMasked, { nil: undefined }),
    caBundle: fc.option(secretOrMasked, { nil: undefined }),
  }),
  [PROFILE]: fc.record({ name: plain }),
  [CREDENTIAL_PROVIDER]: fc.record({
    name: plain,
    providerType: fc.constant("onepassword"),
    token: secretOrMasked,
  }),
};

const kernelStep = fc
  .record({
    type: fc.constantFrom(...Object.keys(inputs)),
    op: fc.constantFrom("create", "update", "replace", "delete", "same"),
    name,
    seed: fc.integer(),
  })
  .chain(({ type, op, name, seed }) =>
    fc.tuple(inputs[type], inputs[type]).map(([old, neu]) => ({
      op,
      name,
      step: step(op, type, name, {
        ...(op === "create" ? {} : { old: { id: `id_${seed}`, inputs: old, outputs: old } }),
        ...(op === "delete" ? {} : { new: { inputs: neu } }),
      }),
    })),
  );

const otherStep = fc
  .record({ op: fc.constantFrom("create", "update", "delete"), name })
  .map(({ op, name }) => ({
    op,
    name,
    step: step(op, "aws:s3/bucket:Bucket", name, { new: { inputs: {} } }),
  }));

const stacks = fc.array(
  fc.record({
    kernel: fc.array(kernelStep, { maxLength: 40 }),
    others: fc.array(otherStep, { maxLength: 80 }),
    configSecret: secretValue,
  }),
  { minLength: 1, maxLength: 3 },
);

describe("pr-comment over generated previews", () => {
  it("is under the limit, leaks no secret, and accounts for every changed Kernel resource", () => {
    fc.assert(
      fc.property(
        stacks,
        fc.oneof(fc.constant(undefined), fc.integer({ min: 2000, max: GITHUB_LIMIT - 1 })),
        (generated, maxChars) => {
          const changes = generated.map((g, i) => {
            const doc = preview(
              [...g.kernel, ...g.others].map((s) => s.step),
              {
                config: { "p:password": g.configSecret },
              },
            );
            const text = JSON.stringify(doc).replaceAll("urn:pulumi:dev::", `urn:pulumi:s${i}::`);
            return stackChanges(parsePreview(text, `stack${i}.json`));
          });
          const text = renderComment(changes, maxChars === undefined ? {} : { maxChars });
          expect(text.length).toBeLessThan(maxChars ?? GITHUB_LIMIT);
          expect(text).not.toMatch(/S3CR3T/);
          expect(text).not.toContain("\u0000");
          const changed = generated.flatMap((g) => g.kernel.filter((k) => k.op !== "same"));
          const named = changed.filter((k) => text.includes(`<code>${html(k.name)}</code>`));
          const leftOut = Number(
            /(\d+) more Kernel resources, not named here/.exec(text)?.[1] ?? 0,
          );
          if (maxChars === undefined) expect(named.length).toBe(changed.length);
          else expect(named.length + leftOut).toBeGreaterThanOrEqual(changed.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
