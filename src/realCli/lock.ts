/**
 * One build of the cache folder at a time: CI and a contributor (or two test runs) may ask for
 * the CLI together. The lock is a folder (mkdir is atomic) holding the owner's pid; a lock whose
 * owner is gone is taken over.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const POLL_MS = 2000;
const GIVE_UP_MS = 40 * 60 * 1000;

function ownerAlive(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
  } catch {
    // Just created, pid not yet written: the owner is alive.
    return true;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Waits for the lock and takes it; resolves to the function that releases it. */
export async function acquireLock(
  lockDir: string,
  log: (line: string) => void,
): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (!ownerAlive(lockDir)) {
      log(`taking over ${lockDir}: its owner is gone`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      throw new Error(`another build has held ${lockDir} for ${GIVE_UP_MS / 60000} minutes`);
    }
    if (!told) log(`waiting for another build of the CLI (${lockDir})`);
    told = true;
    await delay(POLL_MS);
  }
}
