import { encodePng } from './png.js';
import { seededRandom } from './random.js';
import { type Point, Raster, type Rgb } from './raster.js';
import { toPlainUpper } from './text.js';

export const SIGNATURE_WIDTH = 600;
export const SIGNATURE_HEIGHT = 200;
const INK: Rgb = [18, 32, 92];
const BASELINE = 120;

/** Catmull-Rom through the control points: a smooth pen path, width interpolated between them. */
function smooth(ctrl: Point[], samples = 12): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < ctrl.length - 1; i++) {
    const [p0, p1, p2, p3] = [
      ctrl[Math.max(0, i - 1)],
      ctrl[i],
      ctrl[i + 1],
      ctrl[Math.min(ctrl.length - 1, i + 2)],
    ];
    for (let s = 0; s < samples; s++) {
      const t = s / samples;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 *
        (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t * t + (3 * b - a - 3 * c + d) * t * t * t);
      out.push({ x: f(p0.x, p1.x, p2.x, p3.x), y: f(p0.y, p1.y, p2.y, p3.y), r: p1.r + (p2.r - p1.r) * t });
    }
  }
  out.push(ctrl[ctrl.length - 1]);
  return out;
}

/** Control points of one written word: an up-stroke, a loop and a down-stroke per letter. */
function word(letters: string, x0: number, rnd: () => number): Point[] {
  const pts: Point[] = [{ x: x0, y: BASELINE + 6, r: 0.9 }];
  let x = x0;
  [...letters].forEach((ch, i) => {
    const w = 20 + rnd() * 12;
    const tall = i === 0 || 'BDFHKLT'.includes(ch);
    const deep = 'GJPQYZ'.includes(ch);
    const h = tall ? 62 + rnd() * 22 : 22 + rnd() * 18;
    pts.push({ x: x + w * 0.4, y: BASELINE - h, r: 1.1 + rnd() * 0.5 });
    pts.push({ x: x + w * 0.2, y: BASELINE - h * 0.5, r: 1.6 + rnd() * 0.7 });
    pts.push({ x: x + w * 0.6, y: deep ? BASELINE + 38 : BASELINE + rnd() * 4, r: 2 + rnd() * 0.8 });
    if (deep) pts.push({ x: x + w * 0.45, y: BASELINE + 12, r: 1.2 });
    x += w;
  });
  pts.push({ x: x + 12, y: BASELINE - 14 - rnd() * 10, r: 0.7 });
  return pts;
}

/**
 * The signature the customer drew for eSigning: a smooth handwriting-like stroke derived from the name
 * (same name, same signature), dark ink on a transparent background.
 */
export function signaturePng(firstName: string, lastName: string): Buffer {
  const rnd = seededRandom(`signature:${firstName}|${lastName}`);
  const letters = (s: string) => toPlainUpper(s).replace(/[^A-Z]/g, '');
  const initial = letters(firstName).slice(0, 1) || 'X';
  const family = letters(lastName).slice(0, 12) || 'X';
  const strokes = [word(initial, 30, rnd)];
  const start = (strokes[0].at(-1)?.x ?? 60) + 14;
  strokes.push(word(family, start, rnd));
  const end = strokes[1].at(-1)?.x ?? start;
  strokes.push([
    { x: 40, y: BASELINE + 30 + rnd() * 8, r: 0.8 },
    { x: (40 + end) / 2, y: BASELINE + 40 + rnd() * 8, r: 1.6 },
    { x: end, y: BASELINE + 26, r: 0.6 },
  ]);
  // Long names are written narrower, as people do on a small pad.
  const squeeze = Math.min(1, (SIGNATURE_WIDTH - 60) / Math.max(1, end - 30));
  const raster = new Raster(SIGNATURE_WIDTH, SIGNATURE_HEIGHT, null);
  raster.stroke(
    strokes.map((s) => smooth(s.map((p) => ({ ...p, x: 30 + (p.x - 30) * squeeze })))),
    INK,
  );
  return encodePng(SIGNATURE_WIDTH, SIGNATURE_HEIGHT, raster.data, 4);
}
