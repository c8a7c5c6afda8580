/**
 * Seeded random numbers that are the same on every host.
 *
 * xoshiro128** (Blackman & Vigna) on 32-bit integers, so it runs at full speed in
 * JavaScript with Math.imul. Streams are split by key: `new Rng(seed, stream)` hashes
 * the pair with SplitMix32 into an independent state, so (seed, stream) always gives
 * the same numbers, and the state is four integers a checkpoint can store.
 */
export type RngState = [number, number, number, number];

/** SplitMix32-style finaliser (Stafford mix 13 adapted to 32 bits): a good avalanche hash. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const TWO_POW_MINUS_32 = 2 ** -32;
const TWO_POW_MINUS_53 = 2 ** -53;

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** A second normal from Box–Muller, kept for the next call. */
  private spareNormal = NaN;

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(seed) || !Number.isInteger(stream)) {
      throw new RangeError(`Rng: seed and stream must be integers (got ${seed}, ${stream})`);
    }
    // Seeds up to 2^53 are hashed from both 32-bit halves so that large seeds still differ.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    let h = mix32(lo ^ 0x9e3779b9) ^ mix32(hi + 0x632be5ab) ^ mix32((stream >>> 0) ^ 0x85ebca6b);
    const next = (): number => {
      h = (h + 0x9e3779b9) >>> 0;
      return mix32(h);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Fills `out[start..end)` with the next 32-bit outputs, exactly as repeated nextUint32() calls
   * would give them; the state lives in locals for the loop, which makes bulk draws several times faster.
   */
  fillUint32(out: Uint32Array, start = 0, end = out.length): void {
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let i = start; i < end; i++) {
      const r = Math.imul(s1, 5);
      out[i] = Math.imul((r << 7) | (r >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (enough for float32 work). */
  uniform(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  uniform53(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_MINUS_53;
  }

  /** Integer uniform in [0, n), from 53 random bits (bias below 2^-21 for n <= 2^32). */
  int(n: number): number {
    if (!(n >= 1 && n <= 4294967296)) throw new RangeError(`Rng.int: n must be in [1, 2^32], got ${n}`);
    return Math.floor(this.uniform53() * n);
  }

  /** Standard normal by the Box–Muller transform (both values used). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform53();
    const v = this.uniform53();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Fills `out` with standard normals. */
  fillNormal(out: Float32Array | Float64Array, start = 0, end = out.length): void {
    for (let i = start; i < end; i++) out[i] = this.normal();
  }

  /** Fills `out` with uniforms in [0, 1). */
  fillUniform(out: Float32Array | Float64Array, start = 0, end = out.length): void {
    for (let i = start; i < end; i++) out[i] = this.uniform();
  }

  getState(): { s: RngState; spareNormal: number | null } {
    return {
      s: [this.s0, this.s1, this.s2, this.s3],
      spareNormal: Number.isNaN(this.spareNormal) ? null : this.spareNormal,
    };
  }

  setState(state: { s: RngState; spareNormal: number | null }): void {
    const [a, b, c, d] = state.s;
    this.s0 = a >>> 0;
    this.s1 = b >>> 0;
    this.s2 = c >>> 0;
    this.s3 = d >>> 0;
    this.spareNormal = state.spareNormal ?? NaN;
  }

  static fromState(state: { s: RngState; spareNormal: number | null }): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
