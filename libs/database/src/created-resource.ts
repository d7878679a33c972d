import { recordsCreatedResource, resourceCreated } from '#kyc/common';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A create that a retry with the same Idempotency-Key must find again: when the request holds a key, `work`
 * runs in a transaction that also records `pathOf(result)` (null: nothing was created); without a key it
 * runs as it is, in no transaction of its own.
 */
export async function createRecorded<T>(
  ds: DataSource,
  work: (m: EntityManager) => Promise<T>,
  pathOf: (result: T) => string | null,
): Promise<T> {
  if (!recordsCreatedResource()) return work(ds.manager);
  return ds.transaction(async (m) => {
    const result = await work(m);
    const path = pathOf(result);
    if (path !== null) await resourceCreated(m, path);
    return result;
  });
}
