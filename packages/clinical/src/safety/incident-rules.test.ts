import { describe, expect, it } from 'vitest';
import { checkIncidentClosure, checkIncidentReport, checkIncidentTriage, incidentReference, mayHandleIncidents, mayReportIncidents, type IncidentReportInput } from './incident-rules.ts';
import { homewardRoles } from '../staff-roles.ts';

const now = new Date('2026-11-24T09:00:00Z');
const good: IncidentReportInput = {
  kind: 'near-miss', occurredAt: new Date('2026-11-24T08:30:00Z'), locationKind: 'patient-home', location: 'Kitchen',
  category: 'moving-and-handling', whatHappened: 'Hoist sling nearly the wrong size', affected: 'patient', immediateActions: 'Swapped the sling',
  physicalHarm: 'none', psychologicalHarm: 'none',
};
const paths = (input: IncidentReportInput) => {
  const r = checkIncidentReport(input, { now });
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('checkIncidentReport', () => {
  it('accepts a short near miss, trimmed', () => {
    const r = checkIncidentReport({ ...good, location: '  Kitchen ' }, { now });
    expect(r.ok && r.value.location).toBe('Kitchen');
  });
  it.each([
    ['kind', { kind: 'accident' }],
    ['locationKind', { locationKind: 'moon' }],
    ['location', { location: '   ' }],
    ['category', { category: '' }],
    ['whatHappened', { whatHappened: '' }],
    ['affected', { affected: 'everyone' }],
    ['immediateActions', { immediateActions: ' ' }],
    ['physicalHarm', { physicalHarm: 'bad' }],
    ['psychologicalHarm', { psychologicalHarm: 'fatal' }],
    ['occurredOn', { occurredAt: new Date('2026-11-24T09:01:00Z') }],
    ['occurredOn', { occurredAt: new Date('2023-11-24T08:59:00Z') }],
    ['whatHappened', { whatHappened: 'x'.repeat(4_001) }],
  ] as const)('names %s', (path, change) => {
    expect(paths({ ...good, ...change })).toEqual([path]);
  });
  it('a near miss with harm is a contradiction; an incident with harm is not', () => {
    expect(paths({ ...good, physicalHarm: 'low' })).toEqual(['physicalHarm']);
    expect(paths({ ...good, psychologicalHarm: 'moderate' })).toEqual(['physicalHarm']);
    expect(paths({ ...good, kind: 'incident', physicalHarm: 'low' })).toEqual([]);
  });
  it('a date the form could not read is refused without a second message', () => {
    expect(checkIncidentReport({ ...good, occurredAt: null }, { now })).toEqual({ ok: false, problems: [] });
  });
  it('exactly now and exactly three years ago are allowed', () => {
    expect(paths({ ...good, occurredAt: now })).toEqual([]);
    expect(paths({ ...good, occurredAt: new Date('2023-11-24T09:00:00Z') })).toEqual([]);
  });
});

describe('triage and closure', () => {
  it('triage needs a level, the harm found and a note', () => {
    expect(checkIncidentTriage({ investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', note: 'Local review' })).toEqual([]);
    expect(checkIncidentTriage({ investigationLevel: 'x', confirmedPhysicalHarm: 'x', note: '' }).map((p) => p.path)).toEqual(['investigationLevel', 'confirmedPhysicalHarm', 'note']);
  });
  it('closing needs learning and the outcome for the reporter', () => {
    expect(checkIncidentClosure({ learning: 'Check sling size', outcomeForReporter: 'Thank you' })).toEqual([]);
    expect(checkIncidentClosure({ learning: ' ', outcomeForReporter: '' }).map((p) => p.message)).toEqual(['Enter the learning before closing the incident', 'Enter what the person who reported it will be told']);
  });
});

describe('who and references', () => {
  it.each(homewardRoles)('%s', (role) => {
    expect(mayReportIncidents(role)).toBe(role !== 'privacy-officer');
    expect(mayHandleIncidents(role)).toBe(role === 'clinical-lead' || role === 'service-manager');
  });
  it('pads the reference to six digits', () => {
    expect(incidentReference(123)).toBe('INC-000123');
    expect(incidentReference(1234567)).toBe('INC-1234567');
  });
});

// The words a reporter reads on the error summary (paths alone let any message through: mutation run).
describe('what the reporter is told', () => {
  it('says, on each field, what is missing', () => {
    const r = checkIncidentReport({ kind: '', occurredAt: new Date('2026-11-24T09:01:00Z'), locationKind: '', location: ' ', category: '', whatHappened: '', affected: '', immediateActions: '', physicalHarm: '', psychologicalHarm: '' }, { now });
    expect(r.ok ? [] : r.problems).toEqual([
      { path: 'kind', message: 'Select whether it was an incident or a near miss' },
      { path: 'occurredOn', message: 'When it happened must be in the past' },
      { path: 'locationKind', message: 'Select where it happened' },
      { path: 'location', message: 'Enter where it happened, for example the room or the street' },
      { path: 'category', message: 'Select what it was about' },
      { path: 'whatHappened', message: 'Enter what happened' },
      { path: 'affected', message: 'Select who was affected' },
      { path: 'immediateActions', message: 'Enter what was done straight away, or "nothing needed"' },
      { path: 'physicalHarm', message: 'Select the physical harm' },
      { path: 'psychologicalHarm', message: 'Select the psychological harm' },
    ]);
  });
  it('says how long a text may be, and takes one of exactly that length', () => {
    expect(paths({ ...good, location: 'x'.repeat(200) })).toEqual([]);
    const r = checkIncidentReport({ ...good, location: 'x'.repeat(201) }, { now });
    expect(r.ok ? [] : r.problems).toEqual([{ path: 'location', message: 'Where it happened must be 200 characters or fewer' }]);
    expect(checkIncidentReport({ ...good, occurredAt: new Date('2023-11-24T08:59:00Z') }, { now })).toEqual({ ok: false, problems: [{ path: 'occurredOn', message: 'When it happened must be within the last 3 years' }] });
    expect(checkIncidentReport({ ...good, physicalHarm: 'low' }, { now })).toEqual({ ok: false, problems: [{ path: 'physicalHarm', message: 'A near miss harmed no one: choose no harm, or report it as an incident' }] });
  });
  it('keeps what happened and what was done without the spaces around them', () => {
    const r = checkIncidentReport({ ...good, whatHappened: '  Sling too small \n', immediateActions: ' Swapped it ' }, { now });
    expect(r.ok && [r.value.whatHappened, r.value.immediateActions]).toEqual(['Sling too small', 'Swapped it']);
  });
  it('triage says what is missing', () => {
    expect(checkIncidentTriage({ investigationLevel: 'x', confirmedPhysicalHarm: 'x', note: '' })).toEqual([
      { path: 'investigationLevel', message: 'Select how it will be reviewed' },
      { path: 'confirmedPhysicalHarm', message: 'Select the physical harm as you find it' },
      { path: 'note', message: 'Enter a note on the triage, for example why this level of review' },
    ]);
  });
});
