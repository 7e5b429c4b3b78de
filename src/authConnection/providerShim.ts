/**
 * The provider object that Pulumi serializes into every AuthConnection's state (`__provider`).
 * It is kept thin on purpose: each method loads the implementation by package name when the
 * engine calls it, so the text in state is small, holds no absolute path and no secret, is the
 * same on every machine, and picks up provider fixes when the package is upgraded.
 *
 * Keep these bodies free of captured variables: anything they reference is serialized too.
 */
import type * as pulumi from "@pulumi/pulumi";

export const providerShim: pulumi.dynamic.ResourceProvider = {
  // Arrow functions: Pulumi serializes them with less text than methods, and this text travels
  // in every call the engine makes to the host.
  configure: (req) => require("pulumi-kernel/provider").configure(req),
  check: (olds, news) => require("pulumi-kernel/provider").check(olds, news),
  diff: (id, olds, news) => require("pulumi-kernel/provider").diff(id, olds, news),
  create: (inputs) => require("pulumi-kernel/provider").create(inputs),
  read: (id, props) => require("pulumi-kernel/provider").read(id, props),
  update: (id, olds, news) => require("pulumi-kernel/provider").update(id, olds, news),
  delete: (id, props) => require("pulumi-kernel/provider").delete(id, props),
};
