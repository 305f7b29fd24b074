// The InputError `read` throws; fails the test when it throws none (other errors propagate).
import assert from 'node:assert/strict';
import { InputError } from '../engine/inputError';

export function inputErrorOf(read: () => unknown): InputError {
  try {
    read();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  assert.fail('no error');
}
