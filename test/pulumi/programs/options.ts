/**
 * One AuthConnection whose inputs and Pulumi resource options come from stack config, for the
 * end-to-end suites that try options (ignoreChanges, protect, aliases, deleteBeforeReplace,
 * replaceOnChanges), a server-owned field dropped beside a change, `adopt`, and the API's
 * errors as `pulumi up` shows them. Unset config leaves the input or option unset.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

const config = new pulumi.Config();
const list = (key: string) => config.getObject<string[]>(key);
const aliasOf = config.get("aliasOf");

const options: pulumi.CustomResourceOptions = {};
if (config.getBoolean("protect")) options.protect = true;
if (config.getBoolean("deleteBeforeReplace")) options.deleteBeforeReplace = true;
if (list("ignoreChanges")) options.ignoreChanges = list("ignoreChanges");
if (list("replaceOnChanges")) options.replaceOnChanges = list("replaceOnChanges");
if (aliasOf) options.aliases = [{ name: aliasOf }];

const args: kernel.AuthConnectionArgs = {
  profileName: config.get("profileName") ?? "team-options",
  domain: config.get("domain") ?? "options.example.com",
};
const loginUrl = config.get("loginUrl");
if (loginUrl) args.loginUrl = loginUrl;
const allowedDomains = list("allowedDomains");
if (allowedDomains) args.allowedDomains = allowedDomains;
const healthCheckInterval = config.getNumber("healthCheckInterval");
if (healthCheckInterval !== undefined) args.healthCheckInterval = healthCheckInterval;
if (config.getBoolean("adopt")) args.adopt = true;

const connection = new kernel.AuthConnection(config.get("resourceName") ?? "conn", args, options);

export const connectionId = connection.id;
