import { PreviewInputError, parsePreview, parseUrn } from "./preview";
import { AUTH_CONNECTION, preview, rotationPreview, step } from "../../test/support/previews";

const parse = (value: unknown) =>
  parsePreview(typeof value === "string" ? value : JSON.stringify(value), "preview.json");

function refusal(value: unknown): string {
  try {
    parse(value);
  } catch (err) {
    expect(err).toBeInstanceOf(PreviewInputError);
    return (err as Error).message;
  }
  throw new Error("accepted");
}

describe("parsePreview", () => {
  it("reads the digest: stack and project from the URNs, steps with type and name", () => {
    const p = parse(rotationPreview({ named: true }));
    expect([p.stack, p.project]).toEqual(["dev", "pulumi-kernel-example"]);
    expect(p.steps.map((s) => [s.op, s.name])).toEqual([
      ["same", "pulumi-kernel-example-dev"],
      ["update", "netflix"],
      ["update", "netflix"],
    ]);
    expect(p.steps[2].detailedDiff).toEqual({
      "allowedDomains[2]": { kind: "add", inputDiff: true },
    });
    expect(p.changeSummary).toEqual({ update: 2, same: 2 });
  });

  it("keeps a null detailedDiff as absent, and tolerates fields it does not know", () => {
    const doc = preview([{ ...step("update", AUTH_CONNECTION, "c"), futureField: 1 }]);
    const p = parse({ ...doc, somethingNew: true });
    expect(p.steps[1].detailedDiff).toBeUndefined();
  });

  it("takes the type of a child resource from the last part of its qualified type", () => {
    expect(parseUrn("urn:pulumi:dev::proj::my:comp:C$" + AUTH_CONNECTION + "::a::b")).toEqual({
      stack: "dev",
      project: "proj",
      type: AUTH_CONNECTION,
      name: "a::b",
    });
  });

  it("collects error diagnostics: a failed preview says why", () => {
    const doc = {
      ...preview([]),
      diagnostics: [
        { message: "boom\n", severity: "error" },
        { message: "hi", severity: "info" },
      ],
    };
    expect(parse(doc).errors).toEqual(["boom"]);
  });

  it.each([
    ["", /it is empty; expected the output of `pulumi preview --json`/],
    ["{not json", /preview\.json: it is not JSON; expected/],
    [
      "Previewing update (dev):\n  + foo",
      /text output of a Pulumi command, not JSON \(run it with `--json`\)/,
    ],
    ["[1,2]", /it is JSON, but an array, not an object/],
    ['{"version":3,"deployment":{}}', /stack export/],
    ['{"hello":1}', /its keys are "hello", with none of steps, changeSummary, diagnostics/],
    ['{"steps":[{"op":"update","urn":"nope"}]}', /steps\.0\.urn is not a Pulumi URN/],
  ])("refuses %j naming what it expected", (text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it("refuses the engine's event stream, one event a line", () => {
    const lines = [
      { sequence: 0, timestamp: 1, preludeEvent: { config: {} } },
      { sequence: 1, timestamp: 2, summaryEvent: {} },
    ].map((e) => JSON.stringify(e));
    expect(refusal(lines.join("\n"))).toMatch(/event stream.*PULUMI_ENABLE_STREAMING_JSON_PREVIEW/);
    expect(refusal(lines[0])).toMatch(/event stream/);
  });

  it("refuses steps whose detailed diff says diffKind (another version's shape)", () => {
    const doc = preview([
      step("update", AUTH_CONNECTION, "c", { detailedDiff: { a: { kind: "update" } } }),
    ]);
    const steps = doc.steps as Record<string, unknown>[];
    steps[1].detailedDiff = { a: { diffKind: "update" } };
    expect(refusal(doc)).toMatch(/say `diffKind`/);
  });

  it("never repeats the input's text in its message", () => {
    const secret = "s3cr3t-value-that-must-not-show";
    expect(refusal(`{"password": "${secret}"`)).not.toContain(secret);
  });
});
