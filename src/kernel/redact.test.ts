import { BASE_URL, TEST_KEY, mockApi } from "../../test/support/mockApi";
import { KernelClient } from "./client";
import { REDACTED, redact } from "./redact";

const KEY = "sk_live_9f8e7d6c5b4a39281706";

describe("redact", () => {
  it("removes every whole occurrence of the key", () => {
    expect(redact(`a ${KEY} b ${KEY}`, KEY)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it("removes a start of the key (8+ characters) that ends the text: a text cut by someone else", () => {
    expect(redact(`token=${KEY.slice(0, 11)}`, KEY)).toBe(`token=${REDACTED}`);
    expect(redact(`${KEY.slice(-9)} was revoked`, KEY)).toBe(`${REDACTED} was revoked`);
  });

  it("keeps ordinary text, and short fragments that are not at a cut", () => {
    expect(redact("GET /auth/connections failed", KEY)).toBe("GET /auth/connections failed");
    expect(redact(`the prefix sk_live_ is common`, KEY)).toBe("the prefix sk_live_ is common");
  });
});

describe("error excerpts", () => {
  // Issue 10 finding 5: the excerpt was cut to 200 characters before the key was redacted, so
  // a key echoed near offset 180 left its first characters in the error.
  it("redacts an echoed key before cutting a non-JSON error page to an excerpt", async () => {
    for (const at of [150, 175, 180, 190, 195]) {
      const page = `<html>${"x".repeat(at - 6)}${TEST_KEY}${"y".repeat(400)}</html>`;
      expect(page.indexOf(TEST_KEY)).toBe(at);
      const api = mockApi(() => ({ status: 502, body: page }));
      const client = new KernelClient({
        baseUrl: BASE_URL,
        apiKey: TEST_KEY,
        dispatcher: api.agent,
        retry: { maxAttempts: 1 },
      });
      const err = await client
        .operation()
        .request("GET", "/profiles/p", { parse: (j) => j })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      for (let n = 4; n <= TEST_KEY.length; n++) {
        expect((err as Error).message).not.toContain(TEST_KEY.slice(0, n));
      }
    }
  });
});
