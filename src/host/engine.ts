/**
 * A small stand-in for the Pulumi engine's resource steps, on top of the real dynamic-provider
 * host: check, then create, or diff and same/update/replace; refresh with read; destroy. It
 * keeps state as the engine does (inputs and outputs per resource) and describes each change as
 * `pulumi preview --diff` draws it for a dynamic resource: from old inputs to new inputs.
 */
import { type DiffOutcome, type Props, ProviderHost, authConnectionUrn } from "./providerHost";

export interface ResourceState {
  name: string;
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
}

export type StepKind = "create" | "same" | "update" | "replace" | "delete" | "refresh" | "gone";

export interface Step {
  name: string;
  kind: StepKind;
  /** Property lines as the preview shows them: `~ healthCheckInterval: 7200 => 1800`. */
  changes: string[];
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

  /** `pulumi up`: brings every declared resource to its desired inputs. */
  async up(resources: { name: string; inputs: Props }[]): Promise<Step[]> {
    const steps: Step[] = [];
    for (const { name, inputs } of resources) steps.push(await this.apply(name, inputs));
    return steps;
  }

  /** One resource's step of `pulumi up`: the preview's step, then carried out. */
  async apply(name: string, news: Props): Promise<Step> {
    const { step, urn, inputs } = await this.plan(name, news);
    const old = this.state.get(name);
    const create = async () => {
      const created = await this.host.create(urn, inputs);
      this.state.set(name, { name, urn, id: created.id, inputs, outputs: created.properties });
    };
    if (!old) {
      await create();
    } else if (step.kind === "same") {
      old.inputs = inputs;
    } else if (step.kind === "update") {
      const updated = await this.host.update(old.id, urn, old.outputs, inputs);
      this.state.set(name, { ...old, inputs, outputs: updated.properties });
    } else if (step.deleteBeforeReplace) {
      await this.host.delete(old.id, urn, old.outputs);
      this.state.delete(name);
      await create();
    } else {
      await create();
      await this.host.delete(old.id, urn, old.outputs);
    }
    return step;
  }

  /** `pulumi preview` of one resource: check and diff, nothing sent. */
  async preview(name: string, news: Props): Promise<Step> {
    return (await this.plan(name, news)).step;
  }

  private async plan(name: string, news: Props) {
    const urn = authConnectionUrn(name);
    const old = this.state.get(name);
    const checked = await this.host.check(urn, old?.inputs ?? {}, news);
    if (checked.failures.length) throw new CheckFailedError(name, checked.failures);
    const inputs = checked.inputs;
    if (!old) {
      const step: Step = { name, kind: "create", changes: describeChanges({}, inputs) };
      return { step, urn, inputs };
    }
    const diff = await this.host.diff(old.id, urn, old.outputs, inputs);
    const kind: StepKind =
      diff.changes === "none" ? "same" : diff.replaces.length ? "replace" : "update";
    const step: Step = {
      name,
      kind,
      changes: kind === "same" ? [] : describeChanges(old.inputs, inputs),
      diff,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
    return { step, urn, inputs };
  }

  /** `pulumi refresh`: reads every resource; one that is gone leaves the state. */
  async refresh(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const resource of [...this.state.values()]) {
      const read = await this.host.read(
        resource.id,
        resource.urn,
        resource.outputs,
        resource.inputs,
      );
      if (!read.id) {
        this.state.delete(resource.name);
        steps.push({ name: resource.name, kind: "gone", changes: [] });
        continue;
      }
      const before = resource.inputs;
      resource.outputs = read.properties;
      resource.inputs = read.inputs ?? resource.inputs;
      steps.push({
        name: resource.name,
        kind: "refresh",
        changes: describeChanges(before, resource.inputs),
      });
    }
    return steps;
  }

  async destroy(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const resource of [...this.state.values()].reverse()) {
      await this.host.delete(resource.id, resource.urn, resource.outputs);
      this.state.delete(resource.name);
      steps.push({ name: resource.name, kind: "delete", changes: [] });
    }
    return steps;
  }
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
  return JSON.stringify(value);
}
