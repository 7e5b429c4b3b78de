/**
 * The emulator's OTLP telemetry destinations (`/telemetry/destinations`, kernel 0.131): org-wide,
 * a name unique in the org, addressed by id or name. Header values are kept but answered
 * redacted (empty strings under their canonical names); a PATCH edits headers key by key, `null`
 * removing one. While a managed auth connection selects a destination, deleting it is refused,
 * and so is renaming it when the connection selects it by name. No HTTP here.
 */
import { fail, notFound, ok, type StoreResult } from "../../answers";
import {
  assignDrift,
  conflict,
  invalidField,
  matchesQuery,
  rowNamed,
  type StoredObject,
  type TableOptions,
  TableStore,
} from "../objectTable";

/** `POST /telemetry/destinations` (DestinationCreateParams). */
export interface DestinationCreateBody {
  name: string;
  endpoint: string;
  description?: string;
  headers?: Record<string, string>;
}

/** `PATCH /telemetry/destinations/{id_or_name}` (DestinationUpdateParams). */
export interface DestinationUpdateBody {
  name?: string;
  endpoint?: string;
  description?: string;
  headers?: Record<string, string | null>;
}

/** The API's OtlpDestination. */
export interface DestinationView {
  id: string;
  name: string;
  endpoint: string;
  description: string | null;
  headers: Record<string, string>;
  consecutive_failures: number;
  last_error: string | null;
  last_error_at: string | null;
  last_export_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoredDestination extends StoredObject {
  name: string;
  endpoint: string;
  description?: string;
  /** Canonical names to the values as sent: what the API keeps encrypted. */
  headers: Record<string, string>;
  consecutive_failures: number;
  last_error?: string;
  last_error_at?: string;
  last_export_at?: string;
}

/** A managed auth connection's choice of destination (`browser.telemetry.export.otlp`). */
export interface DestinationSelection {
  connection: string;
  destination: { id?: string; name?: string };
}

export const DESTINATION_ID_PREFIX = "otlp";
/** Names and values together (kernel 0.131). */
export const MAX_HEADER_BYTES = 8192;

export interface DestinationStoreOptions extends TableOptions {
  /** Every connection's choice of destination, in every project. */
  selections?: () => DestinationSelection[];
}

export class DestinationStore extends TableStore<StoredDestination> {
  private readonly selections: () => DestinationSelection[];

  constructor(options: DestinationStoreOptions = {}) {
    super(DESTINATION_ID_PREFIX, options);
    this.selections = options.selections ?? (() => []);
  }

  create(body: DestinationCreateBody): StoreResult<DestinationView> {
    const problem = nameProblem(body.name) ?? endpointProblem(body.endpoint);
    if (problem) return problem;
    const taken = rowNamed(this.table, body.name);
    if (taken) return conflict(`a destination named ${body.name} already exists`, taken.id);
    const headers = canonicalHeaders(body.headers ?? {});
    if (!headers.ok) return headers;
    const now = this.table.now();
    const row: StoredDestination = {
      id: this.table.newId(),
      name: body.name,
      endpoint: body.endpoint,
      headers: headers.value,
      consecutive_failures: 0,
      created_at: now,
      updated_at: now,
    };
    if (body.description) row.description = body.description;
    return ok(view(this.table.insert(row)));
  }

  get(idOrName: string): StoreResult<DestinationView> {
    const row = this.find(idOrName);
    return row ? ok(view(row)) : notFound("telemetry destination", idOrName);
  }

