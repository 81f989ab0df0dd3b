// The programme of care at discharge (issue 11 #3). When the team's care ends, nothing it set may
// keep "running" in the record or the letters: each active activity is ended, or handed over to
// someone who will carry it on, named (the patient on their own, a carer, a care agency, another
// service). The GP letter and the patient's and carer's papers then say what happens next, truthfully:
// no "continuing", and no visits from the team after discharge.
import type { RecordFieldError } from './consent.ts';

export const activityEndingsAtDischarge = ['end', 'hand-over'] as const;
export type ActivityEndingAtDischarge = (typeof activityEndingsAtDischarge)[number];

export const handOverReceivers = ['self', 'carer', 'agency', 'service'] as const;
export type HandOverReceiver = (typeof handOverReceivers)[number];

/** The team's words, on the discharge form. */
export const handOverReceiverLabels: Record<HandOverReceiver, string> = {
  self: 'The patient, on their own',
  carer: 'A family member or unpaid carer',
  agency: 'A care agency',
  service: 'Another service',
};

export const maxHandOverNameLength = 200;

export type ActivityAtDischargeChoice = {
  activityId: string;
  ending: ActivityEndingAtDischarge;
  receiverKind: HandOverReceiver | null;
  receiverName: string | null;
};

export type ActivityAtDischarge = { activityId: string; ending: 'end' } | { activityId: string; ending: 'hand-over'; receiverKind: HandOverReceiver; receiverName: string | null };

export type DecideProgrammeAtDischargeOptions = {
  /** The episode's active activities. */
  active: readonly { id: string; title: string }[];
  /** What the clinician chose; an active activity with no choice is ended (the team stops it). */
  choices: readonly ActivityAtDischargeChoice[];
};

/** Where each field of an activity's choice is reported, so a page can link to it. */
export const programmeChoicePath = (activityId: string, field: 'ending' | 'receiverKind' | 'receiverName') => `programme.${activityId}.${field}`;

/**
 * What happens to each active activity, or every problem at once. A choice for an activity that is not
 * active (already ended, another episode's) is refused rather than ignored: the form was out of date.
 */
export function decideProgrammeAtDischarge(o: DecideProgrammeAtDischargeOptions): { ok: true; decisions: ActivityAtDischarge[] } | { ok: false; fields: RecordFieldError[] } {
  const fields: RecordFieldError[] = [];
  const byId = new Map(o.choices.map((c) => [c.activityId, c]));
  for (const c of o.choices) {
    if (!o.active.some((a) => a.id === c.activityId)) fields.push({ path: 'programme', message: 'The programme of care changed while the form was open: an activity on it is no longer active. Check the programme, then discharge again' });
  }
  const decisions: ActivityAtDischarge[] = [];
  for (const a of o.active) {
    const c = byId.get(a.id);
    if (!c || c.ending === 'end') {
      decisions.push({ activityId: a.id, ending: 'end' });
      continue;
    }
    if (c.receiverKind === null) {
      fields.push({ path: programmeChoicePath(a.id, 'receiverKind'), message: `Choose who takes over ${a.title}` });
      continue;
    }
    const name = c.receiverName?.trim() || null;
    if (c.receiverKind !== 'self' && !name) {
      const who = c.receiverKind === 'carer' ? 'the carer, for example Sarah (daughter)' : c.receiverKind === 'agency' ? 'the care agency' : 'the service, for example the reablement team';
      fields.push({ path: programmeChoicePath(a.id, 'receiverName'), message: `Enter the name of ${who} taking over ${a.title}` });
      continue;
    }
    if (name && name.length > maxHandOverNameLength) {
      fields.push({ path: programmeChoicePath(a.id, 'receiverName'), message: `The name of who takes over ${a.title} must be ${maxHandOverNameLength} characters or fewer` });
      continue;
    }
    decisions.push({ activityId: a.id, ending: 'hand-over', receiverKind: c.receiverKind, receiverName: c.receiverKind === 'self' ? null : name });
  }
  if (fields.length) return { ok: false, fields: fields.filter((f, i) => fields.findIndex((g) => g.path === f.path && g.message === f.message) === i) };
  return { ok: true, decisions };
}

/** The reason kept with an activity ended by discharge. */
export function dischargeEndingReason(d: ActivityAtDischarge): string {
  if (d.ending === 'end') return 'Ended at discharge: the team’s care has finished';
  return `Handed over at discharge to ${describeReceiver(d.receiverKind, d.receiverName)}`;
}

/** The receiver in the team's words: "the patient, on their own", "Sarah (daughter), carer". */
export function describeReceiver(kind: HandOverReceiver, name: string | null): string {
  switch (kind) {
    case 'self':
      return 'the patient, on their own';
    case 'carer':
      return `${name ?? 'a carer'}, carer`;
    case 'agency':
      return `${name ?? 'a care agency'}, care agency`;
    case 'service':
      return name ?? 'another service';
  }
}

export type ActivityAfterDischarge = {
  status: 'active' | 'stopped' | 'completed' | 'handed-over';
  handedOverTo: { kind: HandOverReceiver; name: string | null } | null;
  /** Whether the episode has been discharged. */
  discharged: boolean;
};

/** What happens to an activity after discharge, for the GP and the record. Never "continuing" by the team. */
export function describeAfterDischargeForClinicians(a: ActivityAfterDischarge): string {
  switch (a.status) {
    case 'completed':
      return 'Completed.';
    case 'stopped':
      return a.discharged ? 'Ended.' : 'Stopped.';
    case 'handed-over':
      return a.handedOverTo ? (a.handedOverTo.kind === 'self' ? 'Handed over at discharge: the patient continues on their own.' : `Handed over at discharge to ${describeReceiver(a.handedOverTo.kind, a.handedOverTo.name)}.`) : 'Handed over at discharge.';
    case 'active':
      // Only before discharge now; an episode discharged before activities were ended at discharge
      // still has some, and the team does not carry them on.
      return a.discharged ? 'Not carried on by the team after discharge.' : 'Active until discharge, when it will be ended or handed over.';
  }
}

/** The same for the patient, in plain words (plain-words.ts rules apply). */
export function describeAfterDischargeForPatient(a: ActivityAfterDischarge): string {
  switch (a.status) {
    case 'completed':
      return 'You have finished this.';
    case 'stopped':
      return a.discharged ? 'This has stopped now that your therapy with us has finished.' : 'This has stopped.';
    case 'handed-over': {
      const to = a.handedOverTo;
      if (!to || to.kind === 'self') return 'Please keep doing this on your own.';
      if (to.kind === 'carer') return `${to.name ?? 'Your carer'} will help you keep doing this.`;
      if (to.kind === 'agency') return `Your carers from ${to.name ?? 'the care agency'} will help you keep doing this.`;
      return `${to.name ?? 'Another service'} will help you with this from now on.`;
    }
    case 'active':
      return a.discharged ? 'Our therapy team no longer helps with this.' : 'We will tell you before your therapy with us finishes whether to keep doing this.';
  }
}
