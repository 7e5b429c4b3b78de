/** What the planner laws (test/property) share: optional arbitraries, checked inputs, store answers. */
import fc from "fast-check";

/** An arbitrary that is sometimes left out (undefined). */
export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** The checked inputs of `raw` (undefined fields left out); the check must pass. */
export function checked<T>(
  check: (n: Record<string, unknown>) => { inputs: unknown; failures: unknown[] },
  raw: object,
): T {
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const { inputs, failures } = check(clean);
  expect(failures).toEqual([]);
  return inputs as T;
}

/** The value of an emulator store's answer; a refusal fails the law. */
export function stored<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!result.ok) throw new Error(`the API refused: ${result.error.message}`);
  return result.value;
}
