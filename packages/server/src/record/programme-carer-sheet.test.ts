import { describe, expect, it } from 'vitest';
import { pdfDocumentText } from '../platform/pdf-document.ts';
import { buildCarerSheet, currentActivities, defaultPrintSize } from './programme-carer-sheet.ts';
import type { ActivityResponse } from './programme-schema.ts';

const activity = (o: Partial<ActivityResponse>): ActivityResponse =>
  ({
    id: 'a1',
    title: 'Sit-to-stand practice',
    instructions: 'Stand up slowly from a firm chair, 10 times.',
    frequency: 'every day',
    status: 'active',
    startsOn: '2026-11-24',
    endsOn: null,
    competence: 'sit-to-stand-exercise',
    competenceLabel: 'Sit-to-stand and lower-limb exercise programme',
    kindLabel: 'Exercise',
    deliverer: { kind: 'carer', staffId: null, staffRole: null, name: 'Sarah (daughter)', description: 'Sarah (daughter), carer' },
    ...o,
  }) as ActivityResponse;
const patient = { givenName: 'Betty', familyName: 'Bloor', nhsNumber: '9434765919', communicationNeeds: { needs: ['large-print'] } };

describe('the carer’s sheet', () => {
  it('defaults to large print when the patient needs it', () => {
    expect(defaultPrintSize(patient)).toBe('large');
    expect(defaultPrintSize({ communicationNeeds: { needs: ['hearing'] } })).toBe('standard');
  });

  it('lists only active activities that have not ended', () => {
    const list = [activity({ id: 'on' }), activity({ id: 'ended', endsOn: '2026-11-29' }), activity({ id: 'stopped', status: 'stopped' }), activity({ id: 'last-day', endsOn: '2026-11-30' })];
    expect(currentActivities(list, '2026-11-30').map((a) => a.id)).toEqual(['on', 'last-day']);
  });

  it('says what to do, how often and who helps, in plain words and without the team’s labels', () => {
    const doc = buildCarerSheet({ patient, activities: [activity({ endsOn: '2027-01-05' }), activity({ title: 'Kitchen practice', frequency: 'twice a week', startsOn: '2026-12-01', deliverer: { kind: 'staff', staffId: 's', staffRole: 'support-worker', name: 'Jo Smith', description: 'Jo Smith (Therapy support worker)' } })], team: { name: 'North Staffs Therapies', baseLocation: 'Haywood Hospital', phone: '01632 960100' }, therapistName: 'Priya Shah', printSize: 'large', today: '2026-11-30' });
    const text = pdfDocumentText(doc);
    expect(doc.title).toBe('Your exercises and activities');
    expect(doc.header).toBe('Betty Bloor · NHS number 943 476 5919');
    expect(text).toContain('How often: every day');
    expect(text).toContain('Who helps: Sarah (daughter) helps you.');
    expect(text).toContain('Keep going until: 5 January 2027');
    expect(text).toContain('Who helps: Jo Smith, from the therapy team, helps you.');
    expect(text).toContain('Start on: 1 December 2026');
    expect(text).toContain('call North Staffs Therapies on 01632\u00a0960100 and ask for Priya Shah.');
    const noPhone = pdfDocumentText(buildCarerSheet({ patient, activities: [activity({})], team: { name: 'North Staffs Therapies', baseLocation: 'Haywood Hospital', phone: null }, therapistName: null, printSize: 'standard', today: '2026-11-30' }));
    expect(noPhone).toContain('call North Staffs Therapies at Haywood Hospital.');
    expect(text).not.toMatch(/competence|Exercise\b|support worker|lower-limb/);
  });
});
