import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What caused the work in progress: the request id of the HTTP request being handled, or
 * `job:<name>:<run id>` inside a job run. Log lines and outbox rows written meanwhile carry it.
 */
const store = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return store.run({ requestId }, work);
}

/** Background work started from a request (a kicked ticker) is no longer that request's. */
export function runDetached<T>(work: () => T): T {
  return store.exit(work);
}

export const jobCorrelationId = (job: string, runId: string | number) => `job:${job}:${runId}`;
