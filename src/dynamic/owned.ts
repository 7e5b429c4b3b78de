/**
 * The inputs the core owns for every resource (./spec `OwnedInputs`): `project` for a
 * project-scoped resource and `adopt` for one with a unique key. check takes them out before
 * the spec's own check and puts them back after it, so no spec validates, sends or plans them;
 * the outputs and live inputs record `adopt` the same way for every resource.
 */
import { z } from "zod";
import { type CheckFailure, type CheckResult, orUnknown, suggestAmong, toFailures } from "./checks";
import { PROJECT_KEY, projectInputSchema } from "./project";

export const ADOPT_KEY = "adopt";
const ADOPT_REASON = "must be true or false";
const adoptSchema = orUnknown(z.boolean({ error: ADOPT_REASON }));

/** Which owned inputs a resource takes. */
export interface OwnedScope {
  typeName: string;
  projectScoped: boolean;
  /** Whether the resource has a unique key, and so can take over (adopt) an object. */
  adoptable: boolean;
}

/** The owned input names a resource takes, for "did you mean" among its inputs. */
export function ownedInputNames(scope: OwnedScope): string[] {
  return [...(scope.projectScoped ? [PROJECT_KEY] : []), ...(scope.adoptable ? [ADOPT_KEY] : [])];
}

/** `news` split into the owned inputs (checked, `adopt: false` dropped) and the spec's own. */
export function splitOwnedInputs(
  scope: OwnedScope,
  news: Record<string, unknown>,
): { owned: Record<string, unknown>; rest: Record<string, unknown>; failures: CheckFailure[] } {
  const rest = { ...news };
  const owned: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];
  const take = (key: string, schema: z.ZodType): void => {
    if (!(key in rest)) return;
    const value = rest[key];
    delete rest[key];
    if (value === undefined) return;
    const parsed = schema.safeParse(value);
    if (parsed.success) owned[key] = parsed.data;
    else failures.push(...toFailures(parsed.error.issues, news, { inputNames: [] }, [key]));
  };
  if (scope.projectScoped) take(PROJECT_KEY, projectInputSchema);
  else if (rest[PROJECT_KEY] !== undefined) {
    delete rest[PROJECT_KEY];
    failures.push({
      property: PROJECT_KEY,
      reason: `is not an input of ${scope.typeName}: ${plural(scope.typeName)} are org-wide`,
    });
  }
  if (scope.adoptable) take(ADOPT_KEY, adoptSchema);
  // `adopt: false` is the same intent as no adopt.
  if (owned[ADOPT_KEY] === false) delete owned[ADOPT_KEY];
  return { owned, rest, failures };
}

/** Whether these inputs or outputs ask to take over an existing object. */
export function adopts(values: Partial<Record<string, unknown>> | undefined): boolean {
  return values?.[ADOPT_KEY] === true;
}

/** "CredentialProvider" → "credential providers". */
function plural(typeName: string): string {
  return `${typeName.replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase()}s`;
}

/** The inputs without the owned keys: what every spec function receives. */
export function withoutOwned<T extends object>(values: T): T {
  const {
    [PROJECT_KEY]: _project,
    [ADOPT_KEY]: _adopt,
    ...rest
  } = values as Record<string, unknown>;
  return rest as T;
}

/**
 * check's validation: the owned inputs taken out and checked here, the rest by the spec, "did
 * you mean" among both, and the owned inputs put back. Pure; the provider's check runs it.
 */
export function checkResourceInputs(
  spec: {
    typeName: string;
    projectScoped: boolean;
    uniqueKey?: unknown;
    inputNames: readonly string[];
    check(news: Record<string, unknown>): CheckResult;
  },
  news: Record<string, unknown>,
): CheckResult {
  const scope = {
    typeName: spec.typeName,
    projectScoped: spec.projectScoped,
    adoptable: spec.uniqueKey !== undefined,
  };
  const split = splitOwnedInputs(scope, news);
  const own = spec.check(split.rest);
  const names = [...spec.inputNames, ...ownedInputNames(scope)];
  const failures = [...split.failures, ...suggestAmong(own.failures, names)];
  if (failures.length > 0) return { inputs: news, failures };
  return { inputs: { ...own.inputs, ...split.owned }, failures };
}
