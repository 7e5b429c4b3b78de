import { DEFAULT_TOTP, parseTotpSecret, settingsFor, totpCode } from "./totp";

// RFC 6238, appendix B: the same counter under each algorithm, 8 digits, at T = 59 s.
const SHA1_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const SHA256_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====";
const SHA512_KEY =
  "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=";

describe("totpCode", () => {
  it("follows RFC 6238's vectors for each algorithm and digit count", () => {
    const at = new Date(59_000);
    const eight = (algorithm: "SHA1" | "SHA256" | "SHA512") => ({
      algorithm,
      digits: 8,
      period: 30,
    });
    expect(totpCode(SHA1_KEY, at, eight("SHA1")).code).toBe("94287082");
    expect(totpCode(SHA256_KEY, at, eight("SHA256")).code).toBe("46119246");
    expect(totpCode(SHA512_KEY, at, eight("SHA512")).code).toBe("90693936");
    expect(totpCode(SHA1_KEY, at).code).toBe("287082");
  });

  it("ends a code at the end of its period", () => {
    const at = new Date(59_000);
    expect(totpCode(SHA1_KEY, at).expiresAt.toISOString()).toBe("1970-01-01T00:01:00.000Z");
    const minute = totpCode(SHA1_KEY, at, { ...DEFAULT_TOTP, period: 60 });
    expect(minute.expiresAt.getTime()).toBe(60_000);
  });
});

describe("parseTotpSecret", () => {
  it("normalises a raw secret and reads none from an empty one", () => {
    expect(parseTotpSecret("jbsw-y3dp ehpk3pxp")).toEqual({
      ok: true,
      value: { secret: "JBSWY3DPEHPK3PXP" },
    });
    expect(parseTotpSecret("")).toEqual({ ok: true, value: undefined });
  });

  it("reads an otpauth URI's secret and the settings it names", () => {
    expect(
      parseTotpSecret("otpauth://totp/Acme:me?secret=jbswy3dpehpk3pxp&algorithm=sha256&digits=8"),
    ).toEqual({
      ok: true,
      value: { secret: "JBSWY3DPEHPK3PXP", uri: { algorithm: "SHA256", digits: 8 } },
    });
  });

  it("refuses a URI without a secret, of another kind, or with bad settings", () => {
    for (const uri of [
      "otpauth://totp/Acme:me?digits=6",
      "otpauth://hotp/Acme:me?secret=JBSWY3DPEHPK3PXP",
      "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
      "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0",
    ]) {
      expect(parseTotpSecret(uri)).toMatchObject({ status: 400, error: { code: "bad_request" } });
    }
  });
});

describe("settingsFor", () => {
  const raw = { secret: "S" };
  it("takes the URI, then the fields, then what was kept (raw secrets only), then defaults", () => {
    expect(settingsFor(raw, {})).toEqual(DEFAULT_TOTP);
    expect(settingsFor(raw, { totp_digits: 8 }, { algorithm: "SHA512", period: 60 })).toEqual({
      algorithm: "SHA512",
      digits: 8,
      period: 60,
    });
    const uri = { secret: "S", uri: { digits: 7 } };
    expect(settingsFor(uri, { totp_digits: 8, totp_period: 45 }, { algorithm: "SHA512" })).toEqual({
      algorithm: "SHA1",
      digits: 7,
      period: 45,
    });
  });
});
