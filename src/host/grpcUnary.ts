/**
 * Unary gRPC calls over one `node:http2` session: the engine's side of the protocol, which is
 * all the harness needs. The Pulumi engine is a Go program; a Node stand-in built on grpc-js's
 * client spent twice the host's CPU on each call (0.34 ms against 0.17 ms, measured in the
 * benchmark), and on two cores that CPU was charged to the provider. Framing follows the gRPC
 * over HTTP/2 specification: a 5-byte prefix (compressed flag, length) before each message, the
 * status in trailers, or in the headers of a trailers-only response.
 */
import * as http2 from "node:http2";

/** A non-OK status: `code` is the gRPC status code, `details` its message. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    /** `grpc-status-details-bin`: a serialized google.rpc.Status, when the server sent one. */
    readonly statusDetails?: Buffer,
  ) {
    super(`${code} ${STATUS_NAMES[code] ?? "UNKNOWN"}: ${details}`);
    this.name = "GrpcStatusError";
  }
}

const STATUS_NAMES: Record<number, string> = {
  1: "CANCELLED",
  2: "UNKNOWN",
  4: "DEADLINE_EXCEEDED",
  12: "UNIMPLEMENTED",
  13: "INTERNAL",
  14: "UNAVAILABLE",
};
const UNAVAILABLE = 14;
const INTERNAL = 13;

export class GrpcUnaryClient {
  private readonly sessions: (http2.ClientHttp2Session | undefined)[];
  private next = 0;

  /**
   * One HTTP/2 connection, as the engine holds to a provider. `connections` spreads calls over
   * more, round robin: only the benchmark's diagnostic of batching over one connection uses it.
   */
  constructor(
    private readonly authority: string,
    connections = 1,
  ) {
    this.sessions = new Array(connections).fill(undefined);
  }

  /** Sends `request` (an encoded message) to `/service/method`; resolves to the encoded reply. */
  call(path: string, request: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const stream = this.connect().request({
        ":method": "POST",
        ":path": path,
        "content-type": "application/grpc",
        te: "trailers",
      });
      const chunks: Buffer[] = [];
      let status: http2.IncomingHttpHeaders | undefined;
      let ended = false;
      let settled = false;
      // Settles once the reply and its status are both in, without waiting for 'close', which
      // comes an event-loop turn later: under load that turn is queued behind other calls.
      const settle = () => {
        if (settled || !ended || !status) return;
        settled = true;
        const code = Number(status["grpc-status"]);
        if (code !== 0) return reject(statusError(code, status));
        try {
          resolve(unframe(Buffer.concat(chunks)));
        } catch (err) {
          reject(new GrpcStatusError(INTERNAL, (err as Error).message));
        }
      };
      stream.on("response", (headers) => {
        // A trailers-only response (an error before any message) carries the status here.
        if (headers["grpc-status"] !== undefined) status = headers;
      });
      stream.on("trailers", (trailers) => {
        status = trailers;
        settle();
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        ended = true;
        settle();
      });
      stream.on("error", (err) => {
        if (settled) return;
        settled = true;
        reject(new GrpcStatusError(UNAVAILABLE, err.message));
      });
      stream.on("close", () => {
        if (settled) return;
        settled = true;
        reject(
          new GrpcStatusError(UNAVAILABLE, `stream closed (${stream.rstCode}) without a status`),
        );
      });
      stream.end(frame(request));
    });
  }

  close(): void {
    this.sessions.forEach((session) => session?.close());
    this.sessions.fill(undefined);
  }

  private connect(): http2.ClientHttp2Session {
    const slot = this.next;
    this.next = (this.next + 1) % this.sessions.length;
    const open = this.sessions[slot];
    if (open && !open.closed && !open.destroyed) return open;
    const session = http2.connect(`http://${this.authority}`);
    // Errors reach the streams; the session's own are not to crash the process.
    session.on("error", () => undefined);
    session.on("close", () => {
      if (this.sessions[slot] === session) this.sessions[slot] = undefined;
    });
    this.sessions[slot] = session;
    return session;
  }
}

function frame(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

/** The one message of a unary reply. */
function unframe(body: Buffer): Buffer {
  if (body.length < 5) throw new Error(`reply of ${body.length} bytes has no message`);
  if (body[0] !== 0) throw new Error("compressed replies are not supported");
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length)
    throw new Error(`reply of ${body.length} bytes for a ${length}-byte message`);
  return body.subarray(5);
}

function statusError(code: number, status: http2.IncomingHttpHeaders): GrpcStatusError {
  const message = String(status["grpc-message"] ?? "");
  let details = message;
  try {
    details = decodeURIComponent(message);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  const bin = status["grpc-status-details-bin"];
  return new GrpcStatusError(
    code,
    details,
    typeof bin === "string" ? Buffer.from(bin, "base64") : undefined,
  );
}
