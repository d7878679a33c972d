import { describe, expect, it } from '@jest/globals';
import { solarisName } from '#kyc/common';
import { parseIdnowResult } from '../../results/idnow-result.js';
import { buildResultJson, CHANGED_VALUES, type ResultInput } from './result-json.js';

const input = (over: Partial<ResultInput> = {}): ResultInput => ({
  companyId: 'kycdesk',
  transactionNumber: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt',
  identId: 'TST-QWERT',
  startData: {
    firstname: 'Jane',
    lastname: 'Doe',
    birthday: '1992-12-11',
    nationality: 'DE',
    street: 'Amrumerstrasse',
    streetnumber: '14',
    city: 'Berlin',
    zipcode: '13353',
    country: 'DE',
    email: 'jane.doe@example.com',
    mobilephone: '+49301234567',
    custom1: 'person-1',
  },
  mobileNumber: null,
  identificationTime: new Date('2026-03-02T09:14:07.123Z'),
  result: 'SUCCESS',
  data: 'sent',
  ...over,
});

describe(buildResultJson.name, () => {
  it('answers SUCCESS shaped like result-success.json', () => {
    const json = buildResultJson(input());
    expect(Object.keys(json)).toEqual([
      'identificationprocess',
      'customdata',
      'contactdata',
      'userdata',
      'identificationdocument',
      'attachments',
    ]);
    expect(json.identificationprocess).toEqual({
      result: 'SUCCESS',
      companyid: 'kycdesk',
      agentname: 'TESTAGENT',
      identificationtime: '2026-03-02T09:14:07Z',
      id: 'TST-QWERT',
      type: 'WEB',
      transactionnumber: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt',
      filename: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt.zip',
      href: '/api/v1/kycdesk/identifications/4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt.zip',
    });
    expect(json.customdata).toEqual({ custom1: 'person-1' });
    expect(json.contactdata).toEqual({ email: 'jane.doe@example.com', mobilephone: '+49301234567' });
    expect(json.userdata).toMatchObject({
      firstname: { value: 'JANE', status: 'MATCH' },
      birthplace: { value: 'BERLIN', status: 'NEW' },
      gender: { value: 'FEMALE', status: 'NEW' },
      address: {
        street: { value: 'AMRUMERSTRASSE', status: 'MATCH' },
        country: { value: 'DE', status: 'MATCH' },
      },
    });
    expect(json.attachments).toEqual({
      pdf: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt.pdf',
      audiolog: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt_audiolog.mp3',
      xml: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt.xml',
      idfrontside: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt_idfrontside.jpg',
      idbackside: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt_idbackside.jpg',
      userface: '4c1a0e9b2d7f4e6a8b3c5d1e2f3a4b5ccidt_userface.jpg',
    });
    const parsed = parseIdnowResult(json);
    expect(parsed.document['type']).toEqual({ value: 'IDCARD', status: 'NEW', original: null });
    expect(parsed.document['number']?.value).toMatch(/^T\d{8}$/);
  });

  it('the customer-entered mobile number wins over the one sent', () => {
    expect(buildResultJson(input({ mobileNumber: '+15550101' })).contactdata).toMatchObject({
      mobilephone: '+15550101',
    });
  });

  it('CHANGEALL changes every field sent, keeping what was sent as original', () => {
    const parsed = parseIdnowResult(
      buildResultJson(input({ result: 'SUCCESS_DATA_CHANGED', data: 'changed' })),
    );
    const sent = [
      'firstname',
      'lastname',
      'birthday',
      'nationality',
      'address.street',
      'address.streetnumber',
      'address.city',
      'address.zipcode',
      'address.country',
    ];
    for (const path of sent) {
      const field = parsed.userData[path];
      expect(field?.status).toBe('CHANGE');
      expect(field?.value).not.toBe(field?.original);
    }
    expect(parsed.userData.firstname).toEqual({ value: 'ÉLOÏSE-ÅSA', status: 'CHANGE', original: 'JANE' });
    expect(parsed.userData.lastname?.value).toBe('MÜLLER-ŁUKASIŃSKA ØRSTED');
    expect(parsed.userData.birthplace?.status).toBe('NEW');
  });

  it('every changed name passes as a Solaris name', () => {
    for (const field of ['firstname', 'lastname', 'birthname', 'birthplace', 'city'] as const) {
      for (const value of CHANGED_VALUES[field]) expect(solarisName(value)).toBeNull();
    }
  });

  it('ABORTED carries the reason and only originals, without document or attachments', () => {
    const json = buildResultJson(input({ result: 'ABORTED', reason: 'TECH_VIDEO' }));
    expect(json.identificationprocess).toMatchObject({ result: 'ABORTED', reason: 'TECH_VIDEO' });
    expect(json.identificationprocess).not.toHaveProperty('filename');
    expect(json).not.toHaveProperty('identificationdocument');
    expect(json).not.toHaveProperty('attachments');
    expect(json.userdata).toMatchObject({
      firstname: { status: 'ORIGINAL', original: 'JANE' },
      address: { zipcode: { status: 'ORIGINAL', original: '13353' } },
    });
    expect(json.userdata).not.toHaveProperty('birthplace');
    expect(JSON.stringify(json.userdata)).not.toContain('"value"');
  });
});
