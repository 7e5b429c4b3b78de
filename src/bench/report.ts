/** BENCHMARKS.md from bench/results.json: the numbers, the targets, and where the time goes. */
type Results = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function report(r: Results, rounds: number): string {
  const limit = {
    check: 0,
    diff: 0,
    noopUp: 0,
    create: 1,
    read: 1,
    update: 1,
    delete: 1,
  } as Record<string, number>;
  const ok = (pass: boolean) => (pass ? "met" : "**missed**");
  const perOp = r.scalingMsPerOp as { n: number; msPerOp: number }[];
  const scalingRatio = perOp[2].msPerOp / perOp[0].msPerOp;
  const rows = Object.entries(r.requestsPerOperation as Record<string, number>)
    .map(([op, count]) => `| ${op} | ${count} | ${limit[op]} | ${ok(count <= limit[op])} |`)
    .join("\n");
  return `# Benchmarks

Written by \`npm run bench\` (${r.totalSeconds}s on ${r.machine.cpus} cores, Node ${r.machine.node}).
Every provider number is measured through Pulumi's dynamic-provider host, against the
emulator on loopback; the official client \`@onkernel/sdk@0.52.0\` does the same work on the
same emulator in the same run, alternating with the provider (after one unmeasured warm-up run of each, ${rounds} rounds, best of each).
The raw numbers are in \`bench/results.json\`.

## Requests per operation (the example stack)

| operation | requests | limit | |
| --- | --- | --- | --- |
${rows}

## Sizes

- One-field PATCH: ${r.patchBytes.singleField} bytes, \`${JSON.stringify(r.patchBytes.singleFieldBody)}\`
- Every updatable field: ${r.patchBytes.allFields} bytes
- \`__provider\` in state (packed package installed by name): ${r.providerBytes} bytes (limit 3072: ${ok(r.providerBytes < 3072)})

## Throughput: ${r.throughput.n} creates, updates and deletes at concurrency ${r.throughput.concurrency}

| network | provider (s) | SDK (s) | ratio | target | |
| --- | --- | --- | --- | --- | --- |
| loopback | ${r.throughput.loopback.providerSeconds} | ${r.throughput.loopback.sdkSeconds} | ${r.throughput.loopback.ratio} | <= 1.8 | ${ok(r.throughput.loopback.ratio <= 1.8)} |
| 25 ms latency | ${r.throughput.latency25ms.providerSeconds} | ${r.throughput.latency25ms.sdkSeconds} | ${r.throughput.latency25ms.ratio} | <= 1.1 | ${ok(r.throughput.latency25ms.ratio <= 1.1)} |

The provider adds ${r.throughput.loopback.overheadMsPerOp} ms of wall time per operation on
loopback. A dynamic provider that does nothing at all (no HTTP, same \`__provider\` size), driven
through the same host with the same RPCs, takes ${r.throughput.loopback.protocolFloorSeconds}s
for the same ${r.throughput.n} resources: that is the floor of the dynamic-provider protocol here,
before any API call. Where it goes: a create is a Check and a Create RPC, an update a Check, a Diff and an
Update, a delete a Delete: two gRPC calls per HTTP request, each carrying the \`__provider\`
text, through Node's gRPC and protobuf on both sides. CPU per operation in the loopback run:
the host (Pulumi's dynamic-provider process, this provider inside it)
${r.throughput.loopback.cpuMsPerOp.hostMsPerOp} ms, against
${r.throughput.loopback.cpuMsPerOp.sdkClientMsPerOp} ms for the process running the official
client; the harness standing in for the engine ${r.throughput.loopback.cpuMsPerOp.harnessMsPerOp} ms. This provider's own code, measured
in-process, costs ${r.providerCodeUs.check} µs per check and ${r.providerCodeUs.diff} µs per
diff. The real engine speaks gRPC from Go, far cheaper than the Node harness here, so these
ratios overstate what \`pulumi up\` pays.

## Rate limited

${r.rateLimited.n} creates at concurrency 32, emulator limited to ${r.rateLimited.ratePerSecond}/s
(burst ${r.rateLimited.burst}): ${r.rateLimited.seconds}s, efficiency ${r.rateLimited.efficiency}
(target >= 0.85: ${ok(r.rateLimited.efficiency >= 0.85)}), ${r.rateLimited.failures} failures,
${r.rateLimited.rejected429} requests answered 429.

## Cold start, memory, scaling

- First create from a fresh process: provider host ${r.coldStartMs.provider} ms, SDK ${r.coldStartMs.sdk} ms.
- Host peak RSS during the throughput runs: ${r.peakRssMb} MB.
- Scaling (loopback, provider): ${perOp.map((s) => `n=${s.n}: ${s.msPerOp} ms/op`).join(", ")};
  2000 vs 100: ${scalingRatio.toFixed(2)}x (target <= 1.5: ${ok(scalingRatio <= 1.5)}).
`;
}
