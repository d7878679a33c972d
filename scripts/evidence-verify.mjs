// npm run evidence:verify -- <pack.zip> [--audit]
// Recomputes every file's SHA-256 against the pack's manifest and names each missing, extra or changed
// file. With --audit (and DATABASE_URL) it also looks for the audit event that recorded this manifest's
// SHA-256 when the pack was exported. Exit 0 when intact, 1 naming each problem, 2 on a usage error.
import { verifyPack } from './evidence-pack.mjs';

const args = process.argv.slice(2);
const audit = args.includes('--audit');
const files = args.filter((a) => a !== '--audit');
if (files.length !== 1 || files[0].startsWith('-')) {
  console.error('usage: npm run evidence:verify -- <pack.zip> [--audit]');
  process.exit(2);
}

/** The export's audit event for this manifest, or a problem. */
async function auditProblems(manifest, manifestSha256) {
  if (!process.env.DATABASE_URL)
    return ['--audit needs DATABASE_URL (the database the pack was exported from)'];
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT id::text AS id, occurred_at, actor_id FROM audit_events
        WHERE action = 'person.evidence_pack_exported' AND entity_type = 'person' AND entity_id = $1
          AND diff->>'manifest_sha256' = $2 ORDER BY id LIMIT 1`,
      [String(manifest.person_id), manifestSha256],
    );
    if (!rows.length)
      return [`no audit event person.evidence_pack_exported records manifest SHA-256 ${manifestSha256}`];
    console.log(
      `Audit trail: exported ${rows[0].occurred_at.toISOString()} by staff ${rows[0].actor_id} (audit event ${rows[0].id})`,
    );
    return [];
  } finally {
    await client.end();
  }
}

try {
  const result = await verifyPack(files[0]);
  const problems = [...result.problems];
  if (audit && result.manifest && !problems.length)
    problems.push(...(await auditProblems(result.manifest, result.manifestSha256)));
  if (problems.length) {
    console.error(
      `Evidence pack NOT intact (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
    );
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(`Evidence pack intact: ${result.files} files (manifest SHA-256 ${result.manifestSha256})`);
} catch (error) {
  console.error(`Evidence pack NOT intact: cannot read ${files[0]} (${error.code ?? error.message})`);
  process.exit(1);
}
