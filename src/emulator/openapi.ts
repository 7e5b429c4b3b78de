/**
 * The emulator's contract: the OpenAPI document kept in the repo (openapi/kernel.openapi.json),
 * loaded once, each schema compiled with ajv when first used (a test file that starts an
 * emulator uses a few of them; compiling all cost ~0.3 s of CPU per file). This is the one
 * loader: the core validates every request body by its
 * operation, and tests use the same validators as the oracle for "every request is valid".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

export const OPENAPI_PATH = path.join(__dirname, "..", "..", "openapi", "kernel.openapi.json");

/** A component schema's name (`ManagedAuthCreateRequest`, `ManagedAuth`, `Error`, ...). */
export type SchemaName = string;

export type Validator = (value: unknown) => string[];

type LazyValidator = Validator & { compile(): void };

interface Operation {
  template: string[];
  method: string;
  /** The request body's schema, when the operation takes one. */
  validate?: LazyValidator;
  bodyRequired: boolean;
  /** The body is a `multipart/form-data` form (an upload), not JSON. */
  multipart: boolean;
  /** For a multipart body: the form's fields that must be file parts (`format: binary`). */
  fileFields: ReadonlySet<string>;
}

/** One part of a `multipart/form-data` body, as the core parsed it. */
export interface FormPart {
  name: string;
  /** Present for a file part (its `filename`), absent for a plain field. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A parsed `multipart/form-data` body: what the core hands to validation and to modules. */
export class MultipartBody {
  constructor(readonly parts: readonly FormPart[]) {}

  /** The part named `name` (the first, if sent twice). */
  part(name: string): FormPart | undefined {
    return this.parts.find((p) => p.name === name);
  }
}

interface Compiled {
  ajv: Ajv2020;
  doc: OpenApiDoc;
  validators: Map<string, Validator>;
  operations: Operation[];
}

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

let compiled: Compiled | undefined;

/** Returns the problems of `value` against a component schema; empty when valid. */
export function validatorFor(name: SchemaName): Validator {
  const c = load();
  let validator = c.validators.get(name);
  if (!validator) {
    if (!(name in c.doc.components.schemas))
      throw new Error(`no schema ${name} in ${OPENAPI_PATH}`);
    validator = compileRef(c.ajv, `#/components/schemas/${name}`);
    c.validators.set(name, validator);
  }
  return validator;
}

export interface OperationMatch {
  /** Some operation of the document has this path. */
  pathKnown: boolean;
  /** ... and this method. */
  operationKnown: boolean;
  /**
   * Problems of the body against the operation's request schema (none when it takes no body).
   * A JSON body is the parsed value; a form is a MultipartBody.
   */
  validate(body: unknown): string[];
}

/** The document's operation for a request (path segments already decoded). */
export function matchOperation(method: string, segments: string[]): OperationMatch {
  const ops = load().operations.filter(
    (op) =>
      op.template.length === segments.length &&
      op.template.every((part, i) => part.startsWith("{") || part === segments[i]),
  );
  // A literal segment beats a parameter (`/profiles/{id}` vs a fixed `/profiles/export`).
  const score = (op: Operation) => op.template.filter((p) => !p.startsWith("{")).length;
  const op = ops
    .filter((o) => o.method === method.toLowerCase())
    .sort((a, b) => score(b) - score(a))[0];
  return {
    pathKnown: ops.length > 0,
    operationKnown: op !== undefined,
    validate(body) {
      if (!op?.validate) return [];
      const kind = op.multipart ? "multipart/form-data" : "JSON";
      if (body === undefined)
        return op.bodyRequired ? [`/ a ${kind} request body is required`] : [];
      if (op.multipart !== body instanceof MultipartBody)
        return [`/ the request body must be ${kind}`];
      return body instanceof MultipartBody ? validateForm(op, body) : op.validate(body);
    },
  };
}

/** The whole document, for `GET /` of the emulator. */
export function openApiDocument(): OpenApiDoc {
  return load().doc;
}

function load(): Compiled {
  if (compiled) return compiled;
  const doc = JSON.parse(fs.readFileSync(OPENAPI_PATH, "utf8")) as OpenApiDoc;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  // A form's file part (OpenAPI's `format: binary`); validateForm checks that it is a file.
  ajv.addFormat("binary", true);
  // OpenAPI keeps schemas under components; annotation keywords are not assertions.
  ajv.addKeyword({ keyword: "components" });
  ajv.addSchema({ $id: "kernel.json", components: doc.components });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === "parameters" || typeof op !== "object" || op === null) continue;
      const body = (
        op as {
          requestBody?: {
            required?: boolean;
            content?: Record<string, { schema?: { $ref?: string } }>;
          };
        }
      ).requestBody;
      const form = body?.content?.["multipart/form-data"]?.schema?.$ref;
      const ref = body?.content?.["application/json"]?.schema?.$ref ?? form;
      if (body && !ref) {
        throw new Error(
          `${method.toUpperCase()} ${template}: request bodies must be $refs to components`,
        );
      }
      operations.push({
        template: template.split("/").filter(Boolean),
        method,
        validate: ref ? compileOnFirstUse(ajv, doc, ref) : undefined,
        bodyRequired: body?.required ?? false,
        multipart: form !== undefined,
        fileFields: form ? fileFieldsOf(doc, form) : new Set(),
      });
    }
  }
  compiled = { ajv, doc, validators: new Map(), operations };
  return compiled;
}

