/**
 * The real-engine benchmark's stack (src/bench/realEngine.ts): `count` AuthConnections, each
 * with its own Credential, sharing one Profile and one Proxy. With config `floor: true`, the
 * same number of resources of a do-nothing dynamic provider (no HTTP), as the floor the
 * engine and the dynamic-provider host cost by themselves.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

const config = new pulumi.Config();
const count = config.requireNumber("count");

if (config.getBoolean("floor")) {
  const nothing: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
      return { id: String(inputs.name), outs: inputs };
    },
    async diff() {
      return { changes: false };
    },
  };
  class Nothing extends pulumi.dynamic.Resource {
    constructor(name: string) {
      super(nothing, name, { name });
    }
  }
  const total = 2 * count + 2;
  for (let i = 0; i < total; i++) new Nothing(`floor-${i}`);
} else {
  const profile = new kernel.Profile("team", { name: "team-bench" });
  const proxy = new kernel.Proxy("residential", {
    type: "residential",
    name: "bench-residential",
    config: { country: "US" },
  });
  for (let i = 0; i < count; i++) {
    const credential = new kernel.Credential(`cred-${i}`, {
      name: `bench-cred-${i}`,
      domain: `site-${i}.example.com`,
      values: { username: `user-${i}@example.com`, password: pulumi.secret(`password-${i}`) },
    });
    new kernel.AuthConnection(`conn-${i}`, {
      profileName: profile.name,
      domain: `site-${i}.example.com`,
      credential: { name: credential.name },
      allowedDomains: [`login.site-${i}.example.com`],
      proxy: { id: proxy.id },
    });
  }
}
