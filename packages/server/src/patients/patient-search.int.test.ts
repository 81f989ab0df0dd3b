// Finding a patient by part of a name (issue 11, item 5), on both databases: the start of the family
// name, a given name, both in any order; accents, hyphens and apostrophes ignored; family names that
// sound alike; narrowed by date or year of birth and postcode; each result saying why it matched; and
// outside a relationship, no more shown (the why included) than the access rules allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

type Found = { id: string; access: 'full' | 'find-only'; givenName: string; familyName: string; matchedBecause: string[]; postcode?: string; postcodeDistrict: string | null };

describe('finding a patient by part of a name', () => {
  let t: TestApp;
  let therapist: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const teamB = await t.signIn(t.service.otherTeamTherapist);
    const register = async (client: TestClient, key: string, o: Record<string, unknown>) => {
      const res = await client.post('/api/patients', patientDetails(o));
      if (res.statusCode !== 201) throw new Error(res.body);
      ids[key] = res.json().id;
    };
    await register(therapist, 'zoe', { nhsNumber: '9434765919', givenName: 'Zoë', familyName: 'O’Brien-Smith', dateOfBirth: '1950-03-04', postcode: 'ST6 3HR' });
    await register(therapist, 'betty', { nhsNumber: '9434765870', givenName: 'Betty', familyName: 'Bloor', dateOfBirth: '1941-05-17', postcode: 'ST4 6QG' });
    await register(therapist, 'bertie', { nhsNumber: '4010232137', givenName: 'Bertie', familyName: 'Blore', dateOfBirth: '1941-09-01', postcode: 'ST6 1DT' });
    await register(therapist, 'john', { nhsNumber: '9990000018', givenName: 'John', familyName: 'Smyth', dateOfBirth: '1938-01-01', postcode: 'ST6 3HR' });
    // Registered by the other team: team A has no relationship with her.
    await register(teamB, 'mary', { nhsNumber: '9990000026', givenName: 'Mary', familyName: 'Smith', dateOfBirth: '1944-02-02', postcode: 'ST6 3HR' });
  });
  afterAll(() => t.close());

  const search = async (query: Record<string, string>, client = therapist): Promise<Found[]> => {
    const res = await client.get(`/api/patients?${new URLSearchParams(query)}`);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().results;
  };
  const names = (found: Found[]) => found.map((f) => `${f.givenName} ${f.familyName}`);
  const why = (found: Found[], key: string) => found.find((f) => f.id === ids[key])?.matchedBecause;

  it('finds by the start of the family name, whatever its case', async () => {
    const found = await search({ name: 'BLO' });
    expect(names(found)).toEqual(['Betty Bloor', 'Bertie Blore']);
    expect(why(found, 'betty')).toEqual(['family name starts “blo”']);
  });

  it('finds by a given name and a family name together, in either order', async () => {
    for (const name of ['betty bloor', 'bloor betty', 'bet blo']) expect(names(await search({ name })), name).toEqual(['Betty Bloor']);
    expect(why(await search({ name: 'betty bl' }), 'betty')).toEqual(['given name “betty”', 'family name starts “bl”']);
  });

  it('ignores accents, hyphens and apostrophes', async () => {
    for (const name of ['zoe', 'ZOË', 'obrien', 'o’brien', "o'brien-smith", 'obriensmith', 'brien', 'zoe smith']) {
      expect(names(await search({ name })), name).toContain('Zoë O’Brien-Smith');
    }
    expect(why(await search({ name: 'zoe obrien' }), 'zoe')).toEqual(['given name “zoe”', 'family name starts “obrien”']);
  });

  it('finds family names that sound alike, after the ones that match exactly, and says so', async () => {
    const found = await search({ name: 'bloor' });
    expect(names(found)).toEqual(['Betty Bloor', 'Bertie Blore']);
    expect(why(found, 'bertie')).toEqual(['family name sounds like “bloor”']);
    const smith = await search({ name: 'smith' });
    expect(names(smith).slice(0, 2).sort()).toEqual(['Mary Smith', 'Zoë O’Brien-Smith']);
    expect(names(smith)).toContain('John Smyth');
    expect(why(smith, 'john')).toEqual(['family name sounds like “smith”']);
    // Nothing alike: nobody.
    expect(await search({ name: 'qwerty' })).toEqual([]);
  });

  it('narrows by date of birth, by year of birth and by postcode or its district, and says so', async () => {
    expect(names(await search({ name: 'bl', dateOfBirth: '1941-05-17' }))).toEqual(['Betty Bloor']);
    const year = await search({ name: 'bl', yearOfBirth: '1941' });
    expect(names(year)).toEqual(['Betty Bloor', 'Bertie Blore']);
    expect(why(year, 'bertie')).toEqual(['family name starts “bl”', 'born in 1941']);
    expect(names(await search({ name: 'bl', postcode: 'st6' }))).toEqual(['Bertie Blore']);
    const whole = await search({ name: 'bl', postcode: 'st4 6qg' });
    expect(names(whole)).toEqual(['Betty Bloor']);
    expect(why(whole, 'betty')).toEqual(['family name starts “bl”', 'postcode ST4 6QG']);
  });

  it('outside a relationship shows only what tells people apart, and the reason names the postcode district only', async () => {
    const found = await search({ name: 'smith', postcode: 'ST6 3HR' });
    const mary = found.find((f) => f.id === ids.mary)!;
    expect(mary.access).toBe('find-only');
    expect(mary).not.toHaveProperty('postcode');
    expect(mary).not.toHaveProperty('addressLine1');
    expect(mary.matchedBecause).toEqual(['family name “smith”', 'postcode district ST6']);
    const zoe = found.find((f) => f.id === ids.zoe)!;
    expect(zoe.access).toBe('full');
    expect(zoe.matchedBecause).toContain('postcode ST6 3HR');
  });

  it('audits the search with the patients it returned', async () => {
    await search({ name: 'zoe' });
    const event = await t.db.selectFrom('audit_events').select(['action', 'detail']).where('staff_id', '=', therapist.staff.id).where('action', '=', 'search').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ by: 'name', results: 1, patientIds: [ids.zoe] });
  });

  it('refuses too short a name and a postcode that is neither a postcode nor a district, with the field at fault', async () => {
    const short = await therapist.get('/api/patients?name=b');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([{ path: 'querystring.name', message: 'Enter at least 2 letters of the patient’s name' }]);
    const postcode = await therapist.get('/api/patients?name=bl&postcode=XX');
    expect(postcode.statusCode).toBe(400);
    expect(postcode.json().error.fields[0].path).toBe('querystring.postcode');
    // Characters that mean something to LIKE are not letters: they match nothing, and alone are no name.
    expect((await therapist.get('/api/patients?name=%25%25')).statusCode).toBe(400);
    expect(names(await search({ name: 'b%r_' }))).toEqual([]);
    expect(names(await search({ name: 'bl%' }))).toEqual(['Betty Bloor', 'Bertie Blore']);
  });

  describe('the page', () => {
    it('finds by part of a name, with the year alone, and shows why each result matched', async () => {
      const page = await therapist.get('/patients/search?by=name&name=bl&dateOfBirth-day=&dateOfBirth-month=&dateOfBirth-year=1941');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('2 patients found');
      expect(page.body).toContain('Matched on: family name starts “bl”, born in 1941');
    });

    it('shows a result outside a relationship with its postcode district and the way to emergency access', async () => {
      const page = await therapist.get('/patients/search?by=name&name=mary+smith');
      expect(page.body).toContain('Not your team');
      expect(page.body).toContain('Postcode district ST6');
      expect(page.body).not.toContain('12 Waterloo Road');
      expect(page.body).toContain(`href="/patients/${ids.mary}/break-glass"`);
    });

    it('reports every problem at once: no name and an impossible date', async () => {
      const page = await therapist.get('/patients/search?by=name&name=&dateOfBirth-day=31&dateOfBirth-month=2&dateOfBirth-year=1950');
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('href="#name"');
      expect(page.body).toContain('href="#dateOfBirth-day"');
    });
  });
});
