/** Letters that do not decompose into base letter + accent under NFD. */
const SPELLED: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ẞ: 'SS',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'TH',
  þ: 'th',
  Ð: 'D',
  ð: 'd',
};

/** The 0x80–0x9F code points of Windows-1252 (the rest of WinAnsi is Latin-1 printable). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

/** Base letters without accents ("Ń" → "N", "Ł" → "L"); anything else unknown is left as is. */
function deaccent(ch: string): string {
  const spelled = SPELLED[ch];
  if (spelled !== undefined) return spelled;
  return ch.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * Text the standard PDF fonts can draw (WinAnsi): kept where possible ("Müller"), otherwise reduced to
 * its base letters ("Łukasińska" → "Lukasinska"), and "?" for what has none. Never throws.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else if (isWinAnsi(ch)) out += ch;
    else {
      const base = deaccent(ch);
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

/** Upper-case ASCII for the bitmap font and the MRZ: "Müller-Łukasińska" → "MULLER-LUKASINSKA". */
export function toPlainUpper(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const base = /[\x20-\x7e]/.test(ch) ? ch : deaccent(ch);
    out += /^[\x20-\x7e]*$/.test(base) ? base.toUpperCase() : '?';
  }
  return out;
}
