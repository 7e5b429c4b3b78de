import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UNKNOWN } from "../dynamic/engineKeys";
import { INPUT_NAMES, checkInputs } from "./schema";
import { readSource } from "./source";

const FIXTURE = path.join(__dirname, "..", "..", "test", "fixtures", "extension");

function fixtureSha256(): string {
  const read = readSource(FIXTURE);
  if (!read.ok) throw new Error(read.problem);
  return read.archive.sha256;
}

describe("checkInputs", () => {
  it("adds the source archive's SHA-256 to the inputs", () => {
    expect(checkInputs({ source: FIXTURE, name: "marker" })).toEqual({
      inputs: { source: FIXTURE, name: "marker", sourceSha256: fixtureSha256() },
      failures: [],
    });
    expect(checkInputs({ source: FIXTURE }).inputs).toEqual({
      source: FIXTURE,
      sourceSha256: fixtureSha256(),
    });
  });

  it("passes an unknown source (a preview) with an unknown hash, reading nothing", () => {
    expect(checkInputs({ source: UNKNOWN, name: UNKNOWN })).toEqual({
      inputs: { source: UNKNOWN, name: UNKNOWN, sourceSha256: UNKNOWN },
      failures: [],
    });
  });

  it("refuses a missing path, a source without a manifest and one over the limit, on source", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-ext-check-"));
    try {
      const missing = path.join(root, "missing");
      expect(checkInputs({ source: missing }).failures).toEqual([
        { property: "source", reason: `${JSON.stringify(missing)} does not exist` },
      ]);
      fs.writeFileSync(path.join(root, "content.js"), "void 0;");
      expect(checkInputs({ source: root }).failures).toEqual([
        {
          property: "source",
          reason: expect.stringMatching(/has no manifest\.json at the directory's root/),
        },
      ]);
      expect(checkInputs({ source: FIXTURE }, 100).failures).toEqual([
        { property: "source", reason: expect.stringMatching(/at most 100 bytes/) },
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses a relative path: the provider's working directory is not the program's", () => {
    expect(checkInputs({ source: "test/fixtures/extension" }).failures).toEqual([
      {
        property: "source",
        reason: expect.stringMatching(
          /^must be an absolute path; received "test\/fixtures\/extension"/,
        ),
      },
    ]);
  });

  it("refuses bad shapes, a program-set hash and unknown inputs, naming them", () => {
    expect(checkInputs({}).failures).toEqual([
      { property: "source", reason: expect.stringMatching(/^is required and must be the path/) },
    ]);
    expect(checkInputs({ source: "" }).failures[0]).toMatchObject({ property: "source" });
    expect(checkInputs({ source: FIXTURE, name: " padded" }).failures[0]).toMatchObject({
      property: "name",
      reason: expect.stringMatching(
        /without leading or trailing spaces; received a string " padded"/,
      ),
    });
    expect(checkInputs({ source: FIXTURE, sourceSha256: "0".repeat(64) }).failures).toEqual([
      { property: "sourceSha256", reason: expect.stringMatching(/is not a known input/) },
    ]);
    expect(checkInputs({ source: FIXTURE, nmae: "x" }).failures).toEqual([
      { property: "nmae", reason: "is not a known input; did you mean name?" },
    ]);
    expect(INPUT_NAMES).toEqual(["source", "name"]);
  });
});
