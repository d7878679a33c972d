import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#kyc/common';
import { ACCEPTED_CONTENT, DOCUMENT_TYPES } from '../rules/document-types.js';
import { checkUploadContent } from './content-checks.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).detail;
  }
  throw new Error('expected a refusal');
}

describe('checkUploadContent', () => {
  it('has a rule for every document type of the seed', () => {
    expect(Object.keys(ACCEPTED_CONTENT).sort()).toStrictEqual([...DOCUMENT_TYPES].sort());
    expect(DOCUMENT_TYPES).toHaveLength(24);
  });

  it('answers the sniffed type when nothing contradicts it', () => {
    expect(
      checkUploadContent('KYC_REPORT', 'application/pdf', { mimeType: 'application/pdf', fileName: 'r.pdf' }),
    ).toBe('application/pdf');
    expect(
      checkUploadContent('SIGNATURE', 'image/jpeg', { mimeType: 'image/jpg', fileName: 'sig.JPEG' }),
    ).toBe('image/jpeg');
    expect(checkUploadContent('VIDEO', 'video/mp4', { mimeType: undefined, fileName: 'call' })).toBe(
      'video/mp4',
    );
  });

  it('refuses unknown bytes, bytes the type does not take, and declared types or names that disagree', () => {
    expect(refusal(() => checkUploadContent('OTHER', null, { mimeType: undefined, fileName: 'x' }))).toMatch(
      /recognised/,
    );
    expect(
      refusal(() => checkUploadContent('KYC_REPORT', 'image/png', { mimeType: undefined, fileName: 'x' })),
    ).toMatch(/not accepted for document_type KYC_REPORT/);
    expect(
      refusal(() => checkUploadContent('VIDEO', 'application/pdf', { mimeType: undefined, fileName: 'x' })),
    ).toMatch(/not accepted/);
    expect(
      refusal(() =>
        checkUploadContent('PICTURE', 'image/png', { mimeType: 'application/pdf', fileName: 'x' }),
      ),
    ).toMatch(/declared as application\/pdf/);
    expect(
      refusal(() => checkUploadContent('PICTURE', 'image/png', { mimeType: undefined, fileName: 'x.jpg' })),
    ).toMatch(/name says image\/jpeg/);
  });
});
