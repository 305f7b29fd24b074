import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changePct, summarize, welchPValue } from './stats';

test('mean and sample standard deviation', () => {
  assert.deepEqual(summarize([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, stddev: Math.sqrt(32 / 7) });
});
test('% change of the means, null when it has no meaning', () => {
  assert.equal(changePct(200, 150), -25);
  assert.equal(changePct(0, 0), 0);
  assert.equal(changePct(0, 5), null);
});
test("Welch's t-test on the worked example of its Wikipedia article (t = -2.46, dof 24.9, p = 0.021)", () => {
  const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  assert.ok(Math.abs(welchPValue(a, b)! - 0.021) < 0.001, String(welchPValue(a, b)));
});
test('constant samples and tiny samples', () => {
  assert.equal(welchPValue([3, 3], [3, 3]), 1);
  assert.equal(welchPValue([3, 3], [4, 4]), 0);
  assert.equal(welchPValue([3], [4, 5]), null);
});
