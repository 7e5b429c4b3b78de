/**
 * A small stand-in for the Pulumi engine's resource steps, on top of the real dynamic-provider
 * host: check, then create, or diff and same/update/replace; refresh with read; a read by id
 * (what `Resource.get` registers); destroy. It keeps state as the engine does (inputs and
 * outputs per resource) and describes each change as `pulumi preview --diff` draws it for a
 * dynamic resource: from old inputs to new inputs.
 *
 * Secrets as the engine treats them: the dynamic-provider host accepts no secrets, so every
 * value goes to it with its secret markers removed; afterwards each output whose key was a
 * secret input (or is one of the resource's `additionalSecretOutputs`) is stored marked
 * secret, and so are the inputs that were. Previews show a secret as `[secret]`.
 *
 * References between resources: a program run under mocks (programMocks.ts) gives each resource
 * a placeholder id, so `proxy: {id: residential.id}` arrives as that placeholder. Before each
 * resource's step, `up` replaces every placeholder in its inputs with the real id of the
 * resource it names, which must be in the state by then (created earlier in the same `up` or
 * before), as the engine knows a dependency's id before it registers the dependent. A resource
 * replaced create-first has its old object deleted at the end of `up`, after its dependents'
 * steps, as the engine's deletes of replaced objects come last.
 */
import {
  type DiffOutcome,
  type Props,
  ProviderHost,
  authConnectionUrn,
  containsSecret,
  isSecret,
  resourceUrn,
  secret,
  withoutSecrets,
} from "./providerHost";
import { changedKeys, diffInputs } from "./inputDiff";

export interface ResourceState {
  name: string;
  urn: string;
  id: string;
  /** As the engine stores them: secret inputs marked secret. */
  inputs: Props;
  /** As the engine stores them: secret outputs marked secret. */
  outputs: Props;
  /** Read by id (`get`): the engine never updates or deletes it. */
  external?: boolean;
  /** `additionalSecretOutputs` of the resource. */
  secretOutputs?: readonly string[];
  /**
   * The reasons of a partial failure that recorded it: the next `up` updates it even when
   * nothing differs, as the engine does, to finish what failed.
   */
  initErrors?: string[];
}

/** One resource of a program: its name, the inputs it registers, and its type's options. */
export interface Declared {
  name: string;
  inputs: Props;
  /**
   * Its entry in `MiniEngine.state`; `name` by default. Resources of different types may share
   * a name (the URN holds the type), as the example's Credential and AuthConnection do.
   */
  key?: string;
  /** The type token; AuthConnection's by default. */
  type?: string;
  /** `additionalSecretOutputs` of the class. */
  secretOutputs?: readonly string[];
}

/** A read by id (`get`) is a "refresh" step: the same Read, of an object not managed here. */
export type StepKind = "create" | "same" | "update" | "replace" | "delete" | "refresh" | "gone";

export interface Step {
  name: string;
  /** The type token. */
  type: string;
  kind: StepKind;
  /**
   * Property lines as the preview shows them: `~ healthCheckInterval: 7200 => 1800`,
   * `+ allowedDomains[2]: "sso.netflix.com"`, `~ values.password: [secret] => [secret]`.
   */
  changes: string[];
  /**
   * The keys `pulumi preview --json` names in `diffReasons`: set when the provider left the
   * diff to the engine (DIFF_UNKNOWN); a DIFF_SOME step has none.
   */
  diffReasons?: string[];
  diff?: DiffOutcome;
  deleteBeforeReplace?: boolean;
}

