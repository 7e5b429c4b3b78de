/** BENCHMARKS.md from bench/results.json: the numbers, the targets, and where the time goes. */
type Results = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One checked figure: the best round's value, the median beside it, and its bound. */
export interface Target {
  name: string;
  value: number;
  median?: number;
  bound: number;
  /** "max": the value must not exceed the bound; "min": it must reach it. */
  kind: "max" | "min";
  met: boolean;
}

/** Requests each provider operation may send (the example stack's AuthConnection). */
export const REQUEST_LIMITS: Record<string, number> = {
  check: 0,
  diff: 0,
  noopUp: 0,
  create: 1,
  read: 1,
  update: 1,
  delete: 1,
};

export function targets(r: Results): Target[] {
  const t = r.throughput;
  const rl = r.rateLimited;
  const perOp = r.scalingMsPerOp as { n: number; msPerOp: number }[];
  const check = (
    name: string,
    value: number,
    kind: Target["kind"],
    bound: number,
    median?: number,
  ): Target => ({
    name,
    value,
    ...(median === undefined ? {} : { median }),
    bound,
    kind,
    met: kind === "max" ? value <= bound : value >= bound,
  });
  return [
    ...Object.entries(r.requestsPerOperation as Record<string, number>).map(([op, n]) =>
      check(`requestsPerOperation.${op}`, n, "max", REQUEST_LIMITS[op]),
    ),
    check("providerBytes", r.providerBytes, "max", 3072),
    check(
      "throughput.latency25ms.floorRatio",
      t.latency25ms.floorRatio,
      "max",
      1.05,
      t.latency25ms.floorRatioMedian,
    ),
    check(
      "throughput.loopback.floorRatio",
      t.loopback.floorRatio,
      "max",
      1.25,
      t.loopback.floorRatioMedian,
    ),
    check("rateLimited.efficiency", rl.efficiency, "min", 0.9, rl.efficiencyMedian),
    check(
      "rateLimited.rejectedPerSuccess",
      rl.rejectedPerSuccess,
      "max",
      0.1,
      rl.rejectedPerSuccessMedian,
    ),
    check("rateLimited.failures", rl.failures, "max", 0),
    check("scaling.msPerOp2000vs100", round3(perOp[2].msPerOp / perOp[0].msPerOp), "max", 1.5),
  ];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The real CLI's section: a table of wall times against the floor, or why it was not run. */
export function realEngineSection(e: Results | string | undefined): string {
  const title = "\n## The real Pulumi CLI: a stack of many AuthConnections\n\n";
  if (e === undefined) return `${title}Not measured in this run.\n`;
  if (typeof e === "string") return `${title}${e}\n`;
  const ops = ["up", "preview", "destroy"] as const;
  const what = {
    up: "`pulumi up` from nothing",
    preview: "`pulumi preview`, nothing to do",
    destroy: "`pulumi destroy`",
  };
  const rows = ops
    .map(
      (op) =>
        `| ${what[op]} | ${e.kernel[op]} | ${e.floor[op]} | ${e.floorRatio[op]} | ${e.floorRatioMedian[op]} | ${e.overheadMsPerResource[op]} | ${e.requests[op]} |`,
    )
    .join("\n");
  return `${title}${e.pulumi} (\`npm run pulumi:cli\`), file backend, against the emulator on loopback:
one Credential, one Proxy and ${e.connections} AuthConnections that refer to both (${e.resources}
custom resources), beside the floor: the same stack shape, inputs and references on a dynamic
provider that answers at once (no HTTP, no validation, no diff method). Both programs are
JavaScript, so ts-node is not in the times. ${e.rounds} rounds; in each, every command runs on
both stacks back to back (which goes first alternates). The table gives each side's best time,
their ratio, and the median of the ratios taken within each round. Measured ${e.measuredAt ?? "in this run"} in ${e.totalSeconds}s${
    e.loadAverage
      ? `, with the machine's 1-minute load average at ${e.loadAverage.before} before and ${e.loadAverage.after} after on ${e.loadAverage.cpus} cores${
          Math.max(e.loadAverage.before, e.loadAverage.after) > e.loadAverage.cpus
            ? ": other work shared the cores, so the times and ratios carry its noise"
            : ""
        }`
      : ""
  }.

| command | this provider, best (s) | floor, best (s) | x floor (best times) | x floor (median within rounds) | ms per resource over the floor (best times) | API requests |
| --- | --- | --- | --- | --- | --- | --- |
${rows}

\`up\` and \`destroy\` skip their own preview (\`--skip-preview\`), which the preview row measures
alone. Both shapes pay the engine's own work and the Node.js processes each command starts (the
program, then the dynamic-provider host); the difference is this provider's work: its checks,
its HTTP requests (one per resource for \`up\` and \`destroy\`), and its diffs. The no-op
preview sends no request: the provider diffs against the state.
`;
}

