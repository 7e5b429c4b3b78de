/**
 * Proxy names are not unique (KERNEL-API.md), and the API refuses a `browser.proxy: {name}`
 * that matches several proxies of the project (400), so such a name is never applied. After
 * that 400, one `GET /proxies?name=` (the API's own matching, which in production ignores case
 * and accents) finds the proxies the name matches, and the error names them and says to refer
 * to one by id. A body without a proxy name, and every request that succeeds, send nothing more.
 */
import { z } from "zod";
import type { KernelOperation } from "../kernel/client";
import { proxyItemSchema } from "./api";

/** Proxies asked for: two already make a name ambiguous; a few more make the message useful. */
export const LOOKUP_LIMIT = 10;

const proxyListSchema = z.array(proxyItemSchema);

/** The proxy name a create or update body selects, if it selects one by name. */
export function proxyNameIn(body: Record<string, unknown>): string | undefined {
  const browser = body.browser as { proxy?: { name?: unknown } } | undefined;
  const name = browser?.proxy?.name;
  return typeof name === "string" ? name : undefined;
}

/** The text to add when the name matches several proxies; undefined when it does not. */
export async function ambiguousProxyName(
  op: KernelOperation,
  name: string,
): Promise<string | undefined> {
  const matches = await op.request("GET", "/proxies", {
    query: { name, limit: LOOKUP_LIMIT },
    parse: (json) => proxyListSchema.parse(json),
  });
  if (matches.length < 2) return undefined;
  const ids = matches.map((p) => p.id ?? "(no id)").join(", ");
  const count = matches.length >= LOOKUP_LIMIT ? `at least ${matches.length}` : matches.length;
  return (
    `The proxy name ${JSON.stringify(name)} matches ${count} proxies in the project (${ids}): ` +
    `proxy names are not unique, and Kernel refuses a name that matches several. Refer to one ` +
    `by id (\`proxy: {id: proxy.id}\`), or rename or delete the others`
  );
}
