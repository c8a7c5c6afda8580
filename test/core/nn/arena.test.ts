// The arena: alignment, lifetimes, per-slot view reuse, and growth with and without surviving views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Arena } from '../../../src/core/nn/arena.js';
import { ArrayBufferMemory, type EngineMemory, webAssemblyMemory } from '../../../src/core/nn/engine-memory.js';
import type { Tensor } from '../../../src/core/nn/tensor.js';

const overlaps = (a: Tensor, b: Tensor) =>
  a.byteOffset < b.byteOffset + b.size * 4 && b.byteOffset < a.byteOffset + a.size * 4;

test('tensors start on 16-byte boundaries above the start byte; persistent ones are zeroed', () => {
  const arena = new Arena(new ArrayBufferMemory(4096), 100);
  const tensors = [arena.persistent(1, 3), arena.scratch(3, 1), arena.persistent(2, 2), arena.scratch(1, 5)];
  for (const t of tensors) {
    assert.equal(t.byteOffset % 16, 0);
    assert.ok(t.byteOffset >= 100);
  }
  assert.ok(tensors[2].data.every((v) => v === 0));
  for (let i = 0; i < tensors.length; i++) for (let j = i + 1; j < tensors.length; j++) assert.ok(!overlaps(tensors[i], tensors[j]));
});

test('after reset the same allocation sequence gets the same tensor objects back', () => {
  const arena = new Arena(new ArrayBufferMemory(4096));
  arena.persistent(4, 4);
  const first = [arena.scratch(2, 3), arena.scratch(5, 1), arena.scratch(1, 1)];
  arena.reset();
  const second = [arena.scratch(3, 2), arena.scratch(5, 1), arena.scratch(1, 1)];
  second.forEach((t, i) => assert.equal(t, first[i]));
  assert.deepEqual([second[0].rows, second[0].cols], [3, 2]); // same bytes, reshaped
  arena.reset();
  const bigger = arena.scratch(4, 4);
  assert.notEqual(bigger, first[0]);
  assert.equal(bigger.data.length, 16);
  assert.equal(arena.scratch(5, 1).byteOffset, first[0].byteOffset + 64);
});

test('release returns to a mark; reset frees all scratch but keeps persistent memory', () => {
  const arena = new Arena(new ArrayBufferMemory(4096));
  const weights = arena.persistent(2, 2);
  weights.data.set([1, 2, 3, 4]);
  const a = arena.scratch(2, 2);
  const mark = arena.mark();
  const b = arena.scratch(8, 8);
  arena.release(mark);
  const c = arena.scratch(8, 8);
  assert.equal(c.byteOffset, b.byteOffset);
  assert.ok(!overlaps(a, c));
  arena.reset();
  assert.equal(arena.usedBytes, arena.persistentBytes);
  assert.equal(arena.scratch(1, 1).byteOffset, a.byteOffset);
  assert.deepEqual(weights.toArray(), [1, 2, 3, 4]);
  assert.ok(arena.highWaterBytes >= arena.persistentBytes + 16 + 256);
});

test('a persistent tensor made while scratch is in use survives the next steps', () => {
  const arena = new Arena(new ArrayBufferMemory(4096));
  const scratch = arena.scratch(4, 4);
  const state = arena.persistent(2, 2);
  assert.ok(!overlaps(scratch, state));
  state.data.set([5, 6, 7, 8]);
  arena.release({ top: 0, slot: 0 }); // even releasing everything keeps it
  arena.reset();
  for (let i = 0; i < 4; i++) arena.scratch(4, 4).data.fill(-1);
  assert.deepEqual(state.toArray(), [5, 6, 7, 8]);
});

/** A memory that replaces its buffer by a bigger copy (old views then point at stale memory). */
class CopyingMemory implements EngineMemory {
  readonly viewsSurviveGrowth = false;
  private current = new ArrayBuffer(256);
  buffer(): ArrayBuffer { return this.current; }
  grow(minBytes: number): void {
    const bigger = new ArrayBuffer(Math.max(minBytes, 2 * this.current.byteLength));
    new Uint8Array(bigger).set(new Uint8Array(this.current));
    this.current = bigger;
  }
}

for (const [label, make] of [
  ['a resizable ArrayBuffer (views survive)', () => new ArrayBufferMemory(256)],
  ['a copying ArrayBuffer (views rebuilt)', () => new CopyingMemory()],
  ['a WebAssembly.Memory (views detach, rebuilt)', () => webAssemblyMemory(new WebAssembly.Memory({ initial: 1, maximum: 64 }))],
  ['a shared WebAssembly.Memory (views survive)', () => webAssemblyMemory(new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true }))],
] as [string, () => EngineMemory][]) {
  test(`growing ${label} keeps every tensor's values and writes reach the current buffer`, () => {
    const memory = make();
    const arena = new Arena(memory, 64);
    const persistent = arena.persistent(4, 4);
    persistent.data.set(Array.from({ length: 16 }, (_, i) => i));
    const scratch = arena.scratch(2, 2);
    scratch.data.set([9, 8, 7, 6]);
    const initialBytes = memory.buffer().byteLength;
    const huge = arena.scratch(256, 256); // far past the initial size
    assert.ok(memory.buffer().byteLength > initialBytes);
    huge.data.fill(1);
    assert.deepEqual(persistent.toArray(), Array.from({ length: 16 }, (_, i) => i));
    assert.deepEqual(scratch.toArray(), [9, 8, 7, 6]);
    scratch.data[0] = 42;
    assert.equal(new Float32Array(memory.buffer(), scratch.byteOffset, 1)[0], 42);
    arena.reset();
    assert.equal(arena.scratch(2, 2), scratch); // the rebuilt slot is reused
  });
}
