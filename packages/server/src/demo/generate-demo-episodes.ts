// Synthetic referrals and episodes of care for the demo and for scale: incoming referrals, a waiting
// list with clocks running, due soon and breached, caseloads spread across the clinicians within their
// competence, holds, discharges with outcomes and onward referrals. Every row is what the app itself
// would have written: the same clinical rules (response clocks, allocation competence, episode dates),
// real staff as the people who did each thing, and an episode_events row for every change.
// Pure and deterministic: the same seed, reference time and inputs give the same rows (ids included).
import {
  checkAllocation,
  clockState,
  describeStandard,
  dischargeDestinationsFor,
  isIntermediateCare,
  mayAllocate,
  mayMakeReferrals,
  mayTriage,
  onHoldReasonLabels,
  plannedEndDate,
  addCalendarDays,
  responseDueAt,
  responseStandardFor,
  reviewDates,
  ukDateOf,
  type AllocationChangeReason,
  type Band,
  type Complexity,
  type DischargeDestination,
  type DischargeOutcome,
  type HomewardRole,
  type OnHoldReason,
  type Priority,
  type Profession,
  type ReferralSource,
  type RejectionReason,
  type ResponseStandard,
  type Service,
  type Setting,
  type Skill,
  type Urgency,
} from '@homeward/clinical';
import { createRandom, deriveSeed } from './seeded-random.ts';
import type { DemoStaff, DemoTeam } from './generate-demo-data.ts';

type Random = () => number;

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

// ---------------------------------------------------------------------------------------------
// Inputs and outputs.

export type EpisodeStaffInput = {
  id: string;
  name: string;
  role: HomewardRole;
  profession: Profession;
  skills: readonly Skill[];
  active: boolean;
};

export type EpisodePatientInput = { id: string; riskFlags: readonly string[] };

export type EpisodeTeamInput = {
  id: string;
  staff: readonly EpisodeStaffInput[];
  /** Patients who may be referred to this team; each referral takes a different one. */
  patients: readonly EpisodePatientInput[];
  /** Episodes not yet discharged (waiting, allocated, active, on hold); the rest follow in proportion. */
  openEpisodes: number;
};

export type GenerateDemoEpisodesOptions = {
  seed: number;
  /** Everything happens before this instant, and clocks are set so they stand where wanted at it. */
  now: Date;
  teams: readonly EpisodeTeamInput[];
  mix?: EpisodeMix;
};

export type ReferralRow = {
  id: string;
  patient_id: string;
  team_id: string;
  source: ReferralSource;
  source_detail: string | null;
  received_at: Date;
  service: Service;
  setting: Setting;
  reason: string;
  presenting_needs: string | null;
  urgency_requested: Urgency;
  referrer_name: string;
  referrer_contact: string;
  consent_to_referral: boolean;
  consent_note: string | null;
  status: 'incoming' | 'accepted' | 'rejected';
  rejection_reason: RejectionReason | null;
  rejection_detail: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
};

export type EpisodeRow = {
  id: string;
  patient_id: string;
  referral_id: string;
  team_id: string;
  service: Service;
  setting: Setting;
  status: 'waiting' | 'active' | 'on-hold' | 'discharged';
  hold_reason: string | null;
  complexity: Complexity;
  complexity_reason: string;
  priority: Priority;
  skills_needed: Skill[];
  triage_notes: string | null;
  triaged_by: string;
  triaged_at: Date;
  clock_starts_at: Date;
  response_due_at: Date;
  allocated_to: string | null;
  allocated_at: Date | null;
  first_contact_at: Date | null;
  first_assessment_at: Date | null;
  last_contact_at: Date | null;
  next_contact_at: Date | null;
  planned_end_on: string | null;
  review_due_on: string | null;
  visits_per_week: number;
  travel_minutes: number;
  discharged_on: string | null;
  discharge_outcome: DischargeOutcome | null;
  discharge_destination: DischargeDestination | null;
  discharge_note: string | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
};

export type EpisodeEventKind = 'triaged' | 'allocated' | 'handed-over' | 'status-changed' | 'discharged' | 'onward-referral' | 'onward-acknowledged';

export type EpisodeEventRow = {
  id: string;
  episode_id: string;
  occurred_at: Date;
  staff_id: string;
  kind: EpisodeEventKind;
  reason: string | null;
  detail: Record<string, unknown>;
};

export type OnwardReferralRow = {
  id: string;
  episode_id: string;
  to_service: string;
  note: string | null;
  sent_at: Date;
  acknowledged_at: Date | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
};

export type DemoEpisodes = {
  referrals: ReferralRow[];
  episodes: EpisodeRow[];
  events: EpisodeEventRow[];
  onwardReferrals: OnwardReferralRow[];
};

/** Event kinds that change the episode row itself (and so its version); onward referrals are their own records. */
export const episodeChangingEventKinds: readonly EpisodeEventKind[] = ['triaged', 'allocated', 'handed-over', 'status-changed', 'discharged'];

// ---------------------------------------------------------------------------------------------
// How a team's referrals divide up.

/** Shares of the open episodes, and of extra referrals and discharges per open episode. */
export type EpisodeMix = {
  /** Triaged, on the team's waiting list, nobody allocated yet. */
  waitingUnallocated: number;
  /** Allocated to a clinician who has not yet made first contact. */
  waitingAllocated: number;
  onHold: number;
  /** Per open episode: discharged ones (they accumulate), incoming referrals, rejected referrals. */
  dischargedPerOpen: number;
  incomingPerOpen: number;
  rejectedPerOpen: number;
};

export const defaultEpisodeMix: EpisodeMix = {
  waitingUnallocated: 0.15,
  waitingAllocated: 0.12,
  onHold: 0.07,
  dischargedPerOpen: 0.35,
  incomingPerOpen: 0.08,
  rejectedPerOpen: 0.03,
};

export type TeamEpisodePlan = {
  incoming: number;
  rejected: number;
  waitingUnallocated: number;
  waitingAllocated: number;
  active: number;
  onHold: number;
  discharged: number;
};

export function planTeamEpisodes(openEpisodes: number, mix: EpisodeMix = defaultEpisodeMix): TeamEpisodePlan {
  const open = Math.max(0, Math.floor(openEpisodes));
  const waitingUnallocated = Math.round(open * mix.waitingUnallocated);
  const waitingAllocated = Math.round(open * mix.waitingAllocated);
  const onHold = Math.round(open * mix.onHold);
  return {
    incoming: open === 0 ? 0 : Math.max(1, Math.round(open * mix.incomingPerOpen)),
    rejected: Math.round(open * mix.rejectedPerOpen),
    waitingUnallocated,
    waitingAllocated,
    onHold,
    active: Math.max(0, open - waitingUnallocated - waitingAllocated - onHold),
    discharged: Math.round(open * mix.dischargedPerOpen),
  };
}

