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

  it("keeps ordinary text, and runs of the key shorter than 8 characters", () => {
    expect(redact("GET /auth/connections failed", KEY)).toBe("GET /auth/connections failed");
    expect(redact(`the prefix sk_live is common`, KEY)).toBe("the prefix sk_live is common");
  });
});

describe("a secret echoed in another form", () => {
  const PASSWORD = "Pa'ss&w<rd>-92kq\\x";
  const BUNDLE = [
    "-----BEGIN CERTIFICATE-----",
    "MIIBszCCAVmgAwIBAgIUa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5pZZ",
    "q6r7s8t9u0v1w2x3y4z5A6B7C8D9E0F1G2H3I4J5K6L7M8N9O0P1",
    "-----END CERTIFICATE-----",
  ].join("\n");
  const TOTP = "JBSWY3DPEHPK3PXP";
  const secrets = secretStrings({ password: PASSWORD, caBundle: BUNDLE, totp: TOTP });

  /** Every run of 8 characters of `secret`, in either case: none may survive. */
  const expectNoRun = (text: string, secret: string) => {
    const lowered = text.toLowerCase();
    for (let i = 0; i + 8 <= secret.length; i++) {
      expect(lowered).not.toContain(secret.slice(i, i + 8).toLowerCase());
    }
  };

  it.each([
    ["cut short by the server", `bad password '${PASSWORD.slice(0, 10)}...' for user`],
    ["inside a Python-style repr", `ValueError("invalid value 'Pa\\'ss&w<rd>-92kq\\\\x'")`],
    ["HTML-escaped", `<p>rejected Pa&#39;ss&amp;w&lt;rd&gt;-92kq\\x</p>`],
    ["HTML-escaped with a hex quote", `<p>rejected Pa&#x27;ss&amp;w&lt;rd&gt;-92kq</p>`],
  ])("the password %s", (_, text) => {
    const out = redact(text, secrets);
    expect(out).toContain(REDACTED);
    expectNoRun(out, PASSWORD);
    expectNoRun(out, JSON.stringify(PASSWORD).slice(1, -1));
  });

  it("one line of a multi-line CA bundle", () => {
    const line = BUNDLE.split("\n")[2];
    const out = redact(`certificate line rejected: ${line} (bad base64)`, secrets);
    expect(out).toBe(`certificate line rejected: ${REDACTED} (bad base64)`);
  });

  it("a TOTP secret in another letter case", () => {
    expect(redact(`totp ${TOTP.toLowerCase()} is not base32`, secrets)).toBe(
      `totp ${REDACTED} is not base32`,
    );
  });

  it("the characters JSON.parse quotes from a body that is not JSON", () => {
    let quoted = "";
    try {
      JSON.parse(`${TOTP}xyz`);
    } catch (err) {
      quoted = (err as Error).message;
    }
    expect(quoted).toContain(TOTP.slice(0, 8));
    expectNoRun(redact(quoted, secrets), TOTP);
  });
});

describe("error excerpts", () => {
  // Redaction comes before the cut: cutting first would leave the start of a key echoed near
  // the cut in the error.
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
