import { createHash } from 'node:crypto';
import type { IdnowResultCode } from '../../results/idnow-result.js';
import type { SandboxIdentification } from '../engine/sandbox-identification.js';
import { PAGE_TEXTS, type PageTexts } from './texts.js';
import type { LandingIssue } from './web-flow.service.js';

/** What the customer page shows; by default derived from the identification's state. */
export type PageView =
  | { kind: 'landing'; issues?: LandingIssue[]; mobile?: string; terms?: boolean; document?: boolean }
  | { kind: 'call' }
  | { kind: 'ident_code'; remaining?: number }
  | { kind: 'thanks' }
  | { kind: 'finished' }
  | { kind: 'robot' };

const FINAL: readonly (IdnowResultCode | null)[] = [
  'SUCCESS',
  'SUCCESS_DATA_CHANGED',
  'FRAUD_SUSPICION_CONFIRMED',
];

export function viewFor(row: SandboxIdentification): PageView {
  if (row.stage === 'review')
    return FINAL.includes(row.resultCode) ? { kind: 'finished' } : { kind: 'thanks' };
  if (row.mode === 'auto') return { kind: 'robot' };
  if (row.stage === 'call') return { kind: 'call' };
  if (row.stage === 'ident_code') return { kind: 'ident_code' };
  return { kind: 'landing' };
}

