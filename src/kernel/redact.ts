/**
 * Removes a secret from any text before it reaches a log line or an error. Servers and
 * libraries may echo request details back; nothing that leaves the client is trusted to be clean.
 */
export const REDACTED = "[redacted]";

export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join(REDACTED);
}
