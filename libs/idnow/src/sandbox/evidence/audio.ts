/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono: the frame parameters of the sandbox's audio log. */
export const MP3_BITRATE = 128_000;
export const MP3_SAMPLE_RATE = 44_100;
export const MP3_SAMPLES_PER_FRAME = 1152;
/** Side information of a mono MPEG-1 Layer III frame, all zero: no main data, i.e. silence. */
const SIDE_INFO_BYTES = 17;

function id3v2(title: string): Buffer {
  const text = Buffer.from(`\u0000${title}`, 'latin1'); // encoding byte 0: ISO-8859-1
  const frame = Buffer.alloc(10);
  frame.write('TIT2', 0, 'latin1');
  frame.writeUInt32BE(text.length, 4);
  const body = Buffer.concat([frame, text]);
  const header = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]); // "ID3" v2.3, no flags
  // The tag size is "synchsafe": 7 bits per byte.
  for (let i = 0; i < 4; i++) header[6 + i] = (body.length >> (7 * (3 - i))) & 0x7f;
  return Buffer.concat([header, body]);
}

/**
 * A silent audio log of about `seconds` as a valid MP3 (ID3v2 tag with the title, then frames), so it
 * sniffs and plays as audio/mpeg. Padding bits keep the bit rate exact, as encoders do.
 */
export function silentMp3(seconds: number, title: string): Buffer {
  const frames = Math.max(1, Math.round((seconds * MP3_SAMPLE_RATE) / MP3_SAMPLES_PER_FRAME));
  const exact = (MP3_SAMPLES_PER_FRAME / 8) * MP3_BITRATE; // bytes × sample rate per frame
  const parts: Buffer[] = [id3v2(title.replace(/[^\x20-\x7e]/g, '?'))];
  let remainder = 0;
  for (let i = 0; i < frames; i++) {
    remainder += exact % MP3_SAMPLE_RATE;
    const padding = remainder >= MP3_SAMPLE_RATE ? 1 : 0;
    if (padding) remainder -= MP3_SAMPLE_RATE;
    const length = Math.floor(exact / MP3_SAMPLE_RATE) + padding;
    const frame = Buffer.alloc(length);
    // sync, MPEG-1, Layer III, no CRC | 128 kbit/s, 44.1 kHz, padding | mono, original
    frame[0] = 0xff;
    frame[1] = 0xfb;
    frame[2] = 0x90 | (padding << 1);
    frame[3] = 0xc4;
    frame.fill(0, 4, 4 + SIDE_INFO_BYTES);
    parts.push(frame);
  }
  return Buffer.concat(parts);
}
