import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import { TelemetryDestination, type TelemetryDestinationArgs } from "./resource";

const INGEST_KEY = "hcaik_plain_string_key";

describe("TelemetryDestination under pulumi.runtime.setMocks", () => {
  const { registered, requestFor } = mockRegistrations({
    newId: () => "otlp_mock",
    state: () => ({ headerNames: ["X-Honeycomb-Team"], consecutiveFailures: 0 }),
  });
  const sentFor = (name: string) => requestFor(typeToken("TelemetryDestination"), name);

  it("registers the token, its own __provider and the headers as a secret output", async () => {
    const dest = new TelemetryDestination("honeycomb", {
      name: "honeycomb",
      endpoint: "https://api.honeycomb.io",
      headers: { "X-Honeycomb-Team": INGEST_KEY },
      __provider: "exports.handler = () => ({})",
    } as TelemetryDestinationArgs);
    expect(await outputValue(dest.id)).toBe("otlp_mock");
    const args = registered.find((r) => r.name === "honeycomb")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:TelemetryDestination");
    expect(args.inputs.__provider).toBe(providerText("telemetryDestination"));
    expect(sentFor("honeycomb").secretOutputs).toEqual(["headers"]);
    // Plain-string headers still travel as a secret, so the state keeps them encrypted.
    expect(JSON.stringify(sentFor("honeycomb").wire.headers)).toContain(
      "4dabf18193072939515e22adb298388d",
    );
    expect(await outputValue(dest.headerNames)).toEqual(["X-Honeycomb-Team"]);
  });

  it("get reads by id with the __provider; isInstance knows its own", async () => {
    const dest = TelemetryDestination.get("existing", "otlp_9");
    expect(await outputValue(dest.id)).toBe("otlp_9");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("telemetryDestination"),
    );
    expect(TelemetryDestination.isInstance(dest)).toBe(true);
    expect(TelemetryDestination.isInstance({ __pulumiType: "other" })).toBe(false);
  });
});
