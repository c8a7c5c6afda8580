/**
 * Recognises a picture file from its first bytes and reads its size from the header, before
 * any decoding: so a text file is "not a picture", a zero-sized one is named as such, and a
 * huge one is caught before it is decoded into memory.
 */
export type PictureFormat = 'PNG' | 'JPEG' | 'GIF' | 'WebP';

export interface PictureHeader {
  readonly format: PictureFormat;
  /** Null when the header is too short or damaged to tell. */
  readonly width: number | null;
  readonly height: number | null;
}

export function readPictureHeader(bytes: Uint8Array): PictureHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number): boolean => bytes.length >= n;
  const ascii = (offset: number, text: string): boolean =>
    has(offset + text.length) && [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));

  if (has(8) && bytes[0] === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) {
    if (!has(24) || !ascii(12, 'IHDR')) return { format: 'PNG', width: null, height: null };
    return { format: 'PNG', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) {
    if (!has(10)) return { format: 'GIF', width: null, height: null };
    return { format: 'GIF', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (has(3) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { format: 'JPEG', ...jpegSize(bytes, view) };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { format: 'WebP', ...webpSize(bytes, view) };
  return null;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > bytes.length) break;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return { width: null, height: null };
}

/** The three WebP flavours keep the size in different places. */
function webpSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const b = (i: number): number => bytes[21 + i];
    return { width: 1 + (b(0) | ((b(1) & 0x3f) << 8)), height: 1 + ((b(1) >> 6) | (b(2) << 2) | ((b(3) & 0x0f) << 10)) };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const u24 = (i: number): number => bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16);
    return { width: 1 + u24(24), height: 1 + u24(27) };
  }
  return { width: null, height: null };
}
