/**
 * The shortest decimal that reads back as the same float32: how gan2d writes samples as
 * text. `formatFloat32` defines it (6, 7, 8 significant digits in turn, the first that reads
 * back through Number and Math.fround, else 9, in JavaScript's number format);
 * `writeFloat32Decimal` writes the same characters as ASCII bytes, some 30 times faster.
 */

/** The most bytes writeFloat32Decimal writes for one value ("-100000000000000000000" is 22). */
export const MAX_FLOAT32_DECIMAL_BYTES = 24;

/** The definition: the shortest decimal (at most 9 significant digits) that reads back as the same float32. */
export function formatFloat32(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}

/** 10^0 … 10^12: a float32 times one of them is exact in a double (24 bits times 5^12's 28). */
const POWERS = Float64Array.from({ length: 13 }, (_, k) => 10 ** k);
/** By a float32's biased exponent b (the value in [2^(b−127), 2^(b−126))): floor(log10(2^(b−127))). */
const LOW_EXPONENT = Int8Array.from({ length: 256 }, (_, b) => Math.floor((b - 127) * Math.log10(2)));
/**
 * 10^(LOW_EXPONENT[b] + 1), correctly rounded: a float32 with exponent b has floor(log10) one more
 * than LOW_EXPONENT[b] when it is at least this (no float32 lies between a power of ten and it).
 */
const NEXT_POWER = Float64Array.from({ length: 256 }, (_, b) => Number(`1e${LOW_EXPONENT[b] + 1}`));
/** The float32 spacing at biased exponent b, 2^(b − 150): a normal float32 is (2^23 + fraction) times it. */
const SPACING = Float64Array.from({ length: 256 }, (_, b) => 2 ** (b - 150));
/** Scaled distances this close to the interval's edge could be moved across it by Number()'s rounding. */
const EDGE = 1e-6;

const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);
/** The float32 of these bits, for the rare values that go the slow way. */
function float32Of(bits: number): number {
  float32Bits[0] = bits;
  return float32[0];
}

/** "00" … "99" as ASCII pairs. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 0x30 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));
const ZERO = 0x30;
const DOT = 0x2e;
const MINUS = 0x2d;

/**
 * Writes formatFloat32 of the float32 whose IEEE 754 bits are `bits` (as a Uint32Array view of a
 * Float32Array holds them: reading them there is much faster than converting a number) into `out`
 * at `at` as ASCII, and returns the index after it. `out` needs MAX_FLOAT32_DECIMAL_BYTES free.
 *
 * How, for a = |value| in [1e-4, 1e6) (the rest, rare in samples, goes the slow way): rounded to d
 * significant digits, a is n·10^−k with n = round(a·10^k), k = d − 1 − floor(log10 a) in 0…12, and
 * a·10^k is exact in a double, so n is toPrecision's (a half rounds up). That decimal reads back as
 * a when it lies within half a float32 spacing of a: |n − a·10^k| < half·10^k, exact too (half is a
 * power of two). Number()'s rounding to a double moves n by less than 1e-7 in these units, so the
 * comparison decides unless the gap is within EDGE (then the slow way). Away from powers of two
 * (which go the slow way) the interval is symmetric, and d + 1 digits land at least as close as d,
 * so if d digits read back so do d + 1: two tests find the first of 6, 7, 8 that does, else 9.
 */
export function writeFloat32Decimal(bits: number, out: Uint8Array, at: number): number {
  const end = writeFast(bits, out, at);
  return end >= 0 ? end : writeAscii(formatFloat32(float32Of(bits)), out, at);
}

/**
 * writeFloat32Decimal's way for most values, or −1 for the rest (then nothing is written). The
 * slow way is one call, in writeFloat32Decimal, which the warm-up below takes once.
 */
