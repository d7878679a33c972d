import { describe, expect, it } from '@jest/globals';
import { cleanFileName, contentDisposition, extensionOf } from './file-name.js';

describe('cleanFileName', () => {
  it('keeps the base name only, whatever path the client sent', () => {
    expect(cleanFileName('C:\\Users\\jane\\scan.pdf', 'x')).toBe('scan.pdf');
    expect(cleanFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(cleanFileName('..', 'fallback')).toBe('fallback');
  });

  it('drops control and bidi-override characters, and turns double quotes into single ones', () => {
    expect(cleanFileName('in\u0000voice\u202e.pdf', 'x')).toBe('invoice.pdf');
    expect(cleanFileName('a "quoted" name.pdf', 'x')).toBe("a 'quoted' name.pdf");
  });

  it('uses the fallback when nothing usable is left, and cuts at 255 characters', () => {
    expect(cleanFileName(undefined, 'kyc_report-1234')).toBe('kyc_report-1234');
    expect(cleanFileName('   ', 'f')).toBe('f');
    expect([...cleanFileName('ü'.repeat(300), 'f')]).toHaveLength(255);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'Ausweis Müller.jpg')).toBe(
      `inline; filename="Ausweis Muller.jpg"; filename*=UTF-8''Ausweis%20M%C3%BCller.jpg`,
    );
  });

  it('never lets a name break out of the quoted string', () => {
    expect(contentDisposition('attachment', 'a"b\\c%.pdf')).toBe(
      `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`,
    );
  });
});

describe('extensionOf', () => {
  it('reads the last extension in lower case', () => {
    expect(extensionOf('scan.final.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
  });
});
