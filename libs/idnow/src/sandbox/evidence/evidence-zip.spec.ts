import { describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import { buildResultJson } from '../engine/result-json.js';
import { buildEvidenceZip } from './evidence-zip.js';

const TXN = 'b7e2c4d1a9f0cidt';
const input = () => ({
  companyId: 'kycdesk',
  resultJson: buildResultJson({
    companyId: 'kycdesk',
    transactionNumber: TXN,
    identId: 'TST-ZIPZP',
    startData: { firstname: 'Jane', lastname: 'Doe', birthday: '1992-12-11' },
    mobileNumber: null,
    identificationTime: new Date('2026-03-02T09:14:07Z'),
    result: 'SUCCESS',
    data: 'sent',
  }),
  createdAt: new Date('2026-03-02T09:10:00Z'),
  startedAt: new Date('2026-03-02T09:13:37Z'),
});

/** Central directory entries: name and DOS date/time as written. */
function entries(zip: Buffer) {
  const out: { name: string; date: number; time: number; method: number }[] = [];
  for (
    let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    at >= 0 && zip.readUInt32LE(at) === 0x02014b50;
  ) {
    const n = zip.readUInt16LE(at + 28);
    out.push({
      name: zip.toString('utf8', at + 46, at + 46 + n),
      method: zip.readUInt16LE(at + 10),
      time: zip.readUInt16LE(at + 12),
      date: zip.readUInt16LE(at + 14),
    });
    at += 46 + n + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe(buildEvidenceZip.name, () => {
  it("holds the result's attachments plus the signature, named as the result names them", async () => {
    const json = input();
    const zip = await buildEvidenceZip(json);
    const attachments = Object.values(json.resultJson.attachments as Record<string, string>);
    expect(attachments).toHaveLength(6);
    const names = Object.keys(unzipSync(zip));
    expect(names.sort()).toEqual([...attachments, `${TXN}_signature.png`].sort());
    const xml = Buffer.from(unzipSync(zip)[`${TXN}.xml`]).toString('utf8');
    expect(xml).toContain(`<transactionnumber>${TXN}</transactionnumber>`);
  });

  it('is deterministic, dated at the identification time (UTC) and stores what is compressed already', async () => {
    const zip = await buildEvidenceZip(input());
    expect((await buildEvidenceZip(input())).equals(zip)).toBe(true);
    const list = entries(zip);
    expect(list).toHaveLength(7);
    // 2026-03-02 09:14:06 in DOS format (two-second resolution).
    const date = ((2026 - 1980) << 9) | (3 << 5) | 2;
    const time = (9 << 11) | (14 << 5) | (7 >> 1);
    expect(list.every((e) => e.date === date && e.time === time)).toBe(true);
    expect(list.filter((e) => /\.(jpg|png|mp3)$/.test(e.name)).every((e) => e.method === 0)).toBe(true);
    expect(list.find((e) => e.name.endsWith('.xml'))?.method).toBe(8);
  });
});
