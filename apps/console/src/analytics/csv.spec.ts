import { describe, expect, it } from '@jest/globals';
import { csvField, toCsv } from './csv';
import { humanDuration } from './format';

describe('toCsv', () => {
  it('quotes only what needs it, doubles quotes, and never lets a text run as a formula', () => {
    expect(csvField('TECH_LIGHTING')).toBe('TECH_LIGHTING');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(
      toCsv(
        ['Reason', 'Count'],
        [
          ['TECH_LIGHTING', 3],
          [null, 0.25],
        ],
      ),
    ).toBe('Reason,Count\r\nTECH_LIGHTING,3\r\n,0.25\r\n');
  });
});

describe('humanDuration', () => {
  it('shows the largest unit and the next one', () => {
    expect(humanDuration(null)).toBe('–');
    expect(humanDuration(0)).toBe('0 s');
    expect(humanDuration(45)).toBe('45 s');
    expect(humanDuration(252)).toBe('4 min 12 s');
    expect(humanDuration(3_605)).toBe('1 h');
    expect(humanDuration(2 * 86_400 + 4 * 3_600 + 59)).toBe('2 d 4 h');
  });
});
