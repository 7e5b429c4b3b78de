import { badRequestHint } from "./spec";

describe("TelemetryDestination spec", () => {
  it("names the inputs a 400 is about", () => {
    expect(badRequestHint("endpoint must not end in a signal path")).toBe(
      "Check the TelemetryDestination input endpoint",
    );
    expect(badRequestHint("headers: value of X-Key is not a valid HTTP header value")).toBe(
      "Check the TelemetryDestination input headers",
    );
    expect(badRequestHint("nothing named")).toBe("Check the TelemetryDestination's inputs");
  });
});
