#!/usr/bin/env node
// Links node_modules/pulumi-kernel to this checkout, so that the serialized provider's
// `require("pulumi-kernel/provider")` resolves here exactly as it does in a user's project
// (Node's self-reference does not apply to code Pulumi loads from a string).
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-kernel");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  const stat = fs.lstatSync(link);
  if (stat.isSymbolicLink() && fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // absent: create it below
}
fs.symlinkSync("..", link, "dir");
