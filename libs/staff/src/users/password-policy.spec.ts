import { describe, expect, it } from '@jest/globals';
import { passwordWeakness } from './password-policy.js';

describe(passwordWeakness.name, () => {
  it('accepts a long password with three character classes', () => {
    expect(passwordWeakness('correct-Horse-battery', 'ana@bank.example')).toBeNull();
  });

  it.each([
    ['Short-1a', /at least 12 characters/],
    ['alllowercaseletters', /three of/],
    ['ALLUPPER123456', /three of/],
    ['Ana.Keller-2026!', /email/],
  ])('refuses %s', (password, why) => {
    expect(passwordWeakness(password, 'ana.keller@bank.example')).toMatch(why);
  });
});