export function referralsInPlan(plan: TeamEpisodePlan): number {
  return plan.incoming + plan.rejected + plan.waitingUnallocated + plan.waitingAllocated + plan.active + plan.onHold + plan.discharged;
}

/** The most open episodes a team can have when each referral needs a patient of its own. */
export function maxOpenEpisodesFor(patients: number, mix: EpisodeMix = defaultEpisodeMix): number {
  let open = Math.floor(patients / (1 + mix.dischargedPerOpen + mix.incomingPerOpen + mix.rejectedPerOpen));
  while (open > 0 && referralsInPlan(planTeamEpisodes(open, mix)) > patients) open--;
  return open;
}

/**
 * Shares `total` open episodes across teams in proportion to the clinicians who can hold them (so
 * caseloads come out alike), never more than a team's patients allow; what one team cannot take goes
 * to the others. The sum is less than `total` only when the patients run out.
 */
export function shareOpenEpisodes(total: number, teams: readonly { holders: number; patients: number }[], mix: EpisodeMix = defaultEpisodeMix): number[] {
  const caps = teams.map((t) => maxOpenEpisodesFor(t.patients, mix));
  const shares = teams.map(() => 0);
  let left = Math.max(0, Math.floor(total));
  for (let round = 0; round < teams.length && left > 0; round++) {
    const open = teams.map((t, i) => (shares[i]! < caps[i]! ? Math.max(t.holders, 0.01) : 0));
    const weight = open.reduce((a, b) => a + b, 0);
    if (weight === 0) break;
    // Largest remainder, so the shares add up exactly.
    const exact = open.map((w) => (left * w) / weight);
    const given = exact.map((x, i) => Math.min(Math.floor(x), caps[i]! - shares[i]!));
    let remaining = left - given.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of byRemainder) {
      if (remaining === 0) break;
      if (open[i]! > 0 && shares[i]! + given[i]! < caps[i]!) {
        given[i]! += 1;
        remaining -= 1;
      }
    }
    for (const [i, g] of given.entries()) shares[i]! += g;
    left = remaining;
  }
  return shares;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let target = random() * total;
  for (const [item, w] of items) {
    target -= w;
    if (target < 0) return item;
  }
  return items[items.length - 1]![0];
}

function floorMinute(ms: number): number {
  return Math.floor(ms / minuteMs) * minuteMs;
}

