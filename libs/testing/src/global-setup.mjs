// Plain JS: Jest loads global setup outside its ESM transform. It only picks names and a scratch
// directory; the first test file that needs the template database builds it (test-database.ts).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  const root = mkdtempSync(join(tmpdir(), 'kyc-test-'));
  // scripts/test.mjs sets the log directory outside the root, so its canary scan can read it after Jest.
  process.env.KYC_TEST_LOG_DIR ??= join(root, 'logs');
  mkdirSync(process.env.KYC_TEST_LOG_DIR, { recursive: true });
  process.env.KYC_TEST_ROOT = root;
  process.env.KYC_TEST_TEMPLATE_DB = `kyc_tpl_${process.pid}`;
}
