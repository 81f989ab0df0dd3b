import { describe, expect, it } from 'vitest';
import {
  activityEndingsAtDischarge,
  decideProgrammeAtDischarge,
  describeAfterDischargeForClinicians,
  describeAfterDischargeForPatient,
  describeReceiver,
  dischargeEndingReason,
  handOverReceiverLabels,
  handOverReceivers,
  maxHandOverNameLength,
  programmeChoicePath,
} from './programme-at-discharge.ts';

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

describe('the discharge form’s words and limits', () => {
  it('offers ending or handing over, to four kinds of receiver, each in the team’s words', () => {
    expect(activityEndingsAtDischarge).toEqual(['end', 'hand-over']);
    expect(handOverReceivers.map((r) => handOverReceiverLabels[r])).toEqual(['The patient, on their own', 'A family member or unpaid carer', 'A care agency', 'Another service']);
    expect(programmeChoicePath('a1', 'receiverName')).toBe('programme.a1.receiverName');
  });

  it('takes a name of 200 characters, after trimming, and refuses 201', () => {
    expect(maxHandOverNameLength).toBe(200);
    const name = ` ${'x'.repeat(200)} `;
    expect(decideProgrammeAtDischarge({ active: [stand], choices: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'agency', receiverName: name }] })).toEqual({
      ok: true,
      decisions: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'agency', receiverName: 'x'.repeat(200) }],
    });
  });

  it('ends an activity chosen to end, whatever receiver the form still carried', () => {
    expect(decideProgrammeAtDischarge({ active: [stand], choices: [{ activityId: stand.id, ending: 'end', receiverKind: 'carer', receiverName: null }] })).toEqual({
      ok: true,
      decisions: [{ activityId: stand.id, ending: 'end' }],
    });
  });

  it('says an out-of-date form once, however many of its choices are stale, and goes on to check the rest', () => {
    const result = decideProgrammeAtDischarge({
      active: [stand, kitchen],
      choices: [
        { activityId: 'gone-1', ending: 'end', receiverKind: null, receiverName: null },
        { activityId: 'gone-2', ending: 'end', receiverKind: null, receiverName: null },
        { activityId: stand.id, ending: 'hand-over', receiverKind: 'carer', receiverName: null },
        { activityId: kitchen.id, ending: 'hand-over', receiverKind: 'service', receiverName: 'y'.repeat(201) },
      ],
    });
    expect(result).toEqual({
      ok: false,
      fields: [
        { path: 'programme', message: 'The programme of care changed while the form was open: an activity on it is no longer active. Check the programme, then discharge again' },
        { path: programmeChoicePath(stand.id, 'receiverName'), message: 'Enter the name of the carer, for example Sarah (daughter) taking over Sit-to-stand practice' },
        { path: programmeChoicePath(kitchen.id, 'receiverName'), message: 'The name of who takes over Kitchen practice must be 200 characters or fewer' },
      ],
    });
  });

  it('names each receiver, with or without a name', () => {
    expect(describeReceiver('self', 'ignored')).toBe('the patient, on their own');
    expect(describeReceiver('carer', null)).toBe('a carer, carer');
    expect(describeReceiver('agency', null)).toBe('a care agency, care agency');
    expect(describeReceiver('service', null)).toBe('another service');
    expect(dischargeEndingReason({ activityId: stand.id, ending: 'hand-over', receiverKind: 'carer', receiverName: 'Sarah' })).toBe('Handed over at discharge to Sarah, carer');
  });

  it.each([
    [{ status: 'completed' as const, handedOverTo: null, discharged: false }, 'Completed.', 'You have finished this.'],
    [{ status: 'completed' as const, handedOverTo: null, discharged: true }, 'Completed.', 'You have finished this.'],
    [{ status: 'stopped' as const, handedOverTo: null, discharged: false }, 'Stopped.', 'This has stopped.'],
    [{ status: 'active' as const, handedOverTo: null, discharged: false }, 'Active until discharge, when it will be ended or handed over.', 'We will tell you before your therapy with us finishes whether to keep doing this.'],
    [{ status: 'handed-over' as const, handedOverTo: null, discharged: true }, 'Handed over at discharge.', 'Please keep doing this on your own.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'carer' as const, name: null }, discharged: true }, 'Handed over at discharge to a carer, carer.', 'Your carer will help you keep doing this.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'agency' as const, name: null }, discharged: true }, 'Handed over at discharge to a care agency, care agency.', 'Your carers from the care agency will help you keep doing this.'],
    [{ status: 'handed-over' as const, handedOverTo: { kind: 'service' as const, name: null }, discharged: true }, 'Handed over at discharge to another service.', 'Another service will help you with this from now on.'],
  ])('in words: %o', (a, clinical, patient) => {
    expect(describeAfterDischargeForClinicians(a)).toBe(clinical);
    expect(describeAfterDischargeForPatient(a)).toBe(patient);
  });
});

describe('decideProgrammeAtDischarge: no name for the patient, and two activities of one title', () => {
  it('hands over to the patient with no name given', () => {
    expect(decideProgrammeAtDischarge({ active: [stand], choices: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'self', receiverName: null }] })).toEqual({
      ok: true,
      decisions: [{ activityId: stand.id, ending: 'hand-over', receiverKind: 'self', receiverName: null }],
    });
  });

  it('reports the same problem on two activities with the same title, once each', () => {
    const again = { id: '0190a0a0-0000-7000-8000-000000000003', title: stand.title };
    const result = decideProgrammeAtDischarge({
      active: [stand, again],
      choices: [stand, again].map((a) => ({ activityId: a.id, ending: 'hand-over' as const, receiverKind: null, receiverName: null })),
    });
    expect(result).toEqual({
      ok: false,
      fields: [
        { path: programmeChoicePath(stand.id, 'receiverKind'), message: 'Choose who takes over Sit-to-stand practice' },
        { path: programmeChoicePath(again.id, 'receiverKind'), message: 'Choose who takes over Sit-to-stand practice' },
      ],
    });
  });
});
