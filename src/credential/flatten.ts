/**
 * flatten: an API answer to Credential's state. The live part (name, domain, SSO provider, the
 * key set, whether a TOTP secret is set and its settings) comes from the answer; what the API never returns
 * (values, the TOTP secret) is the record of the last apply.
 */
import type { CredentialResponse } from "./api";
import { asciiHostName } from "./schema";
import type { CredentialInputs, CredentialOutputs } from "./types";

export interface FlattenContext {
  /** The inputs just sent successfully: they become the record. */
  desired?: CredentialInputs;
  /** The old state, on a read: its record is kept. */
  olds?: Partial<CredentialOutputs>;
}

/**
 * Outputs, with no undefined anywhere. Without `desired` or `olds` (a take-over, a `get`)
 * nothing is recorded, so the next plan sends every desired value once.
 */
export function toOutputs(live: CredentialResponse, ctx: FlattenContext = {}): CredentialOutputs {
  const source = ctx.desired ?? ctx.olds;
  const recordedValues = source?.values;
  const recordedTotp = source?.totpSecret;
  const keys = live.value_keys ?? Object.keys(recordedValues ?? {});
  const state: CredentialOutputs = {
    name: live.name,
    domain: asciiHostName(live.domain) ?? live.domain.toLowerCase(),
    hasTotpSecret: live.has_totp_secret ?? recordedTotp !== undefined,
    valueKeys: [...new Set(keys)].sort(),
  };
  if (live.sso_provider) state.ssoProvider = live.sso_provider;
  if (live.totp_algorithm) state.totpAlgorithm = live.totp_algorithm;
  if (typeof live.totp_digits === "number") state.totpDigits = live.totp_digits;
  if (typeof live.totp_period === "number") state.totpPeriod = live.totp_period;
  if (recordedValues !== undefined)
    state.values = Object.fromEntries(Object.entries(recordedValues));
  if (recordedTotp !== undefined) state.totpSecret = recordedTotp;
  return state;
}

/**
 * The managed inputs as they are live, for ReadResult.inputs, so that the preview after a
 * refresh shows `live => desired`. A live key with no recorded value shows as `""`, since the
 * API never says what it holds.
 */
export function toLiveInputs(state: CredentialOutputs): CredentialInputs {
  const recorded = state.values ?? {};
  const inputs: CredentialInputs = {
    name: state.name,
    domain: state.domain,
    values: Object.fromEntries(
      state.valueKeys.map((key) => [key, Object.hasOwn(recorded, key) ? recorded[key] : ""]),
    ),
  };
  if (state.ssoProvider !== undefined) inputs.ssoProvider = state.ssoProvider;
  if (state.hasTotpSecret && state.totpSecret !== undefined) {
    inputs.totpSecret = state.totpSecret;
    // Settings only beside the secret, as check requires of a program.
    if (state.totpAlgorithm !== undefined)
      inputs.totpAlgorithm = state.totpAlgorithm as CredentialInputs["totpAlgorithm"];
    if (state.totpDigits !== undefined) inputs.totpDigits = state.totpDigits;
    if (state.totpPeriod !== undefined) inputs.totpPeriod = state.totpPeriod;
  }
  return inputs;
}
