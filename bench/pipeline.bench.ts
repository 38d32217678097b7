/**
 * The submission path with the product's rules in play, through the local server (its own process):
 *  - with routing (100 rules, a team of 5, round robin, an SLA policy) vs without (no rules);
 *  - with a capacity gate on the hot form (a window limit it never reaches) vs without;
 * at 16 concurrent clients, on the embedded database and on PostgreSQL 15; and the time from
 * submit to the rep's notification arriving at a local webhook receiver (p50 / p99, goal p99 < 2 s).
 */
import { startPgCluster } from '../tests/helpers/pg-cluster';
import { startReceiver } from '../tests/helpers/receiver';
import { percentile, type BenchReport } from './lib';
import { closedLoop, postSubmission } from './load';
import { loadTestEnv, startServerProcess, type ServerProcess } from './server-process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CLIENTS = 16;

async function api(s: ServerProcess, path: string, body?: unknown, method = body ? 'POST' : 'GET') {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${s.demoKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as any);
}

async function newForm(s: ServerProcess) {
  return (
    await api(s, '/v1/forms', {
      name: 'Bench',
      fields: [
        { key: 'name', label: 'Name', type: 'text', required: true },
        { key: 'email', label: 'Email', type: 'email', required: true },
        { key: 'country', label: 'Country', type: 'text' },
      ],
      allowedOrigins: [],
    })
  ).id as string;
}

async function withRouting(s: ServerProcess) {
  const team = (await api(s, '/v1/teams', { name: 'Sales' })).id;
  for (let i = 0; i < 5; i++)
    await api(s, '/v1/reps', { teamId: team, name: `Rep ${i}`, email: `rep${i}@bench.example` });
  // 99 rules that do not match the bench's leads (named accounts by domain), then one that does.
  for (let i = 0; i < 99; i++) {
    await api(s, '/v1/routing/rules', {
      name: `Account ${i}`,
      condition: { field: 'email.domain', op: 'eq', value: `account${i}.example` },
      action: { teamId: team, strategy: 'round_robin' },
    });
  }
  await api(s, '/v1/routing/rules', {
    name: 'Everyone else',
    condition: { all: [] },
    action: { teamId: team, strategy: 'round_robin' },
  });
  await api(s, '/v1/sla-policies', {
    name: 'One hour',
    condition: { all: [] },
    targets: { firstResponseMinutes: 60, clock: 'calendar' },
  });
  return team as string;
}

const submitTo = (s: ServerProcess, formId: string) => (c: number, i: number) =>
  postSubmission(
    `${s.url}/v1/public/forms/${formId}/submissions`,
    JSON.stringify({ values: { name: `L ${c}-${i}`, email: `l${c}x${i}@lead.example`, country: 'DE' } }),
  );

async function scenario(databaseUrl: string | undefined, label: string) {
  const env = loadTestEnv(databaseUrl, { INLET_ALLOW_PRIVATE_WEBHOOKS: '1' });
  const rows: Record<string, string | number>[] = [];
  const row = (name: string, r: Awaited<ReturnType<typeof closedLoop>>, base?: number) =>
    rows.push({
      database: label,
      scenario: name,
      'submissions/s': Math.round(r.perSecond),
      'p50 ms': r.p50ms,
      'p99 ms': r.p99ms,
      errors: r.errors,
      'vs baseline': base ? Math.round((r.perSecond / base) * 100) / 100 : 1,
    });

  // Baseline and routing on one server; the routed tenant is the demo tenant after setup, so the
  // baseline is measured first on a form of a tenant without rules.
  const plainServer = await startServerProcess(env);
  let baseline: number;
  try {
    const plain = await closedLoop(CLIENTS, SECONDS, submitTo(plainServer, await newForm(plainServer)));
    baseline = plain.perSecond;
    row('no rules (baseline)', plain);
    const gatedForm = await newForm(plainServer);
    await api(plainServer, '/v1/capacity-policies', {
      name: 'Gate',
      formIds: [gatedForm],
      policy: { limit: { count: 100_000_000, per: 'day' }, whenFull: { action: 'waitlist' } },
    });
    row(
      'capacity gate on the hot form',
      await closedLoop(CLIENTS, SECONDS, submitTo(plainServer, gatedForm)),
      baseline,
    );
  } finally {
    await plainServer.stop();
  }

  const routed = await startServerProcess(env);
  const receiver = await startReceiver();
  try {
    await withRouting(routed);
    const form = await newForm(routed);
    row('routing: 100 rules, team of 5, SLA', await closedLoop(CLIENTS, SECONDS, submitTo(routed, form)), baseline);
    // Notification latency: a webhook endpoint for lead.assigned at a local receiver.
    await api(routed, '/v1/webhook-endpoints', { url: `${receiver.url}/hook`, topics: ['lead.assigned'] });
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    receiver.requests.length = 0;
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const res = await fetch(`${routed.url}/v1/public/forms/${form}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ values: { name: `N${i}`, email: `n${i}@lead.example` } }),
      });
      sentAt.set(((await res.json()) as any).leadId, t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await receiver.waitFor(200, 30_000);
    // Arrival is observed when the receiver recorded it; compare against when the submit was sent.
    for (const r of receiver.requests) {
      const data = JSON.parse(r.body).data;
      const t0 = sentAt.get(data.leadId);
      if (t0 !== undefined) latencies.push(r.receivedAt - t0);
    }
    latencies.sort((a, b) => a - b);
    return {
      rows,
      notify: {
        database: label,
        notifications: latencies.length,
        'p50 ms': percentile(latencies, 50),
        'p99 ms': percentile(latencies, 99),
        'max ms': latencies.at(-1) ?? NaN,
      },
    };
  } finally {
    await receiver.close();
    await routed.stop();
  }
}

export async function run(): Promise<BenchReport[]> {
  const embedded = await scenario(undefined, 'embedded (PGlite)');
  const cluster = await startPgCluster({ maxConnections: 100 });
  try {
    const real = await scenario(cluster.url, 'PostgreSQL 15');
    return [
      {
        title: `Submission path with routing and with the capacity gate (${CLIENTS} clients, ${SECONDS} s each; goal: the gate costs < 20% of throughput)`,
        rows: [...embedded.rows, ...real.rows],
      },
      {
        title: 'Submit → rep notification arriving at a local webhook receiver (200 leads, 50/s; goal p99 < 2 s)',
        rows: [embedded.notify, real.notify],
      },
    ];
  } finally {
    cluster.stop();
  }
}
