// How a recall action is worked to the end: contact the patient (or carer), then inspect the device in
// the home or collect it, then close it with the outcome. A step may be skipped (a device collected on
// the first call), never gone back over; closed is the end and needs the outcome in words.
import type { EquipmentRecallActionStatus } from '../db/schema.ts';

export const recallActionStatuses = ['to-contact', 'contacted', 'inspected', 'collected', 'closed'] as const satisfies readonly EquipmentRecallActionStatus[];

export const recallActionStatusLabels: Record<EquipmentRecallActionStatus, string> = {
  'to-contact': 'To contact',
  contacted: 'Contacted',
  inspected: 'Inspected in the home',
  collected: 'Collected',
  closed: 'Closed',
};

const next: Record<EquipmentRecallActionStatus, readonly EquipmentRecallActionStatus[]> = {
  'to-contact': ['contacted', 'inspected', 'collected', 'closed'],
  contacted: ['inspected', 'collected', 'closed'],
  inspected: ['collected', 'closed'],
  collected: ['closed'],
  closed: [],
};

export function nextRecallActionSteps(from: EquipmentRecallActionStatus): readonly EquipmentRecallActionStatus[] {
  return next[from];
}

/** The problem with moving an action from one step to another, or null when it may. */
export function recallStepProblem(from: EquipmentRecallActionStatus, to: EquipmentRecallActionStatus, outcome: string | null): { path: string; message: string } | null {
  if (from === 'closed') return { path: 'status', message: 'This recall action is closed: nothing more can be recorded on it' };
  if (!next[from].includes(to)) return { path: 'status', message: `This action is already “${recallActionStatusLabels[from]}”: choose a later step (${next[from].map((s) => recallActionStatusLabels[s].toLowerCase()).join(', ')})` };
  if (to === 'closed' && !outcome?.trim()) return { path: 'outcome', message: 'Enter the outcome: what was found and done, so the recall can be closed' };
  return null;
}