  update(idOrName: string, body: DestinationUpdateBody): StoreResult<DestinationView> {
    const row = this.find(idOrName);
    if (!row) return notFound("telemetry destination", idOrName);
    if (body.name !== undefined && body.name !== row.name) {
      const problem = nameProblem(body.name);
      if (problem) return problem;
      const other = rowNamed(this.table, body.name);
      if (other) return conflict(`a destination named ${body.name} already exists`, other.id);
      const byName = this.selectors(row).filter((s) => s.destination.name === row.name);
      if (byName.length > 0) {
        return fail(
          409,
          "conflict",
          `destination ${row.name} is selected by name by auth connection ${byName[0].connection}; ` +
            "renaming it would break that connection",
        );
      }
    }
    if (body.endpoint !== undefined) {
      const problem = endpointProblem(body.endpoint);
      if (problem) return problem;
    }
    let headers = row.headers;
    if (body.headers !== undefined) {
      const merged = mergeHeaders(row.headers, body.headers);
      if (!merged.ok) return merged;
      headers = merged.value;
    }
    if (body.name !== undefined) row.name = body.name;
    if (body.endpoint !== undefined) row.endpoint = body.endpoint;
    // An empty description clears it.
    if (body.description === "") delete row.description;
    else if (body.description !== undefined) row.description = body.description;
    row.headers = headers;
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(idOrName: string): StoreResult<void> {
    const row = this.find(idOrName);
    if (!row) return notFound("telemetry destination", idOrName);
    const users = this.selectors(row);
    if (users.length > 0) {
      return fail(
        409,
        "conflict",
        `destination ${row.name} is selected by auth connection ${users[0].connection}; ` +
          "remove it from the connection's telemetry first",
      );
    }
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?name=` (exact), `?query=` (name or endpoint substring in any letter case, or exact id). */
  matching(filter: { name?: string; query?: string } = {}): StoredDestination[] {
    return this.table
      .all()
      .filter(
        (row) =>
          (filter.name === undefined || row.name === filter.name) &&
          matchesQuery(filter.query, row.id, [row.name, row.endpoint]),
      );
  }

  /** A change made outside the provider: any stored field (`null` removes; `headers` is replaced whole). */
  drift(id: string, changes: Record<string, unknown>): StoreResult<DestinationView> {
    const row = this.table.byId(id);
    if (!row) return notFound("telemetry destination", id);
    assignDrift(row, changes, this.table.now());
    if (row.headers === undefined) row.headers = {};
    return ok(view(row));
  }

  private find(idOrName: string): StoredDestination | undefined {
    return this.table.byIdOrName(idOrName, (row) => row.name);
  }

  private selectors(row: StoredDestination): DestinationSelection[] {
    return this.selections().filter(
      (s) => s.destination.id === row.id || s.destination.name === row.name,
    );
  }
}

/** The API's answer: header names visible, values redacted as empty strings. */
export function view(row: StoredDestination): DestinationView {
  return {
    id: row.id,
    name: row.name,
    endpoint: row.endpoint,
    description: row.description ?? null,
    headers: Object.fromEntries(Object.keys(row.headers).map((key) => [key, ""])),
    consecutive_failures: row.consecutive_failures,
    last_error: row.last_error ?? null,
    last_error_at: row.last_error_at ?? null,
    last_export_at: row.last_export_at ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** A name usable in place of an id must not look like one. */
function nameProblem(name: string) {
  if (name.startsWith(`${DESTINATION_ID_PREFIX}_`)) {
    return invalidField("name", `must not be shaped like an id (${DESTINATION_ID_PREFIX}_...)`);
  }
  return undefined;
}

const SIGNAL_PATH = /\/v1\/(logs|traces|metrics)\/?$/;

/**
 * http or https, no query or fragment, no signal path (Kernel appends it), and an address that
 * is public: loopback and private literals and `localhost` are refused (the API resolves the
 * name; the emulator cannot).
 */
export function endpointProblem(endpoint: string) {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return invalidField("endpoint", "must be an absolute http or https URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return invalidField("endpoint", "must be http or https");
  }
  if (url.search || url.hash || endpoint.includes("?") || endpoint.includes("#")) {
    return invalidField("endpoint", "must carry no query string or fragment");
  }
  if (SIGNAL_PATH.test(url.pathname)) {
    return invalidField("endpoint", "must not end in a signal path (/v1/logs, /v1/traces, ...)");
  }
  if (isPrivateHost(url.hostname)) {
    return invalidField("endpoint", "must resolve to a public address");
  }
  return undefined;
}

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "::") return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A header value: visible ASCII and inner spaces or tabs, no control characters.
const VALUE = /^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$|^$/;

/** `x-honeycomb-team` -> `X-Honeycomb-Team`, as Go's net/http writes header names. */
export function canonicalHeaderName(name: string): string {
  return name
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("-");
}

function headerProblem(name: string, value: string) {
  if (!TOKEN.test(name))
    return invalidField("headers", `name ${JSON.stringify(name)} is not a valid HTTP header name`);
  // The value is secret: the message names the header, never the value.
  if (!VALUE.test(value))
    return invalidField("headers", `value of ${name} is not a valid HTTP header value`);
  return undefined;
}

function sizeProblem(headers: Record<string, string>) {
  const bytes = Object.entries(headers).reduce(
    (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );
  return bytes > MAX_HEADER_BYTES
    ? invalidField("headers", `names and values together must not exceed ${MAX_HEADER_BYTES} bytes`)
    : undefined;
}

/** Headers under canonical names; two spellings of one name are refused. */
function canonicalHeaders(sent: Record<string, string>): StoreResult<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    const problem = headerProblem(name, value);
    if (problem) return problem;
    const key = canonicalHeaderName(name);
    if (key in out)
      return invalidField("headers", `${key} is given twice (names ignore letter case)`);
    out[key] = value;
  }
  return sizeProblem(out) ?? ok(out);
}

/** A PATCH's headers over the stored ones: a string adds or replaces, null removes, the rest stay. */
function mergeHeaders(
  stored: Record<string, string>,
  sent: Record<string, string | null>,
): StoreResult<Record<string, string>> {
  const out = { ...stored };
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(sent)) {
    const key = canonicalHeaderName(name);
    if (seen.has(key))
      return invalidField("headers", `${key} is given twice (names ignore letter case)`);
    seen.add(key);
    if (value === null) {
      delete out[key];
      continue;
    }
    const problem = headerProblem(name, value);
    if (problem) return problem;
    out[key] = value;
  }
  return sizeProblem(out) ?? ok(out);
}
