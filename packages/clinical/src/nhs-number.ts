// NHS numbers: ten digits, the last a modulus 11 check digit over the first nine.

/** Removes the spaces and hyphens people type or paste, so "943 476 5919" and "943-476-5919" match. */
export function normaliseNhsNumber(input: string): string {
  return input.trim().replace(/[\s-]/g, '');
}

/** The check digit for nine digits, or null when the modulus 11 result is 10 (no valid number exists). */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (firstNine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsNumberCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48;
}

/** Displays as 3 3 4, the way it is printed on NHS letters: "943 476 5919". */
export function formatNhsNumber(digits: string): string {
  const d = normaliseNhsNumber(digits);
  if (!/^\d{10}$/.test(d)) return digits;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** The NHS.UK-style error message for what was typed, or null when it is a valid NHS number. */
export function nhsNumberError(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return 'Enter an NHS number';
  // Hyphens are tolerated silently (pasted from other systems), so the message only mentions spaces.
  if (!/^[\d\s-]+$/.test(trimmed)) return 'NHS number must only include numbers 0 to 9 and spaces';
  const digits = normaliseNhsNumber(trimmed);
  if (digits.length !== 10) return 'NHS number must be 10 digits';
  if (!isValidNhsNumber(digits)) return 'Enter a valid NHS number';
  return null;
}

/** 999 numbers are never issued to real patients, so synthetic data cannot collide with a real person. */
export function isTestRangeNhsNumber(digits: string): boolean {
  return /^999\d{7}$/.test(normaliseNhsNumber(digits));
}

/** A random valid NHS number in the 999 test range; `next` returns a float in [0, 1) like Math.random. */
export function generateTestNhsNumber(next: () => number): string {
  for (;;) {
    const body = Math.min(999_999, Math.floor(next() * 1_000_000));
    const firstNine = `999${String(body).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}