export function report(r: Results, rounds: number): string {
  const t = r.throughput;
  const cpu = t.loopback.cpuMsPerOp;
  const rl = r.rateLimited;
  const ch = rl.changing;
  const ok = (pass: boolean) => (pass ? "met" : "**missed**");
  const perOp = r.scalingMsPerOp as { n: number; msPerOp: number }[];
  const checked = targets(r);
  const targetRows = checked
    .map(
      (c) =>
        `| \`${c.name}\` | ${c.value} | ${c.median ?? ""} | ${c.kind === "max" ? "<=" : ">="} ${c.bound} | ${ok(c.met)} |`,
    )
    .join("\n");
  const requestRows = Object.entries(r.requestsPerOperation as Record<string, number>)
    .map(
      ([op, count]) =>
        `| ${op} | ${count} | ${REQUEST_LIMITS[op]} | ${ok(count <= REQUEST_LIMITS[op])} |`,
    )
    .join("\n");
  const resources = r.resources as
    Record<string, Record<string, number | string>> | undefined | string;
  const resourceSection =
    typeof resources === "object"
      ? `\n## Requests per operation: the other resources\n\nHTTP requests the emulator saw for one operation of each resource through the host (read is a\nrefresh; update changes one updatable field).\n\n| resource | create | read | update | delete |\n| --- | --- | --- | --- | --- |\n${Object.entries(
          resources,
        )
          .map(
            ([name, ops]) =>
              `| ${name} | ${ops.create} | ${ops.read} | ${ops.update} | ${ops.delete} |`,
          )
          .join("\n")}\n`
      : `\n## Requests per operation: the other resources\n\n${resources ?? "Not measured in this run."}\n`;
  const rotation = r.patchBytes.credentialRotation;
  return `# Benchmarks

Written by \`npm run bench\` (${r.totalSeconds}s on ${r.machine.cpus} cores, Node ${r.machine.node}).
Every provider number is measured through Pulumi's dynamic-provider host (the process \`pulumi up\`
starts for a dynamic resource), driven over gRPC by a stand-in for the engine, against the emulator
in a process of its own on loopback. Timed runs alternate within each round, after one unmeasured
full-size warm-up of each side; each ratio is taken within a round (so a slow spell of the shared
machine moves both sides), over ${rounds} rounds: the checked figure is the best round, the
median is beside it. The raw numbers are in \`bench/results.json\`.

## Targets

| figure | best round | median | target | |
| --- | --- | --- | --- | --- |
${targetRows}

## Requests per operation (the example stack's AuthConnection)

Counted by the emulator: a preview (check, diff, an up with nothing to do) sends nothing, and
each change is exactly one request, because the provider keeps what it needs in state.

| operation | requests | limit | |
| --- | --- | --- | --- |
${requestRows}
${resourceSection}
## Sizes

- One-field PATCH: ${r.patchBytes.singleField} bytes, \`${JSON.stringify(r.patchBytes.singleFieldBody)}\`;
  every updatable field: ${r.patchBytes.allFields} bytes. A PATCH carries only what changed.
${
  rotation === undefined
    ? ""
    : `- A credential's one-key password change: ${rotation} bytes, \`${JSON.stringify(r.patchBytes.credentialRotationBody)}\`.\n`
}- \`__provider\` in state (packed package installed by name): ${r.providerBytes} bytes (limit
  3072, so a stack of many resources does not carry a serialized closure each: ${ok(r.providerBytes <= 3072)}).

## Overhead over the protocol floor: ${t.n} creates, updates and deletes at concurrency ${t.concurrency}

The floor is a dynamic provider that does nothing (no HTTP, no validation) but wait, in create,
update and delete, the latency the emulator adds to each answer; it is driven through the same
host with the same RPCs and inputs. What any dynamic provider pays for Pulumi's protocol is in
both; the ratio is what this provider adds: its HTTP client, its validation and its parsing.

| network | provider (s) | floor (s) | x floor, best | x floor, median | target | | SDK (s) | x SDK, best | x SDK, median |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 25 ms latency | ${t.latency25ms.providerSeconds} | ${t.latency25ms.floorSeconds} | ${t.latency25ms.floorRatio} | ${t.latency25ms.floorRatioMedian} | <= 1.05 | ${ok(t.latency25ms.floorRatio <= 1.05)} | ${t.latency25ms.sdkSeconds} | ${t.latency25ms.sdkRatio} | ${t.latency25ms.sdkRatioMedian} |
| loopback | ${t.loopback.providerSeconds} | ${t.loopback.floorSeconds} | ${t.loopback.floorRatio} | ${t.loopback.floorRatioMedian} | <= 1.25 | ${ok(t.loopback.floorRatio <= 1.25)} | ${t.loopback.sdkSeconds} | ${t.loopback.sdkRatio} | ${t.loopback.sdkRatioMedian} |

- **25 ms latency** is the realistic case: an API call costs tens of milliseconds, so the
  provider's own work must vanish beside the wait; 5% is the most that client-side work (a few
  hundred microseconds per operation on two shared cores) may cost there.
- **Loopback** removes the wait and shows the provider's own cost at its most visible: every
  operation is a real HTTP exchange with another process where the floor answers at once, so
  the bound is looser (25%); here the provider adds ${t.loopback.overheadMsPerOp} ms of wall
  time per operation over the floor.
- **The SDK columns** are for information: the official client \`@onkernel/sdk\` doing the same
  API calls from a plain script, with no Pulumi protocol at all; the gap to it is mostly the
  protocol (two gRPC calls per HTTP request: a create is a Check and a Create, an update a
  Check, a Diff and an Update, a delete a Delete), which the floor pays too.

CPU per operation in the loopback run: the host (Pulumi's dynamic-provider process, this
provider inside it) ${cpu.hostMsPerOp} ms against ${cpu.floorHostMsPerOp} ms for the floor, the
emulator ${cpu.emulatorMsPerOp} ms (the floor makes it do nothing), the harness standing in for
the engine ${cpu.harnessMsPerOp} ms, the process running the official client
${cpu.sdkClientMsPerOp} ms; all share the two cores. At 25 ms: host
${t.latency25ms.cpuMsPerOp.hostMsPerOp} ms against ${t.latency25ms.cpuMsPerOp.floorHostMsPerOp} ms.
This provider's own code, measured in-process, costs ${r.providerCodeUs.check} µs per check and
${r.providerCodeUs.diff} µs per diff. With 25 ms of latency the engine's one HTTP/2 connection
to the host carries the 16 flows' calls together, and the host serves each batch on its one
event loop; spread over one connection per flow (a diagnostic, not how the engine connects) the
provider's run takes ${t.latency25ms.oneConnectionPerFlow.providerSeconds}s.

## Polite under rate limits

${rl.n} creates at concurrency ${rl.concurrency} through one fresh host per round, against the
emulator limited to ${rl.phases[0].ratePerSecond}/s with a burst of ${rl.burst} (a request closer
than 1/50 s to the one before is refused), ${rl.rounds} rounds:

| run | efficiency, best | median | 429s per success, best | median | failures |
| --- | --- | --- | --- | --- | --- |
| steady 50/s | ${rl.efficiency} | ${rl.efficiencyMedian} | ${rl.rejectedPerSuccess} | ${rl.rejectedPerSuccessMedian} | ${rl.failures} |
| 50/s, then 10/s, then 50/s | ${ch.efficiency} | ${ch.efficiencyMedian} | ${ch.rejectedPerSuccess} | ${ch.rejectedPerSuccessMedian} | ${ch.failures} |

- **Efficiency** is creates done over what the limit allowed in the same time (the integral
  of the limit over the run): 1 is the API's whole capacity. At least 0.9 (${ok(rl.efficiency >= 0.9)}): a client that
  learns the limit should lose little more than the time it takes to learn it.
- **429s per success** is how often the API had to refuse: at most 0.1 (${ok(rl.rejectedPerSuccess <= 0.1)}).
  A client that only backs off after each refusal bounces off the limit (the window this
  replaced was refused about twice per success); one that paces itself is refused only while
  it learns the limit and when it probes past it.
- **The changing run** (limit ${ch.phases.map((p: Record<string, number>) => `${p.ratePerSecond}/s from ${p.atSeconds}s`).join(", ")})
  has no target: it shows the client following a limit down within a few refusals, and finding a
  raised one again by probing past its last maximum, which takes a few seconds by design.

How: the client paces its requests with a token bucket whose fill rate follows throttling, after
the AWS SDKs' "adaptive" retry mode (\`src/kernel/adaptiveRate.ts\`). Nothing is paced until the
first 429 (only the requests in flight start at 4 and double with each round of successes); the
first 429 sets the rate from what the API accepted up to its Retry-After; each later one cuts it
half the way to the rate at which its Retry-After says the request would have been on time (2%
when just early, as network jitter makes it, half when an interval or more, as when the limit
drops), since one refusal is one sample of the jitter as much as of the rate; successes grow it
back along a cubic that is back at the last maximum 0.75 s after the cut, flat near it, and probes
past it, never beyond twice the measured send rate. Every 429 still pauses all requests of the
process until its Retry-After; a refused request took nothing from the API's bucket, so its token
comes back, due when the Retry-After ends, and the next request goes then instead of a whole
interval later (a refusal from jitter costs a round trip, not a slot of the limit). Each run
starts from a host that has served one create without a limit (its cold start is measured below)
and has never met a 429.

## Cold start, memory, scaling

- First create from a fresh process: provider host ${r.coldStartMs.provider} ms, SDK ${r.coldStartMs.sdk} ms
  (the host loads Pulumi's runtime and this package before its first answer).
- Host peak RSS during the throughput runs: ${r.peakRssMb} MB.
- Scaling (loopback, provider): ${perOp.map((s) => `n=${s.n}: ${s.msPerOp} ms/op`).join(", ")};
  2000 vs 100: ${round3(perOp[2].msPerOp / perOp[0].msPerOp)}x (at most 1.5, so nothing grows with the
  number of resources: ${ok(perOp[2].msPerOp / perOp[0].msPerOp <= 1.5)}).
${realEngineSection(r.realEngine)}`;
}
