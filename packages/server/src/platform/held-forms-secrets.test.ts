// A form held when its session ended keeps what was typed, but never a secret: the check-out and
// duress codes of lone working, a password, the CSRF token.
import { describe, expect, it } from 'vitest';
import { isSecretField } from './held-forms.ts';

describe('fields never held for later', () => {
  it.each(['_csrf', 'code', 'checkOutCode', 'checkOutCodeAgain', 'duressCode', 'duressCodeAgain', 'password', 'newPassword', 'currentPassword'])('%s is a secret', (name) => {
    expect(isSecretField(name)).toBe(true);
  });
  it.each(['body', 'note', 'formId', 'version', 'outcome', 'postcode', 'codeOfPractice', 'minutes'])('%s is kept', (name) => {
    expect(isSecretField(name)).toBe(false);
  });
});
