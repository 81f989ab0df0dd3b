import { describe, expect, it } from 'vitest';
import { countTimelineKinds, isTimelineKind, parseTimelineKinds, timelineKindFilterLabels, timelineKindLabels, timelineKinds } from './timeline-kinds.ts';

describe('timeline kinds', () => {
  it('has the nine kinds the timeline filters by, each with a tag label and a filter label', () => {
    expect(timelineKinds).toEqual(['referral', 'consent', 'contact-note', 'assessment', 'goal', 'programme', 'review', 'letter', 'episode-change']);
    for (const kind of timelineKinds) {
      expect(timelineKindLabels[kind]).toMatch(/^[A-Z]/);
      expect(timelineKindFilterLabels[kind]).toMatch(/^[A-Z]/);
    }
    expect(new Set(Object.values(timelineKindLabels)).size).toBe(timelineKinds.length);
  });

  it('knows its own kinds and nothing else', () => {
    expect(isTimelineKind('contact-note')).toBe(true);
    expect(isTimelineKind('Contact note')).toBe(false);
    expect(isTimelineKind('')).toBe(false);
  });
});

describe('parseTimelineKinds', () => {
  it('gives every kind when none is asked for', () => {
    expect(parseTimelineKinds([])).toEqual({ ok: true, kinds: [] });
  });

  it('keeps the timeline’s own order and each kind once', () => {
    expect(parseTimelineKinds(['letter', 'contact-note', 'letter', 'referral'])).toEqual({ ok: true, kinds: ['referral', 'contact-note', 'letter'] });
  });

  it('refuses an unknown kind at its position, naming the kinds there are', () => {
    const result = parseTimelineKinds(['contact-note', 'gossip', 'Assessment']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['kind.1', 'kind.2']);
    expect(result.errors[0]!.message).toBe('“gossip” is not a kind of timeline entry. Choose from: referral, consent, contact-note, assessment, goal, programme, review, letter, episode-change');
  });
});

describe('countTimelineKinds', () => {
  it('counts each kind, with 0 for kinds not there', () => {
    const counts = countTimelineKinds([{ kind: 'contact-note' }, { kind: 'contact-note' }, { kind: 'goal' }]);
    expect(counts['contact-note']).toBe(2);
    expect(counts.goal).toBe(1);
    expect(counts.referral).toBe(0);
    expect(Object.keys(counts)).toEqual([...timelineKinds]);
  });
});

describe('timeline kinds: the words', () => {
  it('tags each entry and lists each filter in the team’s words', () => {
    expect(timelineKinds.map((k) => [timelineKindLabels[k], timelineKindFilterLabels[k]])).toEqual([
      ['Referral', 'Referral'],
      ['Consent', 'Consent and capacity'],
      ['Contact note', 'Contact notes'],
      ['Assessment', 'Assessments'],
      ['Goal', 'Goals and ratings'],
      ['Programme of care', 'Programme of care and logs'],
      ['Review', 'Reviews'],
      ['Discharge summary or letter', 'Discharge summary and letters'],
      ['Episode change', 'Episode changes (triage, allocation, holds, discharge)'],
    ]);
  });

  it('refuses only the unknown kinds, with every message', () => {
    expect(parseTimelineKinds(['x', 'goal'])).toEqual({
      ok: false,
      errors: [{ path: 'kind.0', message: '“x” is not a kind of timeline entry. Choose from: referral, consent, contact-note, assessment, goal, programme, review, letter, episode-change' }],
    });
    expect(parseTimelineKinds([...timelineKinds])).toEqual({ ok: true, kinds: [...timelineKinds] });
  });

  it('counts nothing as 0 of every kind', () => {
    expect(countTimelineKinds([])).toEqual({ referral: 0, consent: 0, 'contact-note': 0, assessment: 0, goal: 0, programme: 0, review: 0, letter: 0, 'episode-change': 0 });
  });
});