/** Path of the customer page, also the base of its form actions. */
export const pagePath = (companyId: string, txn: string) =>
  `/sandbox/idnow/go/${encodeURIComponent(companyId)}/identifications/${encodeURIComponent(txn)}`;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const fill = (template: string, values: Record<string, string | number>) =>
  escapeHtml(template).replace(/\{(\w+)\}/g, (_, k: string) => escapeHtml(String(values[k] ?? '')));

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1c2430}
main{max-width:34rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
.banner{margin:0;padding:.4rem .7rem;font-size:.8rem;background:#fff4d6;border-radius:6px;color:#6b4e00}
.field{margin:1rem 0}
label{display:block;font-weight:600}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:.8rem 0}
.check label{font-weight:400}
input[type=tel],input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #9aa5b1;border-radius:6px}
.hint{margin:.3rem 0 0;font-size:.85rem;color:#52606d}
.errors,.notice{padding:.7rem 1rem;border-radius:6px;margin:1rem 0}
.errors{background:#fde8e8;color:#8a1c1c}
.notice{background:#e8f0fd;color:#1c3f8a}
.errors ul{margin:0;padding-left:1.2rem}
button{margin-top:1rem;padding:.7rem 1.4rem;font-size:1rem;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:6px;cursor:pointer}
ol li{margin:.4rem 0}
.ref{margin-top:2rem;font-size:.8rem;color:#52606d}`;

/** The CSP source that admits exactly this stylesheet, so the pages need no 'unsafe-inline'. */
export const STYLE_CSP_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function layout(t: PageTexts, heading: string, body: string, reference?: string): string {
  const ref = reference ? `<p class="ref">${escapeHtml(t.reference)}: ${escapeHtml(reference)}</p>` : '';
  return `<!doctype html>
<html lang="${t.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head>
<body><main>
<p class="banner">${escapeHtml(t.banner)}</p>
<h1>${escapeHtml(heading)}</h1>
${body}${ref}
</main></body></html>
`;
}

const errorList = (messages: string[]) =>
  messages.length
    ? `<div class="errors" role="alert"><ul>${messages.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul></div>`
    : '';

function landing(row: SandboxIdentification, t: PageTexts, view: Extract<PageView, { kind: 'landing' }>) {
  const issues = view.issues ?? [];
  const message: Record<LandingIssue, string> = {
    mobile: t.errorMobile,
    terms: t.errorTerms,
    document: t.errorDocument,
  };
  const retry =
    row.resultCode === 'ABORTED' ? t.abortedNotice : row.resultCode === 'CANCELED' ? t.canceledNotice : null;
  const reason = (row.result?.identificationprocess as { reason?: string } | undefined)?.reason ?? '';
  const notice = retry ? `<p class="notice">${fill(retry, { reason })}</p>` : '';
  const checked = (on?: boolean) => (on ? ' checked' : '');
  const invalid = issues.includes('mobile') ? ' aria-invalid="true"' : '';
  return `${notice}<p>${escapeHtml(t.landingIntro)}</p>
${errorList(issues.map((i) => message[i]))}
<form method="post" action="${pagePath(row.companyId, row.transactionNumber)}/start">
<div class="field"><label for="mobile">${escapeHtml(t.mobileLabel)}</label>
<input id="mobile" name="mobile" type="tel" autocomplete="tel" value="${escapeHtml(view.mobile ?? '')}" aria-describedby="mobile-hint"${invalid}>
<p id="mobile-hint" class="hint">${escapeHtml(t.mobileHint)}</p></div>
<div class="check"><input type="checkbox" id="terms" name="terms" value="yes"${checked(view.terms)}><label for="terms">${escapeHtml(t.consentTerms)}</label></div>
<div class="check"><input type="checkbox" id="document" name="document" value="yes"${checked(view.document)}><label for="document">${escapeHtml(t.consentDocument)}</label></div>
<button type="submit">${escapeHtml(t.start)}</button>
</form>`;
}

function call(row: SandboxIdentification, t: PageTexts) {
  const mobile = row.mobileNumber ?? '';
  return `<p>${escapeHtml(t.callIntro)}</p>
<ol>${t.callSteps.map((s) => `<li>${fill(s, { mobile })}</li>`).join('')}</ol>
<form method="post" action="${pagePath(row.companyId, row.transactionNumber)}/continue">
<button type="submit">${escapeHtml(t.continue)}</button>
</form>`;
}

function identCode(row: SandboxIdentification, t: PageTexts, remaining?: number) {
  const error =
    remaining === undefined
      ? ''
      : `<div class="errors" role="alert">${fill(t.codeWrong, { remaining })}</div>`;
  return `<p>${fill(t.codeIntro, { mobile: row.mobileNumber ?? '' })}</p>
${error}<form method="post" action="${pagePath(row.companyId, row.transactionNumber)}/code">
<div class="field"><label for="code">${escapeHtml(t.codeLabel)}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" aria-describedby="code-hint">
<p id="code-hint" class="hint">${escapeHtml(t.codeHint)}</p></div>
<button type="submit">${escapeHtml(t.codeSubmit)}</button>
</form>`;
}

/** The customer page of one identification, in its language; no script, no external asset. */
export function renderPage(row: SandboxIdentification, view: PageView = viewFor(row)): string {
  const t = PAGE_TEXTS[row.language];
  const para = (text: string) => `<p>${escapeHtml(text)}</p>`;
  switch (view.kind) {
    case 'landing':
      return layout(t, t.landingHeading, landing(row, t, view), row.identId);
    case 'call':
      return layout(t, t.callHeading, call(row, t), row.identId);
    case 'ident_code':
      return layout(t, t.codeHeading, identCode(row, t, view.remaining), row.identId);
    case 'thanks':
      return layout(t, t.thanksHeading, para(t.thanksBody), row.identId);
    case 'finished':
      return layout(t, t.finishedHeading, para(t.finishedBody), row.identId);
    case 'robot': {
      const status = row.resultCode
        ? fill(t.robotResult, { result: row.resultCode })
        : escapeHtml(t.robotNoResult);
      return layout(t, t.robotHeading, `${para(t.robotBody)}<p>${status}</p>`, row.identId);
    }
  }
}

/** Unknown link: the language is unknown too, so the page says it in both. */
export function renderNotFound(): string {
  const { en, de } = PAGE_TEXTS;
  return layout(
    en,
    `${en.notFoundHeading} · ${de.notFoundHeading}`,
    `<p>${escapeHtml(en.notFoundBody)}</p><p lang="de">${escapeHtml(de.notFoundBody)}</p>`,
  );
}
