/** A bare HTTP caller for the emulator's tests: the status, headers and JSON body. */
import { request } from "undici";

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function caller(url: () => string, key: string) {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    /** `key: null` sends no authorization header. */
    options: { project?: string; key?: string | null } = {},
  ): Promise<CallResult> {
    const sentKey = options.key === undefined ? key : options.key;
    const res = await request(`${url()}${path}`, {
      method: method as "GET",
      headers: {
        ...(sentKey === null ? {} : { authorization: `Bearer ${sentKey}` }),
        ...(options.project === undefined ? {} : { "x-kernel-project": options.project }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      headers: res.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
}

/** Every `details[].message` of an error answer, joined: where the field at fault is named. */
export function detailText(body: { message?: string; details?: { message?: string }[] }): string {
  return [body.message, ...(body.details ?? []).map((d) => d.message)].join("\n");
}
