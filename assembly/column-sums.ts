// out[c] (+)= Σ_r x[r, c]: bias gradients. Every column is summed over r = 0, 1, … in order
// (starting from the old out when accumulating), in vector lanes or scalars alike, so a
// column's sum does not depend on which thread's column range it falls in.

/** Columns [c0, c1) of the column sums. */
export function columnSumsRange(x: usize, rows: i32, cols: i32, out: usize, accumulate: bool, c0: i32, c1: i32): void {
  const ld = <usize>cols * 4;
  let c = c0;
  for (; c + 16 <= c1; c += 16) {
    const o = out + <usize>c * 4;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    if (accumulate) {
      s0 = v128.load(o); s1 = v128.load(o, 16); s2 = v128.load(o, 32); s3 = v128.load(o, 48);
    }
    let p = x + <usize>c * 4;
    for (let r = 0; r < rows; r++) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
      p += ld;
    }
    v128.store(o, s0); v128.store(o, s1, 16); v128.store(o, s2, 32); v128.store(o, s3, 48);
  }
  for (; c + 4 <= c1; c += 4) {
    const o = out + <usize>c * 4;
    let s = accumulate ? v128.load(o) : f32x4.splat(0);
    let p = x + <usize>c * 4;
    for (let r = 0; r < rows; r++) {
      s = f32x4.add(s, v128.load(p));
      p += ld;
    }
    v128.store(o, s);
  }
  for (; c < c1; c++) {
    const o = out + <usize>c * 4;
    let s: f32 = accumulate ? load<f32>(o) : 0;
    let p = x + <usize>c * 4;
    for (let r = 0; r < rows; r++) {
      s += load<f32>(p);
      p += ld;
    }
    store<f32>(o, s);
  }
}
