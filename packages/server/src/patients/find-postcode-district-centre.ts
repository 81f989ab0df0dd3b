// The centre of a postcode district (ST4, SW1A), from a postcodes.io-compatible service the Trust
// configures (HOMEWARD_POSTCODES_URL): a starting point for placing a patient on the map, which a
// clinician then checks. Only the district is sent, never the full postcode or anything else about
// the patient. https://postcodes.io/docs/outcode/lookup
import { z } from 'zod';
import { postcodeDistrict } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import type { PatientLocation } from './check-patient-location.ts';

const outcodeAnswer = z.object({
  result: z.object({ outcode: z.string(), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
});

export type FindPostcodeDistrictCentreOptions = {
  /** The service's root, e.g. https://api.postcodes.io */
  baseUrl: string;
  /** The patient's postcode; only its district is asked for. */
  postcode: string;
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
};

export type PostcodeDistrictCentre = PatientLocation & { district: string };

/** The district's centre; a HomewardError the page can show when there is none or the service fails. */
export async function findPostcodeDistrictCentre(o: FindPostcodeDistrictCentreOptions): Promise<PostcodeDistrictCentre> {
  const district = postcodeDistrict(o.postcode);
  if (!district) throw new HomewardError('validation_failed', 'The patient’s postcode has no district to look up: enter the latitude and longitude');
  const unavailable = () =>
    new HomewardError('lookup_unavailable', 'The postcode service is not answering: enter the latitude and longitude, or try again later');
  let response: Response;
  try {
    response = await (o.fetch ?? globalThis.fetch)(`${o.baseUrl.replace(/\/+$/, '')}/outcodes/${encodeURIComponent(district)}`, {
      signal: AbortSignal.timeout(o.timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch {
    throw unavailable();
  }
  if (response.status === 404) {
    throw new HomewardError('validation_failed', `The postcode service does not know the district ${district}: enter the latitude and longitude`);
  }
  if (!response.ok) throw unavailable();
  let parsed;
  try {
    parsed = outcodeAnswer.safeParse(await response.json());
  } catch {
    throw unavailable();
  }
  if (!parsed.success) throw unavailable();
  return { district, latitude: parsed.data.result.latitude, longitude: parsed.data.result.longitude };
}
