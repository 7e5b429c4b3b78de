/**
 * A server that lies, through Pulumi's dynamic-provider host: what it sends must neither show a
 * secret in any form, nor grow an error or the host's stderr without bound, nor run the host
 * out of memory. The server is a small one of this file's own (the emulator answers honestly);
 * each route is one lie.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { HostCallError, ProviderHost, resourceUrn } from "../../src/host/providerHost";
import { HOST_KEY, REPO_ROOT } from "../support/hostFixture";

const PASSWORD = "Pa'ss&w<rd>-92kqZt";
const TOTP = "JBSWY3DPEHPK3PXP";
/** Bytes of one page of the endless list: near the client's 4 MiB answer cap. */
const PAGE_ITEMS = 3000;
const HUGE_MESSAGE = "m".repeat(3_900_000);

/** The answers of the lying server, by `METHOD path` (the query aside). */
function answer(method: string, path: string, query: URLSearchParams) {
  const route = `${method} ${path}`;
  const offset = Number(query.get("offset") ?? 0);
  switch (route) {
    // A lost POST, then a list of credential providers that never ends.
    case "POST /org/credential_providers":
      return { status: 502, body: { code: "bad_gateway", message: "upstream" } };
    case "GET /org/credential_providers":
      pagesServed++;
      return {
        status: 200,
        headers: { "x-has-more": "true", "x-next-offset": String(offset + PAGE_ITEMS) },
        body: Array.from({ length: PAGE_ITEMS }, (_, i) => ({
          id: `cp_${offset + i}`,
          name: `other-${offset + i}`,
          provider_type: "onepassword",
          enabled: true,
          priority: 0,
          pad: "p".repeat(1200),
        })),
      };
    // A lost POST, then one page of more profiles than any list may hold.
    case "POST /profiles":
      return { status: 502, body: { code: "bad_gateway", message: "upstream" } };
    case "GET /profiles":
      return {
        status: 200,
        headers: { "x-has-more": "false" },
        body: Array.from({ length: 120_000 }, (_, i) => ({ id: `p${i}`, name: "n" })),
      };
    // A read answered with a 3.9 MB message, every time.
    case "GET /credentials/cred_huge":
      return { status: 500, body: { code: "internal", message: HUGE_MESSAGE } };
    // An update whose refusal echoes the secrets it was sent, in every form but verbatim.
    case "PATCH /credentials/cred_echo":
      return {
        status: 400,
        body: {
          code: "bad_request",
          message:
            `password '${PASSWORD.slice(0, 10)}...' is too weak; ` +
            `repr: ValueError("Pa\\'ss&w<rd>-92kqZt"); ` +
            `html: Pa&#39;ss&amp;w&lt;rd&gt;-92kqZt; ` +
            `totp ${TOTP.toLowerCase()} is not valid`,
        },
      };
    // A 2xx answer that is not JSON, starting with the TOTP secret.
    case "GET /credentials/cred_text":
      return { status: 200, text: `${TOTP}, and not JSON` };
    default:
      return { status: 404, body: { code: "route_not_found", message: route } };
  }
}

let server: http.Server;
let pagesServed = 0;
let baseUrl = "";
let host: ProviderHost;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://liar");
    const a = answer(req.method ?? "GET", url.pathname, url.searchParams);
    req.resume();
    req.on("end", () => {
      const text = "text" in a ? (a.text as string) : JSON.stringify(a.body);
      res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  host = await ProviderHost.start({ cwd: REPO_ROOT, env: { PATH: process.env.PATH } });
  await budget(3);
});

/** Configures the host with an operation budget: short where retries would wait for long. */
const budget = (seconds: number) =>
  host.configure(
    {
      "kernel:apiKey": HOST_KEY,
      "kernel:baseUrl": baseUrl,
      "kernel:operationTimeoutSeconds": String(seconds),
    },
    ["kernel:apiKey"],
  );

afterAll(async () => {
  await host.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const failure = (run: Promise<unknown>) =>
  run.then(
    () => Promise.reject(new Error("expected a failure")),
    (e: unknown) => e as HostCallError,
  );

/** No run of 8 characters of `secret`, in any letter case, in `text`. */
function expectNoRun(text: string, secret: string) {
  const lowered = text.toLowerCase();
  for (let i = 0; i + 8 <= secret.length; i++) {
    expect(lowered).not.toContain(secret.slice(i, i + 8).toLowerCase());
  }
}

const credential = {
  name: "netflix-creds",
  domain: "netflix.com",
  values: { username: "me@example.com", password: PASSWORD },
  totpSecret: TOTP,
  __provider: providerText("credential"),
};

it("an endless list of near-cap pages fails clearly, within bounds", async () => {
  pagesServed = 0;
  // Time enough to read every page the bound lets through, even on a busy machine.
  await budget(120);
  const err = await failure(
    host.create(resourceUrn(typeToken("CredentialProvider"), "onepassword"), {
      name: "org-1p",
      providerType: "onepassword",
      token: "ops_token_hostile_5c1d",
      __provider: providerText("credentialProvider"),
    }),
  );
  expect(err.message).toMatch(
    /the lookup [^]* failed too: GET \/org\/credential_providers: the list did not end within 32 MiB/,
  );
  // Pages of about 4 MB each: the lookup stopped once the list passed 32 MiB.
  expect(pagesServed).toBeGreaterThanOrEqual(8);
  expect(pagesServed).toBeLessThanOrEqual(10);
  await budget(3);
});

it("one page of more items than a list may hold fails clearly (no stack overflow)", async () => {
  const err = await failure(
    host.create(resourceUrn(typeToken("Profile"), "profile"), {
      name: "team",
      __provider: providerText("profile"),
    }),
  );
  expect(err.message).toMatch(/GET \/profiles: the list did not end within 50000 items/);
  expect(err.message).not.toMatch(/call stack/);
});

it("a 3.9 MB API message is cut in the error and in every retry log line", async () => {
  const outputBefore = host.output.length;
  const err = await failure(
    host.read("cred_huge", resourceUrn(typeToken("Credential"), "netflix"), credential),
  );
  expect(err.message).toMatch(/GET \/credentials\/cred_huge failed with 500 internal: m+…/);
  expect(err.message.length).toBeLessThan(4000);
  const logged = host.output.slice(outputBefore);
  expect(logged).toMatch(/retrying/);
  expect(logged.length).toBeLessThan(20 * 4000);
});

it("secrets echoed cut short, as a repr, HTML-escaped or in another case reach no error or stderr", async () => {
  const urn = resourceUrn(typeToken("Credential"), "netflix");
  const olds = { ...credential, values: { username: "me@example.com", password: "old-pw-1" } };
  const err = await failure(host.update("cred_echo", urn, olds, credential));
  expect(err.message).toMatch(/^PATCH \/credentials\/cred_echo failed with 400 bad_request/);
  for (const text of [err.message, host.output]) {
    expectNoRun(text, PASSWORD);
    expectNoRun(text, TOTP);
  }
});

it("a 2xx body that is not JSON is named without quoting it", async () => {
  const err = await failure(
    host.read("cred_text", resourceUrn(typeToken("Credential"), "netflix"), credential),
  );
  expect(err.message).toMatch(/malformed body: the body is not JSON/);
  for (const text of [err.message, host.output]) expectNoRun(text, TOTP);
});
