import { toPlainUpper } from './text.js';

export interface MrzData {
  documentNumber: string;
  /** ISO alpha-2 of the issuing state and of the holder's nationality. */
  country: string;
  nationality: string;
  /** YYYY-MM-DD */
  birthday: string;
  validUntil: string;
  gender: string;
  lastName: string;
  firstName: string;
}

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, '<' as 0. */
export function checkDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  [...text].forEach((ch, i) => {
    const v = /[0-9]/.test(ch) ? Number(ch) : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 55 : 0;
    sum += v * weights[i % 3];
  });
  return String(sum % 10);
}

const mrzText = (s: string) =>
  toPlainUpper(s)
    .replace(/[^A-Z0-9]+/g, '<')
    .replace(/^<+|<+$/g, '');
const pad = (s: string, n: number) => s.slice(0, n).padEnd(n, '<');
/** Germany is "D" in machine-readable zones; other states their alpha-2 here (a specimen, not ICAO's alpha-3). */
const state = (alpha2: string) => pad(alpha2.toUpperCase() === 'DE' ? 'D' : mrzText(alpha2), 3);
const yymmdd = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.slice(2).replace(/-/g, '') : '<<<<<<');

/** The three 30-character lines of an ID card's (TD1) machine-readable zone. */
export function td1Lines(d: MrzData): [string, string, string] {
  const number = pad(mrzText(d.documentNumber), 9);
  const line1 = pad(`ID${state(d.country)}${number}${checkDigit(number)}`, 30);
  const birth = yymmdd(d.birthday);
  const expiry = yymmdd(d.validUntil);
  const sex = d.gender.toUpperCase().startsWith('F')
    ? 'F'
    : d.gender.toUpperCase().startsWith('M')
      ? 'M'
      : '<';
  const head = `${birth}${checkDigit(birth)}${sex}${expiry}${checkDigit(expiry)}${state(d.nationality)}`;
  const body = pad(head, 29);
  const composite = line1.slice(5, 30) + body.slice(0, 7) + body.slice(8, 15) + body.slice(18, 29);
  const line2 = body + checkDigit(composite);
  const line3 = pad(`${mrzText(d.lastName)}<<${mrzText(d.firstName)}`, 30);
  return [line1, line2, line3];
}
