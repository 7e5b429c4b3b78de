/**
 * The emulator's contract: the OpenAPI document kept in the repo (openapi/), compiled once with
 * ajv. Tests use the same validators as the oracle for "every request is valid".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

export const OPENAPI_PATH = path.join(
  __dirname,
  "..",
  "..",
  "openapi",
  "kernel-auth-connections.openapi.json",
);

export type SchemaName =
  "ManagedAuthCreateRequest" | "ManagedAuthUpdateRequest" | "ManagedAuth" | "Error";

export type Validator = (value: unknown) => string[];

let validators: Map<SchemaName, Validator> | undefined;

/** Returns the problems of `value` against a component schema; empty when valid. */
export function validatorFor(name: SchemaName): Validator {
  validators ??= compile();
  const validator = validators.get(name);
  if (!validator) throw new Error(`no schema ${name}`);
  return validator;
}

function compile(): Map<SchemaName, Validator> {
  const doc = JSON.parse(fs.readFileSync(OPENAPI_PATH, "utf8"));
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  // OpenAPI keeps schemas under components; annotation keywords are not assertions.
  ajv.addKeyword({ keyword: "components" });
  ajv.addSchema({ $id: "kernel.json", components: doc.components });
  const names: SchemaName[] = [
    "ManagedAuthCreateRequest",
    "ManagedAuthUpdateRequest",
    "ManagedAuth",
    "Error",
  ];
  return new Map(
    names.map((name) => {
      const validate = ajv.getSchema(`kernel.json#/components/schemas/${name}`);
      if (!validate) throw new Error(`schema ${name} missing from ${OPENAPI_PATH}`);
      const check: Validator = (value) =>
        validate(value)
          ? []
          : (validate.errors ?? []).map(
              (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
            );
      return [name, check] as const;
    }),
  );
}
