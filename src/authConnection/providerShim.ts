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
  async configure(req) {
    return require("pulumi-kernel/provider").configure(req);
  },
  async check(olds, news) {
    return require("pulumi-kernel/provider").check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-kernel/provider").diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-kernel/provider").create(inputs);
  },
  async read(id, props) {
    return require("pulumi-kernel/provider").read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-kernel/provider").update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-kernel/provider").delete(id, props);
  },
};
