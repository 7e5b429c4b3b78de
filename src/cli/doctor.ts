/**
 * `pulumi-kernel doctor`: checks the settings the provider would use, outside any Pulumi
 * program. It resolves them as the provider does (src/kernel/config.ts, src/dynamic/project.ts)
 * from the environment and a few flags, reads `GET /auth/context` (with the project header a
 * create would send) and `GET /org/limits` (org-wide), and says in plain words which org and
 * project the settings reach, what the plan allows, and whether the key works. It never prints
 * the key: every line goes through the same redaction as the client's errors.
 */
import { parseArgs } from "node:util";
import type { Dispatcher } from "undici";
import { z } from "zod";
import { KernelClient } from "../kernel/client";
import { type KernelSettings, resolveSettings } from "../kernel/config";
import {
  AuthenticationError,
  KernelApiError,
  KernelConfigError,
  KernelConnectionError,
  PermissionDeniedError,
} from "../kernel/errors";
import { type OrgLimits, readOrgLimits } from "../kernel/orgLimits";
import { redact } from "../kernel/redact";
import { createProject, createsByProjectId } from "../dynamic/project";

export const DOCTOR_HELP = `usage: pulumi-kernel doctor [options]

Checks the Kernel settings the provider would use: which org and project they reach, the
plan's minimum health-check interval and connection limit, and whether the API key works.
Exit code 0 when the key works and the project is found, 1 when not, 2 for a bad option.

Read from the environment, as the provider reads it when the stack's config does not set them:
  KERNEL_API_KEY         the API key (never printed; there is no flag, so it stays out of
                         shell history and process lists)
  KERNEL_BASE_URL        the API [https://api.onkernel.com]
  KERNEL_PROJECT         a project id or exact name for creating; wins over KERNEL_PROJECT_ID
  KERNEL_PROJECT_ID      a project id (the Terraform provider's variable)

options (each stands in for its variable, e.g. for a stack's kernel:baseUrl or kernel:project):
  --base-url URL
  --project ID_OR_NAME
  --project-id ID
  -h, --help             this text
`;

/** Where the lines go, and what the requests go through (tests give an emulator's). */
export interface DoctorIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  dispatcher?: Dispatcher;
}

/** What doctor asks of a check: 20 s in all, so a wrong URL does not hang a terminal. */
const DOCTOR_BUDGET_MS = 20_000;

const authContextSchema = z.object({
  organization: z.object({ id: z.string() }),
  authorization: z
    .object({
      effective_scope: z.object({ project_id: z.string().nullish() }).nullish(),
      credential_scope: z.object({ project_id: z.string().nullish() }).nullish(),
    })
    .nullish(),
  principal: z.object({ type: z.string().nullish() }).nullish(),
});

export type AuthContextAnswer = z.infer<typeof authContextSchema>;

/** The project the settings choose, as a create would send it. */
export interface ProjectChoice {
  value?: string;
  /** `KERNEL_PROJECT`, `KERNEL_PROJECT_ID`, a flag, or undefined for the default project. */
  source?: string;
  header?: "X-Kernel-Project" | "X-Kernel-Project-Id";
}

/** Everything the report is made of; built by `runDoctor`, worded by `doctorReport`. */
export interface DoctorFindings {
  baseUrl: string;
  project: ProjectChoice;
  notes: string[];
  context?: AuthContextAnswer;
  /** Why the context could not be read: then the settings do not work. */
  contextError?: string;
  limits?: OrgLimits;
  limitsError?: string;
}

/** The report's lines and whether the settings work (the key and the project). */
export function doctorReport(f: DoctorFindings): { lines: string[]; ok: boolean } {
  const lines = [`Kernel API: ${f.baseUrl}`];
  const asked = f.project.value
    ? `${JSON.stringify(f.project.value)} (from ${f.project.source}, sent as ${f.project.header})`
    : "none set: the org's default project";
  lines.push(`Project asked for: ${asked}`);
  for (const note of f.notes) lines.push(`Note: ${note}`);
  if (!f.context) {
    lines.push(`The settings do not work: ${f.contextError ?? "no answer"}`);
    return { lines, ok: false };
  }
  lines.push("API key: works (from KERNEL_API_KEY; not shown)");
  lines.push(`Organisation: ${f.context.organization.id}`);
  const effective = f.context.authorization?.effective_scope?.project_id;
  lines.push(
    `Project reached: ${effective ?? "none (organisation-wide scope)"}` +
      (f.project.value === undefined && effective ? " (the org's default project)" : ""),
  );
  const keyScope = f.context.authorization?.credential_scope?.project_id;
  if (keyScope) lines.push(`The key is limited to project ${keyScope}`);
  if (f.limits) {
    const min = f.limits.min_health_check_interval_seconds;
    if (typeof min === "number") {
      lines.push(
        `Plan minimum health-check interval: ${min} seconds; a healthCheckInterval below it ` +
          `is refused`,
      );
    }
    const max = f.limits.max_auth_connections;
    const used = f.limits.auth_connections_used;
    const usedText = typeof used === "number" ? `${used} in use across the org` : "use unknown";
    lines.push(
      typeof max === "number"
        ? `Auth connections: ${usedText}, of at most ${max} on this plan`
        : `Auth connections: ${usedText}; the plan sets no limit`,
    );
  } else {
    lines.push(`Plan limits: could not be read (${f.limitsError ?? "no answer"})`);
  }
  return { lines, ok: true };
}

