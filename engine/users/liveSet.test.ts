import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../workload/random';
import { LiveSet } from './liveSet';

test('oldest and newest come out in storage order, random ones exactly once, across compactions', () => {
  const live = new LiveSet(3);
  const rng = new Random(1);
  for (let i = 0; i < 5000; i++) live.add(i % 3, i);
  const take = (order: 'oldest' | 'newest' | 'random') => (live.take(order, rng) ? [live.takenPool, live.takenHandle] : null);
  assert.deepEqual(take('oldest'), [0, 0]);
  assert.deepEqual(take('newest'), [4999 % 3, 4999]);
  const seen = new Set<number>();
  for (let i = 0; i < 3000; i++) seen.add(take('random')![1]);
  assert.equal(seen.size, 3000);
  for (let i = 5000; i < 9000; i++) live.add(0, i);
  const rest: number[] = [];
  while (live.size > 0) rest.push(take('oldest')![1]);
  assert.equal(rest.length, 4998 - 3000 + 4000);
  assert.deepEqual(rest, [...rest].sort((a, b) => a - b), 'oldest-first is storage order');
  assert.ok(rest.every((h) => !seen.has(h)));
  assert.equal(take('random'), null);
});

test('pool and handle survive the packing for up to 64 pools; a handle past the packing is refused clearly', () => {
  const live = new LiveSet(64);
  const rng = new Random(2);
  for (let i = 0; i < 640; i++) live.add(i % 64, i * 1000);
  const got: [number, number][] = [];
  while (live.take('oldest', rng)) got.push([live.takenPool, live.takenHandle]);
  assert.deepEqual(got, Array.from({ length: 640 }, (_, i) => [i % 64, i * 1000]));
  assert.throws(() => live.add(63, 2 ** 25), /handle id 33554432 is 2\^25 or more/);
  live.add(63, 2 ** 25 - 1);
  assert.ok(live.take('newest', rng));
  assert.deepEqual([live.takenPool, live.takenHandle], [63, 2 ** 25 - 1]);
});
