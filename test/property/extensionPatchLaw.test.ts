/**
 * The planner law (docs/behaviour.md) for Extension, which has no update: the update body is
 * always empty; nothing is planned exactly when the live extension already is the desired one
 * (its checksum is the desired archive's hash, its name the desired name); otherwise the
 * replacement, a new upload of the create request, gives D, whose plan against itself is
 * empty. "Applying" is done by the emulator's store, a model of the API written apart from the
 * planner.
 */
import fc from "fast-check";
import { hasChanges, planUpdate } from "../../src/dynamic/plan";
import { ExtensionStore } from "../../src/emulator/resources/extensions/store";
import { parseExtension } from "../../src/extension/api";
import { toCreateRequest } from "../../src/extension/expand";
import { toOutputs } from "../../src/extension/flatten";
import { sha256Hex } from "../../src/extension/source";
import { extensionSpec } from "../../src/extension/spec";
import type { ExtensionInputs } from "../../src/extension/types";
import { zipOf } from "../../src/extension/zip";

const archiveArb = fc
  .constantFrom("{}", '{"manifest_version":3}', '{"v":2}')
  .map((manifest) => zipOf([{ path: "manifest.json", data: Buffer.from(manifest) }]));
const nameArb = fc.option(fc.constantFrom("blocker", "marker"), { nil: undefined });

/** The outputs of an upload of `archive` with `name` to a fresh store, as a create records them. */
function uploaded(archive: Buffer, desired: ExtensionInputs) {
  const store = new ExtensionStore();
  const made = store.create({
    file: archive,
    ...(desired.name === undefined ? {} : { name: desired.name }),
  });
  if (!made.ok) throw new Error(made.error.message);
  return { view: made.value, outputs: toOutputs(parseExtension(made.value), { desired }) };
}

describe("Extension planner law", () => {
  it("holds for any live and desired extension", () => {
    fc.assert(
      fc.property(
        archiveArb,
        nameArb,
        archiveArb,
        nameArb,
        (liveZip, liveName, wantZip, wantName) => {
          const live = uploaded(liveZip, {
            source: "/live",
            sourceSha256: sha256Hex(liveZip),
            name: liveName,
          });
          const desired: ExtensionInputs = {
            source: "/desired",
            sourceSha256: sha256Hex(wantZip),
            ...(wantName === undefined ? {} : { name: wantName }),
          };
          const { plan, body } = planUpdate(extensionSpec, live.outputs, desired);
          expect(body).toEqual({});
          expect(plan.changed).toEqual([]);
          const already =
            live.view.checksum === desired.sourceSha256 &&
            (live.view.name ?? undefined) === desired.name;
          expect(hasChanges(plan)).toBe(!already);
          if (hasChanges(plan)) {
            const request = toCreateRequest(desired, {
              bytes: wantZip,
              sha256: desired.sourceSha256,
            });
            const replacement = uploaded(Buffer.from(request.file.bytes), desired);
            expect(hasChanges(planUpdate(extensionSpec, replacement.outputs, desired).plan)).toBe(
              false,
            );
          }
          // D against itself, wherever its source lives.
          const self = uploaded(wantZip, desired).outputs;
          expect(hasChanges(extensionSpec.plan(self, { ...desired, source: "/moved" }))).toBe(
            false,
          );
        },
      ),
    );
  });
});
