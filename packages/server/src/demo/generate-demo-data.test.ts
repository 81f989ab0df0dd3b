import { describe, it, expect } from 'vitest';
import {
  ageOn,
  homewardRoles,
  isTestRangeNhsNumber,
  isValidNhsNumber,
  normalisePostcode,
  normaliseUkPhone,
  postcodeDistrict,
} from '@homeward/clinical';
import {
  demoGpPractices,
  demoPassword,
  demoPlaces,
  demoReferenceDate,
  generateDemoTeam,
  generatePatient,
  generatePatients,
  iteratePatients,
  maxTestNhsNumbers,
  testNhsNumberForIndex,
} from './generate-demo-data.ts';
import { checkStaffDetails } from '../staff/public.ts';
import { createRandom, deriveSeed } from './seeded-random.ts';

const teamIds = ['team-north', 'team-south'];

describe('createRandom', () => {
  it('is deterministic and within [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('differs between seeds and is roughly uniform', () => {
    expect(createRandom(1)()).not.toBe(createRandom(2)());
    const random = createRandom(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(random() * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(9_500);
  });

  it('derives distinct seeds per index', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 10_000; i++) seeds.add(deriveSeed(1, i));
    expect(seeds.size).toBe(10_000);
    expect(deriveSeed(1, 5)).not.toBe(deriveSeed(2, 5));
  });
});

describe('testNhsNumberForIndex', () => {
  it.each([0, 1, 8, 9, 1234, 899_999])('gives a valid test number for index %i', (index) => {
    const n = testNhsNumberForIndex(index);
    expect(isValidNhsNumber(n)).toBe(true);
    expect(isTestRangeNhsNumber(n)).toBe(true);
  });

  it.each([-1, maxTestNhsNumbers, 1.5, Number.NaN])('refuses index %s', (index) => {
    expect(() => testNhsNumberForIndex(index)).toThrow(RangeError);
  });

  it('never repeats across the whole range', () => {
    const seen = new Set<string>();
    for (let i = 0; i < maxTestNhsNumbers; i++) seen.add(testNhsNumberForIndex(i));
    expect(seen.size).toBe(maxTestNhsNumbers);
  });
});

