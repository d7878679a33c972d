// Where the time of bench/callback-intake goes, reconstructed without touching the app: the database's
// own timestamps of each step, the IDnow stand-in's record of each result read, and the senders'
// send/answer times. All are wall-clock times of the same machine (PostgreSQL's now() and
// performance.timeOrigin + performance.now() here), in ms.
//
//   stored      provider_callbacks.received_at   (the intake INSERT's now())
//   claimed     provider_callbacks.next_attempt_at - LEASE_MS   (the claim UPDATE sets now() + lease)
//   pulled      the stand-in saw the GET arrive, and answered it
//   applying    provider_results.received_at     (now() of the apply transaction = its BEGIN)
//   processed   provider_callbacks.processed_at  (the markProcessed UPDATE, after the apply commit)
import { latencySummary, round } from './support.mjs';

/** CallbackProcessor's lease (libs/idnow/src/callbacks/callback-processor.service.ts, LEASE_MS). */
export const LEASE_MS = 60_000;

export async function callbackTimeline(client, partnerId) {
  const { rows } = await client.query(
    `SELECT c.transaction_number AS txn,
            extract(epoch FROM c.received_at)::float8 * 1000 AS stored,
            extract(epoch FROM c.next_attempt_at)::float8 * 1000 - $2 AS claimed,
            extract(epoch FROM r.received_at)::float8 * 1000 AS applying,
            extract(epoch FROM c.processed_at)::float8 * 1000 AS processed,
            c.attempts
       FROM provider_callbacks c
       JOIN identifications i ON i.id = c.transaction_number
       JOIN provider_results r ON r.identification_id = i.id
      WHERE i.partner_id = $1`,
    [partnerId, LEASE_MS],
  );
  return rows;
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * The processor claims up to 50 callbacks, pulls and applies them all concurrently, waits for the
 * last, then claims the next batch. Per batch, the critical path is the path of its last-finished
 * callback: claim -> its GET reaches the provider -> answered -> its apply transaction begins ->
 * processed. Averaged over batches, these steps add up to the mean batch time; with the gap to the next
 * claim they give the throughput.
 */
export function processingBreakdown(rows, reads) {
  const items = rows
    .map((r) => {
      const read = reads.get(r.txn.trim());
      return read ? { ...r, arrived: read[0], answered: read[1] } : null;
    })
    .filter(Boolean);
  const consistent = items.filter(
    (r) =>
      r.attempts === 1 &&
      r.claimed >= r.stored - 1 &&
      r.arrived >= r.claimed - 1 &&
      r.applying >= r.answered - 1 &&
      r.processed >= r.applying - 1,
  );
  if (!items.length || consistent.length < items.length * 0.95) {
    return {
      valid: false,
      note: `timestamps inconsistent for ${items.length - consistent.length} of ${items.length} callbacks (lease changed? retries?)`,
    };
  }
  const batches = new Map();
  for (const r of consistent) {
    const key = r.claimed.toFixed(3);
    batches.set(key, [...(batches.get(key) ?? []), r]);
  }
  const list = [...batches.values()].sort((a, b) => a[0].claimed - b[0].claimed);
  const per = list.map((b, i) => {
    const claim = b[0].claimed;
    const last = b.reduce((x, y) => (y.processed > x.processed ? y : x));
    const end = last.processed;
    const next = list[i + 1]?.[0].claimed;
    return {
      size: b.length,
      duration: end - claim,
      gap_to_next_claim: next === undefined ? null : next - end,
      critical: {
        claim_to_get_sent: last.arrived - claim,
        get_at_provider: last.answered - last.arrived,
        answered_to_apply_begin: last.applying - last.answered,
        apply_begin_to_processed: last.processed - last.applying,
      },
      first_get: Math.min(...b.map((r) => r.arrived)) - claim,
      last_get: Math.max(...b.map((r) => r.arrived)) - claim,
    };
  });
  const gaps = per.map((p) => p.gap_to_next_claim).filter((g) => g !== null && g < 1000);
  const meanDuration = mean(per.map((p) => p.duration));
  const meanGap = mean(gaps);
  const meanSize = mean(per.map((p) => p.size));
  const crit = (k) => round(mean(per.map((p) => p.critical[k])));
  return {
    valid: true,
    callbacks: consistent.length,
    batches: per.length,
    mean_batch_size: round(meanSize, 1),
    mean_batch_ms: round(meanDuration),
    mean_gap_between_batches_ms: round(meanGap),
    implied_results_per_second: round((meanSize / (meanDuration + meanGap)) * 1000),
    critical_path_ms: {
      claim_to_get_sent: crit('claim_to_get_sent'),
      get_at_provider: crit('get_at_provider'),
      answered_to_apply_begin: crit('answered_to_apply_begin'),
      apply_begin_to_processed: crit('apply_begin_to_processed'),
    },
    get_sent_spread_ms: {
      first_after_claim: round(mean(per.map((p) => p.first_get))),
      last_after_claim: round(mean(per.map((p) => p.last_get))),
    },
    // Per callback, every step (not only the critical path).
    per_callback_ms: {
      stored_to_claimed: latencySummary(consistent.map((r) => r.claimed - r.stored)),
      claimed_to_get_sent: latencySummary(consistent.map((r) => r.arrived - r.claimed)),
      get_at_provider: latencySummary(consistent.map((r) => r.answered - r.arrived)),
      answered_to_apply_begin: latencySummary(consistent.map((r) => r.applying - r.answered)),
      apply_begin_to_processed: latencySummary(consistent.map((r) => r.processed - r.applying)),
    },
  };
}

/**
 * Each acknowledgement split at the moment the INSERT ran (received_at): before it, the request
 * travels, waits for the app's event loop and for a pooled connection; after it, the INSERT commits and
 * the answer travels back. Only transactions sent once are used (for a duplicate, which send was stored
 * is not known).
 */
export function ackBreakdown(rows, sends) {
  const before = [];
  const after = [];
  for (const r of rows) {
    const s = sends.get(r.txn.trim());
    if (!s || s.length !== 1) continue;
    const [start, end] = s[0];
    before.push(r.stored - start);
    after.push(end - r.stored);
  }
  if (!before.length) return null;
  return {
    callbacks: before.length,
    send_to_insert_begin_ms: latencySummary(before),
    insert_begin_to_answer_ms: latencySummary(after),
  };
}
