import { BASE_URL, TEST_KEY, mockApi } from "../../test/support/mockApi";
import { KernelClient } from "./client";
import { REDACTED, redact, redactDeep, secretStrings } from "./redact";

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

describe("secret input values", () => {
  it("redacts several secrets, the longest first, and leaves values under 4 characters", () => {
    const secrets = secretStrings({ password: "hunter22", pin: "123", nested: ["hunter22-long"] });
    expect(secrets).toEqual(["hunter22", "hunter22-long"]);
    expect(redact("pw hunter22-long and hunter22, pin 123", [KEY, ...secrets])).toBe(
      `pw ${REDACTED} and ${REDACTED}, pin 123`,
    );
  });

  it("also finds a multi-line value as a JSON string shows it", () => {
    const bundle = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
    const echoed = `{"message":"bad ca_bundle ${JSON.stringify(bundle).slice(1, -1)}"}`;
    expect(redact(echoed, secretStrings(bundle))).toBe(`{"message":"bad ca_bundle ${REDACTED}"}`);
  });

  it("redactDeep keeps the shape of a parsed body", () => {
    const body = { code: "bad", details: [{ message: "token ops_SECRET_9 rejected" }], n: 1 };
    expect(redactDeep(body, ["ops_SECRET_9"])).toEqual({
      code: "bad",
      details: [{ message: `token ${REDACTED} rejected` }],
      n: 1,
    });
  });
});

describe("an operation's secrets in errors and log lines", () => {
  const SECRET = "pw-Secret-Value-77";

  it("are redacted before a non-JSON page is cut, and from retry log lines", async () => {
    for (const at of [150, 185, 195]) {
      const page = `<html>${"x".repeat(at - 6)}${SECRET}${"y".repeat(400)}</html>`;
      const api = mockApi(() => ({ status: 502, body: page }));
      const lines: string[] = [];
      const client = new KernelClient({
        baseUrl: BASE_URL,
        apiKey: TEST_KEY,
        dispatcher: api.agent,
        retry: { maxAttempts: 2 },
        sleep: async () => undefined,
        log: (line) => lines.push(line),
      });
      const err = await client
        .operation({ secrets: [SECRET] })
        .request("PATCH", "/credentials/c", { body: {}, parse: (j) => j })
        .catch((e: Error) => e);
      expect(lines).toHaveLength(1);
      for (const text of [(err as Error).message, ...lines]) {
        for (let n = 4; n <= SECRET.length; n++) {
          expect(text).not.toContain(SECRET.slice(0, n));
        }
      }
    }
  });

  it("are redacted from every field of a JSON error body", async () => {
    const api = mockApi(() => ({
      status: 400,
      body: { code: "bad", message: `value ${SECRET} rejected`, details: [{ message: SECRET }] },
    }));
    const client = new KernelClient({ baseUrl: BASE_URL, apiKey: TEST_KEY, dispatcher: api.agent });
    const err = (await client
      .operation({ secrets: [SECRET] })
      .request("POST", "/credentials", { body: {}, parse: (j) => j })
      .catch((e: unknown) => e)) as Error & { apiMessage?: string; details?: unknown };
    expect(err.message).toBe(
      `POST /credentials failed with 400 bad: value ${REDACTED} rejected (details: ${REDACTED})`,
    );
    expect(JSON.stringify([err.apiMessage, err.details])).not.toContain(SECRET);
  });
});
