import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What caused the work in progress: the request id of the HTTP request being handled, or
 * `job:<name>:<run id>` inside a job run. Log lines and outbox rows written meanwhile carry it.
 */
const store = new AsyncLocalStorage<{ requestId: string; createdResource?: CreatedResourceRecorder }>();

/** Anything that runs SQL: a transaction's EntityManager or query runner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Writes, inside the creating transaction, which resource the current request created. */
export type CreatedResourceRecorder = (db: Queryable, path: string) => Promise<void>;

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return store.run({ requestId }, work);
}

/**
 * The idempotency layer's hook for the current request (it holds an Idempotency-Key): a create then records
 * the path of what it made in its own transaction, so a retry after a crash between that commit and the
 * stored reply answers the resource instead of creating it again (docs/IDEMPOTENCY.md).
 */
export function recordCreatedResources(recorder: CreatedResourceRecorder): void {
  const current = store.getStore();
  if (current) current.createdResource = recorder;
}

/** True when a create in this context must record its resource (and so run in a transaction). */
export const recordsCreatedResource = (): boolean => store.getStore()?.createdResource !== undefined;

/** Called by a create inside its transaction; nothing happens without an Idempotency-Key. */
export async function resourceCreated(db: Queryable, path: string): Promise<void> {
  await store.getStore()?.createdResource?.(db, path);
}

/** Background work started from a request (a kicked ticker) is no longer that request's. */
export function runDetached<T>(work: () => T): T {
  return store.exit(work);
}

export const jobCorrelationId = (job: string, runId: string | number) => `job:${job}:${runId}`;
