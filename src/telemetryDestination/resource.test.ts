import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import {
  recordRegistrationRequests,
  registrationKey,
  type RegistrationRequest,
} from "../host/programMocks";
import { TelemetryDestination, type TelemetryDestinationArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
const INGEST_KEY = "hcaik_plain_string_key";

describe("TelemetryDestination under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let requests = new Map<string, RegistrationRequest>();
  const sentFor = (name: string) =>
    requests.get(registrationKey(typeToken("TelemetryDestination"), name))!;

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || "otlp_mock",
            state: { ...args.inputs, headerNames: ["X-Honeycomb-Team"], consecutiveFailures: 0 },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    requests = recordRegistrationRequests();
  });

  it("registers the token, its own __provider and the headers as a secret output", async () => {
    const dest = new TelemetryDestination("honeycomb", {
      name: "honeycomb",
      endpoint: "https://api.honeycomb.io",
      headers: { "X-Honeycomb-Team": INGEST_KEY },
      __provider: "exports.handler = () => ({})",
    } as TelemetryDestinationArgs);
    expect(await value(dest.id)).toBe("otlp_mock");
    const args = registered.find((r) => r.name === "honeycomb")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:TelemetryDestination");
    expect(args.inputs.__provider).toBe(providerText("telemetryDestination"));
    expect(sentFor("honeycomb").secretOutputs).toEqual(["headers"]);
    // Plain-string headers still travel as a secret, so the state keeps them encrypted.
    expect(JSON.stringify(sentFor("honeycomb").wire.headers)).toContain(
      "4dabf18193072939515e22adb298388d",
    );
    expect(await value(dest.headerNames)).toEqual(["X-Honeycomb-Team"]);
  });

  it("get reads by id with the __provider; isInstance knows its own", async () => {
    const dest = TelemetryDestination.get("existing", "otlp_9");
    expect(await value(dest.id)).toBe("otlp_9");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("telemetryDestination"),
    );
    expect(TelemetryDestination.isInstance(dest)).toBe(true);
    expect(TelemetryDestination.isInstance({ __pulumiType: "other" })).toBe(false);
  });
});
