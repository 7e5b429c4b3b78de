/**
 * A custom proxy's password and CA bundle: sent once, in the POST's config, then never seen
 * again outside the outputs the class marks secret. Not in the host's output, not in any
 * error (even one whose API message echoes them), not in `config`, not in any other output.
 */
import { providerText } from "../../src/dynamic/providerText";
import { type HostFixture, startHostFixture } from "../support/hostFixture";

const PASSWORD = "pw-Never-Shown-7f3a91";
const BUNDLE = "-----BEGIN CERTIFICATE-----\nMIIBbundleNeverShown88\n-----END CERTIFICATE-----\n";
const SECRETS = [PASSWORD, "MIIBbundleNeverShown88"];

const CUSTOM = {
  type: "custom",
  name: "office",
  config: { host: "proxy.example.com", port: 3128, username: "kernel" },
  password: PASSWORD,
  caBundle: BUNDLE,
  __provider: providerText("proxy"),
};

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

afterAll(async () => {
  await f.stop();
});

it("the password and CA bundle appear only in their own (secret) outputs", async () => {
  const errors: Error[] = [];
  // The steps' change lines are the stand-in engine's drawing of the program's own inputs, so
  // they are not checked; what the provider returns and says is.
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      errors.push(err as Error);
    }
  };

  await f.engine.up([{ name: "office", inputs: CUSTOM }]);
  const first = f.engine.state.get("office")!;
  expect(f.emulator.requests()[0].body).toBeDefined();
  expect(f.emulator.objects("proxies")).toContainEqual(
    expect.objectContaining({
      id: first.id,
      config: expect.objectContaining({ has_password: true, has_ca_bundle: true }),
    }),
  );
  expect(first.outputs).toMatchObject({
    password: PASSWORD,
    caBundle: BUNDLE,
    hasPassword: true,
    hasCaBundle: true,
    config: { host: "proxy.example.com", port: 3128, username: "kernel" },
  });

  // A rename, a refresh, a no-op.
  await attempt(() => f.engine.up([{ name: "office", inputs: { ...CUSTOM, name: "office-2" } }]));
  await attempt(() => f.engine.refresh());
  const noop = await f.engine.preview("office", { ...CUSTOM, name: "office-2" });
  expect(noop.kind).toBe("same");

  // A new password replaces; the API's 400 echoes what it was sent.
  f.emulator.injectFault({
    kind: "status",
    method: "POST",
    path: "/proxies",
    status: 400,
    body: {
      code: "bad_request",
      message: `config.password "${PASSWORD}x" rejected`,
      details: [{ message: `ca_bundle ${BUNDLE}` }],
    },
  });
  await attempt(() =>
    f.engine.up([
      { name: "office", inputs: { ...CUSTOM, name: "office-2", password: `${PASSWORD}x` } },
    ]),
  );
  // The API's 500 after acting on the POST.
  f.emulator.injectFault({ kind: "status", method: "POST", path: "/proxies", status: 500 });
  await attempt(() =>
    f.engine.up([
      { name: "office", inputs: { ...CUSTOM, name: "office-2", password: `${PASSWORD}y` } },
    ]),
  );
  // Checks that fail on the secrets' shape.
  await attempt(() =>
    f.engine.up([{ name: "office", inputs: { ...CUSTOM, caBundle: `nope ${PASSWORD}` } }]),
  );
  await attempt(() =>
    f.engine.up([{ name: "office", inputs: { ...CUSTOM, type: "isp", config: {} } }]),
  );

  expect(errors).toHaveLength(4);
  expect(errors[0].message).toMatch(/Check the Proxy inputs? .*password/);
  // The client redacts secret input values (as it does the key) before the error is made.
  expect(errors[0].message).toContain("[redacted]");

  const state = f.engine.state.get("office")!;
  const { password, caBundle, ...otherOutputs } = state.outputs;
  expect([password, caBundle]).toEqual([PASSWORD, BUNDLE]);
  const everything = [
    ...errors.map((e) => `${e.message} ${e.stack} ${JSON.stringify(e)}`),
    f.host.output,
    JSON.stringify(otherOutputs),
    JSON.stringify(f.emulator.objects("proxies")),
  ].join("\n");
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
}, 60_000);
