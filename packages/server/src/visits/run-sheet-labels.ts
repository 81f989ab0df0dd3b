// The run sheet's words for the plan's coded values.
import type { VisitPlace, VisitPurpose, VisitStatus } from './visit-day-types.ts';
import type { PlanChange } from './visit-day-types.ts';

export const purposeLabels: Record<VisitPurpose, string> = {
  'first-contact': 'First contact',
  therapy: 'Therapy',
  review: 'Review',
  equipment: 'Equipment',
  discharge: 'Discharge visit',
  other: 'Other',
};

export const placeLabels: Record<VisitPlace, string> = { home: 'Home visit', clinic: 'Clinic', ward: 'Ward' };

export const statusLabels: Record<VisitStatus, string> = { 'to-plan': 'To do', done: 'Done', 'no-access': 'No access', cancelled: 'Cancelled' };

export const changeLabels: Record<PlanChange['kind'], string> = { added: 'Added', removed: 'Removed', 'time-changed': 'Time changed' };
