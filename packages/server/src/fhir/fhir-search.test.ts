// FHIR search parameter reading (R4 "Search"): the date prefixes as the ranges they cover, tokens,
// references; a bad value is a 400 naming the parameter.
import { describe, expect, it } from 'vitest';
import { HomewardError } from '../platform/homeward-error.ts';
import { dateParams, matchesDates, referenceParam, tokenParam } from './fhir-search.ts';

const q = (s: string) => new URLSearchParams(s);

describe('FHIR search parameters', () => {
  it.each([
    ['date=2026-12-05', '2026-12-05T00:00:00Z', true],
    ['date=2026-12-05', '2026-12-05T23:59:59Z', true],
    ['date=2026-12-05', '2026-12-06T00:00:00Z', false],
    ['date=ge2026-12-05', '2026-12-05T00:00:00Z', true],
    ['date=gt2026-12-05', '2026-12-05T12:00:00Z', false],
    ['date=gt2026-12-05', '2026-12-06T00:00:00Z', true],
    ['date=lt2026-12-05', '2026-12-04T23:59:59Z', true],
    ['date=lt2026-12-05', '2026-12-05T00:00:00Z', false],
    ['date=le2026-12', '2026-12-31T23:00:00Z', true],
    ['date=le2026-12', '2027-01-01T00:00:00Z', false],
    ['date=ne2026', '2026-06-01T00:00:00Z', false],
    ['date=ne2026', '2025-12-31T23:59:59Z', true],
    ['date=ge2026-12-01&date=lt2026-12-08', '2026-12-07T10:00:00Z', true],
    ['date=ge2026-12-01&date=lt2026-12-08', '2026-12-08T10:00:00Z', false],
    ['date=2026-12-05T10:30:00Z', '2026-12-05T10:30:00Z', true],
    ['date=2026-12-05T10:30:00Z', '2026-12-05T10:30:01Z', false],
  ])('%s matches %s: %s', (query, at, expected) => {
    expect(matchesDates(new Date(at), dateParams(q(query), 'date'))).toBe(expected);
  });

  it('matches a day (yyyy-mm-dd) as that day, and nothing when there is no date', () => {
    expect(matchesDates('2026-12-05', dateParams(q('date=2026-12-05'), 'date'))).toBe(true);
    expect(matchesDates(null, dateParams(q('date=2026-12-05'), 'date'))).toBe(false);
    expect(matchesDates(null, [])).toBe(true);
  });

  it.each(['date=05/12/2026', 'date=2026-13-01', 'date=xx2026', 'date=2026-02-30'])('refuses %s naming the parameter', (query) => {
    let refused: unknown = null;
    try {
      dateParams(q(query), 'date');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HomewardError);
    expect((refused as HomewardError).fields[0]?.path).toBe('date');
  });

  it('reads tokens with and without a system', () => {
    expect(tokenParam(q('identifier=9434765919'), 'identifier')).toEqual({ system: undefined, code: '9434765919' });
    expect(tokenParam(q('identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919'), 'identifier')).toEqual({ system: 'https://fhir.nhs.uk/Id/nhs-number', code: '9434765919' });
    expect(tokenParam(q('identifier=|abc'), 'identifier')).toEqual({ system: null, code: 'abc' });
    expect(tokenParam(q('other=1'), 'identifier')).toBeNull();
  });

  it('reads references as Homeward ids, and one that names no Homeward id as matching nothing', () => {
    const id = '0190d7b4-0000-7000-8000-000000000000';
    expect(referenceParam(q(`patient=Patient/${id}`), 'patient', 'Patient')).toEqual({ id });
    expect(referenceParam(q(`patient=${id.toUpperCase()}`), 'patient', 'Patient')).toEqual({ id });
    expect(referenceParam(q(`patient=https://x.example/fhir/R4/Patient/${id}`), 'patient', 'Patient')).toEqual({ id });
    expect(referenceParam(q('patient=not-an-id'), 'patient', 'Patient')).toEqual({ id: null });
    expect(() => referenceParam(q(`patient=Practitioner/${id}`), 'patient', 'Patient')).toThrow(HomewardError);
  });
});
