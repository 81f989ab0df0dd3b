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
    // In summer a UK day runs from 23:00 UTC the day before: a visit at 00:30 on 1 July is 1 July's.
    ['date=2026-07-01', '2026-06-30T23:30:00Z', true],
    ['date=2026-07-01', '2026-07-01T23:30:00Z', false],
    ['date=lt2026-07-01', '2026-06-30T23:30:00Z', false],
    ['date=gt2026-07-01', '2026-07-01T23:00:00Z', true],
    ['date=2026-07', '2026-06-30T23:00:00Z', true],
    ['date=2026-07', '2026-07-31T23:00:00Z', false],
    // The months the clocks change: March ends at 23:00 UTC (BST), October's 25th is 25 hours long.
    ['date=2026-03', '2026-03-31T22:59:59Z', true],
    ['date=2026-03', '2026-03-31T23:00:00Z', false],
    ['date=2026-10-25', '2026-10-25T23:59:59Z', true],
    ['date=2026-10-25', '2026-10-24T23:00:00Z', true],
    ['date=2026-10-25', '2026-10-24T22:59:59Z', false],
    ['date=2026', '2026-12-31T23:59:59Z', true],
    // A time without a zone is UK time (10:30 BST is 09:30 UTC); with one, as given.
    ['date=2026-07-01T10:30', '2026-07-01T09:30:00Z', true],
    ['date=2026-07-01T10:30', '2026-07-01T10:30:00Z', false],
    ['date=2026-07-01T10:30:00%2B01:00', '2026-07-01T09:30:00Z', true],
    // A time to the minute covers that minute; to the second, that second.
    ['date=2026-07-01T10:30', '2026-07-01T09:30:59Z', true],
    ['date=2026-07-01T10:30', '2026-07-01T09:31:00Z', false],
    ['date=2026-07-01T10:30:15', '2026-07-01T09:30:15Z', true],
    ['date=2026-07-01T10:30:15', '2026-07-01T09:30:14Z', false],
    ['date=2026-12-05T10:30Z', '2026-12-05T10:30:45Z', true],
    // Every prefix at its edges: ne, ge, and FHIR's ap (as eq), sa (as gt) and eb (as lt).
    ['date=ne2026', '2026-01-01T00:00:00Z', false],
    ['date=ne2026', '2027-01-01T00:00:00Z', true],
    ['date=ge2026-12-05', '2026-12-04T23:59:59Z', false],
    ['date=le2026-12-05', '2026-12-05T23:59:59Z', true],
    ['date=ap2026-12-05', '2026-12-05T12:00:00Z', true],
    ['date=ap2026-12-05', '2026-12-06T00:00:00Z', false],
    ['date=sa2026-12-05', '2026-12-06T00:00:00Z', true],
    ['date=sa2026-12-05', '2026-12-05T23:59:59Z', false],
    ['date=eb2026-12-05', '2026-12-04T23:59:59Z', true],
    ['date=eb2026-12-05', '2026-12-05T00:00:00Z', false],
    ['date=2026-01', '2026-01-15T00:00:00Z', true],
    ['date=2026-12-05T23:59:59Z', '2026-12-05T23:59:59Z', true],
    ['date=2026-12-05T10:30:00.123Z', '2026-12-05T10:30:00Z', true],
  ])('%s matches %s: %s', (query, at, expected) => {
    expect(matchesDates(new Date(at), dateParams(q(query), 'date'))).toBe(expected);
  });

  it('matches a day (yyyy-mm-dd) as that day, and nothing when there is no date', () => {
    expect(matchesDates('2026-12-05', dateParams(q('date=2026-12-05'), 'date'))).toBe(true);
    expect(matchesDates('2026-07-01', dateParams(q('date=2026-07-01'), 'date'))).toBe(true);
    expect(matchesDates('2026-07-01', dateParams(q('date=lt2026-07-01'), 'date'))).toBe(false);
    expect(matchesDates('2026-07-01', dateParams(q('date=gt2026-06-30'), 'date'))).toBe(true);
    expect(matchesDates('2026-07-02', dateParams(q('date=2026-07-01'), 'date'))).toBe(false);
    expect(matchesDates(null, dateParams(q('date=2026-12-05'), 'date'))).toBe(false);
    expect(matchesDates(null, [])).toBe(true);
  });

  it.each(['date=2026-13-01', 'date=2026-02-30', 'date=2027-02-29', 'date=2026-00', 'date=2026-12-00', 'date=2026-12-05T24:00', 'date=2026-12-05T10:60', 'date=2026-12-05T10:30:60Z', 'date=2026-12-05T10:30%2B25:00'])('refuses %s as not a real date', (query) => {
    expect(() => dateParams(q(query), 'date')).toThrow('The search parameter date is not a real date');
  });

  it('says what a date looks like when it is not one', () => {
    expect(() => dateParams(q('date=05/12/2026'), 'date')).toThrow('The search parameter date must be a date such as 2026-12-05, with a prefix if needed (ge2026-12-05)');
  });

  it('keeps the value without its prefix', () => {
    expect(dateParams(q('date=ge2026-12-05&date=2026-12-06'), 'date').map((d) => [d.prefix, d.value])).toEqual([['ge', '2026-12-05'], ['eq', '2026-12-06']]);
  });

  it.each(['date=05/12/2026', 'date=2026-13-01', 'date=xx2026', 'date=2026-02-30', 'date=2027-02-29', 'date=2026-00', 'date=2026-12-05T24:00', 'date=2026-12-05T10:60Z', 'date=2026-03-29T01:30'])('refuses %s naming the parameter', (query) => {
    let refused: unknown = null;
    try {
      dateParams(q(query), 'date');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HomewardError);
    expect((refused as HomewardError).fields[0]?.path).toBe('date');
  });

  it('takes 29 February in a leap year, and says a time the clocks skipped did not happen in the UK', () => {
    expect(dateParams(q('date=2028-02-29'), 'date')[0]!.start.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    // A date of birth in the war years' double summer time (UTC+2) is still a day.
    expect(dateParams(q('birthdate=1941-05-17'), 'birthdate')[0]!.start.toISOString()).toBe('1941-05-16T22:00:00.000Z');
    try {
      dateParams(q('date=ge2026-03-29T01:30'), 'date');
      expect.unreachable();
    } catch (error) {
      expect((error as HomewardError).fields[0]?.message).toContain('did not happen in the UK');
    }
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