function writeFast(bits: number, out: Uint8Array, at: number): number {
  const biased = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  const a = (fraction | 0x800000) * SPACING[biased]; // |value| when 0 < biased < 255, else out of range
  // Powers of two, zero among them, have a narrower interval below than above: the slow way too.
  if (fraction === 0 || !(a >= 1e-4 && a < 1e6)) return -1;
  const exponent = a >= NEXT_POWER[biased] ? LOW_EXPONENT[biased] + 1 : LOW_EXPONENT[biased];
  const half = SPACING[biased] / 2;

  let digits = 7;
  let scale = POWERS[6 - exponent];
  let scaled = a * scale;
  let n = Math.floor(scaled + 0.5);
  let gap = Math.abs(n - scaled) - half * scale; // < 0: reads back
  if (Math.abs(gap) <= EDGE) return -1;
  if (gap < 0) { // 7 digits read back: do 6?
    scale = POWERS[5 - exponent];
    scaled = a * scale;
    const six = Math.floor(scaled + 0.5);
    gap = Math.abs(six - scaled) - half * scale;
    if (Math.abs(gap) <= EDGE) return -1;
    if (gap < 0) {
      n = six;
      digits = 6;
    }
  } else { // 8 digits, else 9
    scale = POWERS[7 - exponent];
    scaled = a * scale;
    n = Math.floor(scaled + 0.5);
    gap = Math.abs(n - scaled) - half * scale;
    if (Math.abs(gap) <= EDGE) return -1;
    digits = 8;
    if (gap > 0) {
      n = Math.floor(a * POWERS[8 - exponent] + 0.5);
      digits = 9;
    }
  }
  // n has `digits` digits and the decimal point comes after exponent + 1 of them (one more when
  // n rounded up to 10^digits, which is then 10^(digits−1)). n < 10^9 fits an int32.
  let m = n | 0;
  let point = exponent + 1;
  if (n === POWERS[digits]) {
    m = POWERS[digits - 1] | 0;
    point++;
  }
  // Trailing zeros go, as String(Number(text)) drops them.
  let length = digits;
  while (m % 10 === 0) {
    m = (m / 10) | 0;
    length--;
  }
  if (bits >>> 31) out[at++] = MINUS;
  if (point <= 0) {
    out[at++] = ZERO;
    out[at++] = DOT;
    for (let i = point; i < 0; i++) out[at++] = ZERO;
    writeDigits(m, length, out, at + length);
    return at + length;
  }
  if (point >= length) {
    writeDigits(m, length, out, at + length);
    at += length;
    for (let i = length; i < point; i++) out[at++] = ZERO;
    return at;
  }
  const split = POWERS[length - point];
  const high = (m / split) | 0;
  writeDigits(high, point, out, at + point);
  out[at + point] = DOT;
  const end = at + length + 1;
  writeDigits(m - high * split, length - point, out, end);
  return end;
}

/** n as exactly `count` decimal digits (leading zeros kept), two at a time, ending before `end`. */
function writeDigits(n: number, count: number, out: Uint8Array, end: number): void {
  let i = end;
  for (; count >= 2; count -= 2) {
    const q = (n / 100) | 0;
    const pair = (n - 100 * q) << 1;
    out[--i] = PAIRS[pair + 1];
    out[--i] = PAIRS[pair];
    n = q;
  }
  if (count === 1) out[i - 1] = ZERO + n;
}

function writeAscii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/**
 * Every way through writeFloat32Decimal once, at load: the optimizing compiler then sees them
 * all. A way first taken in optimized code (the slow one, rare in samples, or a layout of digits)
 * throws that code away and compiles it again, which cost a CSV of 2 million points some 0.1 s.
 */
function warmUp(): void {
  const out = new Uint8Array(MAX_FLOAT32_DECIMAL_BYTES);
  const values = [0.6882133, 0.07929271, 0.22203901, 0.103895634, 117.080185, 0.000123, -2.5, 1.5, 123.456, 654321, 0.1, 0.33333334, 0.5, 0, 1e-7, 3e7, 2 ** -20, 2 ** 24, 3.4028235e38];
  // Repeated: a function gathers no feedback in its first few calls.
  for (let round = 0; round < 20; round++) {
    for (const value of values) {
      float32[0] = value;
      writeFloat32Decimal(float32Bits[0], out, 0);
    }
  }
}
warmUp();
