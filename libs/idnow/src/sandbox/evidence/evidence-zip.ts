import { type Zippable, zipSync } from 'fflate';
import { silentMp3 } from './audio.js';
import { evidenceFacts, type EvidenceFacts, type EvidenceInput, valueOf } from './evidence-facts.js';
import { type CardData, idBackJpeg, idFrontJpeg, signaturePng, userFaceJpeg } from './images.js';
import { buildReportPdf } from './report-pdf.js';
import { resultXml } from './result-xml.js';

export type { EvidenceInput } from './evidence-facts.js';

/** Seconds of (silent) audio log in a sandbox zip. */
export const AUDIO_LOG_SECONDS = 2.5;

function cardData(f: EvidenceFacts): CardData {
  const p = (path: string) => valueOf(f.fields, path);
  const d = (path: string) => valueOf(f.document, path);
  const street = [p('address.street'), p('address.streetnumber')].filter(Boolean).join(' ');
  const town = [p('address.zipcode'), p('address.city')].filter(Boolean).join(' ');
  return {
    firstName: p('firstname'),
    lastName: p('lastname'),
    birthday: p('birthday'),
    birthplace: p('birthplace'),
    nationality: p('nationality'),
    gender: p('gender'),
    address: [street, town].filter(Boolean).join(', '),
    documentNumber: d('number'),
    country: d('country'),
    validUntil: d('validuntil'),
    issuedBy: d('issuedby'),
    dateIssued: d('dateissued'),
  };
}

/** The zip's DOS timestamps are local time: shift so they read as the UTC identification time. */
function dosTime(d: Date): Date {
  const t = Math.max(d.getTime(), Date.UTC(1980, 0, 2));
  return new Date(t + new Date(t).getTimezoneOffset() * 60_000);
}

/**
 * The evidence zip IDnow serves at `identifications/{txn}.zip`, built from the published result: the
 * KYC report, the result as XML, the audio log, both sides of the ID card, the customer's face and the
 * eSigning signature. Deterministic: the same result gives the same bytes.
 */
export async function buildEvidenceZip(input: EvidenceInput): Promise<Buffer> {
  const facts = evidenceFacts(input);
  const txn = facts.transactionNumber;
  const name = (key: string, fallback: string) => facts.attachments[key] ?? fallback;
  const card = cardData(facts);
  const mtime = dosTime(facts.identifiedAt);
  // JPEG, PNG and MP3 are compressed already: store them.
  const stored = (data: Uint8Array): [Uint8Array, { level: 0 }] => [data, { level: 0 }];
  const files: Zippable = {
    [name('pdf', `${txn}.pdf`)]: await buildReportPdf(facts),
    [name('xml', `${txn}.xml`)]: Buffer.from(resultXml(input.resultJson), 'utf8'),
    [name('audiolog', `${txn}_audiolog.mp3`)]: stored(silentMp3(AUDIO_LOG_SECONDS, `Audio log ${txn}`)),
    [name('idfrontside', `${txn}_idfrontside.jpg`)]: stored(idFrontJpeg(card)),
    [name('idbackside', `${txn}_idbackside.jpg`)]: stored(idBackJpeg(card)),
    [name('userface', `${txn}_userface.jpg`)]: stored(userFaceJpeg(card)),
    [`${txn}_signature.png`]: stored(signaturePng(card.firstName, card.lastName)),
  };
  return Buffer.from(zipSync(files, { level: 6, mtime }));
}
