/**
 * A proxy an auth connection still uses cannot be deleted (400 `resource_in_use`). The API's
 * answer does not say which connection holds it, so after such a refusal the provider reads one
 * page of `GET /auth/connections` (at most LISTING_LIMIT connections: the read is bounded, and
 * it runs only on this failure) and names the connections that select the proxy.
 */
import type { WriteAction } from "../dynamic/spec";
import type { KernelOperation } from "../kernel/client";
import { KernelApiError } from "../kernel/errors";
import { header } from "../kernel/retry";
import { parseManagedAuth, type ManagedAuth } from "../authConnection/api";

export const LISTING_LIMIT = 100;

export async function explainProxyFailure(
  op: KernelOperation,
  err: unknown,
  action: WriteAction,
): Promise<unknown> {
  if (action.kind !== "delete" || !(err instanceof KernelApiError)) return err;
  if (err.code !== "resource_in_use") return err;
  const page = await op.request("GET", "/auth/connections", {
    query: { limit: LISTING_LIMIT, offset: 0 },
    parse: (json, headers) => ({
      items: (Array.isArray(json) ? json : []).map(parseManagedAuth),
      hasMore: header(headers, "x-has-more")?.trim().toLowerCase() === "true",
    }),
  });
  const holders = page.items.filter((c) => selectedProxy(c) === action.id);
  err.message += `. ${inUseText(action.id, holders, page.hasMore)}`;
  return err;
}

/** The proxy id a connection selects: `browser.proxy.id`, else the deprecated `proxy_id`. */
function selectedProxy(c: ManagedAuth): string | undefined {
  return c.browser?.proxy?.id ?? c.proxy_id ?? undefined;
}

export function inUseText(proxyId: string, holders: ManagedAuth[], more: boolean): string {
  const scope = more ? `of the first ${LISTING_LIMIT} auth connections of the project` : "";
  if (holders.length === 0) {
    return (
      `Proxy ${proxyId} is still in use, but no auth connection ${scope || "of the project"} ` +
      `selects it now; run the command again`
    );
  }
  const named = holders
    .map((c) => `${c.id} (profile ${JSON.stringify(c.profile_name)}, domain ${c.domain})`)
    .join(", ");
  const which = holders.length > 1 ? "connections" : "connection";
  return (
    `It is held by the auth ${which} ${named}${scope ? ` (looking at ${scope})` : ""}. Point ` +
    `${holders.length > 1 ? "them" : "it"} at another proxy (\`proxy: {id: other.id}\`) or ` +
    `detach the proxy (remove \`proxy\`, or \`proxy: {mode: "default"}\`), or delete ` +
    `${holders.length > 1 ? "them" : "it"}; then run the command again`
  );
}
