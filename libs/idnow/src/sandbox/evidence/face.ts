import { seededRandom } from './random.js';
import type { Raster, Rgb } from './raster.js';

const SKIN: readonly Rgb[] = [
  [241, 205, 180],
  [224, 172, 140],
  [198, 140, 105],
  [150, 100, 70],
  [105, 70, 50],
];
const HAIR: readonly Rgb[] = [
  [40, 30, 25],
  [90, 60, 35],
  [170, 130, 80],
  [120, 120, 120],
];
const CLOTHES: readonly Rgb[] = [
  [40, 60, 100],
  [90, 40, 50],
  [50, 80, 60],
  [70, 70, 80],
];

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)];

/** A simple generated head-and-shoulders silhouette filling the box; the seed picks the colours. */
export function drawFace(r: Raster, box: { x: number; y: number; w: number; h: number }, seed: string): void {
  const rnd = seededRandom(`face:${seed}`);
  const { x, y, w, h } = box;
  r.clip = box;
  r.gradient(x, y, w, h, [205, 214, 224], [170, 182, 198]);
  const cx = x + w / 2;
  const skin = pick(SKIN, rnd);
  r.ellipse(cx, y + h * 1.02, w * 0.48, h * 0.3, pick(CLOTHES, rnd));
  r.rect(
    Math.round(cx - w * 0.09),
    Math.round(y + h * 0.55),
    Math.round(w * 0.18),
    Math.round(h * 0.2),
    skin,
  );
  r.ellipse(cx, y + h * 0.36, w * 0.27, h * 0.24, pick(HAIR, rnd));
  r.ellipse(cx, y + h * 0.42, w * 0.23, h * 0.22, skin);
  const eyeY = y + h * 0.4;
  r.ellipse(cx - w * 0.08, eyeY, w * 0.025, h * 0.012, [45, 40, 40]);
  r.ellipse(cx + w * 0.08, eyeY, w * 0.025, h * 0.012, [45, 40, 40]);
  r.ellipse(cx, y + h * 0.53, w * 0.06, h * 0.008, [150, 70, 70]);
  r.clip = null;
}
