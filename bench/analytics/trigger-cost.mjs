// What the analytics trigger adds to one status change: N transition events inserted one statement at a
// time (a round trip each, as the app writes them), with the trigger enabled and disabled, alternating,
// each round inside a transaction that is rolled back, so the data set stays as generated.
import { median, round } from '../lib/harness.mjs';

/** The transitions inserted, in turn: the heaviest (successful: funnel, outcome and duration) to the lightest. */
const TRANSITIONS = [
  ['pending', 'successful', null],
  ['pending', 'aborted', 'USER_ABORT_WHILE_WAITING'],
  ['pending', 'canceled', 'TECH_LIGHTING'],
  ['pending_failed', 'failed', null],
];

/** `client`: a connected pg client on the bench database. Answers µs per event with and without the trigger. */
export async function triggerCost(client, { events, rounds }) {
  const { rows } = await client.query(
    `SELECT id FROM identifications WHERE previous_identification_id IS NOT NULL ORDER BY md5(id) LIMIT $1`,
    [Math.ceil(events / 2)],
  );
  const { rows: plain } = await client.query(
    `SELECT id FROM identifications WHERE previous_identification_id IS NULL ORDER BY md5(id) LIMIT $1`,
    [events - rows.length],
  );
  // Half re-identifications, so the retry metric's extra lookup is paid as often as it can be.
  const ids = [...rows, ...plain].map((r) => r.id);
  const perEvent = { on: [], off: [] };
  for (let r = 0; r < rounds * 2; r++) {
    const side = r % 2 === 0 ? 'off' : 'on';
    await client.query('BEGIN');
    try {
      if (side === 'off') {
        await client.query(
          `ALTER TABLE identification_events DISABLE TRIGGER identification_events_analytics`,
        );
      }
      const t = performance.now();
      for (let i = 0; i < ids.length; i++) {
        const [from, to, reason] = TRANSITIONS[i % TRANSITIONS.length];
        await client.query(
          `INSERT INTO identification_events (identification_id, kind, from_status, to_status, actor, actor_id, reason_code)
           VALUES ($1, 'transition', $2, $3, 'provider', 'idnow', $4)`,
          [ids[i], from, to, reason],
        );
      }
      perEvent[side].push(((performance.now() - t) * 1000) / ids.length);
    } finally {
      await client.query('ROLLBACK');
    }
  }
  const on = median(perEvent.on);
  const off = median(perEvent.off);
  return {
    events_per_round: ids.length,
    rounds_per_side: rounds,
    transitions: TRANSITIONS.map(([from, to]) => `${from}->${to}`),
    us_per_event_without_trigger: round(off, 1),
    us_per_event_with_trigger: round(on, 1),
    trigger_overhead_us_per_event: round(on - off, 1),
    all_rounds_us: {
      without: perEvent.off.map((x) => round(x, 1)),
      with: perEvent.on.map((x) => round(x, 1)),
    },
  };
}
