import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IdnowPayloadError } from '../errors/idnow-errors.js';
import { parseIdnowResult } from './idnow-result.js';

const DIR = join(process.cwd(), '../shared/fixtures/idnow');
const load = (name: string): any => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const RESULT_FILES = readdirSync(DIR).filter((f) => /^result-.*\.json$/.test(f));
const TXN = '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt';
/** Every personal value in the fixtures; none may appear in an error message. */
const PERSONAL = /JANE|DOE|1992|BERLIN|AMRUM|13353|jane\.doe|\+4930|T22000129/i;

describe(parseIdnowResult.name, () => {
  it('finds the seven result fixtures', () => {
    expect(RESULT_FILES).toHaveLength(7);
  });

  it.each(RESULT_FILES)('parses %s', (file) => {
    const raw = load(file);
    const parsed = parseIdnowResult(raw);
    expect(parsed).toMatchObject({
      transactionNumber: TXN,
      reference: 'KDS-Q7RT2',
      agentName: 'AWEBER',
      type: 'WEB',
      identifiedAt: new Date('2026-03-02T09:14:07Z'),
      customData: { custom1: '7cf09c3c5547b974a664201f24b454eecper', custom2: null },
      contact: { email: 'jane.doe@example.com', mobilephone: '+49301234567' },
    });
    expect(parsed.raw).toBe(raw);
    expect(Object.keys(parsed.userData)).toEqual([
      'firstname',
      'lastname',
      'birthday',
      'birthplace',
      'nationality',
      'gender',
      'address.street',
      'address.streetnumber',
      'address.city',
      'address.zipcode',
      'address.country',
    ]);
  });

  it.each([
    ['result-success.json', 'SUCCESS'],
    ['result-success-data-changed.json', 'SUCCESS_DATA_CHANGED'],
    ['result-review-pending.json', 'REVIEW_PENDING'],
    ['result-fraud-suspicion-pending.json', 'FRAUD_SUSPICION_PENDING'],
    ['result-fraud-suspicion-confirmed.json', 'FRAUD_SUSPICION_CONFIRMED'],
    ['result-aborted.json', 'ABORTED'],
    ['result-canceled.json', 'CANCELED'],
  ])('reads the result of %s as %s', (file, result) => {
    expect(parseIdnowResult(load(file)).result).toBe(result);
  });

  it('parses an element of the pending list', () => {
    const [element] = load('list-pending.json').identifications;
    const parsed = parseIdnowResult(element);
    expect(parsed).toMatchObject({ transactionNumber: TXN, result: 'REVIEW_PENDING', reason: null });
    expect(parsed.attachments.userface).toBe(`${TXN}_userface.jpg`);
  });

  it('keeps MATCH and NEW with their values, and the document and attachments', () => {
    const parsed = parseIdnowResult(load('result-success.json'));
    expect(parsed.userData.firstname).toEqual({ value: 'JANE', status: 'MATCH', original: null });
    expect(parsed.userData['address.zipcode']).toEqual({ value: '13353', status: 'MATCH', original: null });
    expect(parsed.userData.birthplace).toEqual({ value: 'BERLIN', status: 'NEW', original: null });
    expect(parsed.document.type).toEqual({ value: 'IDCARD', status: 'NEW', original: null });
    expect(Object.keys(parsed.document)).toEqual([
      'type',
      'country',
      'validuntil',
      'number',
      'issuedby',
      'dateissued',
    ]);
    expect(parsed.attachments).toEqual({
      pdf: `${TXN}.pdf`,
      audiolog: `${TXN}_audiolog.mp3`,
      xml: `${TXN}.xml`,
      idfrontside: `${TXN}_idfrontside.jpg`,
      idbackside: `${TXN}_idbackside.jpg`,
      userface: `${TXN}_userface.jpg`,
    });
  });

  it('keeps CHANGE with the original and REDACTION without a value', () => {
    const parsed = parseIdnowResult(load('result-success-data-changed.json'));
    expect(parsed.userData.lastname).toEqual({ value: 'DOE-MÜLLER', status: 'CHANGE', original: 'DOE' });
    expect(parsed.document.number).toEqual({ value: null, status: 'REDACTION', original: null });
  });

  it.each(['result-aborted.json', 'result-canceled.json'])(
    'reads %s with its reason, ORIGINAL fields without values, and no attachments',
    (file) => {
      const parsed = parseIdnowResult(load(file));
      expect(parsed.reason).toBe(file.includes('aborted') ? 'TECH_LIGHTING' : 'DATA_APPLICATION_DATA');
      expect(parsed.userData.firstname).toEqual({ value: null, status: 'ORIGINAL', original: 'JANE' });
      expect(parsed.userData['address.city']).toEqual({
        value: null,
        status: 'ORIGINAL',
        original: 'BERLIN',
      });
      expect(parsed.attachments).toEqual({});
      expect(parsed.document).toEqual({});
    },
  );

  it.each([
    ['SUCCESS_DATA_CHANGE', 'SUCCESS_DATA_CHANGED'],
    ['CANCELLED', 'CANCELED'],
    ['success', 'SUCCESS'],
  ])('accepts the spelling %s as %s', (spelling, result) => {
    const raw = load('result-success.json');
    raw.identificationprocess.result = spelling;
    expect(parseIdnowResult(raw).result).toBe(result);
  });

  it('is lenient about field statuses and missing values', () => {
    const raw = load('result-success.json');
    raw.userdata.lastname = { value: 'DOE-MÜLLER', status: 'CHANGED', original: 'DOE' };
    raw.userdata.birthplace = { status: 'VERIFIED_BY_EID' };
    raw.userdata.title = 'DR';
    raw.identificationprocess.identificationtime = 'not a time';
    delete raw.attachments;
    delete raw.contactdata;
    const parsed = parseIdnowResult(raw);
    expect(parsed.userData.lastname.status).toBe('CHANGE');
    expect(parsed.userData.birthplace).toEqual({ value: null, status: 'VERIFIED_BY_EID', original: null });
    expect(parsed.userData.title).toEqual({ value: 'DR', status: 'UNKNOWN', original: null });
    expect(parsed.identifiedAt).toBeNull();
    expect(parsed.attachments).toEqual({});
    expect(parsed.contact).toEqual({ email: null, mobilephone: null });
  });

  const withResult = (result: unknown) => {
    const raw = load('result-success-data-changed.json');
    raw.identificationprocess.result = result;
    return raw;
  };
  const withoutTxn = () => {
    const raw = load('result-success.json');
    delete raw.identificationprocess.transactionnumber;
    return raw;
  };

  it.each([
    ['null', null, '$'],
    ['an array', [], '$'],
    ['a string', 'SUCCESS', '$'],
    ['an empty object', {}, 'identificationprocess'],
    ['no transaction number', withoutTxn(), 'identificationprocess.transactionnumber'],
    ['no result', withResult(undefined), 'identificationprocess.result'],
    ['an unknown result', withResult('SUCCESS_MAYBE'), 'identificationprocess.result'],
  ])('rejects %s, naming the path but no values', (_label, input, path) => {
    let error: unknown;
    try {
      parseIdnowResult(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IdnowPayloadError);
    expect(error).toMatchObject({ path });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).not.toMatch(PERSONAL);
    expect((error as Error).message).not.toContain('MAYBE');
  });
});
