import type { Points } from './points.js';

/** Points per leaf at most; splitting stops below this. */
const LEAF_SIZE = 8;

/**
 * A static 2D k-d tree over a point set, for the two queries the k-NN metrics need:
 * the k-th nearest squared distance from a location, and whether any of the points' balls
 * (one squared radius per point) contains a location. Splits at the median of the wider side
 * of each node's bounding box, so clustered data (mixtures) stays O(log n) a query.
 */
export class PointTree {
  readonly count: number;
  /** Coordinates in tree order (each leaf's points are contiguous). */
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** For each tree position, the point's index in the input. */
  private readonly order: Int32Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** Child nodes, or -1 in a leaf. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly minX: Float64Array;
  private readonly minY: Float64Array;
  private readonly maxX: Float64Array;
  private readonly maxY: Float64Array;
  private nodeCount = 0;
  /** Squared ball radius per tree position, and the largest in each node (set by setRadii). */
  private radiusSquared: Float64Array | null = null;
  private maxRadiusSquared: Float64Array | null = null;

  constructor(points: Points) {
    const n = points.length >> 1;
    this.count = n;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.xs[i] = points[2 * i];
      this.ys[i] = points[2 * i + 1];
      this.order[i] = i;
    }
    // Leaves hold at least LEAF_SIZE/2 points (a split halves more than LEAF_SIZE), so this many nodes suffice.
    const capacity = 2 * Math.max(1, Math.ceil(n / (LEAF_SIZE / 2)));
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.minX = new Float64Array(capacity);
    this.minY = new Float64Array(capacity);
    this.maxX = new Float64Array(capacity);
    this.maxY = new Float64Array(capacity);
    this.build(0, n);
  }

  /** The k-th smallest squared distance from (x, y) to the tree's points (a point at (x, y) itself counts, at 0). */
  kthNearestSquared(x: number, y: number, k: number): number {
    const best = new Float64Array(Math.min(k, this.count)).fill(Infinity);
    this.searchNearest(0, x, y, best);
    return k > this.count ? Infinity : best[k - 1];
  }

  /** Gives each point (by input index) a ball of the given squared radius, for `anyBallContains`. */
  setRadii(radiusSquaredByInput: Float64Array): void {
    const radiusSquared = new Float64Array(this.count);
    for (let p = 0; p < this.count; p++) radiusSquared[p] = radiusSquaredByInput[this.order[p]];
    const maxRadiusSquared = new Float64Array(this.nodeCount);
    // Children are created after their parent, so a reverse sweep sees children first.
    for (let node = this.nodeCount - 1; node >= 0; node--) {
      if (this.left[node] < 0) {
        let max = 0;
        for (let p = this.start[node]; p < this.end[node]; p++) if (radiusSquared[p] > max) max = radiusSquared[p];
        maxRadiusSquared[node] = max;
      } else {
        maxRadiusSquared[node] = Math.max(maxRadiusSquared[this.left[node]], maxRadiusSquared[this.right[node]]);
      }
    }
    this.radiusSquared = radiusSquared;
    this.maxRadiusSquared = maxRadiusSquared;
  }

  /** Whether (x, y) lies in (or on) the ball of at least one point; needs setRadii first. */
  anyBallContains(x: number, y: number): boolean {
    if (!this.radiusSquared || !this.maxRadiusSquared) throw new Error('PointTree: setRadii must come before anyBallContains');
    return this.searchBalls(0, x, y, this.radiusSquared, this.maxRadiusSquared);
  }

  private build(from: number, to: number): number {
    const node = this.nodeCount++;
    this.start[node] = from;
    this.end[node] = to;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let p = from; p < to; p++) {
      const x = this.xs[p];
      const y = this.ys[p];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.minX[node] = minX;
    this.minY[node] = minY;
    this.maxX[node] = maxX;
    this.maxY[node] = maxY;
    if (to - from <= LEAF_SIZE) {
      this.left[node] = -1;
      this.right[node] = -1;
      return node;
    }
    const middle = (from + to) >> 1;
    this.select(from, to, middle, maxX - minX >= maxY - minY ? this.xs : this.ys);
    this.left[node] = this.build(from, middle);
    this.right[node] = this.build(middle, to);
    return node;
  }

  /** Reorders [from, to) so that position `nth` holds the value it would hold sorted by `keys`, smaller before, larger after. */
  private select(from: number, to: number, nth: number, keys: Float64Array): void {
    let lo = from;
    let hi = to - 1;
    while (hi > lo) {
      const pivot = medianOfThree(keys[lo], keys[(lo + hi) >> 1], keys[hi]);
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (keys[i] < pivot) i++;
        while (keys[j] > pivot) j--;
        if (i <= j) {
          this.swap(i, j);
          i++;
          j--;
        }
      }
      if (nth <= j) hi = j;
      else if (nth >= i) lo = i;
      else return;
    }
  }

  private swap(i: number, j: number): void {
    const x = this.xs[i]; this.xs[i] = this.xs[j]; this.xs[j] = x;
    const y = this.ys[i]; this.ys[i] = this.ys[j]; this.ys[j] = y;
    const o = this.order[i]; this.order[i] = this.order[j]; this.order[j] = o;
  }

  private boxDistanceSquared(node: number, x: number, y: number): number {
    const dx = x < this.minX[node] ? this.minX[node] - x : x > this.maxX[node] ? x - this.maxX[node] : 0;
    const dy = y < this.minY[node] ? this.minY[node] - y : y > this.maxY[node] ? y - this.maxY[node] : 0;
    return dx * dx + dy * dy;
  }

  /** `best` holds the smallest squared distances found so far, ascending. */
  private searchNearest(node: number, x: number, y: number, best: Float64Array): void {
    const last = best.length - 1;
    if (this.boxDistanceSquared(node, x, y) >= best[last]) return;
    const left = this.left[node];
    if (left < 0) {
      for (let p = this.start[node]; p < this.end[node]; p++) {
        const dx = this.xs[p] - x;
        const dy = this.ys[p] - y;
        const d2 = dx * dx + dy * dy;
        if (d2 >= best[last]) continue;
        // Insertion into the short sorted list.
        let slot = last;
        while (slot > 0 && best[slot - 1] > d2) {
          best[slot] = best[slot - 1];
          slot--;
        }
        best[slot] = d2;
      }
      return;
    }
    const right = this.right[node];
    const leftFirst = this.boxDistanceSquared(left, x, y) <= this.boxDistanceSquared(right, x, y);
    this.searchNearest(leftFirst ? left : right, x, y, best);
    this.searchNearest(leftFirst ? right : left, x, y, best);
  }

  private searchBalls(node: number, x: number, y: number, radiusSquared: Float64Array, maxRadiusSquared: Float64Array): boolean {
    if (this.boxDistanceSquared(node, x, y) > maxRadiusSquared[node]) return false;
    const left = this.left[node];
    if (left < 0) {
      for (let p = this.start[node]; p < this.end[node]; p++) {
        const dx = this.xs[p] - x;
        const dy = this.ys[p] - y;
        if (dx * dx + dy * dy <= radiusSquared[p]) return true;
      }
      return false;
    }
    const right = this.right[node];
    const leftFirst = this.boxDistanceSquared(left, x, y) <= this.boxDistanceSquared(right, x, y);
    return (
      this.searchBalls(leftFirst ? left : right, x, y, radiusSquared, maxRadiusSquared) ||
      this.searchBalls(leftFirst ? right : left, x, y, radiusSquared, maxRadiusSquared)
    );
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
