import { describe, expect, it } from 'vitest';
import { decideProgrammeAtDischarge, describeAfterDischargeForClinicians, describeAfterDischargeForPatient, dischargeEndingReason, programmeChoicePath } from './programme-at-discharge.ts';

const stand = { id: '0190a0a0-0000-7000-8000-000000000001', title: 'Sit-to-stand practice' };
const kitchen = { id: '0190a0a0-0000-7000-8000-000000000002', title: 'Kitchen practice' };

describe('decideProgrammeAtDischarge', () => {
  it('ends every active activity nobody chose for, and hands over the ones handed over', () => {
    const result = decideProgrammeAtDischarge({ active: [stand, kitchen], choices: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'carer', receiverName: ' Sarah (daughter) ' }] });
    expect(result).toEqual({
      ok: true,
      decisions: [
        { activityId: stand.id, ending: 'hand-over', receiverKind: 'carer', receiverName: 'Sarah (daughter)' },
        { activityId: kitchen.id, ending: 'end' },
      ],
    });
  });

  it.each([
    ['no receiver', { receiverKind: null, receiverName: null }, 'receiverKind', 'Choose who takes over Sit-to-stand practice'],
    ['a carer without a name', { receiverKind: 'carer' as const, receiverName: '  ' }, 'receiverName', 'Enter the name of the carer, for example Sarah (daughter) taking over Sit-to-stand practice'],
    ['an agency without a name', { receiverKind: 'agency' as const, receiverName: null }, 'receiverName', 'Enter the name of the care agency taking over Sit-to-stand practice'],
    ['a service without a name', { receiverKind: 'service' as const, receiverName: null }, 'receiverName', 'Enter the name of the service, for example the reablement team taking over Sit-to-stand practice'],
    ['a name too long', { receiverKind: 'service' as const, receiverName: 'x'.repeat(201) }, 'receiverName', 'The name of who takes over Sit-to-stand practice must be 200 characters or fewer'],
  ])('refuses a hand-over with %s', (_what, choice, field, message) => {
    const result = decideProgrammeAtDischarge({ active: [stand], choices: [{ activityId: stand.id, ending: 'hand-over', ...choice }] });
    expect(result).toEqual({ ok: false, fields: [{ path: programmeChoicePath(stand.id, field as 'receiverKind' | 'receiverName'), message }] });
  });

  it('needs no name when the patient carries on alone, and drops one given', () => {
    expect(decideProgrammeAtDischarge({ active: [stand], choices: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'self', receiverName: 'Me' }] })).toEqual({
      ok: true,
      decisions: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'self', receiverName: null }],
    });
  });

  it('refuses a choice for an activity that is no longer active (the form was out of date), with every other problem', () => {
    const result = decideProgrammeAtDischarge({
      active: [stand],
      choices: [
        { activityId: kitchen.id, ending: 'end', receiverKind: null, receiverName: null },
        { activityId: stand.id, ending: 'hand-over', receiverKind: null, receiverName: null },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields.map((f) => f.path)).toEqual(['programme', programmeChoicePath(stand.id, 'receiverKind')]);
  });
});

describe('what happens after discharge, in words', () => {
  it('keeps the reason with the receiver named', () => {
    expect(dischargeEndingReason({ activityId: stand.id, ending: 'end' })).toBe('Ended at discharge: the team’s care has finished');
    expect(dischargeEndingReason({ activityId: stand.id, ending: 'hand-over', receiverKind: 'service', receiverName: 'Reablement team' })).toBe('Handed over at discharge to Reablement team');
  });

  it.each([
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'self' as const, name: null } }, 'Handed over at discharge: the patient continues on their own.', 'Please keep doing this on your own.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'carer' as const, name: 'Sarah' } }, 'Handed over at discharge to Sarah, carer.', 'Sarah will help you keep doing this.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'agency' as const, name: 'Caring Hands' } }, 'Handed over at discharge to Caring Hands, care agency.', 'Your carers from Caring Hands will help you keep doing this.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'service' as const, name: 'The reablement team' } }, 'Handed over at discharge to The reablement team.', 'The reablement team will help you with this from now on.'],
    [{ status: 'stopped' as const, handedOverTo: null }, 'Ended.', 'This has stopped now that your therapy with us has finished.'],
    [{ status: 'active' as const, handedOverTo: null }, 'Not carried on by the team after discharge.', 'Our therapy team no longer helps with this.'],
  ])('after discharge: %o', (a, clinical, patient) => {
    expect(describeAfterDischargeForClinicians({ ...a, discharged: true })).toBe(clinical);
    expect(describeAfterDischargeForPatient({ ...a, discharged: true })).toBe(patient);
  });
});
