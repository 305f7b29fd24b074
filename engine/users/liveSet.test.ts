import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../workload/random';
import { LiveSet } from './liveSet';

test('oldest and newest come out in storage order, random ones exactly once, across compactions', () => {
  const live = new LiveSet();
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
