// Who may prescribe (and issue) which equipment, and what must be recorded first.
//
// Decisions (service.md; the assistant practitioner's job description; the MHRA bed-rail guidance):
//  - Only clinical staff who assess prescribe. Support workers deliver, fit and teach what someone else
//    prescribed, and students prescribe nothing on their own (their practice educator does); service
//    managers, administrators and privacy officers prescribe nothing.
//  - Assistant practitioners prescribe standard items (catalogue prescriber 'assistant': perching
//    stools, bath boards, raised toilet seats, walking aids, minor adaptations).
//  - Items marked 'registered' (hoists and slings, profiling beds, bed rails) need a registered
//    therapist or a clinical lead: they rest on a risk assessment of transfers or entrapment.
//  - Bed rails (and anything marked needs-risk-assessment) need that risk assessment recorded before
//    they are prescribed, whoever prescribes them.
//  - These two do not rest on how the catalogue was set up: lifting equipment (LOLER) and anything in
//    beds and rails need a registered therapist, and beds and rails need the entrapment risk assessment
//    (a profiling bed is issued with its rails), whatever the catalogue row says, so an old or
//    mistaken row is covered too.
//  - Inactive staff prescribe nothing; an item withdrawn from the catalogue is not prescribed.
// The first rule broken is the one reported, in the order above from the most basic down.
import type { HomewardRole } from '../staff-roles.ts';
import { homewardRoleLabels } from '../staff-roles.ts';

export const equipmentCategories = ['bathing', 'toileting', 'transfers', 'beds-and-rails', 'mobility', 'seating', 'kitchen', 'minor-adaptations'] as const;
export type EquipmentCategory = (typeof equipmentCategories)[number];

export const equipmentCategoryLabels: Record<EquipmentCategory, string> = {
  bathing: 'Bathing',
  toileting: 'Toileting',
  transfers: 'Transfers',
  'beds-and-rails': 'Beds and rails',
  mobility: 'Mobility',
  seating: 'Seating',
  kitchen: 'Kitchen',
  'minor-adaptations': 'Minor adaptations',
};

/** Who the catalogue says may prescribe an item. */
export const equipmentPrescribers = ['assistant', 'registered'] as const;
export type EquipmentPrescriber = (typeof equipmentPrescribers)[number];

export const equipmentPrescriberLabels: Record<EquipmentPrescriber, string> = {
  assistant: 'Assistant practitioner or registered therapist',
  registered: 'Registered therapist only',
};

export type PrescribedItem = {
  name: string;
  category: EquipmentCategory;
  /** Lifting equipment under LOLER (hoists, slings). */
  loler: boolean;
  prescriber: EquipmentPrescriber;
  needsRiskAssessment: boolean;
  active: boolean;
};

type CatalogueRuleFacts = Pick<PrescribedItem, 'category' | 'loler' | 'prescriber' | 'needsRiskAssessment'>;

/** Whether only a registered therapist (or clinical lead) may prescribe it: the catalogue's word, or lifting equipment, or beds and rails. */
export function needsRegisteredPrescriber(item: CatalogueRuleFacts): boolean {
  return item.prescriber === 'registered' || item.loler || item.category === 'beds-and-rails';
}

/** Whether a risk assessment is recorded before it is prescribed: the catalogue's word, or beds and rails. */
export function needsRiskAssessmentFirst(item: CatalogueRuleFacts): boolean {
  return item.needsRiskAssessment || item.category === 'beds-and-rails';
}

export type Prescriber = {
  role: HomewardRole;
  active: boolean;
};

export const prescribingRules = [
  'prescriber-inactive',
  'item-withdrawn',
  'role-does-not-prescribe',
  'registered-therapist-needed',
  'risk-assessment-needed',
] as const;
export type PrescribingRule = (typeof prescribingRules)[number];

export type PrescribingDecision = { allowed: true } | { allowed: false; rule: PrescribingRule; message: string };

const prescribingRoles: readonly HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead'];
const registeredRoles: readonly HomewardRole[] = ['registered-therapist', 'clinical-lead'];

/** Whether this person may prescribe this item now; riskAssessed: a risk assessment is recorded for it. */
export function decidePrescribing(prescriber: Prescriber, item: PrescribedItem, riskAssessed: boolean): PrescribingDecision {
  if (!prescriber.active) {
    return { allowed: false, rule: 'prescriber-inactive', message: 'Inactive staff cannot prescribe equipment' };
  }
  if (!item.active) {
    return { allowed: false, rule: 'item-withdrawn', message: `${item.name} has been withdrawn from the catalogue and cannot be prescribed` };
  }
  if (!prescribingRoles.includes(prescriber.role)) {
    return {
      allowed: false,
      rule: 'role-does-not-prescribe',
      message: `A ${homewardRoleLabels[prescriber.role].toLowerCase()} cannot prescribe equipment: an assistant practitioner or a registered therapist prescribes it`,
    };
  }
  if (needsRegisteredPrescriber(item) && !registeredRoles.includes(prescriber.role)) {
    return {
      allowed: false,
      rule: 'registered-therapist-needed',
      message: `${item.name} must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it`,
    };
  }
  if (needsRiskAssessmentFirst(item) && !riskAssessed) {
    return {
      allowed: false,
      rule: 'risk-assessment-needed',
      message: `${item.name} needs a risk assessment recorded before it is prescribed`,
    };
  }
  return { allowed: true };
}

/** Roles that may prescribe at least the standard items (to offer the form at all). */
export function mayPrescribeEquipment(role: HomewardRole): boolean {
  return prescribingRoles.includes(role);
}
