import { describe, expect, it } from 'vitest';
import { flattenValidationErrors, formDataToObject } from './form-data';

describe('formDataToObject', () => {
  it('nests dotted names', () => {
    const fd = new FormData();
    fd.set('workspaceId', 'w1');
    fd.set('benchmarks.ctrByCategory.newsletter.low', '2');
    fd.set('benchmarks.ctrByCategory.newsletter.high', '3');
    expect(formDataToObject(fd)).toEqual({ workspaceId: 'w1', benchmarks: { ctrByCategory: { newsletter: { low: '2', high: '3' } } } });
  });

  it('refuses prototype pollution', () => {
    const fd = new FormData();
    fd.set('__proto__.polluted', 'yes');
    formDataToObject(fd);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('flattenValidationErrors', () => {
  it('turns the formatted shape into dotted paths', () => {
    const errors = { _errors: ['top'], name: { _errors: ['validation.required'] }, benchmarks: { regular: { ctr: { high: { _errors: ['validation.lowAboveHigh'] } } } } };
    expect(flattenValidationErrors(errors)).toEqual({
      _form: 'top',
      name: 'validation.required',
      'benchmarks.regular.ctr.high': 'validation.lowAboveHigh',
    });
  });
});
