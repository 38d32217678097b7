/**
 * The properties every exchange must keep, whatever was sent: never a 5xx; every 4xx a problem+json
 * whose `type` is one of the known problem types and whose status matches it; a refused request
 * changes no row of any table, except what the README allows (the refused touch a full form keeps).
 * Work deferred after the response (a view count, after-commit deliveries) must not fail either.
 */
import { expect, vi } from 'vitest';
import { PROBLEMS, problemType, type ProblemCode } from '../../api/src/errors';
import type { Harness } from '../helpers/harness';
import { changedTables, snapshotTables } from '../helpers/table-snapshot';

const STATUS_OF_TYPE = new Map(
  Object.entries(PROBLEMS).map(([code, p]) => [problemType(code as ProblemCode), p.status]),
);

/** Tables a refusal of this type may still write (README: errors). */
const MAY_WRITE: Record<string, string[]> = { [problemType('form_closed')]: ['touchpoints'] };

export const fuzzConfig = {
  /** Runs per property: small and fixed in `npm test`, large in `npm run fuzz`. */
  runs: Number(process.env.FUZZ_RUNS ?? 12),
  /** `npm run fuzz` passes `random`: a new seed each run, printed so a failure can be replayed. */
  seed:
    process.env.FUZZ_SEED === 'random'
      ? Math.floor(Math.random() * 2 ** 31)
      : Number(process.env.FUZZ_SEED ?? 20261202),
};

/** fast-check parameters: a failure reports its seed, path and shrunk counterexample. */
/** A test's time limit for `runs` exchanges: `npm run fuzz` runs far more than vitest's 30 s allow. */
export const fuzzTimeout = (runs: number) => Math.max(30_000, runs * 500);

export const fuzzParams = (runs = fuzzConfig.runs) => ({
  numRuns: runs,
  seed: fuzzConfig.seed,
  endOnFailure: true,
  verbose: 1 as const,
});

export interface Sent {
  /** What was sent, for the failure report. */
  describe: string;
  response: Response;
}

/**
 * Sends one request and checks every property. Failures thrown here make fast-check shrink the
 * input; `console.error` is where the app reports a 5xx and the harness a failed deferred job.
 */
export async function checkExchange(h: Harness, send: () => Promise<Sent>): Promise<void> {
  await h.settle();
  const before = await snapshotTables(h.handle.db);
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const { describe, response } = await send();
    const text = await response.text();
    const status = response.status;
    const context = `${describe}\n→ ${status} ${text.slice(0, 400)}`;
    expect(status, context).toBeLessThan(500);
    await h.settle();
    expect(
      logged.mock.calls.map((c) => c.map(String).join(' ').slice(0, 300)),
      context,
    ).toEqual([]);
    if (status < 400) return;
    expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { type?: string; status?: number };
    expect(STATUS_OF_TYPE.has(problem.type ?? ''), `unknown problem type: ${context}`).toBe(true);
    expect(STATUS_OF_TYPE.get(problem.type!), context).toBe(status);
    expect(problem.status, context).toBe(status);
    const changed = changedTables(before, await snapshotTables(h.handle.db));
    const allowed = MAY_WRITE[problem.type!] ?? [];
    expect(
      changed.filter((t) => !allowed.includes(t)),
      `a refused request changed rows: ${context}`,
    ).toEqual([]);
  } finally {
    logged.mockRestore();
  }
}
