// UK postcodes: validated by format only (we cannot know every real postcode without the PAF).

// The standard UK format: outward A9, A99, AA9, AA99, A9A, AA9A, then inward 9AA; plus GIR 0AA.
// Letters excluded by Royal Mail in each position are excluded here too.
const postcodePattern =
  /^(GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/;

/** Upper case with a single space before the inward code ("st41ab" -> "ST4 1AB"), or null if not a postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!postcodePattern.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The outward code ("ST4 1AB" -> "ST4"): precise enough to find a patient, too coarse to locate them. */
export function postcodeDistrict(postcode: string): string | null {
  const normalised = normalisePostcode(postcode);
  return normalised === null ? null : normalised.split(' ')[0]!;
}

export function postcodeError(input: string): string | null {
  if (input.trim() === '') return 'Enter a postcode';
  if (normalisePostcode(input) === null) return 'Enter a real postcode, like ST4 6QG';
  return null;
}

const outwardCodePattern = /^[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRV-Y])$/;

/** For narrowing a search: a whole postcode (ST6 3HR) or its district, the outward code (ST6). */
export function postcodeOrDistrictError(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (normalisePostcode(compact) !== null || outwardCodePattern.test(compact)) return null;
  return 'Enter a postcode, like ST6 3HR, or its first half, like ST6';
}
