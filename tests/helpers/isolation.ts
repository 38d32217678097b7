/**
 * Tenant walls, checked the same way everywhere: another tenant's resource must answer exactly like
 * an unknown one (404, the same problem body but for the request id), so ids reveal nothing.
 */
import { expect } from 'vitest';
import { ID_PREFIXES, type IdKind } from '../../api/src/domain/ids';
import type { TestTenant } from './harness';

/** A well-formed id of that kind that no tenant has. */
export const unknownId = (kind: IdKind) => `${ID_PREFIXES[kind]}_01JD3Q5V7X9K2M4N6P8R0S2T4V`;

export async function expectSameAsUnknown(
  api: TestTenant['api'],
  theirPath: string,
  unknownPath: string,
  init: { method?: string; body?: unknown } = {},
  label?: string,
) {
  const theirs = await api(theirPath, init);
  const unknown = await api(unknownPath, init);
  expect(theirs.status, label).toBe(404);
  const withoutRequestId = async (res: Response) => {
    const { requestId: _r, ...rest } = (await res.json()) as Record<string, unknown>;
    return rest;
  };
  expect(await withoutRequestId(theirs), label).toEqual(await withoutRequestId(unknown));
}
