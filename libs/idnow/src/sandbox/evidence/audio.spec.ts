import { describe, expect, it } from '@jest/globals';
import { MP3_BITRATE, MP3_SAMPLE_RATE, MP3_SAMPLES_PER_FRAME, silentMp3 } from './audio.js';

const BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const RATES = [44100, 48000, 32000];

/** Walks an MP3 (after its ID3v2 tag) frame by frame as a decoder does; throws on a bad header. */
function frames(mp3: Buffer) {
  let at = 0;
  if (mp3.toString('latin1', 0, 3) === 'ID3') {
    const size = ((mp3[6] & 0x7f) << 21) | ((mp3[7] & 0x7f) << 14) | ((mp3[8] & 0x7f) << 7) | (mp3[9] & 0x7f);
    at = 10 + size;
  }
  const start = at;
  const seen: { bitrate: number; rate: number; mono: boolean }[] = [];
  while (at < mp3.length) {
    const h = mp3.readUInt32BE(at);
    if (h >>> 21 !== 0x7ff) throw new Error(`no frame sync at ${at}`);
    if (((h >>> 19) & 3) !== 3 || ((h >>> 17) & 3) !== 1) throw new Error('not MPEG-1 Layer III');
    const bitrate = BITRATES[(h >>> 12) & 15] * 1000;
    const rate = RATES[(h >>> 10) & 3];
    const padding = (h >>> 9) & 1;
    at += Math.floor((144 * bitrate) / rate) + padding;
    seen.push({ bitrate, rate, mono: ((h >>> 6) & 3) === 3 });
  }
  if (at !== mp3.length) throw new Error('the last frame is cut short');
  return { seen, audioBytes: mp3.length - start };
}

describe(silentMp3.name, () => {
  it('writes MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz, for about the seconds asked', () => {
    const mp3 = silentMp3(2.5, 'Audio log abc');
    expect(mp3.toString('latin1', 0, 3)).toBe('ID3');
    expect(mp3.includes(Buffer.from('TIT2'))).toBe(true);
    const { seen: all, audioBytes } = frames(mp3);
    expect(all.every((f) => f.bitrate === MP3_BITRATE && f.rate === MP3_SAMPLE_RATE && f.mono)).toBe(true);
    const seconds = (all.length * MP3_SAMPLES_PER_FRAME) / MP3_SAMPLE_RATE;
    expect(seconds).toBeCloseTo(2.5, 1);
    // Padding keeps the average bit rate exact: bytes of audio / seconds = 16,000 bytes/s.
    expect(audioBytes / seconds).toBeCloseTo(MP3_BITRATE / 8, -1);
  });
});
