import { describe, expect, it } from '@jest/globals';
import type { SandboxIdentification } from '../engine/sandbox-identification.js';
import { renderNotFound, renderPage, viewFor } from './pages.js';
import { landingIssues, normaliseMobile } from './web-flow.service.js';

const row = (over: Partial<SandboxIdentification> = {}): SandboxIdentification => ({
  companyId: 'kycdesk',
  transactionNumber: 'txn1',
  identId: 'TST-ABCDE',
  scenario: 'HAPPYPATH',
  mode: 'manual',
  startData: {},
  language: 'en',
  stage: 'waiting',
  attempts: 0,
  mobileNumber: null,
  codeAttempts: 0,
  callEndedAt: null,
  resultCode: null,
  result: null,
  steps: [],
  nextDueAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe(normaliseMobile.name, () => {
  it.each([
    ['0301234567', '+49301234567'],
    ['0151 123-45 67', '+491511234567'],
    ['+15550101', '+15550101'],
    ['+4930123456', null],
    ['12345', null],
    ['0', null],
    [undefined, null],
  ])('%j is %j', (input, expected) => {
    expect(normaliseMobile(input)).toBe(expected);
  });

  it('reports every missing consent', () => {
    expect(landingIssues({ mobile: '0301234567' })).toEqual(['terms', 'document']);
  });
});

describe(renderPage.name, () => {
  it('shows the page for where the attempt is', () => {
    expect(viewFor(row()).kind).toBe('landing');
    expect(viewFor(row({ stage: 'ident_code' })).kind).toBe('ident_code');
    expect(viewFor(row({ stage: 'review' })).kind).toBe('thanks');
    expect(viewFor(row({ stage: 'review', resultCode: 'FRAUD_SUSPICION_CONFIRMED' })).kind).toBe('finished');
    expect(viewFor(row({ mode: 'auto', stage: 'call' })).kind).toBe('robot');
  });

  it('escapes what the customer typed and uses no script', () => {
    const html = renderPage(row(), {
      kind: 'landing',
      issues: ['mobile'],
      mobile: '"><script>alert(1)</script>',
    });
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script');
    expect(renderNotFound()).not.toContain('<script');
  });
});