describe('generatePatients at scale', () => {
  const count = 200_000;
  const patients = generatePatients({ seed: 2026, count, teamIds });

  // How long this takes is a figure, not a test (a busy machine would turn it red): npm run bench:demo-data.
  it('makes as many as asked', () => {
    expect(patients).toHaveLength(count);
  });

  it('gives every patient a unique, valid, test-range NHS number', () => {
    const numbers = new Set<string>();
    for (const p of patients) {
      if (!isValidNhsNumber(p.nhsNumber) || !isTestRangeNhsNumber(p.nhsNumber)) throw new Error(`bad NHS number ${p.nhsNumber}`);
      numbers.add(p.nhsNumber);
    }
    expect(numbers.size).toBe(count);
  });

  it('gives every patient a valid, normalised Staffordshire postcode', () => {
    const allowed = new Set(demoPlaces.flatMap((place) => place.districts));
    for (const p of patients) {
      if (normalisePostcode(p.postcode) !== p.postcode) throw new Error(`bad postcode ${p.postcode}`);
      if (!allowed.has(postcodeDistrict(p.postcode)!)) throw new Error(`unexpected district ${p.postcode}`);
    }
  });

  it('places everyone inside a Staffordshire bounding box', () => {
    for (const p of patients) {
      const inside = p.latitude! >= 52.4 && p.latitude! <= 53.3 && p.longitude! >= -2.5 && p.longitude! <= -1.5;
      if (!inside) throw new Error(`outside Staffordshire: ${p.latitude}, ${p.longitude}`);
    }
  });

  it('gives ages from 18 to 100 matching the date of birth, mostly 65 and over', () => {
    let older = 0;
    for (const p of patients) {
      const age = ageOn(p.dateOfBirth, demoReferenceDate);
      if (age < 18 || age > 100) throw new Error(`age ${age} for ${p.dateOfBirth}`);
      if (age >= 65) older++;
    }
    expect(older / count).toBeGreaterThan(0.7);
    expect(older / count).toBeLessThan(0.9);
  });

  it('uses only Ofcom drama numbers', () => {
    for (const p of patients) {
      const phones = [p.phone, ...p.contacts.map((c) => c.phone)].filter((x): x is string => x !== null);
      for (const phone of phones) {
        if (normaliseUkPhone(phone) !== phone || !/^(01632960|07700900)\d{3}$/.test(phone)) throw new Error(`bad phone ${phone}`);
      }
    }
  });

  it('uses the made-up GP practices', () => {
    const codes = new Set(demoGpPractices.map((g) => g.code));
    for (const p of patients) if (p.gpPracticeCode !== null && !codes.has(p.gpPracticeCode)) throw new Error(p.gpPracticeCode);
    for (const code of codes) expect(code).toMatch(/^M83\d{3}$/);
  });

  it.each([
    ['live alone', (p: (typeof patients)[number]) => p.livesAlone, 0.27, 0.33],
    ['have a key safe', (p: (typeof patients)[number]) => p.keySafe, 0.37, 0.43],
    ['have a risk flag', (p: (typeof patients)[number]) => p.riskFlags.length > 0, 0.08, 0.12],
    ['have communication needs', (p: (typeof patients)[number]) => p.communicationNeeds.needs.length > 0, 0.08, 0.13],
    ['have access notes', (p: (typeof patients)[number]) => p.accessNotes !== null, 0.1, 0.4],
    ['have a next of kin', (p: (typeof patients)[number]) => p.contacts.some((c) => c.isNextOfKin), 0.4, 0.9],
    ['have a carer', (p: (typeof patients)[number]) => p.contacts.some((c) => c.isCarer), 0.05, 0.3],
    ['have a phone', (p: (typeof patients)[number]) => p.phone !== null, 0.8, 0.95],
    ['are female', (p: (typeof patients)[number]) => p.sex === 'female', 0.5, 0.6],
    ['are registered with the first team', (p: (typeof patients)[number]) => p.registeredTeamId === 'team-north', 0.4, 0.8],
  ])('about the right share %s', (_label, test, min, max) => {
    const share = patients.filter(test).length / count;
    expect(share).toBeGreaterThan(min);
    expect(share).toBeLessThan(max);
  });

  it('registers patients only with the given teams, and each team gets some', () => {
    const used = new Set(patients.map((p) => p.registeredTeamId));
    expect([...used].sort()).toEqual(teamIds);
  });

  it('covers every place', () => {
    const towns = new Set(patients.map((p) => p.addressLine2 ?? p.town));
    for (const place of demoPlaces) expect(towns.has(place.locality ?? place.town)).toBe(true);
  });

  it('keeps interpreter languages with interpreter needs', () => {
    for (const p of patients) {
      const needsInterpreter = p.communicationNeeds.needs.includes('interpreter');
      if (needsInterpreter !== (p.communicationNeeds.interpreterLanguage !== null)) throw new Error(JSON.stringify(p.communicationNeeds));
    }
  });

  it('gives every patient at most one next of kin', () => {
    for (const p of patients) if (p.contacts.filter((c) => c.isNextOfKin).length > 1) throw new Error(JSON.stringify(p.contacts));
  });
});

describe('generatePatients determinism', () => {
  it('gives the same patients for the same seed', () => {
    expect(generatePatients({ seed: 5, count: 500, teamIds })).toEqual(generatePatients({ seed: 5, count: 500, teamIds }));
  });

  it('gives different people for a different seed (but the same NHS numbers by index)', () => {
    const a = generatePatients({ seed: 5, count: 50, teamIds });
    const b = generatePatients({ seed: 6, count: 50, teamIds });
    expect(a.map((p) => `${p.givenName} ${p.familyName} ${p.dateOfBirth}`)).not.toEqual(b.map((p) => `${p.givenName} ${p.familyName} ${p.dateOfBirth}`));
    expect(a.map((p) => p.nhsNumber)).toEqual(b.map((p) => p.nhsNumber));
  });

  it('makes patient i the same whichever batch it is in', () => {
    const whole = generatePatients({ seed: 9, count: 300, teamIds });
    const batch = generatePatients({ seed: 9, count: 100, startIndex: 200, teamIds });
    expect(batch).toEqual(whole.slice(200));
    expect(generatePatient(9, 250, teamIds)).toEqual(whole[250]);
  });

  it('iterates lazily in index order', () => {
    const iterator = iteratePatients({ seed: 9, count: 3, startIndex: 10, teamIds });
    expect(iterator.next().value).toEqual(generatePatient(9, 10, teamIds));
    expect(iterator.next().value).toEqual(generatePatient(9, 11, teamIds));
    expect(iterator.next().value).toEqual(generatePatient(9, 12, teamIds));
    expect(iterator.next().done).toBe(true);
  });

  it('does not depend on the clock', () => {
    const before = generatePatients({ seed: 1, count: 20, teamIds });
    const realNow = Date.now;
    Date.now = () => 0;
    try {
      expect(generatePatients({ seed: 1, count: 20, teamIds })).toEqual(before);
    } finally {
      Date.now = realNow;
    }
  });

  it('registers everyone with the only team when there is one', () => {
    expect(new Set(generatePatients({ seed: 1, count: 200, teamIds: ['only'] }).map((p) => p.registeredTeamId))).toEqual(new Set(['only']));
  });

  it('needs at least one team', () => {
    expect(() => generatePatients({ seed: 1, count: 1, teamIds: [] })).toThrow();
  });
});