export class CheckFailedError extends Error {
  constructor(
    readonly resource: string,
    readonly failures: { property: string; reason: string }[],
  ) {
    super(`${resource}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

export class MiniEngine {
  readonly state = new Map<string, ResourceState>();

  constructor(readonly host: ProviderHost) {}

  /**
   * `pulumi up`: brings every declared resource to its desired inputs, in the order given (a
   * dependency before what refers to it).
   */
  async up(resources: Declared[]): Promise<Step[]> {
    const steps: Step[] = [];
    // As the engine does, a resource replaced create-first loses its old object only after
    // every step has run, dependents last-first, so a dependent moved to the new object no
    // longer holds the old one (a connection on a replaced proxy, say).
    const replaced: (() => Promise<void>)[] = [];
    for (const { name, inputs, ...options } of resources) {
      steps.push(
        await this.apply(name, this.resolveIds(name, inputs), options, (del) => replaced.push(del)),
      );
    }
    for (const del of replaced.reverse()) await del();
    return steps;
  }

  /** `inputs` with every placeholder id replaced by the id of the resource it names. */
  resolveIds(name: string, inputs: Props): Props {
    return resolvePlaceholders(inputs, (type, target) => {
      const urn = resourceUrn(type, target);
      const found = [...this.state.values()].find((r) => r.urn === urn);
      if (!found) {
        throw new Error(
          `${name} refers to the id of ${type} ${target}, which is not created yet: declare it first`,
        );
      }
      return found.id;
    }) as Props;
  }

  /** One resource's step of `pulumi up`: the preview's step, then carried out. */
  async apply(
    name: string,
    news: Props,
    options: Omit<Declared, "name" | "inputs"> = {},
    /** Where a create-first replacement's delete of the old object goes; at once without. */
    deferDelete?: (del: () => Promise<void>) => void,
  ): Promise<Step> {
    const key = options.key ?? name;
    const { step, urn, inputs, stored } = await this.plan(name, news, options);
    const old = this.state.get(key);
    const secretKeys = secretKeysOf(news, options.secretOutputs);
    const record = (id: string, outputs: Props) =>
      this.state.set(key, {
        name,
        urn,
        id,
        inputs: stored,
        outputs: markSecret(outputs, secretKeys),
        ...(options.secretOutputs ? { secretOutputs: options.secretOutputs } : {}),
      });
    const create = async () => {
      const created = await this.host.create(urn, inputs);
      record(created.id, created.properties);
    };
    if (!old) {
      await create();
    } else if (step.kind === "same") {
      old.inputs = stored;
    } else if (step.kind === "update") {
      const updated = await this.host.update(old.id, urn, withoutSecrets(old.outputs), inputs);
      record(old.id, updated.properties);
    } else if (step.deleteBeforeReplace) {
      await this.host.delete(old.id, old.urn, withoutSecrets(old.outputs));
      this.state.delete(key);
      await create();
    } else {
      await create();
      const del = () => this.host.delete(old.id, old.urn, withoutSecrets(old.outputs));
      if (deferDelete) deferDelete(del);
      else await del();
    }
    return step;
  }

  /** `pulumi preview` of one resource: check and diff, nothing sent. */
  async preview(
    name: string,
    news: Props,
    options: Omit<Declared, "name" | "inputs"> = {},
  ): Promise<Step> {
    return (await this.plan(name, this.resolveIds(name, news), options)).step;
  }

  /**
   * What `Resource.get(name, id, state)` makes the engine do: one Read of `id` whose
   * properties are `state` (with the class's `__provider`), the same path as a refresh. The
   * resource is recorded as external: never updated or deleted.
   */
  async read(
    name: string,
    id: string,
    state: Props,
    options: Omit<Declared, "name" | "inputs"> = {},
  ): Promise<Step> {
    const urn = options.type ? resourceUrn(options.type, name) : authConnectionUrn(name);
    const read = await this.host.read(id, urn, withoutSecrets(state));
    if (!read.id) throw new Error(`${name}: no object with id ${id} to read`);
    const secretKeys = secretKeysOf(state, options.secretOutputs);
    this.state.set(options.key ?? name, {
      name,
      urn,
      id: read.id,
      inputs: markSecret(read.inputs ?? {}, secretKeys),
      outputs: markSecret(read.properties, secretKeys),
      external: true,
      ...(options.secretOutputs ? { secretOutputs: options.secretOutputs } : {}),
    });
    return { name, type: typeOf(urn), kind: "refresh", changes: [] };
  }

  private async plan(name: string, news: Props, options: Omit<Declared, "name" | "inputs">) {
    const old = this.state.get(options.key ?? name);
    const urn =
      old?.urn ?? (options.type ? resourceUrn(options.type, name) : authConnectionUrn(name));
    const type = typeOf(urn);
    const checked = await this.host.check(
      urn,
      withoutSecrets(old?.inputs ?? {}),
      withoutSecrets(news),
    );
    if (checked.failures.length) throw new CheckFailedError(name, checked.failures);
    let inputs = checked.inputs;
    // The engine keeps the program's secrets secret in the inputs it stores, at any depth.
    let stored = annotateSecrets(inputs, news);
    if (!old) {
      const step: Step = { name, type, kind: "create", changes: describeChanges({}, stored) };
      return { step, urn, inputs, stored };
    }
    const diff = await this.host.diff(old.id, urn, withoutSecrets(old.outputs), inputs);
    // DIFF_UNKNOWN: the engine diffs the old inputs against the new ones itself; no
    // difference is a same, whatever the provider planned.
    const inputChanges = diff.changes === "none" ? [] : diffInputs(old.inputs, stored);
    const some = diff.changes === "some" || (diff.changes === "unknown" && inputChanges.length > 0);
    const kind: StepKind =
      some && diff.replaces.length ? "replace" : some || old.initErrors?.length ? "update" : "same";
    if (kind === "replace") {
      // A replacement checks the program's inputs again, without the old ones.
      const again = await this.host.check(urn, {}, withoutSecrets(news));
      if (again.failures.length) throw new CheckFailedError(name, again.failures);
      inputs = again.inputs;
      stored = annotateSecrets(inputs, news);
    }
    const step: Step = {
      name,
      type,
      kind,
      changes: kind === "same" ? [] : inputChanges.map((c) => c.line),
      ...(kind !== "same" && diff.changes === "unknown"
        ? { diffReasons: changedKeys(inputChanges) }
        : {}),
      diff,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
    return { step, urn, inputs, stored };
  }

  /** `pulumi refresh`: reads every resource; one that is gone leaves the state. */
  async refresh(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const [key, resource] of [...this.state.entries()]) {
      const type = typeOf(resource.urn);
      const read = await this.host.read(
        resource.id,
        resource.urn,
        withoutSecrets(resource.outputs),
        withoutSecrets(resource.inputs),
      );
      if (!read.id) {
        this.state.delete(key);
        steps.push({ name: resource.name, type, kind: "gone", changes: [] });
        continue;
      }
      const before = resource.inputs;
      // What was secret stays secret.
      const secretKeys = new Set([
        ...secretKeysOf(resource.inputs, resource.secretOutputs),
        ...secretKeysOf(resource.outputs),
      ]);
      resource.outputs = markSecret(read.properties, secretKeys);
      resource.inputs = read.inputs ? markSecret(read.inputs, secretKeys) : resource.inputs;
      steps.push({
        name: resource.name,
        type,
        kind: "refresh",
        changes: diffInputs(before, resource.inputs).map((c) => c.line),
      });
    }
    return steps;
  }

  /** `pulumi destroy`: deletes in the reverse of the order created, dependents first. */
  async destroy(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const [key, resource] of [...this.state.entries()].reverse()) {
      if (!resource.external) {
        await this.host.delete(resource.id, resource.urn, withoutSecrets(resource.outputs));
      }
      this.state.delete(key);
      steps.push({ name: resource.name, type: typeOf(resource.urn), kind: "delete", changes: [] });
    }
    return steps;
  }
}

/** The type token of a URN (`urn:pulumi:stack::project::type::name`). */
function typeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

const PLACEHOLDER = /^<id of ([^]+?)::([^]*)>$/;

/** The id programMocks gives a resource: names it, and is no id the API would ever answer. */
export function placeholderId(type: string, name: string): string {
  return `<id of ${type}::${name}>`;
}

/**
 * `value` with every string that is a placeholder id, at any depth (inside secrets too),
 * replaced by `idOf(type, name)`.
 */
export function resolvePlaceholders(
  value: unknown,
  idOf: (type: string, name: string) => string,
): unknown {
  if (typeof value === "string") {
    const match = PLACEHOLDER.exec(value);
    return match ? idOf(match[1], match[2]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, idOf));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, idOf)]),
    );
  }
  return value;
}

/** Top-level property changes from old to new inputs, `__provider` aside, as the preview lists them. */
export function describeChanges(olds: Props, news: Props): string[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])]
    .filter((k) => k !== "__provider")
    .sort();
  const lines: string[] = [];
  for (const key of keys) {
    const before = olds[key];
    const after = news[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (before === undefined) lines.push(`+ ${key}: ${show(after)}`);
    else if (after === undefined) lines.push(`- ${key}: ${show(before)}`);
    else lines.push(`~ ${key}: ${show(before)} => ${show(after)}`);
  }
  return lines;
}

function show(value: unknown): string {
  return containsSecret(value) ? "[secret]" : JSON.stringify(value);
}

/** Top-level keys whose value holds a secret, plus the resource's always-secret outputs. */
export function secretKeysOf(values: Props, secretOutputs: readonly string[] = []): Set<string> {
  const keys = new Set(secretOutputs);
  for (const [key, value] of Object.entries(values)) if (containsSecret(value)) keys.add(key);
  return keys;
}

/** `values` with the top-level values of `keys` marked secret (once). */
export function markSecret(values: Props, keys: ReadonlySet<string>): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = keys.has(key) && !isSecret(value) ? secret(withoutSecrets(value)) : value;
  }
  return out;
}

/**
 * What the engine does with the inputs check returns from a provider that takes no secrets:
 * each value whose input held a secret is marked secret again; maps are followed key by key,
 * so a map of secrets stays a plain map whose values are secret.
 */
export function annotateSecrets(outs: Props, ins: Props): Props {
  const out: Props = { ...outs };
  for (const [key, input] of Object.entries(ins)) {
    if (!Object.hasOwn(out, key)) continue;
    const value = out[key];
    if (isPlainMap(value) && isPlainMap(input)) {
      out[key] = annotateSecrets(value as Props, input as Props);
    } else if (!isSecret(value) && containsSecret(input)) {
      out[key] = secret(value);
    }
  }
  return out;
}

function isPlainMap(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isSecret(value);
}
