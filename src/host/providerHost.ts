/**
 * Drives Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, the process
 * `pulumi up` starts for a dynamic resource) over gRPC, as the engine does. Used by the tests,
 * the demo and the benchmarks; there is no Pulumi CLI on the machines this project runs on.
 */
import { typeToken } from "../dynamic/engineKeys";
import { type ChildProcess, spawn } from "node:child_process";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { GrpcStatusError, GrpcUnaryClient } from "./grpcUnary";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf classes are untyped here */
const provproto: any = require("@pulumi/pulumi/proto/provider_pb");
const provrpc: any = require("@pulumi/pulumi/proto/provider_grpc_pb");
const statusproto: any = require("@pulumi/pulumi/proto/status_pb");

/** How the engine marks a secret value on the wire and in state. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** A value marked secret, as `pulumi.secret(...)` reaches the engine. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SECRET_SIG]: SECRET_VALUE, value };
}

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE
  );
}

/** True when a secret marker occurs anywhere in `value`. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}

/**
 * The value with every secret marker removed, at any depth: what the engine sends a provider
 * that does not accept secrets (the dynamic-provider host answers Configure with
 * acceptSecrets false).
 */
export function withoutSecrets<T>(value: T): T {
  if (isSecret(value)) return withoutSecrets(value.value) as T;
  if (Array.isArray(value)) return value.map(withoutSecrets) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)])) as T;
  }
  return value;
}

export type Props = Record<string, unknown>;

export interface HostStartOptions {
  /** The working directory: `require("pulumi-kernel/...")` in `__provider` resolves from here. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Path of the host script; the installed `@pulumi/pulumi` one by default. */
  hostScript?: string;
  /** HTTP/2 connections to the host; one, as the engine holds, unless a diagnostic asks. */
  connections?: number;
}

export interface DiffOutcome {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** An RPC error; `initFailed` holds what Pulumi records on a partial failure. */
export class HostCallError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailed?: { id: string; properties: Props; reasons: string[] },
  ) {
    super(message);
    this.name = "HostCallError";
  }
}

export class ProviderHost {
  private stdoutText = "";
  private stderrText = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: GrpcUnaryClient,
    readonly port: number,
  ) {
    child.stdout?.on("data", (d: Buffer) => (this.stdoutText += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (this.stderrText += d.toString()));
  }

  /** Everything the host wrote, as the engine would log it. */
  get output(): string {
    return this.stdoutText + this.stderrText;
  }

  /**
   * Resolves once the host's output holds `text`. A line the provider writes before its reply
   * can reach this process after the reply does (stderr and the gRPC socket are separate
   * streams), so a test waits for it here, on the output's own events; it fails when the host
   * exits without writing it.
   */
  outputContaining(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.output.includes(text)) return false;
        done();
        resolve(this.output);
        return true;
      };
      const exited = () => {
        done();
        reject(new Error(`the host exited without writing ${JSON.stringify(text)}`));
      };
      const done = () => {
        this.child.stdout?.off("data", check);
        this.child.stderr?.off("data", check);
        this.child.off("exit", exited);
      };
      // Listeners added after the ones that collect the text, so each sees it collected.
      this.child.stdout?.on("data", check);
      this.child.stderr?.on("data", check);
      this.child.once("exit", exited);
      check();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: HostStartOptions = {}): Promise<ProviderHost> {
    const script = options.hostScript ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const child = spawn(process.execPath, [script, "127.0.0.1:0"], {
      cwd: options.cwd ?? process.cwd(),
      env: {
        PULUMI_PROJECT: "pulumi-kernel",
        PULUMI_STACK: "dev",
        ...(options.env ?? process.env),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      let err = "";
      const onData = (d: Buffer) => {
        out += d.toString();
        const line = /^(\d+)\s*$/m.exec(out);
        if (line) {
          child.stdout?.off("data", onData);
          resolve(Number(line[1]));
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
      child.once("exit", (code) => reject(new Error(`provider host exited with ${code}: ${err}`)));
      child.once("error", reject);
    });
    const client = new GrpcUnaryClient(`127.0.0.1:${port}`, options.connections);
    return new ProviderHost(child, client, port);
  }

  /** Sends the stack's config; keys named in `secrets` travel as secrets, as the engine sends them. */
  async configure(config: Record<string, string>, secrets: string[] = []): Promise<void> {
    const args: Props = {};
    for (const [key, value] of Object.entries(config)) {
      args[key] = secrets.includes(key) ? { [SECRET_SIG]: SECRET_VALUE, value } : value;
    }
    const req = new provproto.ConfigureRequest();
    req.setArgs(Struct.fromJavaScript(args as any));
    await this.call("configure", req);
  }

  async check(urn: string, olds: Props, news: Props) {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(Struct.fromJavaScript(olds as any));
    req.setNews(Struct.fromJavaScript(news as any));
    const resp = await this.call("check", req);
    return {
      inputs: resp.getInputs()?.toJavaScript() as Props,
      failures: (resp.getFailuresList() as any[]).map((f) => ({
        property: f.getProperty() as string,
        reason: f.getReason() as string,
      })),
    };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffOutcome> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(Struct.fromJavaScript(olds as any));
    req.setNews(Struct.fromJavaScript(news as any));
    const resp = await this.call("diff", req);
    const kinds = provproto.DiffResponse.DiffChanges;
    const changes = resp.getChanges();
    return {
      changes:
        changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(urn: string, props: Props): Promise<{ id: string; properties: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(Struct.fromJavaScript(props as any));
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() as Props };
  }

  async read(id: string, urn: string, props: Props, inputs?: Props) {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(Struct.fromJavaScript(props as any));
    if (inputs) req.setInputs(Struct.fromJavaScript(inputs as any));
    const resp = await this.call("read", req);
    return {
      id: resp.getId() as string,
      properties: (resp.getProperties()?.toJavaScript() ?? {}) as Props,
      inputs: resp.getInputs()?.toJavaScript() as Props | undefined,
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(Struct.fromJavaScript(olds as any));
    req.setNews(Struct.fromJavaScript(news as any));
    const resp = await this.call("update", req);
    return { properties: resp.getProperties()?.toJavaScript() as Props };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(Struct.fromJavaScript(props as any));
    await this.call("delete", req);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  /** One RPC, encoded and decoded by the generated service definition. */
  private async call(method: string, req: unknown): Promise<any> {
    const rpc = provrpc.ResourceProviderService[method];
    try {
      return rpc.responseDeserialize(await this.client.call(rpc.path, rpc.requestSerialize(req)));
    } catch (err) {
      throw err instanceof GrpcStatusError ? toHostError(err) : err;
    }
  }
}

function toHostError(err: GrpcStatusError): HostCallError {
  let initFailed: HostCallError["initFailed"];
  if (err.statusDetails) {
    const status = statusproto.Status.deserializeBinary(err.statusDetails);
    for (const detail of status.getDetailsList()) {
      const failed = detail.unpack(
        provproto.ErrorResourceInitFailed.deserializeBinary,
        "pulumirpc.ErrorResourceInitFailed",
      );
      if (failed) {
        initFailed = {
          id: failed.getId(),
          properties: failed.getProperties()?.toJavaScript() ?? {},
          reasons: failed.getReasonsList(),
        };
      }
    }
  }
  return new HostCallError(err.details || err.message, err.code, initFailed);
}

export const authConnectionUrn = (name: string, stack = "dev", project = "pulumi-kernel") =>
  resourceUrn(typeToken("AuthConnection"), name, stack, project);

/** The URN of a resource of any type token. */
export const resourceUrn = (type: string, name: string, stack = "dev", project = "pulumi-kernel") =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;