describe('generateDemoTeam', () => {
  const { teams, staff } = generateDemoTeam({ seed: 1 });

  it('is deterministic', () => {
    expect(generateDemoTeam({ seed: 1 })).toEqual({ teams, staff });
    expect(generateDemoTeam({ seed: 2 }).staff.map((s) => s.key)).toEqual(staff.map((s) => s.key));
  });

  it('has the two teams', () => {
    expect(teams).toEqual([
      { key: 'north-staffs', name: 'North Staffordshire Community Therapies', baseLocation: 'Haywood Community Hospital, Burslem', phone: '01632 960300' },
      { key: 'stafford', name: 'Stafford and Surrounds Community Therapies', baseLocation: 'Cannock Chase Hospital, Cannock', phone: '01632 960400' },
    ]);
  });

  it('has about 16 in the first team and a handful in the second', () => {
    expect(staff.filter((s) => s.teamKey === 'north-staffs')).toHaveLength(16);
    expect(staff.filter((s) => s.teamKey === 'stafford')).toHaveLength(5);
  });

  it.each(homewardRoles)('includes someone with the role %s', (role) => {
    expect(staff.some((s) => s.homewardRole === role)).toBe(true);
  });

  it.each([
    ['support-worker', ['3'], ['none']],
    ['assistant-practitioner', ['4'], ['none']],
    ['registered-therapist', ['5', '6'], ['OT', 'PT']],
    ['clinical-lead', ['7'], ['OT', 'PT']],
    ['service-manager', ['8a'], ['OT', 'PT']],
  ])('%s is band %j', (role, bands, professions) => {
    for (const s of staff.filter((x) => x.homewardRole === role)) {
      expect(bands).toContain(s.band);
      expect(professions).toContain(s.profession);
    }
  });

  it('has both OTs and PTs among registered therapists', () => {
    const therapists = staff.filter((s) => s.homewardRole === 'registered-therapist');
    expect(therapists.some((s) => s.profession === 'OT')).toBe(true);
    expect(therapists.some((s) => s.profession === 'PT')).toBe(true);
  });

  it('gives everyone a unique key and a unique firstname.lastname@homeward.example email', () => {
    expect(new Set(staff.map((s) => s.key)).size).toBe(staff.length);
    expect(new Set(staff.map((s) => s.email)).size).toBe(staff.length);
    for (const s of staff) expect(s.email).toMatch(/^[a-z]+\.[a-z-]+@homeward\.example$/);
  });

  it('gives each account what the staff admin rules ask: an HCPC number with the register’s prefix (PH for physiotherapists) for OTs and PTs only', () => {
    // The seeder adds the accounts through addStaffAccount, which refuses details checkStaffDetails refuses.
    for (const s of staff) {
      const details = { givenName: s.givenName, familyName: s.familyName, email: s.email, profession: s.profession, registrationNumber: s.registrationNumber, band: s.band, homewardRole: s.homewardRole, teamId: '00000000-0000-7000-8000-000000000000', baseLocation: s.baseLocation, contractedHours: 37.5, active: true };
      expect(checkStaffDetails(details), s.key).toEqual([]);
    }
    expect(staff.filter((s) => s.profession === 'PT').map((s) => s.registrationNumber?.slice(0, 2))).toEqual(staff.filter((s) => s.profession === 'PT').map(() => 'PH'));
    expect(staff.filter((s) => s.profession === 'none').every((s) => s.registrationNumber === null)).toBe(true);
  });

  it('uses the shared demo password and the team base', () => {
    expect(demoPassword).toBe('Homeward-demo-2026');
    for (const s of staff) {
      expect(s.password).toBe(demoPassword);
      expect(s.baseLocation).toBe(teams.find((t) => t.key === s.teamKey)!.baseLocation);
    }
  });
});
