/**
 * The deprecated `datacenter` type: a program that declares one gets a warning on that resource
 * (shown by preview and up), still registers it as declared, and reading one is quiet.
 */
import * as pulumi from "@pulumi/pulumi";
import { registeredResources } from "../host/programMocks";
import { typeDeprecation } from "./deprecation";
import { Proxy } from "./resource";
import { PROXY_TYPES } from "./types";

describe("typeDeprecation", () => {
  it("warns of datacenter only, and of no unknown or missing type", () => {
    const warned = PROXY_TYPES.filter((type) => typeDeprecation(type) !== undefined);
    expect(warned).toEqual(["datacenter"]);
    expect(typeDeprecation("datacenter")).toMatch(/deprecated by the Kernel API.*"isp"/s);
    for (const other of ["satellite", "constructor", undefined, 3]) {
      expect(typeDeprecation(other)).toBeUndefined();
    }
  });
});

describe("Proxy of type datacenter in a program", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
  });
  afterEach(() => warn.mockRestore());

  it("warns on the declared resource, registers it unchanged, and is quiet for others and for get", async () => {
    const declared: Proxy[] = [];
    const registered = await registeredResources(() => {
      declared.push(new Proxy("dc", { type: "datacenter", config: { country: "US" } }));
      declared.push(new Proxy("dc-2", { type: "datacenter" }));
      new Proxy("isp", { type: "isp" });
      Proxy.get("existing", "px_1", { type: "datacenter" });
    });
    expect(registered.find((r) => r.name === "dc")?.inputs).toMatchObject({
      type: "datacenter",
      config: { country: "US" },
    });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.map(([message, resource]) => [message, resource])).toEqual([
      [typeDeprecation("datacenter"), declared[0]],
      [typeDeprecation("datacenter"), declared[1]],
    ]);
  });
});
