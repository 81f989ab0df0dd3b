import { describe, expect, it } from 'vitest';
import { pdfDocumentText } from '../platform/pdf-document.ts';
import { buildCpdProfile } from './cpd-profile.ts';
import type { CpdEntryResponse } from './cpd-schema.ts';

const owner = { staffId: 's', name: 'Ann Ames', role: 'registered-therapist' as const, teamId: 't', profession: 'OT', band: '6', active: true };
const entry = (id: string, o: Partial<CpdEntryResponse>): CpdEntryResponse => ({
  id, version: 1, staffId: 's', activity: 'Falls study day', doneOn: '2026-10-14', hours: 6.5, kind: 'formal', kindLabel: 'Formal or educational',
  learned: 'The FRAT', practiceChange: 'I screen for falls on the first visit', reflection: 'Ask about night-time', hcpcStandards: [1, 3, 4], createdAt: '', updatedAt: '', ...o,
});

describe('the CPD profile HCPC asks for', () => {
  it('has the summary of practice, the activities of the two years, and a statement for each standard with its evidence', () => {
    const profile = buildCpdProfile({
      owner,
      today: '2026-11-24',
      summaryOfPractice: 'I work in a community rehabilitation team.',
      entries: [entry('a', {}), entry('b', { activity: 'Journal club', doneOn: '2026-03-02', hours: 1, kind: 'professional', kindLabel: 'Professional activity', hcpcStandards: [2] }), entry('old', { activity: 'Too old', doneOn: '2024-11-23' })],
    });
    const text = pdfDocumentText(profile.document);
    expect(profile.document.title).toBe('CPD profile: Ann Ames');
    expect(profile.filename).toBe('cpd-profile-Ann-Ames-2026-11-24.pdf');
    for (const words of [
      'Profession: Occupational therapist',
      'Period: 24 November 2024 to 24 November 2026',
      'CPD activities: 2, 7.5 hours in all',
      'I work in a community rehabilitation team.',
      '• 2 March 2026: Journal club (Professional activity, 1 hour; standards 2)',
      '• 14 October 2026: Falls study day (Formal or educational, 6.5 hours; standards 1, 3, 4)',
      'My CPD is a mixture of learning activities: professional activity (1), formal or educational (1).',
      '• Falls study day (14 October 2026): I screen for falls on the first visit',
      'What I learned: The FRAT',
    ]) expect(text).toContain(words);
    expect(text).not.toContain('Too old');
    expect(text).not.toContain('Before you send it');
  });

  it('asks for a summary of practice when none is written, and lists what an auditor would ask about', () => {
    const text = pdfDocumentText(buildCpdProfile({ owner, today: '2026-11-24', summaryOfPractice: '  ', entries: [] }).document);
    expect(text).toContain('Not written yet. Describe your role');
    expect(text).toContain('Before you send it');
    expect(text).toContain('No CPD is logged in the last 2 years');
  });
});
