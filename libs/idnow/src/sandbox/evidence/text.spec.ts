import { describe, expect, it } from '@jest/globals';
import { toPlainUpper, toWinAnsi } from './text.js';

describe(toWinAnsi.name, () => {
  it('keeps WinAnsi letters, reduces others to their base letters and the rest to "?"', () => {
    expect(toWinAnsi('Müller-Łukasińska Ørsted')).toBe('Müller-Lukasinska Ørsted');
    expect(toWinAnsi('GROẞMANN Œl € “x”')).toBe('GROSSMANN Œl € “x”');
    expect(toWinAnsi('李 😀\tend')).toBe('? ? end');
  });
});

describe(toPlainUpper.name, () => {
  it('maps umlauts and accents to base letters in upper-case ASCII', () => {
    expect(toPlainUpper("d'Ännunzio-Ščerba straße")).toBe("D'ANNUNZIO-SCERBA STRASSE");
    expect(toPlainUpper('李')).toBe('?');
  });
});