/**
 * A form against its schema: each part sent once, the schema's binary fields as file parts and
 * the others as plain fields; then the fields by the schema (a file part stands as a string, its
 * bytes are the module's to judge).
 */
function validateForm(op: Operation, form: MultipartBody): string[] {
  const problems: string[] = [];
  const fields: Record<string, string> = {};
  for (const part of form.parts) {
    if (Object.hasOwn(fields, part.name)) {
      problems.push(`/${part.name} is sent more than once`);
      continue;
    }
    const isFile = part.filename !== undefined;
    if (op.fileFields.has(part.name) && !isFile) {
      problems.push(`/${part.name} must be a file part (with a filename), not a plain field`);
    } else if (!op.fileFields.has(part.name) && isFile) {
      problems.push(`/${part.name} must be a plain field, not a file`);
    }
    fields[part.name] = isFile ? "" : part.data.toString("utf8");
  }
  return [...problems, ...(op.validate?.(fields) ?? [])];
}

/** The properties of a form schema that are files (`format: binary`). */
function fileFieldsOf(doc: OpenApiDoc, ref: string): Set<string> {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] ?? "";
  const schema = doc.components.schemas[name] as
    { properties?: Record<string, { format?: string }> } | undefined;
  return new Set(
    Object.entries(schema?.properties ?? {})
      .filter(([, property]) => property.format === "binary")
      .map(([field]) => field),
  );
}

/**
 * Compiles every operation's request schema now rather than at its first request: for a test
 * whose requests time out in a few hundred milliseconds, where a compile (tens of ms, more on a
 * busy machine) in the first request of an operation would be a flaky timeout.
 */
export function compileRequestSchemas(): void {
  for (const op of load().operations) op.validate?.compile();
}

/** A document whose body refs name no schema fails at load, as if it were compiled then. */
function compileOnFirstUse(ajv: Ajv2020, doc: OpenApiDoc, ref: string): LazyValidator {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  if (!name || !(name in doc.components.schemas)) {
    throw new Error(`schema ${ref} missing from ${OPENAPI_PATH}`);
  }
  let validate: Validator | undefined;
  const compile = () => (validate ??= compileRef(ajv, ref));
  return Object.assign((value: unknown) => compile()(value), { compile });
}

function compileRef(ajv: Ajv2020, ref: string): Validator {
  const validate = ajv.getSchema(`kernel.json${ref}`);
  if (!validate) throw new Error(`schema ${ref} missing from ${OPENAPI_PATH}`);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) =>
          // Name an unknown field by its own path, as every other problem is named.
          e.keyword === "additionalProperties"
            ? `${e.instancePath}/${String(e.params.additionalProperty)} is not a known field`
            : `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
        );
}
