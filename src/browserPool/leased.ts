/**
 * The API refuses to delete a pool while browsers are leased from it (409) unless the delete
 * forces it. After such a refusal the provider reads the pool once (the read runs only on this
 * failure) and says how many browsers are leased and what to do.
 */
import type { WriteAction } from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { KernelApiError } from "../kernel/errors";
import { parseBrowserPool } from "./api";

export const COLLECTION = "/browser_pools";

export async function explainBrowserPoolFailure(
  op: KernelOperation,
  err: unknown,
  action: WriteAction,
): Promise<unknown> {
  if (action.kind !== "delete" || !(err instanceof KernelApiError) || err.status !== 409) {
    return err;
  }
  const pool = await op.request("GET", resourcePath(COLLECTION, action.id), {
    parse: parseBrowserPool,
  });
  err.message += `. ${leasedText(action.id, pool.acquired_count ?? undefined)}`;
  return err;
}

export function leasedText(id: string, leased: number | undefined): string {
  const count =
    leased === undefined ? "browsers leased" : `${leased} browser${leased === 1 ? "" : "s"} leased`;
  return (
    `Browser pool ${id} has ${count}, and the API deletes a pool with leased browsers only ` +
    `when forced. Release them and run the command again, or set \`forceDestroy: true\` on ` +
    `the BrowserPool (which terminates leased browsers), run \`pulumi up\` to record it, then ` +
    `delete it; the pool is kept in the state until then`
  );
}
