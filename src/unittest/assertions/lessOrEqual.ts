// lessOrEqual / notLessOrEqual: each value at `path` ≤ `value` (same type required).
import { ordered } from './greaterOrEqual.js';

export const lessOrEqual = ordered('lessOrEqual', 'notLessOrEqual', (a, b) => a <= b, 'less than or equal to');
