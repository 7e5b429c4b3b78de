/**
 * The TelemetryDestination resource a program declares: an org-wide OTLP endpoint that browser
 * sessions (and auth connections' logins) export their telemetry to.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import { SECRET_OUTPUTS } from "./types";

const TELEMETRY_DESTINATION_TYPE = dynamicResourceType({
  name: "TelemetryDestination",
  providerExport: "telemetryDestination",
  outputs: [
    "name",
    "endpoint",
    "description",
    "headers",
    "headerNames",
    "consecutiveFailures",
    "lastError",
    "lastErrorAt",
    "lastExportAt",
    "createdAt",
    "updatedAt",
    "adopt",
  ],
  secretOutputs: SECRET_OUTPUTS,
});

/** The arguments of a {@link TelemetryDestination}. */
export interface TelemetryDestinationArgs {
  /**
   * The destination's name, unique in the organisation. An AuthConnection selects it by name
   * or id; changing it renames it in place (the API refuses while a connection selects it by
   * name).
   *
   * @example
   * ```ts
   * name: "honeycomb"
   * ```
   */
  name: pulumi.Input<string>;
  /**
   * The OTLP/HTTP collector's base URL, without a signal path (Kernel appends `/v1/logs` and
   * the others), a query or a fragment. Changed in place.
   *
   * @example
   * ```ts
   * endpoint: "https://api.honeycomb.io"
   * ```
   */
  endpoint: pulumi.Input<string>;
  /**
   * A description. Removing it clears it.
   *
   * @example
   * ```ts
   * description: "Browser traces for the platform team"
   * ```
   */
  description?: pulumi.Input<string>;
  /**
   * Headers sent with each export, typically an ingestion key. Always stored as a secret. The
   * API answers the values redacted, so each is compared with the value applied last: a changed
   * value is one PATCH of that header alone, a removed header is deleted. Names are written
   * as the API stores them (`x-honeycomb-team` becomes `X-Honeycomb-Team`).
   *
   * @example
   * ```ts
   * headers: { "X-Honeycomb-Team": cfg.requireSecret("honeycombKey") }
   * ```
   */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * When a destination of this name already exists in the organisation, take it over instead
   * of failing: the header values are then sent once. Never adopt a destination that another
   * resource or stack manages. Never sent to the API; changing it later is no change.
   *
   * @example
   * ```ts
   * adopt: true
   * ```
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs a TelemetryDestination's state holds, for `TelemetryDestination.get`. */
export interface TelemetryDestinationState {
  /**
   * The destination's name.
   *
   * @example
   * ```ts
   * name: "honeycomb"
   * ```
   */
  name?: pulumi.Input<string>;
  /**
   * The collector's base URL.
   *
   * @example
   * ```ts
   * endpoint: "https://api.honeycomb.io"
   * ```
   */
  endpoint?: pulumi.Input<string>;
  /**
   * The header values the next plans compare against (the API never returns them).
   *
   * @example
   * ```ts
   * headers: { "X-Honeycomb-Team": cfg.requireSecret("honeycombKey") }
   * ```
   */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * An OTLP telemetry destination of the organisation (no project header): browser sessions and
 * auth connections' logins export their telemetry to it. Its headers are secret.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as kernel from "pulumi-kernel";
 *
 * const cfg = new pulumi.Config();
 * const honeycomb = new kernel.TelemetryDestination("honeycomb", {
 *   name: "honeycomb",
 *   endpoint: "https://api.honeycomb.io",
 *   headers: { "X-Honeycomb-Team": cfg.requireSecret("honeycombKey") },
 * });
 * new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   telemetryDestination: { name: honeycomb.name },
 * });
 * ```
 */
export class TelemetryDestination extends pulumi.CustomResource {
  /** Whether `obj` is a TelemetryDestination, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is TelemetryDestination {
    return isInstanceOf(TELEMETRY_DESTINATION_TYPE, obj);
  }

  /**
   * Reads an existing destination by id (as a refresh does). The header values cannot be read
   * back: pass them in `state` if later plans should compare against them.
   *
   * @example
   * ```ts
   * const honeycomb = kernel.TelemetryDestination.get("honeycomb", "otlp_abc123");
   * ```
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: TelemetryDestinationState,
    opts?: pulumi.CustomResourceOptions,
  ): TelemetryDestination {
    return new TelemetryDestination(name, (state ?? {}) as TelemetryDestinationArgs, {
      ...opts,
      id,
    });
  }

  /**
   * The destination's name, unique in the organisation.
   *
   * @example
   * ```ts
   * telemetryDestination: { name: honeycomb.name }
   * ```
   */
  declare readonly name: pulumi.Output<string>;
  /**
   * The collector's base URL.
   *
   * @example
   * ```ts
   * export const endpoint = honeycomb.endpoint;
   * ```
   */
  declare readonly endpoint: pulumi.Output<string>;
  /**
   * The description, when there is one.
   *
   * @example
   * ```ts
   * export const description = honeycomb.description;
   * ```
   */
  declare readonly description: pulumi.Output<string | undefined>;
  /**
   * The header values as applied last (secret); the API never returns them.
   *
   * @example
   * ```ts
   * export const headers = honeycomb.headers; // [secret]
   * ```
   */
  declare readonly headers: pulumi.Output<Record<string, string> | undefined>;
  /**
   * The names of the headers the API holds, sorted (not secret).
   *
   * @example
   * ```ts
   * export const headerNames = honeycomb.headerNames; // ["X-Honeycomb-Team"]
   * ```
   */
  declare readonly headerNames: pulumi.Output<string[]>;
  /**
   * Failed deliveries since the last success; 0 when the latest succeeded.
   *
   * @example
   * ```ts
   * export const failing = honeycomb.consecutiveFailures.apply((n) => n > 0);
   * ```
   */
  declare readonly consecutiveFailures: pulumi.Output<number>;
  /**
   * The class of the latest delivery failure (kept after a later success).
   *
   * @example
   * ```ts
   * export const lastError = honeycomb.lastError;
   * ```
   */
  declare readonly lastError: pulumi.Output<string | undefined>;
  /**
   * When the latest delivery failure happened.
   *
   * @example
   * ```ts
   * export const lastErrorAt = honeycomb.lastErrorAt;
   * ```
   */
  declare readonly lastErrorAt: pulumi.Output<string | undefined>;
  /**
   * When the latest successful delivery happened.
   *
   * @example
   * ```ts
   * export const lastExportAt = honeycomb.lastExportAt;
   * ```
   */
  declare readonly lastExportAt: pulumi.Output<string | undefined>;
  /**
   * When the destination was created.
   *
   * @example
   * ```ts
   * export const created = honeycomb.createdAt;
   * ```
   */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /**
   * When the destination was last changed.
   *
   * @example
   * ```ts
   * export const updated = honeycomb.updatedAt;
   * ```
   */
  declare readonly updatedAt: pulumi.Output<string | undefined>;
  /**
   * Whether the destination was taken over with `adopt: true`.
   *
   * @example
   * ```ts
   * export const adopted = honeycomb.adopt;
   * ```
   */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Declares a telemetry destination: created by the next `pulumi up`, kept as declared after
   * that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The destination's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: TelemetryDestinationArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(TELEMETRY_DESTINATION_TYPE, name, args, opts));
  }
}
