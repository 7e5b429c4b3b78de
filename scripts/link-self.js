#!/usr/bin/env node
// Links node_modules/pulumi-kernel to this checkout, so that the serialized provider's
// `require("pulumi-kernel/provider")` resolves here exactly as it does in a user's project
// (Node's self-reference does not apply to code Pulumi loads from a string). Run by the demo,
// the bench and jest's global setup rather than by `prepare`, which also runs in npm's clone
// for a git-URL install, where nothing needs the link.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function linkSelf() {
  const link = path.join(root, "node_modules", "pulumi-kernel");
  if (!fs.existsSync(path.join(root, "node_modules"))) return;
  try {
    const stat = fs.lstatSync(link);
    if (stat.isSymbolicLink() && fs.readlinkSync(link) === "..") return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // absent: create it below
  }
  fs.symlinkSync("..", link, "dir");
}

module.exports = linkSelf;
if (require.main === module) linkSelf();
