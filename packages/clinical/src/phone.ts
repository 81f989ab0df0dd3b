// UK phone numbers, stored as national digits ("01632960001") so they can be compared and dialled.

/** Digits only, +44 turned into 0; null unless it is 10 or 11 digits starting with 0. */
export function normaliseUkPhone(input: string): string | null {
  let compact = input.trim().replace(/[\s\-().]/g, '');
  // "+44 (0)1632 ..." is common on letterheads: drop the redundant 0 after the country code.
  if (compact.startsWith('+44')) compact = `0${compact.slice(3).replace(/^0/, '')}`;
  else if (compact.startsWith('0044')) compact = `0${compact.slice(4).replace(/^0/, '')}`;
  if (!/^0\d{9,10}$/.test(compact)) return null;
  return compact;
}

/** Groups digits the way Ofcom number plans are read: "020 7946 0000", "0121 496 0000", "01632 960001". */
export function formatUkPhone(digits: string): string {
  if (!/^0\d{9,10}$/.test(digits)) return digits;
  if (digits.length === 10) return `${digits.slice(0, 5)} ${digits.slice(5)}`;
  if (digits.startsWith('02')) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (/^(01\d1|011\d|03|08|09)/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  return `${digits.slice(0, 5)} ${digits.slice(5)}`;
}

function midSentence(label: string): string {
  if (/^[A-Z]{2}/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The error message, or null; an empty optional field is not an error. */
export function phoneError(input: string, label: string, options: { required?: boolean } = {}): string | null {
  const required = options.required ?? true;
  if (input.trim() === '') return required ? `Enter ${midSentence(label)}` : null;
  if (normaliseUkPhone(input) === null) {
    return `Enter ${midSentence(label)} in the correct format, like 01632 960 001 or 07700 900 982`;
  }
  return null;
}
