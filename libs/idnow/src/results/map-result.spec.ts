import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDNOW_RESULTS, parseIdnowResult } from './idnow-result.js';
import { agentChanges, mapResultToStatus, verifiedMobileNumber } from './map-result.js';

const load = (name: string) =>
  parseIdnowResult(JSON.parse(readFileSync(join(process.cwd(), '../shared/fixtures/idnow', name), 'utf8')));

describe(mapResultToStatus.name, () => {
  it.each([
    ['SUCCESS', 'successful'],
    ['SUCCESS_DATA_CHANGED', 'successful'],
    ['REVIEW_PENDING', 'pending_successful'],
    ['FRAUD_SUSPICION_PENDING', 'pending_failed'],
    ['FRAUD_SUSPICION_CONFIRMED', 'failed'],
    ['ABORTED', 'aborted'],
    ['CANCELED', 'canceled'],
  ] as const)('maps %s to %s', (result, status) => {
    expect(mapResultToStatus(result)).toBe(status);
  });

  it('maps every result IDnow sends', () => {
    for (const result of IDNOW_RESULTS) expect(mapResultToStatus(result)).toEqual(expect.any(String));
  });

  it('maps the parsed fixtures', () => {
    expect(mapResultToStatus(load('result-fraud-suspicion-pending.json').result)).toBe('pending_failed');
    expect(mapResultToStatus(load('result-canceled.json').result)).toBe('canceled');
  });
});

describe(agentChanges.name, () => {
  it('lists the fields the agent corrected, with what we sent', () => {
    expect(agentChanges(load('result-success-data-changed.json'))).toEqual([
      { field: 'lastname', original: 'DOE', value: 'DOE-MÜLLER' },
      { field: 'birthday', original: '1992-12-11', value: '1992-11-12' },
      { field: 'address.zipcode', original: '13353', value: '13351' },
    ]);
  });

  it.each(['result-success.json', 'result-aborted.json'])('finds none in %s', (file) => {
    expect(agentChanges(load(file))).toEqual([]);
  });
});

describe(verifiedMobileNumber.name, () => {
  it('is the contact mobile number', () => {
    expect(verifiedMobileNumber(load('result-success.json'))).toBe('+49301234567');
  });
});
