// An alert in the words a responder acts on: what kind, whose, where; shared by notifications and pages.
import type { LoneWorkingAlertKind } from './lone-working-types.ts';

export const alertKindLabels: Record<LoneWorkingAlertKind, string> = {
  'missed-check-in': 'Missed check-in',
  'missed-check-out': 'Missed check-out',
  amber: 'Amber alert ran out',
  red: 'Red alert',
  // The responder must know it was the covert code: calling the clinician openly could put them at risk.
  duress: 'Red alert (duress code used)',
};

export function alertTitle(o: { kind: LoneWorkingAlertKind; clinicianName: string; rungWho: 'clinician' | 'responder' | 'manager' }): string {
  if (o.rungWho === 'clinician') return o.kind === 'missed-check-in' ? 'You have not checked in' : o.kind === 'amber' ? 'Your amber alert has run out' : 'You have not checked out';
  return `${alertKindLabels[o.kind]}: ${o.clinicianName}`;
}
