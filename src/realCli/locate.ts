/**
 * Finding a real `pulumi` that is ready to use, without building one: on PATH (new enough, with
 * both plugins beside it), or the cache folder with its stamp. `npm run pulumi:cli` builds when
 * neither is there; the bench and the end-to-end suites only look, and say why they skip.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { BINARIES, STAMP_FILE, cacheDir, parseStamp } from "./stamp";
import { MINIMUM_PULUMI, isNewEnough } from "./version";

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A `pulumi` on PATH at least MINIMUM_PULUMI, with our two plugins' names beside it. */
export async function pulumiOnPath(
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const found = dirs.map((dir) => path.join(dir, BINARIES.pulumi)).find(isExecutable);
  if (!found) {
    log("no pulumi on PATH");
    return undefined;
  }
  let output: string;
  try {
    ({ stdout: output } = await promisify(execFile)(found, ["version"], {
      env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      timeout: 60_000,
    }));
  } catch (err) {
    log(`${found} version failed (${(err as Error).message.split("\n")[0]}); not using it`);
    return undefined;
  }
  if (!isNewEnough(output)) {
    log(
      `${found} is ${output.trim() || "of no version"}, older than ${MINIMUM_PULUMI}; not using it`,
    );
    return undefined;
  }
  const dir = path.dirname(found);
  const missing = [BINARIES.languageHost, BINARIES.launcher].filter(
    (name) => !isExecutable(path.join(dir, name)),
  );
  if (missing.length > 0) {
    log(`${found} (${output.trim()}) has no ${missing.join(" or ")} beside it; not using it`);
    return undefined;
  }
  log(`using ${found} (${output.trim()}) from PATH`);
  return found;
}

/** The cached `pulumi` when its folder is complete (stamped, all three binaries there). */
export function cachedPulumi(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDir(env);
  let stampText: string;
  try {
    stampText = fs.readFileSync(path.join(dir, STAMP_FILE), "utf8");
  } catch {
    return undefined;
  }
  if (!parseStamp(stampText)) return undefined;
  const all = Object.values(BINARIES).every((name) => isExecutable(path.join(dir, name)));
  return all ? path.join(dir, BINARIES.pulumi) : undefined;
}

/**
 * A ready `pulumi`, or why there is none. PULUMI_KERNEL_CLI (a path to a `pulumi` binary) wins,
 * then PATH, then the cache; nothing is built.
 */
export async function readyPulumi(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ pulumi: string } | { missing: string }> {
  if (env.PULUMI_KERNEL_CLI) {
    return isExecutable(env.PULUMI_KERNEL_CLI)
      ? { pulumi: env.PULUMI_KERNEL_CLI }
      : { missing: `PULUMI_KERNEL_CLI=${env.PULUMI_KERNEL_CLI} is not an executable` };
  }
  const notes: string[] = [];
  const onPath = await pulumiOnPath((line) => notes.push(line), env);
  if (onPath) return { pulumi: onPath };
  const cached = cachedPulumi(env);
  if (cached) return { pulumi: cached };
  notes.push(`no complete build in ${cacheDir(env)}`);
  return { missing: `${notes.join("; ")}: run \`npm run pulumi:cli\` to build one` };
}
