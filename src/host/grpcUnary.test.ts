import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { GrpcStatusError, GrpcUnaryClient } from "./grpcUnary";

type Handler = (
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  body: Buffer,
) => void;

const framed = (message: Buffer) => {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
};

let server: http2.Http2Server;
let authority: string;
let handler: Handler;
const sessions = new Set<http2.ServerHttp2Session>();

beforeAll(async () => {
  server = http2.createServer();
  server.on("session", (session) => sessions.add(session));
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined); // the reset below ends this side too
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => handler(stream, headers, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  authority = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  sessions.forEach((s) => s.destroy());
  await new Promise((resolve) => server.close(resolve));
});

const reply = (
  stream: http2.ServerHttp2Stream,
  body: Buffer,
  trailers: http2.OutgoingHttpHeaders,
) => {
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers(trailers));
  stream.end(body);
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: GrpcStatusError) => err,
  );

describe("GrpcUnaryClient", () => {
  let client: GrpcUnaryClient;
  afterEach(() => client?.close());

  it("sends one framed message to the method's path and resolves to the reply's message", async () => {
    let seen: { headers: http2.IncomingHttpHeaders; body: Buffer } | undefined;
    handler = (stream, headers, body) => {
      seen = { headers, body };
      reply(stream, framed(Buffer.from("pong")), { "grpc-status": "0" });
    };
    client = new GrpcUnaryClient(authority);
    const answer = await client.call("/pulumirpc.ResourceProvider/Check", Buffer.from("ping"));
    expect(answer.toString()).toBe("pong");
    expect(seen!.headers[":path"]).toBe("/pulumirpc.ResourceProvider/Check");
    expect(seen!.headers["content-type"]).toBe("application/grpc");
    expect(seen!.headers.te).toBe("trailers");
    expect(seen!.body).toEqual(framed(Buffer.from("ping")));
  });

  it("reads a trailers-only error: code, percent-decoded message and status details", async () => {
    const details = Buffer.from([8, 2, 18, 3, 0x62, 0x61, 0x64]);
    handler = (stream) =>
      stream.respond(
        {
          ":status": 200,
          "content-type": "application/grpc",
          "grpc-status": "2",
          "grpc-message": encodeURIComponent("create failed: 100% bad\nid ma_1"),
          "grpc-status-details-bin": details.toString("base64"),
        },
        { endStream: true },
      );
    client = new GrpcUnaryClient(authority);
    const err = await failure(client.call("/x/Create", Buffer.alloc(0)));
    expect(err).toBeInstanceOf(GrpcStatusError);
    expect(err.code).toBe(2);
    expect(err.details).toBe("create failed: 100% bad\nid ma_1");
    expect(err.statusDetails).toEqual(details);
  });

  it("reads an error status from trailers that follow headers", async () => {
    handler = (stream) =>
      reply(stream, Buffer.alloc(0), { "grpc-status": "12", "grpc-message": "nope" });
    client = new GrpcUnaryClient(authority);
    const err = await failure(client.call("/x/Construct", Buffer.alloc(0)));
    expect([err.code, err.details, err.statusDetails]).toEqual([12, "nope", undefined]);
  });

  it("refuses a reply whose frame does not match its length", async () => {
    handler = (stream) =>
      reply(stream, framed(Buffer.from("pong")).subarray(0, 7), { "grpc-status": "0" });
    client = new GrpcUnaryClient(authority);
    const err = await failure(client.call("/x/Check", Buffer.alloc(0)));
    expect(err.code).toBe(13);
    expect(err.details).toMatch(/7 bytes for a 4-byte message/);
  });

  it("fails as UNAVAILABLE when the stream ends without a status", async () => {
    handler = (stream) => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    client = new GrpcUnaryClient(authority);
    const err = await failure(client.call("/x/Check", Buffer.alloc(0)));
    expect(err.code).toBe(14);
  });

  it("fails as UNAVAILABLE when nothing listens, and connects again once something does", async () => {
    const closed = http2.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    client = new GrpcUnaryClient(`127.0.0.1:${port}`);
    const err = await failure(client.call("/x/Check", Buffer.alloc(0)));
    expect(err.code).toBe(14);

    const again = http2.createServer();
    again.on("stream", (stream) => {
      stream.on("data", () => undefined);
      stream.on("end", () => reply(stream, framed(Buffer.from("up")), { "grpc-status": "0" }));
    });
    await new Promise<void>((resolve) => again.listen(port, "127.0.0.1", resolve));
    try {
      expect((await client.call("/x/Check", Buffer.alloc(0))).toString()).toBe("up");
    } finally {
      client.close();
      await new Promise((resolve) => again.close(resolve));
    }
  });

  it("holds one connection for all calls unless asked for more", async () => {
    handler = (stream) => reply(stream, framed(Buffer.alloc(0)), { "grpc-status": "0" });
    const count = async (connections?: number) => {
      sessions.clear();
      client = new GrpcUnaryClient(authority, connections);
      await Promise.all(Array.from({ length: 8 }, () => client.call("/x/Check", Buffer.alloc(0))));
      client.close();
      return sessions.size;
    };
    expect(await count()).toBe(1);
    expect(await count(4)).toBe(4);
  });
});
