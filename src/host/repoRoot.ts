/**
 * This checkout's root, where the harness (tests, demo, bench) runs from. A module of its own,
 * so that what needs only the path does not load the Pulumi SDK with the example programs.
 */
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
