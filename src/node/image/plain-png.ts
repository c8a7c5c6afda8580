/**
 * Opaque PNGs decoded in JavaScript (pngjs, which inflates with Node's zlib) to the RGBA bytes
 * the canvas library gives for them: loading the canvas library was most of `gan2d sample`'s
 * start-up. Only the kinds whose bytes are known to equal the canvas's are decoded here (gray,
 * RGB and 8-bit palette pictures, 8 or 16 bits a sample, interlaced or not; a 16-bit sample
 * becomes its high byte, as Skia does; test/node/image/plain-png.test.ts compares every level).
 * Transparency (Skia premultiplies, and rounds on the way back) and colour-space chunks (gAMA,
 * cHRM, iCCP: Skia converts) are left to the canvas.
 */
import pngjs from 'pngjs';

export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  /** Not premultiplied; row 0 at the top. */
  readonly rgba: Uint8Array;
}

/** Chunks that make the canvas's bytes differ from the samples': transparency and colour spaces. */
const LEFT_TO_CANVAS = new Set(['tRNS', 'gAMA', 'cHRM', 'iCCP']);
const GRAY = 0, RGB = 2, PALETTE = 3;

/** Whether the file is a PNG of a kind plainPngPixels decodes (its header and chunk names alone). */
function isPlainKind(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33) return false;
  const depth = bytes[24], colourType = bytes[25];
  const kindKnown = (colourType === GRAY || colourType === RGB) ? depth === 8 || depth === 16 : colourType === PALETTE && depth === 8;
  if (!kindKnown) return false;
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const name = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    if (LEFT_TO_CANVAS.has(name)) return false;
    if (name === 'IEND') return true;
    at += 12 + length;
  }
  return false;
}

/**
 * The RGBA bytes of an opaque PNG, or null when the canvas should decode it (another kind,
 * or a file this decoder refuses: the canvas then names the damage as it always has).
 */
export function plainPngPixels(bytes: Uint8Array): RgbaPixels | null {
  if (!isPlainKind(bytes)) return null;
  let png: { width: number; height: number; depth: number; data: Uint8Array | Uint16Array };
  try {
    // CRCs checked, as libpng checks them. pngjs gives RGBA (gray and palette expanded), 16-bit
    // samples kept as they are (skipRescale): the canvas keeps their high byte.
    png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: true, skipRescale: true });
  } catch {
    return null;
  }
  const { width, height, data } = png;
  if (data.length !== width * height * 4) return null;
  const rgba = png.depth === 16 ? Uint8Array.from(data, (sample) => sample >> 8) : new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { width, height, rgba };
}
