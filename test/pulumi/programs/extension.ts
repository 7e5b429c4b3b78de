/**
 * One Extension whose `source` and `name` come from stack config, for the end-to-end suite of
 * extensions: a relative source read from the project's directory, a moved source, changed
 * content, and sources check refuses.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

const config = new pulumi.Config();
const name = config.get("name");

const extension = new kernel.Extension("marker", {
  source: config.require("source"),
  ...(name === undefined ? {} : { name }),
});

export const extensionId = extension.id;
export const checksum = extension.checksum;
