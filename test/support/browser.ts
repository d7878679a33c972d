import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

/** Debian's Chromium, headless, with the flags this closed network needs (TECH-NOTES.md); Playwright gives it a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Chromium reports what a Content-Security-Policy refused as a console error (and eval as an EvalError). */
export const isCspViolation = (text: string) => /Content[- ]Security[- ]Policy/i.test(text);

/**
 * A page that fails the test on any request leaving localhost, keeps its console log so a failure
 * can save it next to a screenshot, and collects every Content-Security-Policy violation (`cspViolations`,
 * which a test expects to stay empty: the app's own pages must work under their policies).
 */
export async function guardedPage(
  browser: Browser,
): Promise<{ page: Page; outside: string[]; consoleLog: string[]; cspViolations: string[] }> {
  const page = await browser.newPage();
  const outside: string[] = [];
  const consoleLog: string[] = [];
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    consoleLog.push(`[${m.type()}] ${m.text()}`);
    if (isCspViolation(m.text())) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => {
    consoleLog.push(`[pageerror] ${e.message}`);
    if (isCspViolation(e.message)) cspViolations.push(e.message);
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    // The browser's own pages (Chromium's PDF viewer: chrome://, chrome-extension://) are not hosts.
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return route.continue();
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    outside.push(url.toString());
    return route.abort();
  });
  return { page, outside, consoleLog, cspViolations };
}

/** Save a screenshot and the console log of a failed browser test under test-results/. */
export async function saveEvidence(page: Page, name: string, consoleLog: string[]): Promise<void> {
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  const safe = name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  await page.screenshot({ path: join(dir, `${safe}.png`), fullPage: true }).catch(() => undefined);
  writeFileSync(join(dir, `${safe}.console.log`), consoleLog.join('\n'));
}
