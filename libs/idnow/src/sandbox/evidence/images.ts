import jpeg from 'jpeg-js';
import { CARD_HEIGHT, CARD_WIDTH, type CardData, drawCardBack, drawCardFront } from './id-card.js';
import { drawFace } from './face.js';
import { Raster } from './raster.js';

export { signaturePng, SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from './signature.js';
export { encodePng } from './png.js';
export { type CardData, CARD_HEIGHT, CARD_WIDTH } from './id-card.js';

export const FACE_WIDTH = 480;
export const FACE_HEIGHT = 600;
const QUALITY = 85;

const toJpeg = (r: Raster) => jpeg.encode({ data: r.data, width: r.width, height: r.height }, QUALITY).data;

export const idFrontJpeg = (d: CardData): Buffer => toJpeg(drawCardFront(d));
export const idBackJpeg = (d: CardData): Buffer => toJpeg(drawCardBack(d));

/** The agent's still of the customer: the same generated face as on the card. */
export function userFaceJpeg(d: CardData): Buffer {
  const r = new Raster(FACE_WIDTH, FACE_HEIGHT, [255, 255, 255]);
  drawFace(r, { x: 0, y: 0, w: FACE_WIDTH, h: FACE_HEIGHT }, `${d.firstName}|${d.lastName}|${d.birthday}`);
  return toJpeg(r);
}

export const CARD_SIZE = { width: CARD_WIDTH, height: CARD_HEIGHT };