function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A UUIDv7 for an instant: time-ordered like the app's own ids, but from the seed, so runs repeat. */
export function seededUuidV7(ms: number, random: Random): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
  const time = hex(Math.max(0, ms), 12);
  const a = hex(random() * 0x1000, 3);
  const variant = (0x8 | Math.floor(random() * 4)).toString(16);
  const b = hex(random() * 0x1000, 3);
  const c = hex(random() * 0x1000000, 6) + hex(random() * 0x1000000, 6);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${a}-${variant}${b}-${c}`;
}

const ukHourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });
/** UK offset from UTC, in hours, by UTC hour: the formatter is slow and there are few distinct hours. */
const ukOffsetByUtcHour = new Map<number, number>();

/** The hour of the day (0-23) in Europe/London. */
export function ukHourOf(ms: number): number {
  const utcHour = Math.floor(ms / hourMs);
  let offset = ukOffsetByUtcHour.get(utcHour);
  if (offset === undefined) {
    const local = Number(ukHourFormat.format(new Date(utcHour * hourMs)));
    offset = (((local - (utcHour % 24)) % 24) + 24) % 24;
    ukOffsetByUtcHour.set(utcHour, offset);
  }
  return (((utcHour % 24) + offset) % 24 + 24) % 24;
}

/** Referrals arrive, and visits happen, in the working day. */
function isDaytime(ms: number): boolean {
  const hour = ukHourOf(ms);
  return hour >= 8 && hour < 19;
}

/** An instant between from and to, in the working day if any of a few tries lands there. */
function daytimeBetween(random: Random, from: number, to: number): number {
  if (to <= from) return Math.ceil(from / minuteMs) * minuteMs;
  let at = from + random() * (to - from);
  for (let i = 0; i < 12 && !isDaytime(at); i++) at = from + random() * (to - from);
  return Math.floor(at / minuteMs) * minuteMs;
}

/** Roughly how long a standard gives, to bound how old a referral can be and still be waiting. */
function standardSpanMs(standard: ResponseStandard): number {
  switch (standard.kind) {
    case 'hours':
      return standard.hours * hourMs;
    case 'days':
      return standard.days * dayMs;
    case 'window-hours':
      return dayMs;
  }
}

// ---------------------------------------------------------------------------------------------
// What referrals say: services, reasons, referrers. All made up; phone numbers are Ofcom drama numbers
// and email addresses use the reserved .example domain.

type ServiceProfile = {
  service: Service;
  weight: number;
  settings: readonly (readonly [Setting, number])[];
  complexShare: number;
  priorities: readonly (readonly [Priority, number])[];
  sources: readonly (readonly [ReferralSource, number])[];
  reasons: readonly string[];
};

const d2aReasons = [
  'Fall at home, now medically fit for discharge',
  'Reduced mobility after a chest infection; medically optimised',
  'Urinary tract infection with delirium, now resolved; deconditioned',
  'Fractured neck of femur, repaired; medically fit for discharge',
  'Cellulitis of the left leg, treated; struggling with stairs',
  'Exacerbation of COPD; reduced exercise tolerance',
  'Heart failure admission; breathless on exertion',
  'Fractured wrist after a fall; managing one-handed',
];
const strokeReasons = [
  'Left middle cerebral artery infarct; right-sided weakness',
  'Right hemisphere stroke; left inattention and weakness',
  'Posterior circulation stroke; balance and visual problems',
  'Lacunar stroke; mild left arm weakness and fatigue',
  'Haemorrhagic stroke; cognitive and communication difficulties',
];
const rehabReasons = [
  'Parkinson’s disease with increasing falls',
  'Multiple sclerosis relapse; reduced transfers',
  'Below-knee amputation; prosthetic rehabilitation',
  'Guillain-Barré syndrome recovering; weakness in all four limbs',
  'Traumatic brain injury; returning home',
  'Deconditioning after a long intensive care stay',
];

const serviceProfiles: readonly ServiceProfile[] = [
  {
    service: 'd2a-pathway-1',
    weight: 40,
    settings: [['home', 1]],
    complexShare: 0.3,
    priorities: [['P1', 10], ['P2', 50], ['P3', 40]],
    sources: [['acute-ward', 70], ['community-hospital-ward', 10], ['urgent-community-response', 10], ['gp', 5], ['social-care', 5]],
    reasons: d2aReasons,
  },
  {
    service: 'd2a-pathway-0',
    weight: 8,
    settings: [['home', 1]],
    complexShare: 0.1,
    priorities: [['P1', 5], ['P2', 35], ['P3', 60]],
    sources: [['acute-ward', 60], ['gp', 20], ['self-or-family', 20]],
    reasons: d2aReasons,
  },
  {
    service: 'd2a-pathway-2',
    weight: 6,
    settings: [['community-bed', 1]],
    complexShare: 0.5,
    priorities: [['P1', 15], ['P2', 60], ['P3', 25]],
    sources: [['acute-ward', 80], ['community-hospital-ward', 20]],
    reasons: d2aReasons,
  },
  {
    service: 'd2a-pathway-3',
    weight: 2,
    settings: [['community-bed', 1]],
    complexShare: 0.6,
    priorities: [['P1', 10], ['P2', 60], ['P3', 30]],
    sources: [['acute-ward', 100]],
    reasons: d2aReasons,
  },
  {
    service: 'stroke-early-supported-discharge',
    weight: 10,
    settings: [['home', 1]],
    complexShare: 0.7,
    priorities: [['P1', 30], ['P2', 55], ['P3', 15]],
    sources: [['acute-ward', 100]],
    reasons: strokeReasons,
  },
  {
    service: 'community-stroke-rehabilitation',
    weight: 14,
    settings: [['home', 80], ['clinic', 20]],
    complexShare: 0.6,
    priorities: [['P1', 5], ['P2', 45], ['P3', 50]],
    sources: [['other-team', 55], ['gp', 30], ['acute-ward', 15]],
    reasons: strokeReasons,
  },
  {
    service: 'rehabilitation-medicine',
    weight: 8,
    settings: [['home', 50], ['clinic', 50]],
    complexShare: 0.75,
    priorities: [['P1', 5], ['P2', 40], ['P3', 55]],
    sources: [['gp', 40], ['other-team', 40], ['self-or-family', 20]],
    reasons: rehabReasons,
  },
  {
    service: 'bed-based-rehabilitation',
    weight: 12,
    settings: [['community-bed', 1]],
    complexShare: 0.5,
    priorities: [['P1', 10], ['P2', 50], ['P3', 40]],
    sources: [['acute-ward', 70], ['community-hospital-ward', 30]],
    reasons: d2aReasons,
  },
];
const serviceChoices = serviceProfiles.map((p) => [p, p.weight] as const);

const presentingNeeds = [
  'Needs help with transfers and stairs; wants to get back to making her own meals.',
  'Unsteady walking indoors with a frame; nervous about going out.',
  'Struggling to wash and dress; family helping for now.',
  'Cannot get in or out of the bath; bed and chair too low.',
  'Needs assessment for a second stair rail and a perching stool.',
  'Fatigue limits activity to short spells; wants to walk to the shop again.',
  'Reduced sitting balance; at risk of falls on transfers.',
  'Needs help to plan a graded return to community activities.',
];
const complexReasons = [
  'Dense one-sided weakness; needs specialist moving and handling',
  'Several long-term conditions and a recent fall; cognition fluctuates',
  'Freezing of gait with frequent falls; medication timing critical',
  'New amputation; stump care and transfer training needed',
  'Cognitive impairment affects safety at home; carer strain',
  'Unstable medical picture; needs close review of tolerance',
];
const nonComplexReasons = [
  'Deconditioned after a short admission; stable and motivated',
  'Mobility reduced after a fall; no injury, cognitively intact',
  'Needs a kitchen and bathing assessment and equipment only',
  'Single clear goal (stairs); good support at home',
  'Stable condition; needs a short programme of strengthening',
];
const triageNotes = [
  'Key safe code with the referrer; ring the daughter before the first visit.',
  'Check equipment delivered before the first visit.',
  'Prefers morning visits.',
  'Joint visit with the social worker if possible.',
  'Ward reports good progress with the frame.',
];
const wards = ['Ward 7 (care of older people)', 'Ward 12 (orthopaedics)', 'Ward 20 (respiratory)', 'Acute medical unit'];
const strokeWard = 'Ward 108 (stroke unit)';
const otherTeams = ['Stroke early supported discharge team', 'Neuro outpatients', 'Falls prevention service', 'Community nursing, Leek'];
const referrerGivenNames = ['Amy', 'Ben', 'Carla', 'Dan', 'Ewa', 'Farah', 'Gemma', 'Hugh', 'Isla', 'Jas', 'Kate', 'Liam', 'Mina', 'Neil'];
const referrerFamilyNames = ['Lowe', 'Hulme', 'Bassi', 'Ridgway', 'Kowalczyk', 'Begum', 'Stanier', 'Tunnicliffe', 'Degg', 'Sandhu', 'Plant', 'Colclough'];
const referrerRoles: Record<ReferralSource, readonly string[]> = {
  'acute-ward': ['ward sister', 'discharge coordinator', 'ward physiotherapist', 'ward occupational therapist'],
  'community-hospital-ward': ['ward manager', 'ward physiotherapist'],
  gp: ['GP', 'practice nurse'],
  'urgent-community-response': ['UCR nurse', 'UCR paramedic'],
  'social-care': ['social worker', 'reablement coordinator'],
  'self-or-family': ['daughter', 'son', 'husband', 'wife', 'self'],
  'other-team': ['stroke nurse specialist', 'physiotherapist', 'team lead'],
};
const rejectionDetails: Record<RejectionReason, string> = {
  'not-eligible': 'No rehabilitation goals identified; needs are for personal care only.',
  'outside-area': 'Lives in Cheshire East; referred on to the local team.',
  'needs-met-by-another-service': 'Seen by the falls prevention service next week; will refer back if needed.',
  'duplicate-referral': 'Already open to the team from last week.',
  'no-consent': 'Patient declined the referral when phoned.',
  'not-enough-information': 'Referrer asked to send the discharge summary and resubmit.',
  'not-medically-optimised': 'Still on intravenous antibiotics; re-refer when medically fit.',
  other: 'Moved into a care home that provides its own therapy.',
};
const onwardServices = [
  'Wheelchair service',
  'Adult social care (care needs assessment)',
  'Falls prevention service',
  'Community nursing',
  'Speech and language therapy',
  'Orthotics',
  'Memory assessment service',
];
const holdNotes: Record<OnHoldReason, string | null> = {
  'admitted-to-hospital': null,
  unwell: null,
  away: null,
  'awaiting-equipment': null,
  'patient-request': null,
  other: 'Family bereavement; asked to pause for two weeks.',
};

function referrerFor(random: Random, source: ReferralSource, service: Service): { name: string; contact: string; detail: string | null } {
  const given = pick(random, referrerGivenNames);
  const family = pick(random, referrerFamilyNames);
  const role = pick(random, referrerRoles[source]);
  const phone = `01632 960${String(intBetween(random, 0, 999)).padStart(3, '0')}`;
  const contact = random() < 0.6 ? phone : `${given.toLowerCase()}.${family.toLowerCase()}@nhs.example`;
  const detail =
    source === 'acute-ward' ? `${service.includes('stroke') ? strokeWard : pick(random, wards)}, Royal Stoke University Hospital`
    : source === 'community-hospital-ward' ? 'Ward 2, Haywood Community Hospital'
    : source === 'other-team' ? pick(random, otherTeams)
    : source === 'gp' ? 'The surgery'
    : null;
  return { name: `${given} ${family}, ${role}`, contact, detail };
}

function urgencyFor(random: Random, priority: Priority): Urgency {
  const matching: Record<Priority, Urgency> = { P1: 'urgent', P2: 'soon', P3: 'routine' };
  return random() < 0.75 ? matching[priority] : pick(random, ['urgent', 'soon', 'routine'] as const);
}

// ---------------------------------------------------------------------------------------------
// One team's referrals.

type Category = 'incoming' | 'rejected' | 'waiting-unallocated' | 'waiting-allocated' | 'active' | 'on-hold' | 'discharged';

type TeamContext = {
  random: Random;
  now: number;
  team: EpisodeTeamInput;
  takers: EpisodeStaffInput[];
  triagers: EpisodeStaffInput[];
  allocators: EpisodeStaffInput[];
  holders: EpisodeStaffInput[];
  /** How keen each holder is to take on more: caseloads differ, as they do in real teams. */
  appetite: Map<string, number>;
  out: DemoEpisodes;
};

type EventWriter = (at: number, staff: EpisodeStaffInput, kind: EpisodeEventKind, reason: string | null, detail: Record<string, unknown>) => void;

type ClinicalPicture = { profile: ServiceProfile; setting: Setting; complexity: Complexity; priority: Priority; skills: Skill[] };

function clinicalPicture(random: Random, patient: EpisodePatientInput): ClinicalPicture {
  const profile = weighted(random, serviceChoices);
  const complexity: Complexity = random() < profile.complexShare ? 'complex' : 'non-complex';
  // Services route their lowest priority to assistant practitioners; complex referrals are seldom P3.
  const priorities = complexity === 'complex' ? profile.priorities.map(([p, w]) => [p, p === 'P3' ? w / 3 : w] as const) : profile.priorities;
  const priority = weighted(random, priorities);
  const skills: Skill[] = [];
  const profession = random();
  if (profession < 0.5) skills.push('OT');
  else if (profession < 0.9) skills.push('PT');
  else skills.push('OT', 'PT');
  if (random() < (complexity === 'complex' ? 0.18 : 0.05)) skills.push('hoist-competent');
  if (patient.riskFlags.includes('visit-in-pairs') || (skills.includes('hoist-competent') && random() < 0.6)) skills.push('two-person');
  return { profile, setting: weighted(random, profile.settings), complexity, priority, skills };
}

function eligibleHolders(ctx: TeamContext, picture: ClinicalPicture, assessmentDone: boolean): EpisodeStaffInput[] {
  return ctx.holders.filter(
    (s) =>
      checkAllocation({
        episode: { complexity: picture.complexity, skillsNeeded: picture.skills, assessmentDone },
        clinician: { role: s.role, profession: s.profession, skills: s.skills, active: s.active },
      }).allowed,
  );
}

function chooseHolder(ctx: TeamContext, candidates: readonly EpisodeStaffInput[], picture: ClinicalPicture): EpisodeStaffInput {
  return weighted(
    ctx.random,
    candidates.map((s) => {
      const keen = ctx.appetite.get(s.id) ?? 1;
      const routedToAssistants = s.role === 'assistant-practitioner' && picture.priority === 'P3' ? 2.5 : 1;
      return [s, keen * routedToAssistants] as const;
    }),
  );
}

function chooseTriager(ctx: TeamContext, skills: readonly Skill[]): EpisodeStaffInput {
  const sameProfession = ctx.triagers.filter((s) => skills.includes(s.profession as Skill));
  return pick(ctx.random, sameProfession.length > 0 && ctx.random() < 0.8 ? sameProfession : ctx.triagers);
}

function chooseAllocator(ctx: TeamContext): EpisodeStaffInput {
  const leads = ctx.allocators.filter((s) => s.role === 'clinical-lead');
  return pick(ctx.random, leads.length > 0 && ctx.random() < 0.7 ? leads : ctx.allocators);
}

type Timeline = {
  received: number;
  triaged: number;
  allocated: number | null;
  firstContact: number | null;
};

/**
 * Finds when a referral was received so that its clock stands in `target` now: sampled in the working
 * day and kept if it lands right (a few dozen tries; the last try stands if none does).
 */
function receivedForClock(ctx: TeamContext, picture: ClinicalPicture, target: 'running' | 'due-soon' | 'breached'): { received: number; due: number } {
  const { random, now } = ctx;
  const standard = responseStandardFor(picture.profile.service, picture.priority);
  const span = standardSpanMs(standard);
  // A clock of a day or less is due soon from the start: it is never merely running.
  if (target === 'running' && span <= dayMs) target = 'due-soon';
  // A P1 is not left breached for days; others may wait longer than they should.
  const maxOver = picture.priority === 'P1' ? 12 * hourMs : 4 * dayMs;
  let best: { received: number; due: number } | null = null;
  for (let attempt = 0; attempt < 60; attempt++) {
    const age = target === 'breached' ? between(random, Math.min(span, 2 * hourMs), span + maxOver) : between(random, 20 * minuteMs, span);
    const received = Math.floor((now - age) / minuteMs) * minuteMs;
    if (!isDaytime(received)) continue;
    const due = responseDueAt({ service: picture.profile.service, priority: picture.priority, clockStartsAt: new Date(received) }).getTime();
    best = { received, due };
    const state = clockState({ dueAt: new Date(due), firstContactAt: null, now: new Date(now) });
    if (state.state === target && (state.state !== 'breached' || state.minutesOver * minuteMs <= maxOver)) return best;
  }
  if (best) return best;
  const received = now - 30 * minuteMs;
  return { received, due: responseDueAt({ service: picture.profile.service, priority: picture.priority, clockStartsAt: new Date(received) }).getTime() };
}

/** A timeline up to first contact, met or (sometimes) late, all before `latestContact`. */
function timelineToFirstContact(ctx: TeamContext, picture: ClinicalPicture, minAgeDays: number, maxAgeDays: number, latestContact: number): Timeline & { firstContact: number; due: number } {
  const { random } = ctx;
  const late = random() < 0.15;
  let fallback: (Timeline & { firstContact: number; due: number }) | null = null;
  for (let attempt = 0; attempt < 60; attempt++) {
    const received = Math.floor((ctx.now - between(random, minAgeDays, maxAgeDays) * dayMs) / minuteMs) * minuteMs;
    if (!isDaytime(received)) continue;
    const due = responseDueAt({ service: picture.profile.service, priority: picture.priority, clockStartsAt: new Date(received) }).getTime();
    const until = Math.min(due, latestContact);
    // Triage within the day it came in, allocation within a couple of days, both well before the clock runs out.
    const triaged = daytimeBetween(random, received + 5 * minuteMs, received + Math.min((until - received) * 0.3, dayMs));
    const allocated = daytimeBetween(random, triaged + 5 * minuteMs, triaged + Math.min((until - triaged) * 0.4, 2 * dayMs));
    if (until - allocated < 20 * minuteMs) continue;
    let firstContact: number;
    if (late && due + hourMs < latestContact) {
      firstContact = daytimeBetween(random, due + 30 * minuteMs, Math.min(latestContact, due + Math.min(3 * dayMs, standardSpanMs(responseStandardFor(picture.profile.service, picture.priority)))));
      if (firstContact <= due) continue;
    } else {
      firstContact = daytimeBetween(random, allocated + 15 * minuteMs, until);
    }
    const timeline = { received, triaged, allocated, firstContact, due };
    if (!late || firstContact > due) return timeline;
    fallback ??= timeline;
  }
  if (fallback) return fallback;
  // Very tight standards can defeat the sampling; a referral seen the day it came in always fits.
  const received = Math.min(latestContact - 3 * hourMs, ctx.now - minAgeDays * dayMs);
  const due = responseDueAt({ service: picture.profile.service, priority: picture.priority, clockStartsAt: new Date(received) }).getTime();
  return { received, triaged: received + 30 * minuteMs, allocated: received + hourMs, firstContact: received + 2 * hourMs, due };
}

function datesFromFirstContact(ctx: TeamContext, service: Service, firstContact: number): { plannedEndOn: string | null; reviewDueOn: string } {
  const startOn = ukDateOf(new Date(firstContact));
  if (!isIntermediateCare(service)) return { plannedEndOn: null, reviewDueOn: addCalendarDays(startOn, 42) };
  const plannedEndOn = plannedEndDate({ firstContact: startOn });
  // The midway review first, as recordFirstContact sets it; holding it (a review in the record, written
  // through recordEpisodeReview by the demo's records) is what moves the episode on to the end review.
  // (The draw that once decided here whether it was held is still taken, so the rest of the demo stays as it was.)
  ctx.random();
  return { plannedEndOn, reviewDueOn: reviewDates({ startOn, plannedEndOn }).midwayReviewOn };
}

function generateReferral(ctx: TeamContext, category: Category, patient: EpisodePatientInput): void {
  const { random, now, team, out } = ctx;
  let picture = clinicalPicture(random, patient);
  const needsHolder = category !== 'incoming' && category !== 'rejected' && category !== 'waiting-unallocated';
  let candidates = needsHolder ? eligibleHolders(ctx, picture, false) : [];
  // Re-draw a picture nobody in the team can hold (say, hoisting with no hoist-competent clinician).
  for (let i = 0; needsHolder && candidates.length === 0 && i < 8; i++) {
    picture = clinicalPicture(random, patient);
    candidates = eligibleHolders(ctx, picture, false);
  }
  if (needsHolder && candidates.length === 0) category = 'waiting-unallocated';

  const service = picture.profile.service;
  const source = weighted(random, picture.profile.sources);
  const referrer = referrerFor(random, source, picture.profile.service);
  const taker = pick(random, ctx.takers);

  // -- When things happened.
  let timeline: Timeline;
  let due: number;
  if (category === 'incoming') {
    let received = now - (5 * minuteMs + random() ** 2 * 3 * dayMs);
    for (let i = 0; i < 12 && !isDaytime(received); i++) received = now - (5 * minuteMs + random() ** 2 * 3 * dayMs);
    timeline = { received: Math.floor(received / minuteMs) * minuteMs, triaged: 0, allocated: null, firstContact: null };
    due = 0;
  } else if (category === 'rejected') {
    const received = daytimeBetween(random, now - 30 * dayMs, now - dayMs);
    timeline = { received, triaged: Math.min(now - minuteMs, received + between(random, 2, 30) * hourMs), allocated: null, firstContact: null };
    due = 0;
  } else if (category === 'waiting-unallocated' || category === 'waiting-allocated' || (category === 'on-hold' && random() < 0.3)) {
    // On hold before first contact: admitted, or unwell, before anyone could visit.
    const target = weighted(random, category === 'waiting-allocated' ? ([['running', 50], ['due-soon', 35], ['breached', 15]] as const) : ([['running', 40], ['due-soon', 30], ['breached', 30]] as const));
    const clock = receivedForClock(ctx, picture, target);
    const triaged = daytimeBetween(random, clock.received + 5 * minuteMs, Math.min(now - 10 * minuteMs, clock.received + dayMs));
    const allocated = category === 'waiting-unallocated' ? null : daytimeBetween(random, triaged + 5 * minuteMs, Math.min(now - 5 * minuteMs, triaged + 2 * dayMs));
    timeline = { received: clock.received, triaged, allocated, firstContact: null };
    due = clock.due;
  } else {
    const [minAge, maxAge] = category === 'discharged' ? [12, 120] : [2, 44];
    const latest = category === 'discharged' ? now - 3 * dayMs : now - hourMs;
    const t = timelineToFirstContact(ctx, picture, minAge, maxAge, latest);
    timeline = t;
    due = t.due;
  }

  const received = timeline.received;
  const createdAt = floorMinute(Math.min(received + between(random, 2, 45) * minuteMs, received + (now - received) / 2));
  const referralId = seededUuidV7(createdAt, random);
  const consent = random() < 0.97;
  const referral: ReferralRow = {
    id: referralId,
    patient_id: patient.id,
    team_id: team.id,
    source,
    source_detail: referrer.detail,
    received_at: new Date(received),
    service,
    setting: picture.setting,
    reason: pick(random, picture.profile.reasons),
    presenting_needs: random() < 0.85 ? pick(random, presentingNeeds) : null,
    urgency_requested: urgencyFor(random, picture.priority),
    referrer_name: referrer.name,
    referrer_contact: referrer.contact,
    consent_to_referral: consent,
    consent_note: consent ? null : 'Lacks capacity to consent to this referral; best interests decision recorded by the ward team.',
    status: 'incoming',
    rejection_reason: null,
    rejection_detail: null,
    decided_at: null,
    decided_by: null,
    version: 1,
    created_at: new Date(createdAt),
    created_by: taker.id,
    updated_at: new Date(createdAt),
    updated_by: taker.id,
  };
  out.referrals.push(referral);
  if (category === 'incoming') return;

  const triager = chooseTriager(ctx, picture.skills);
  const decidedAt = Math.max(timeline.triaged, createdAt + minuteMs);
  referral.decided_at = new Date(decidedAt);
  referral.decided_by = triager.id;
  referral.version = 2;
  referral.updated_at = new Date(decidedAt);
  referral.updated_by = triager.id;
  if (category === 'rejected') {
    const reason = weighted(random, [['not-eligible', 3], ['outside-area', 2], ['needs-met-by-another-service', 3], ['duplicate-referral', 1], ['not-enough-information', 2], ['not-medically-optimised', 2], ['no-consent', 1], ['other', 1]] as const);
    referral.status = 'rejected';
    referral.rejection_reason = reason;
    referral.rejection_detail = rejectionDetails[reason];
    return;
  }
  referral.status = 'accepted';

  // -- Triage opens the episode, its clock started when the referral was received.
  const standard = responseStandardFor(service, picture.priority);
  const episodeId = seededUuidV7(decidedAt, random);
  const complexityReason = pick(random, picture.complexity === 'complex' ? complexReasons : nonComplexReasons);
  const visitsPerWeek = picture.complexity === 'complex' ? pick(random, [2, 3, 3, 5]) : pick(random, [1, 1, 2, 2, 3]);
  const notes = random() < 0.3 ? pick(random, triageNotes) : null;
  const episode: EpisodeRow = {
    id: episodeId,
    patient_id: patient.id,
    referral_id: referralId,
    team_id: team.id,
    service,
    setting: picture.setting,
    status: 'waiting',
    hold_reason: null,
    complexity: picture.complexity,
    complexity_reason: complexityReason,
    priority: picture.priority,
    skills_needed: picture.skills,
    triage_notes: notes,
    triaged_by: triager.id,
    triaged_at: new Date(decidedAt),
    clock_starts_at: new Date(received),
    response_due_at: new Date(due),
    allocated_to: null,
    allocated_at: null,
    first_contact_at: null,
    first_assessment_at: null,
    last_contact_at: null,
    next_contact_at: null,
    planned_end_on: null,
    review_due_on: null,
    visits_per_week: visitsPerWeek,
    travel_minutes: weighted(random, [[10, 3], [15, 4], [20, 4], [30, 3], [40, 1], [50, 1]] as const),
    discharged_on: null,
    discharge_outcome: null,
    discharge_destination: null,
    discharge_note: null,
    version: 1,
    created_at: new Date(decidedAt),
    created_by: triager.id,
    updated_at: new Date(decidedAt),
    updated_by: triager.id,
  };
  out.episodes.push(episode);
  const event: EventWriter = (at, staff, kind, reason, detail) => {
    out.events.push({ id: seededUuidV7(at, random), episode_id: episodeId, occurred_at: new Date(at), staff_id: staff.id, kind, reason, detail });
    if (episodeChangingEventKinds.includes(kind)) {
      episode.version += 1;
      episode.updated_at = new Date(at);
      episode.updated_by = staff.id;
    }
  };
  out.events.push({
    id: seededUuidV7(decidedAt, random),
    episode_id: episodeId,
    occurred_at: new Date(decidedAt),
    staff_id: triager.id,
    kind: 'triaged',
    reason: complexityReason,
    detail: {
      referralId,
      complexity: picture.complexity,
      priority: picture.priority,
      skillsNeeded: picture.skills,
      visitsPerWeek,
      clockStartsAt: new Date(received).toISOString(),
      responseDueAt: new Date(due).toISOString(),
      responseStandard: `${standard.name}: ${describeStandard(standard)}`,
      notes,
    },
  });
  if (category === 'waiting-unallocated' || timeline.allocated === null) return;

  // -- Allocation within competence. Each step at least a minute after the one before, so the history reads in order.
  let holder = chooseHolder(ctx, candidates, picture);
  const allocator = chooseAllocator(ctx);
  const allocatedAt = Math.max(timeline.allocated, decidedAt + minuteMs);
  episode.allocated_to = holder.id;
  episode.allocated_at = new Date(allocatedAt);
  event(allocatedAt, allocator, 'allocated', null, { fromStaffId: null, fromName: null, toStaffId: holder.id, toName: holder.name });
  let cursor = allocatedAt;

  if (timeline.firstContact !== null) {
    // -- First contact makes the episode active and sets the dates that follow from it.
    const firstContact = Math.max(timeline.firstContact, allocatedAt + minuteMs);
    const assessed = random() < 0.95;
    const clockAtContact = clockState({ dueAt: new Date(due), firstContactAt: null, now: new Date(firstContact) });
    const dates = datesFromFirstContact(ctx, service, firstContact);
    episode.status = 'active';
    episode.first_contact_at = new Date(firstContact);
    episode.first_assessment_at = assessed ? new Date(firstContact) : null;
    episode.last_contact_at = new Date(firstContact);
    episode.planned_end_on = dates.plannedEndOn;
    episode.review_due_on = dates.reviewDueOn;
    event(firstContact, holder, 'status-changed', 'first-contact', { from: 'waiting', to: 'active', firstContactAt: new Date(firstContact).toISOString(), assessed, clock: clockAtContact.state });
    cursor = firstContact;
  }

  if (category === 'active' && random() < 0.06) {
    // -- A weekend hand-over (or leave) to a colleague who can also hold it.
    const others = eligibleHolders(ctx, picture, true).filter((s) => s.id !== holder.id);
    if (others.length > 0) {
      const to = chooseHolder(ctx, others, picture);
      const at = daytimeBetween(random, cursor + hourMs, now - hourMs);
      if (at > cursor) {
        const reason: AllocationChangeReason = weighted(random, [['weekend-cover', 3], ['leave-or-sickness', 2], ['caseload-balance', 1]] as const);
        event(at, holder, 'handed-over', reason, { fromStaffId: holder.id, fromName: holder.name, toStaffId: to.id, toName: to.name });
        holder = to;
        episode.allocated_to = to.id;
        episode.allocated_at = new Date(at);
        cursor = at;
      }
    }
  }

  if (category === 'discharged') {
    const outcome = weighted(random, [['goals-met', 55], ['goals-partly-met', 20], ['goals-not-met', 5], ['declined-or-withdrew', 5], ['readmitted-to-hospital', 7], ['transferred-to-another-service', 6], ['died', 2]] as const);
    const lastVisit = daytimeBetween(random, cursor + dayMs, Math.min(now - 2 * dayMs, cursor + 45 * dayMs));
    const lastContact = Math.max(lastVisit, cursor);
    const recorded = Math.min(now - minuteMs, lastContact + between(random, 10, 240) * minuteMs);
    episode.last_contact_at = new Date(lastContact);
    if (outcome === 'transferred-to-another-service' || random() < 0.05) {
      onwardReferral(ctx, episode, holder, lastContact - between(random, 1, 60) * minuteMs, recorded, event);
    }
    const destinations = dischargeDestinationsFor(outcome);
    const destination: DischargeDestination =
      outcome === 'transferred-to-another-service' ? 'another-service'
      : destinations.length === 1 ? destinations[0]!
      : weighted(random, destinations.map((d) => [d, d.startsWith('home') ? 6 : 1] as const));
    const dischargedOn = ukDateOf(new Date(lastContact));
    const note = outcome === 'goals-met' && random() < 0.5 ? 'Independent with all goals; discharged with a home exercise programme.' : null;
    episode.status = 'discharged';
    episode.discharged_on = dischargedOn;
    episode.discharge_outcome = outcome;
    episode.discharge_destination = destination;
    episode.discharge_note = note;
    episode.next_contact_at = null;
    event(recorded, holder, 'discharged', outcome, { from: 'active', destination, dischargedOn, ...(note ? { note } : {}) });
    return;
  }

  if (episode.first_contact_at !== null) {
    // -- Visits since first contact: most seen this week, some not for a while (the score notices).
    const stale = random() < 0.15;
    const from = Math.max(cursor, stale ? now - 20 * dayMs : now - 6 * dayMs);
    const to = stale ? Math.max(from, now - 9 * dayMs) : now - hourMs;
    const last = daytimeBetween(random, from, Math.max(from, to));
    episode.last_contact_at = new Date(Math.max(last, episode.first_contact_at.getTime()));
    cursor = Math.max(cursor, episode.last_contact_at.getTime());
    if (category === 'active' && random() < 0.08) {
      const sent = daytimeBetween(random, episode.first_contact_at.getTime() + hourMs, now - hourMs);
      if (sent > episode.first_contact_at.getTime()) onwardReferral(ctx, episode, holder, sent, sent, event);
    }
  }

  if (category === 'on-hold') {
    const reason = weighted(random, [['admitted-to-hospital', 4], ['unwell', 3], ['away', 1], ['awaiting-equipment', 2], ['patient-request', 1], ['other', 1]] as const);
    const note = holdNotes[reason];
    const at = Math.min(now, Math.max(cursor + minuteMs, floorMinute(cursor + (now - cursor) * between(random, 0.2, 0.9))));
    episode.status = 'on-hold';
    episode.hold_reason = note ? `${onHoldReasonLabels[reason]}: ${note}` : onHoldReasonLabels[reason];
    event(at, holder, 'status-changed', reason, { from: episode.first_contact_at ? 'active' : 'waiting', to: 'on-hold', ...(note ? { note } : {}) });
    return;
  }

  // -- The next planned visit, for most of those seen: only recordFirstContact plans one, so an episode
  // not yet seen has none (the draws are taken all the same, so the rest of the demo stays as it was).
  if (random() < 0.85) {
    const next = new Date(daytimeBetween(random, now + 2 * hourMs, now + 7 * dayMs));
    if (episode.first_contact_at !== null) episode.next_contact_at = next;
  }
}

/**
 * Sent during the episode (or at its discharge); most are acknowledged by the receiving service a few
 * days later, which the holder records: after `acknowledgedAfter`, and never after now.
 */
function onwardReferral(ctx: TeamContext, episode: EpisodeRow, holder: EpisodeStaffInput, sentAt: number, acknowledgedAfter: number, event: EventWriter): void {
  const { random, now } = ctx;
  const sent = floorMinute(Math.max(sentAt, episode.first_contact_at?.getTime() ?? sentAt));
  const toService = episode.discharge_outcome === 'transferred-to-another-service' ? pick(random, onwardServices.slice(1, 4)) : pick(random, onwardServices);
  const note = random() < 0.4 ? 'Referral letter and summary sent by secure email.' : null;
  const id = seededUuidV7(sent, random);
  const acknowledged = random() < 0.6 ? floorMinute(Math.min(now - minuteMs, Math.max(acknowledgedAfter, sent) + between(random, 2, 96) * hourMs)) : null;
  const row: OnwardReferralRow = {
    id,
    episode_id: episode.id,
    to_service: toService,
    note,
    sent_at: new Date(sent),
    acknowledged_at: null,
    version: 1,
    created_at: new Date(sent),
    created_by: holder.id,
    updated_at: new Date(sent),
    updated_by: holder.id,
  };
  ctx.out.onwardReferrals.push(row);
  event(sent, holder, 'onward-referral', null, { onwardReferralId: id, toService, ...(note ? { note } : {}) });
  if (acknowledged !== null && acknowledged > Math.max(acknowledgedAfter, sent)) {
    row.acknowledged_at = new Date(acknowledged);
    row.version = 2;
    row.updated_at = row.acknowledged_at;
    event(acknowledged, holder, 'onward-acknowledged', null, { onwardReferralId: id, toService });
  }
}

// ---------------------------------------------------------------------------------------------

const holderAppetite: Partial<Record<HomewardRole, number>> = {
  'registered-therapist': 1,
  'assistant-practitioner': 0.8,
  // Clinical leads hold a few episodes alongside leading the team.
  'clinical-lead': 0.3,
};

export function generateDemoEpisodes(options: GenerateDemoEpisodesOptions): DemoEpisodes {
  const mix = options.mix ?? defaultEpisodeMix;
  const out: DemoEpisodes = { referrals: [], episodes: [], events: [], onwardReferrals: [] };
  const now = options.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('generateDemoEpisodes needs a valid reference time');
  for (const [t, team] of options.teams.entries()) {
    const plan = planTeamEpisodes(team.openEpisodes, mix);
    const needed = referralsInPlan(plan);
    if (needed === 0) continue;
    if (needed > team.patients.length) {
      throw new RangeError(`Team ${team.id} needs ${needed} patients for ${team.openEpisodes} open episodes but has ${team.patients.length}`);
    }
    const active = team.staff.filter((s) => s.active);
    const triagers = active.filter((s) => mayTriage(s.role));
    if (triagers.length === 0) throw new RangeError(`Team ${team.id} has nobody who may triage (a registered therapist or clinical lead)`);
    const random = createRandom(deriveSeed(options.seed, t));
    const holders = active.filter((s) => holderAppetite[s.role] !== undefined);
    const ctx: TeamContext = {
      random,
      now,
      team,
      // Recorded by whoever may take a referral (mayMakeReferrals): support workers and students pass them on.
      takers: active.filter((s) => mayMakeReferrals(s.role)),
      triagers,
      allocators: active.filter((s) => mayAllocate(s.role)),
      holders,
      appetite: new Map(holders.map((s) => [s.id, holderAppetite[s.role]! * between(random, 0.55, 1.45)])),
      out,
    };

    const categories: Category[] = [
      ...Array<Category>(plan.incoming).fill('incoming'),
      ...Array<Category>(plan.rejected).fill('rejected'),
      ...Array<Category>(plan.waitingUnallocated).fill('waiting-unallocated'),
      ...Array<Category>(plan.waitingAllocated).fill('waiting-allocated'),
      ...Array<Category>(plan.active).fill('active'),
      ...Array<Category>(plan.onHold).fill('on-hold'),
      ...Array<Category>(plan.discharged).fill('discharged'),
    ];
    // A different patient for each referral: a partial Fisher-Yates shuffle of the team's list.
    const order = Array.from(team.patients.keys());
    for (const [i, category] of categories.entries()) {
      const j = i + Math.floor(random() * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
      generateReferral(ctx, category, team.patients[order[i]!]!);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Skills and extra teams.

/** Hoist competence among the demo staff, by their stable keys: some of each grade, so allocation has choices. */
const hoistCompetentDemoStaff = new Set([
  'clinical-lead',
  'ot-1',
  'pt-1',
  'pt-3',
  'assistant-practitioner-1',
  'support-worker-1',
  'support-worker-2',
  'stafford-clinical-lead',
  'stafford-ot',
  'stafford-assistant-practitioner',
  'stafford-support-worker',
]);

export function demoStaffSkills(key: string): Skill[] {
  return hoistCompetentDemoStaff.has(key) ? ['hoist-competent'] : [];
}

// Synthetic teams beyond the two demo teams have the same shape, less the demo password.
export type ScaleTeam = DemoTeam;
export type ScaleStaff = Omit<DemoStaff, 'password' | 'registrationNumber'> & { skills: Skill[] };

const scaleTeamPlaces = [
  'Leek', 'Biddulph', 'Kidsgrove', 'Newcastle-under-Lyme', 'Stone', 'Uttoxeter', 'Cheadle', 'Eccleshall', 'Rugeley',
  'Hednesford', 'Cannock', 'Burton upon Trent', 'Lichfield', 'Tamworth', 'Penkridge', 'Longton', 'Tunstall', 'Hanley',
  'Bucknall', 'Meir', 'Fenton', 'Barlaston', 'Great Haywood', 'Gnosall', 'Werrington', 'Blythe Bridge',
];
const scaleGivenNames = [
  'Alex', 'Bea', 'Callum', 'Dina', 'Eddie', 'Freya', 'George', 'Harriet', 'Ian', 'Jade', 'Kieran', 'Leah', 'Mo', 'Nina',
  'Owen', 'Pooja', 'Quentin', 'Rosie', 'Sunil', 'Tara', 'Umar', 'Vicky', 'Will', 'Yasmin',
];
const scaleFamilyNames = [
  'Allen', 'Bailey', 'Choudhury', 'Dawson', 'Ellis', 'Forrester', 'Goodwin', 'Hussain', 'Ingram', 'Jennings', 'Khan',
  'Lomas', 'Mason', 'Nolan', 'Oakes', 'Parkes', 'Quinn', 'Rowley', 'Shaw', 'Turner', 'Underwood', 'Vernon', 'Walsh', 'Yates',
];

/**
 * Teams beyond the two demo teams, for scale: `clinicians` people each who can see patients (a clinical
 * lead, registered OTs and PTs, assistant practitioners, support workers) and an administrator.
 * Emails carry the team number and place in it, so they never clash with the demo team or each other.
 */
export function generateScaleTeams(options: { seed: number; count: number; clinicians: number; firstNumber?: number }): { teams: ScaleTeam[]; staff: ScaleStaff[] } {
  const random = createRandom(deriveSeed(options.seed, 0x5ca1e));
  const clinicians = Math.max(5, Math.floor(options.clinicians));
  const first = options.firstNumber ?? 3;
  const teams: ScaleTeam[] = [];
  const staff: ScaleStaff[] = [];
  for (let i = 0; i < options.count; i++) {
    const number = first + i;
    const place = scaleTeamPlaces[i % scaleTeamPlaces.length]!;
    const round = Math.floor(i / scaleTeamPlaces.length);
    const team: ScaleTeam = {
      key: `team-${String(number).padStart(2, '0')}`,
      name: `${place} Community Therapies${round > 0 ? ` ${round + 1}` : ''} (team ${number})`,
      baseLocation: `${place} Health Centre`,
      phone: `01632 960${String(number % 1000).padStart(3, '0')}`,
    };
    teams.push(team);
    const assistants = Math.max(1, Math.round(clinicians * 0.2));
    const supportWorkers = Math.max(1, Math.round(clinicians * 0.1));
    const therapists = Math.max(2, clinicians - 1 - assistants - supportWorkers);
    const roster: Array<{ role: HomewardRole; profession: Profession; band: Band }> = [
      { role: 'clinical-lead', profession: i % 2 === 0 ? 'OT' : 'PT', band: '7' },
      ...Array.from({ length: therapists }, (_, k) => ({ role: 'registered-therapist' as const, profession: (k % 2 === 0 ? 'OT' : 'PT') as Profession, band: (k % 3 === 0 ? '6' : '5') as Band })),
      ...Array.from({ length: assistants }, () => ({ role: 'assistant-practitioner' as const, profession: 'none' as const, band: '4' as const })),
      ...Array.from({ length: supportWorkers }, () => ({ role: 'support-worker' as const, profession: 'none' as const, band: '3' as const })),
      { role: 'administrator', profession: 'none', band: '4' },
    ];
    for (const [k, member] of roster.entries()) {
      const givenName = pick(random, scaleGivenNames);
      const familyName = pick(random, scaleFamilyNames);
      const hoist = member.role !== 'administrator' && random() < (member.role === 'registered-therapist' ? 0.45 : 0.5);
      staff.push({
        key: `${team.key}-${k + 1}`,
        givenName,
        familyName,
        email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${number}-${k + 1}@homeward.example`,
        homewardRole: member.role,
        profession: member.profession,
        band: member.band,
        teamKey: team.key,
        baseLocation: team.baseLocation,
        skills: hoist ? ['hoist-competent'] : [],
      });
    }
  }
  return { teams, staff };
}

/** Clinicians per extra team so a typical caseload is about 25 open episodes. */
export function cliniciansPerScaleTeam(openEpisodes: number, teams: number): number {
  if (teams <= 0) return 5;
  return Math.min(80, Math.max(5, Math.ceil(openEpisodes / teams / 25 / 0.85)));
}