/** The project a create would go to, from settings resolved as the provider resolves them. */
export function projectChoice(settings: KernelSettings, flags: Set<string>): ProjectChoice {
  const value = createProject(undefined, settings);
  if (value === undefined) return {};
  const byId = createsByProjectId(undefined, settings);
  const variable = byId ? "KERNEL_PROJECT_ID" : "KERNEL_PROJECT";
  const flag = byId ? "--project-id" : "--project";
  return {
    value,
    source: flags.has(flag) ? flag : variable,
    header: byId ? "X-Kernel-Project-Id" : "X-Kernel-Project",
  };
}

/** Plain words for a failed check; the API's own text is kept (the client redacted it). */
export function explainFailure(err: unknown, choice: ProjectChoice): string {
  if (err instanceof AuthenticationError) {
    return `the API refused the key (401). Check KERNEL_API_KEY: it may be revoked, expired, or for another environment.`;
  }
  if (err instanceof KernelApiError && err.code === "project_not_found") {
    return (
      `the key works, but the project ${JSON.stringify(choice.value)} (${choice.source}) is ` +
      `not in its org (404 project_not_found). Use a project id or its exact name.`
    );
  }
  if (err instanceof KernelApiError && err.code === "projects_disabled") {
    return (
      `the key works, but this org has no projects (404 projects_disabled): unset ` +
      `${choice.source ?? "the project"} to use the org's default.`
    );
  }
  if (err instanceof PermissionDeniedError) {
    return `the key is not allowed this (403): ${err.message}`;
  }
  if (err instanceof KernelConnectionError) return `no answer from the API: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Runs the check; resolves to the exit code. */
export async function runDoctor(args: string[], io: DoctorIo = processIo()): Promise<number> {
  let values: { "base-url"?: string; project?: string; "project-id"?: string; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        "base-url": { type: "string" },
        project: { type: "string" },
        "project-id": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    io.out(`pulumi-kernel doctor: ${err instanceof Error ? err.message : String(err)}`);
    io.out(DOCTOR_HELP);
    return 2;
  }
  if (values.help) {
    io.out(DOCTOR_HELP);
    return 0;
  }
  // The flags stand in for their variables, so one resolution serves both.
  const env: NodeJS.ProcessEnv = { ...io.env };
  const flags = new Set<string>();
  const standIns = [
    ["base-url", "--base-url", "KERNEL_BASE_URL"],
    ["project", "--project", "KERNEL_PROJECT"],
    ["project-id", "--project-id", "KERNEL_PROJECT_ID"],
  ] as const;
  for (const [option, flag, variable] of standIns) {
    const value = values[option];
    if (value === undefined) continue;
    env[variable] = value;
    flags.add(flag);
  }
  const rawKey = io.env.KERNEL_API_KEY;
  const say = (line: string) => io.out(redact(line, rawKey?.trim() ? [rawKey, rawKey.trim()] : []));

  let settings: KernelSettings;
  try {
    settings = resolveSettings(undefined, env);
  } catch (err) {
    say(
      `The settings do not work: ${err instanceof KernelConfigError ? err.message : String(err)}`,
    );
    return 1;
  }
  const project = projectChoice(settings, flags);
  const notes: string[] = [];
  if (settings.defaultProject && settings.defaultProjectId) {
    notes.push(
      `KERNEL_PROJECT and KERNEL_PROJECT_ID are both set; KERNEL_PROJECT wins, ` +
        `${JSON.stringify(settings.defaultProjectId)} is not used.`,
    );
  }
  notes.push(
    "a stack's config (kernel:apiKey, kernel:baseUrl, kernel:project) wins over these " +
      "variables and is not read here; pass --base-url or --project to check what it sets.",
  );
  const findings: DoctorFindings = { baseUrl: settings.baseUrl, project, notes };
  if (!settings.apiKey) {
    findings.contextError =
      "no API key. Set KERNEL_API_KEY (or the stack's kernel:apiKey, which doctor cannot read).";
  } else {
    const client = new KernelClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      operationTimeoutMs: Math.min(
        settings.operationTimeoutMs ?? DOCTOR_BUDGET_MS,
        DOCTOR_BUDGET_MS,
      ),
      retry: {
        maxAttempts: 2,
        ...(settings.requestTimeoutMs ? { attemptTimeoutMs: settings.requestTimeoutMs } : {}),
      },
      ...(io.dispatcher ? { dispatcher: io.dispatcher } : {}),
    });
    try {
      findings.context = await client
        .operation(
          project.value === undefined
            ? {}
            : { project: project.value, projectById: project.header === "X-Kernel-Project-Id" },
        )
        .request("GET", "/auth/context", { parse: (json) => authContextSchema.parse(json) });
    } catch (err) {
      findings.contextError = explainFailure(err, project);
    }
    if (findings.context) {
      // Org-wide: no project header.
      const read = await readOrgLimits(client.operation());
      if ("limits" in read) findings.limits = read.limits;
      else findings.limitsError = read.error;
    }
  }
  const report = doctorReport(findings);
  for (const line of report.lines) say(line);
  return report.ok ? 0 : 1;
}

function processIo(): DoctorIo {
  return { env: process.env, out: (line) => process.stdout.write(`${line}\n`) };
}
