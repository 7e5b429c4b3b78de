/**
 * The Extension resource a program declares: a Chrome extension uploaded to Kernel from a
 * directory or a `.zip`, which browsers and browser pools load.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";

const EXTENSION_TYPE = dynamicResourceType({
  name: "Extension",
  providerExport: "extension",
  outputs: [
    "source",
    "sourceSha256",
    "name",
    "checksum",
    "sizeBytes",
    "createdAt",
    "lastUsedAt",
    "project",
    "adopt",
  ],
});

/** The arguments of an {@link Extension}. */
export interface ExtensionArgs {
  /**
   * The extension: a directory, or a `.zip` of one, with `manifest.json` at its root. A
   * directory is zipped the same way on every machine (files sorted, fixed timestamps, stored
   * uncompressed). The archive may be at most 50 MiB. A relative path is resolved here, in the
   * program's working directory (where `pulumi` runs the program: the folder of its main file,
   * usually the project's), so the provider, which runs elsewhere, reads the same files.
   *
   * The archive's SHA-256 is what is compared: the same content from another path is no
   * change; other content replaces the extension (the API has no update).
   *
   * @example `source: path.join(__dirname, "extensions", "ad-blocker")`
   */
  source: pulumi.Input<string>;
  /**
   * A name for the extension, unique in its project, by which browsers and pools can load it.
   * Changing, adding or removing it replaces the extension; while it stays, a replacement
   * deletes the old extension before uploading the new one.
   *
   * @example `name: "ad-blocker"`
   */
  name?: pulumi.Input<string>;
  /**
   * The Kernel project (id or exact name) to upload to; else config `kernel:project`, else env
   * `KERNEL_PROJECT`, else the org's default project. Changing it replaces the extension.
   *
   * @example `project: "staging"`
   */
  project?: pulumi.Input<string>;
  /**
   * When an extension of this name already exists in the project, take it over instead of
   * failing (with other content, the next `up` replaces it). Never adopt one another resource
   * or stack manages. Never sent to the API; changing it later is no change.
   *
   * @example `adopt: true`
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs an Extension's state holds, for `Extension.get`. */
export interface ExtensionState {
  /** The source as recorded at the last upload. */
  source?: pulumi.Input<string>;
  /** The SHA-256 of the archive uploaded. */
  sourceSha256?: pulumi.Input<string>;
  /** The extension's name, as recorded. */
  name?: pulumi.Input<string>;
  /** The project the extension lives in; requests for it carry this project. */
  project?: pulumi.Input<string>;
  /** Whether the extension was adopted. */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A Chrome extension uploaded to Kernel. `source` is a directory or a `.zip` with
 * `manifest.json` at its root; a missing path, a source without a manifest, or an archive over
 * 50 MiB fails the preview, before any request. The archive's SHA-256 decides whether anything
 * changed: moving the folder changes nothing, editing a file replaces the extension.
 *
 * @example
 * ```ts
 * import * as path from "node:path";
 * import * as kernel from "pulumi-kernel";
 *
 * const blocker = new kernel.Extension("ad-blocker", {
 *   source: path.join(__dirname, "extensions", "ad-blocker"),
 *   name: "ad-blocker",
 * });
 *
 * export const extensionId = blocker.id;
 * export const uploadedSha256 = blocker.checksum;
 * ```
 */
export class Extension extends pulumi.CustomResource {
  /**
   * The source of the last upload, as the program gave it.
   *
   * @example `"/home/me/stack/extensions/ad-blocker"`
   */
  declare readonly source: pulumi.Output<string>;
  /**
   * The SHA-256 (lowercase hex) of the archive uploaded: the value compared with the source's
   * on every preview.
   *
   * @example `"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
   */
  declare readonly sourceSha256: pulumi.Output<string>;
  /**
   * The extension's name, when it has one.
   *
   * @example `"ad-blocker"`
   */
  declare readonly name: pulumi.Output<string | undefined>;
  /**
   * The API's SHA-256 of the archive it stores; the same as `sourceSha256` for an upload of
   * this package.
   *
   * @example `"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
   */
  declare readonly checksum: pulumi.Output<string | undefined>;
  /**
   * The archive's size in bytes.
   *
   * @example `18432`
   */
  declare readonly sizeBytes: pulumi.Output<number | undefined>;
  /**
   * When the extension was uploaded (RFC 3339).
   *
   * @example `"2026-12-04T16:00:00Z"`
   */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /**
   * When a browser last loaded the extension (RFC 3339); never a difference.
   *
   * @example `"2026-12-04T17:30:00Z"`
   */
  declare readonly lastUsedAt: pulumi.Output<string | undefined>;
  /**
   * The project the extension lives in, when one was given.
   *
   * @example `"staging"`
   */
  declare readonly project: pulumi.Output<string | undefined>;
  /**
   * Whether the program asked to take over an existing extension.
   *
   * @example `true`
   */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Reads an existing extension by id (a refresh of that id). `pulumi import` cannot work for
   * dynamic resources; this can.
   *
   * @example `kernel.Extension.get("blocker", "ext_abc123")`
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: ExtensionState,
    opts?: pulumi.CustomResourceOptions,
  ): Extension {
    return new Extension(name, (state ?? {}) as ExtensionArgs, { ...opts, id });
  }

  /** Whether `obj` is an Extension of this package (works across copies of the package). */
  static override isInstance(obj: unknown): obj is Extension {
    return isInstanceOf(EXTENSION_TYPE, obj);
  }

  /**
   * Declares an extension: uploaded by the next `pulumi up`, replaced when its content or name
   * changes.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The extension's source and name.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: ExtensionArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(EXTENSION_TYPE, name, withAbsoluteSource(args), opts));
  }
}

/**
 * The args with `source` made absolute in the program's working directory: the provider runs
 * in another process and directory, where a relative path would name other files (or none).
 */
function withAbsoluteSource(args: ExtensionArgs): ExtensionArgs {
  if (args?.source === undefined) return args;
  return { ...args, source: pulumi.output(args.source).apply((s) => path.resolve(s)) };
}
