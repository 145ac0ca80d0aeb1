// failedTemplate: the render fails, with `errorMessage` exactly or matching `errorPattern`.
// notFailedTemplate: the render succeeds.
// Quirk decision (fixed): `failedTemplate` with `not: true` passes on a successful render
// (helm-unittest fails it); errorPattern is a regex only (no retry as a literal).
import { stringParam, type AssertionDef } from '../assertion.js';
import { goRegex } from '../regex.js';
import type { AssertionFailure } from '../types.js';
import { isMapValue, show } from '../values.js';

export const failedTemplate: AssertionDef = {
  keys: { failedTemplate: false },
  params: ['errorMessage', 'errorPattern'],
  toleratesFailure: true,
  validate(input) {
    const message = stringParam(input, 'errorMessage');
    const pattern = stringParam(input, 'errorPattern');
    const fail = (expected: string, actual: string, msg: string): AssertionFailure[] => [{ template: input.template, expected, actual, message: msg }];
    if (message && pattern)
      return fail('errorMessage or errorPattern', show(input.params), "single attribute 'errorMessage' or 'errorPattern' supported at the same time");
    if (!input.renderFailed) return input.negative ? [] : fail('the render to fail', 'the render succeeded', 'expected the render to fail');
    if (input.negative) return fail('the render to succeed', 'the render failed', 'expected the render not to fail');
    const expected = message ? show(message) : pattern ? `/${pattern}/` : 'any error';
    const check = (actual: string): boolean => (message ? actual === message : pattern ? goRegex(pattern).test(actual) : true);
    if (input.renderError !== undefined)
      return check(input.renderError) ? [] : fail(expected, show(input.renderError), `expected the render error to ${message ? 'equal' : 'match'} ${expected}`);
    const raws = input.docs.map((d) => (isMapValue(d) && typeof d.raw === 'string' ? d.raw : undefined));
    if (raws.length === 0 || raws.some((r) => r === undefined)) return fail(expected, 'No failed document', `expected ${input.template} to fail`);
    const bad = raws.find((r) => !check(r!));
    return bad === undefined ? [] : fail(expected, show(bad), `expected the failure message to ${message ? 'equal' : 'match'} ${expected}`);
  },
};

export const notFailedTemplate: AssertionDef = {
  keys: { notFailedTemplate: false },
  params: [],
  validate(input) {
    return input.renderFailed === input.negative
      ? []
      : [
          {
            template: input.template,
            expected: input.negative ? 'the render to fail' : 'the render to succeed',
            actual: input.renderFailed ? 'the render failed' : 'the render succeeded',
            message: input.negative ? 'expected the render to fail' : 'expected the render not to fail',
          },
        ];
  },
};
