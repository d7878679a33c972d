import { drawFace } from './face.js';
import { type MrzData, td1Lines } from './mrz.js';
import { Raster, type Rgb } from './raster.js';

export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;

export interface CardData extends MrzData {
  birthplace: string;
  address: string;
  issuedBy: string;
  dateIssued: string;
}

const BAND: Rgb = [24, 62, 110];
const WHITE: Rgb = [255, 255, 255];
const LABEL: Rgb = [90, 100, 115];
const VALUE: Rgb = [20, 24, 32];
const SPECIMEN: Rgb = [200, 30, 40];

/** Cuts text to what fits `width` pixels at `scale` in the 6-pixel-pitch bitmap font. */
const fit = (text: string, width: number, scale: number) => text.slice(0, Math.floor(width / (6 * scale)));

function card(title: string): Raster {
  const r = new Raster(CARD_WIDTH, CARD_HEIGHT, null);
  r.gradient(0, 0, CARD_WIDTH, CARD_HEIGHT, [232, 241, 236], [210, 224, 232]);
  // A faint guilloche so the card does not look flat.
  const waves = Array.from({ length: 6 }, (_, k) =>
    Array.from({ length: 120 }, (_, i) => ({
      x: (i / 119) * CARD_WIDTH,
      y: 150 + k * 60 + Math.sin(i / 9 + k) * 18,
      r: 0.6,
    })),
  );
  r.stroke(waves, [185, 205, 200]);
  r.rect(0, 0, CARD_WIDTH, 84, BAND);
  r.text('BUNDESREPUBLIK DEUTSCHLAND', 28, 16, 4, WHITE);
  r.text(title, 28, 54, 2, [200, 215, 235]);
  return r;
}

function field(r: Raster, x: number, y: number, label: string, value: string, width: number): void {
  r.text(fit(label, width, 2), x, y, 2, LABEL);
  r.text(fit(value || '-', width, 3), x, y + 20, 3, VALUE);
}

/** The front of a German ID card specimen: photo, names, birth date, document number. */
export function drawCardFront(d: CardData): Raster {
  const r = card('PERSONALAUSWEIS / IDENTITY CARD');
  drawFace(r, { x: 36, y: 110, w: 240, h: 300 }, `${d.firstName}|${d.lastName}|${d.birthday}`);
  const x = 310;
  const width = CARD_WIDTH - x - 24;
  field(r, x, 108, 'NAME / SURNAME', d.lastName, width);
  field(r, x, 168, 'VORNAMEN / GIVEN NAMES', d.firstName, width);
  field(r, x, 228, 'DATE OF BIRTH', d.birthday, 250);
  field(r, x + 280, 228, 'NATIONALITY', d.nationality, 220);
  field(r, x, 288, 'DOCUMENT NO', d.documentNumber, 250);
  field(r, x + 280, 288, 'VALID UNTIL', d.validUntil, 220);
  r.text('SPECIMEN', 300, 440, 9, SPECIMEN);
  return r;
}

/** The back: address, issuing authority and the machine-readable zone. */
export function drawCardBack(d: CardData): Raster {
  const r = card('RUECKSEITE / REVERSE');
  const width = CARD_WIDTH - 60;
  field(r, 28, 104, 'ANSCHRIFT / ADDRESS', d.address, width);
  field(r, 28, 164, 'GEBURTSORT / PLACE OF BIRTH', d.birthplace, 380);
  field(r, 440, 164, 'AUSSTELLUNGSDATUM / ISSUED', d.dateIssued, 380);
  field(r, 28, 224, 'BEHOERDE / AUTHORITY', d.issuedBy, width);
  r.text('SPECIMEN', 560, 290, 4, SPECIMEN);
  r.rect(0, 340, CARD_WIDTH, CARD_HEIGHT - 340, [250, 250, 246]);
  td1Lines(d).forEach((line, i) => r.text(line, 68, 372 + i * 50, 4, VALUE));
  return r;
}
