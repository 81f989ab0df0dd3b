// Where a patient is on the map: the rules shared by the placement page and the API. Homeward serves
// UK teams, so a point outside the UK and its islands is a slip (latitude and longitude swapped, a
// minus sign lost) rather than a patient: it is refused with words that say which.
import type { FieldError } from '../platform/homeward-error.ts';

export type PatientLocation = { latitude: number; longitude: number };

/** Mainland UK, Northern Ireland, the Scillies, the Channel Islands and Shetland, with a margin. */
const uk = { south: 49.0, north: 61.0, west: -8.7, east: 1.9 };

/** The location rounded to 6 decimal places (10 cm: more than an address needs), or every problem found. */
export function checkPatientLocation(input: { latitude: string | number; longitude: string | number }): { ok: true; location: PatientLocation } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const latitude = asNumber(input.latitude);
  const longitude = asNumber(input.longitude);
  if (latitude === null) fields.push({ path: 'latitude', message: 'Enter the latitude as a number, like 53.0246' });
  else if (latitude < uk.south || latitude > uk.north) {
    fields.push({
      path: 'latitude',
      message: latitude < 0 && latitude >= -9 ? 'Latitude must be between 49 and 61 in the UK: this looks like a longitude' : 'Latitude must be between 49 and 61 in the UK, like 53.0246',
    });
  }
  if (longitude === null) fields.push({ path: 'longitude', message: 'Enter the longitude as a number, like -2.1754 (west of Greenwich is minus)' });
  else if (longitude < uk.west || longitude > uk.east) {
    fields.push({
      path: 'longitude',
      message: longitude >= 49 && longitude <= 61 ? 'Longitude must be between -8.7 and 1.9 in the UK: this looks like a latitude' : 'Longitude must be between -8.7 and 1.9 in the UK, like -2.1754 (west of Greenwich is minus)',
    });
  }
  if (fields.length || latitude === null || longitude === null) return { ok: false, fields };
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  return { ok: true, location: { latitude: round6(latitude), longitude: round6(longitude) } };
}

function asNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // A comma as the decimal mark (typed on a phone set to another locale) is read as a point.
  const text = value.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2').replace(/^\u2212/, '-');
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(text)) return null;
  return Number(text);
}
