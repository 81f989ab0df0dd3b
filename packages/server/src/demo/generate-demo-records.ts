// Synthetic clinical records for the demo's active and recently discharged episodes: consent, contact
// notes in plain clinical English (a few drafts, a late entry or two, one amendment with its reason,
// support workers' notes awaiting or given review), Barthel and Timed Up and Go scored by
// scoreInstrument from item responses picked from the definitions, goals with five described levels and
// their ratings, a programme of care (kitchen practice delegated to a support worker with a recorded
// competence, sit-to-stand practice with a carer every day) with its logs, and reviews on longer episodes.
// Every entry is attributable to a real member of the team and falls within its episode.
// Pure and deterministic: the same seed, reference time and inputs give the same rows (ids included).
import {
  addCalendarDays,
  barthelIndex,
  daysBetween,
  formatDisplayDate,
  fromUkWallClock,
  isIntermediateCare,
  isLateEntry,
  isStrokeService,
  reviewDates,
  reviewDecisionLabels,
  reviewKindLabels,
  scoreInstrument,
  timedUpAndGo,
  ukDateOf,
  type CommunicationNeeds,
  type ContactNoteKind,
  type HomewardRole,
  type InstrumentDefinition,
  type PatientContact,
  type Profession,
  type Service,
  type Setting,
  type Sex,
  type TherapyMinutes,
} from '@homeward/clinical';
import { seededUuidV7 } from './generate-demo-episodes.ts';
import { createRandom, deriveSeed } from './seeded-random.ts';

type Random = () => number;
const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

// ---------------------------------------------------------------------------------------------
// Inputs and outputs.

export type RecordStaffInput = { id: string; name: string; role: HomewardRole; profession: Profession; teamId: string; active: boolean };

export type RecordPatientInput = {
  id: string;
  givenName: string;
  familyName: string;
  sex: Sex;
  dateOfBirth: string;
  contacts: readonly PatientContact[];
  communicationNeeds: CommunicationNeeds;
  livesAlone: boolean;
};

export type RecordEpisodeInput = {
  id: string;
  teamId: string;
  service: Service;
  setting: Setting;
  status: 'active' | 'on-hold' | 'discharged';
  complexity: 'complex' | 'non-complex';
  skillsNeeded: readonly string[];
  /** Why the patient was referred, from the referral. */
  reason: string;
  firstContactAt: Date;
  /** Null when first contact did not include the first assessment. */
  firstAssessmentAt: Date | null;
  lastContactAt: Date;
  plannedEndOn: string | null;
  reviewDueOn: string | null;
  visitsPerWeek: number;
  dischargedOn: string | null;
  dischargeOutcome: string | null;
  /** Who held the episode from when, oldest first (allocation, then any hand-over). */
  holders: readonly { staffId: string; from: Date }[];
  patient: RecordPatientInput;
};

export type GenerateDemoRecordsOptions = {
  seed: number;
  now: Date;
  episodes: readonly RecordEpisodeInput[];
  /** Everyone in the episodes' teams. */
  staff: readonly RecordStaffInput[];
  /** Competences already on record (staff id and competence), so none is recorded twice. */
  competencesHeld?: readonly { staffId: string; competence: string }[];
};

export type ConsentRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  kind: 'consent';
  scope: 'episode';
  agreed_to: string;
  method: 'verbal';
  given_by: 'patient';
  capacity_in_doubt: false;
  communication_support: string | null;
  note: string | null;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

export type ContactNoteRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  status: 'draft' | 'final';
  kind: ContactNoteKind;
  occurred_at: Date;
  duration_minutes: number | null;
  place: string | null;
  staff_present: string | null;
  body: string;
  therapy_minutes: TherapyMinutes;
  first_holistic_assessment: boolean;
  consent_missing_reason: null;
  written_at: Date;
  written_by: string;
  written_by_role: HomewardRole;
  late_entry: boolean;
  finalised_at: Date | null;
  finalised_by: string | null;
  needs_review: boolean;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  version: number;
  updated_at: Date;
  updated_by: string;
};

export type NoteAmendmentRow = {
  id: string;
  note_id: string;
  note_version: number;
  kind: ContactNoteKind;
  occurred_at: Date;
  duration_minutes: number | null;
  place: string | null;
  staff_present: string | null;
  body: string;
  therapy_minutes: TherapyMinutes;
  first_holistic_assessment: boolean;
  reason: string;
  amended_at: Date;
  amended_by: string;
  amended_by_role: HomewardRole;
};

export type AssessmentRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  instrument_id: string;
  instrument_version: number;
  time_point: 'baseline' | 'review' | 'discharge';
  method: string;
  responses: Record<string, number>;
  total: number | null;
  subscales: Record<string, number>;
  band: string | null;
  administered_at: Date;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

export type GoalLevels = Record<'-2' | '-1' | '0' | '+1' | '+2', string>;

export type GoalRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  statement: string;
  levels: GoalLevels;
  baseline_level: -1 | -2;
  importance: number;
  difficulty: number;
  target_on: string;
  agreed_with: string;
  status: 'active' | 'achieved' | 'discontinued';
  status_reason: string | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
};

export type GoalAttainmentRow = {
  id: string;
  goal_id: string;
  episode_id: string;
  patient_id: string;
  time_point: 'review' | 'discharge';
  level: -2 | -1 | 0 | 1 | 2;
  note: string | null;
  rated_at: Date;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

export type CompetenceRow = {
  id: string;
  staff_id: string;
  competence: string;
  assessed_on: string;
  note: string;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

export type ProgrammeActivityRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  goal_id: string | null;
  kind: 'exercise' | 'functional-practice';
  competence: string | null;
  title: string;
  instructions: string;
  times_per_period: number;
  period: 'day' | 'week';
  deliverer_kind: 'self' | 'staff' | 'carer';
  deliverer_staff_id: string | null;
  deliverer_name: string | null;
  starts_on: string;
  ends_on: string | null;
  status: 'active' | 'stopped' | 'completed';
  status_reason: string | null;
  version: number;
  created_at: Date;
  created_by: string;
  created_by_role: HomewardRole;
  updated_at: Date;
  updated_by: string;
};

export type ProgrammeCompletionRow = {
  id: string;
  activity_id: string;
  episode_id: string;
  patient_id: string;
  done_on: string;
  outcome: 'done' | 'partly-done' | 'not-done';
  reported_by: 'staff' | 'patient' | 'carer';
  note: string | null;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

export type EpisodeReviewRow = {
  id: string;
  episode_id: string;
  patient_id: string;
  kind: 'half-way' | 'end-of-episode';
  held_on: string;
  summary: string;
  decision: 'continue' | 'discharge';
  next_review_on: string | null;
  planned_end_on: string | null;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_role: HomewardRole;
};

/** The entry in the episode's history that recording a review writes (record/reviews.ts), with the same detail. */
export type ReviewedEventRow = {
  id: string;
  episode_id: string;
  occurred_at: Date;
  staff_id: string;
  kind: 'reviewed';
  reason: EpisodeReviewRow['decision'];
  detail: {
    reviewId: string;
    reviewKind: EpisodeReviewRow['kind'];
    decisionLabel: string;
    datesChanged: string | null;
    from: { reviewDueOn: string | null; plannedEndOn: string | null };
    to: { reviewDueOn: string | null; plannedEndOn: string | null };
  };
};

export type DemoRecords = {
  consents: ConsentRow[];
  notes: ContactNoteRow[];
  amendments: NoteAmendmentRow[];
  assessments: AssessmentRow[];
  goals: GoalRow[];
  attainments: GoalAttainmentRow[];
  competences: CompetenceRow[];
  activities: ProgrammeActivityRow[];
  completions: ProgrammeCompletionRow[];
  reviews: EpisodeReviewRow[];
  /** One per review, oldest first within each episode; the seeder moves the episode's review date and version on to match. */
  reviewEvents: ReviewedEventRow[];
  /** The "Mrs B" of the demo: her episode, and her communication needs with large print added. */
  story: { episodeId: string; patientId: string; communicationNeeds: CommunicationNeeds } | null;
};

/** The competences the demo records and delegates, as the programme of care names them. */
export const kitchenPracticeCompetence = 'kitchen-practice';
export const sitToStandCompetence = 'sit-to-stand-exercise';

// ---------------------------------------------------------------------------------------------
// Small helpers.

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
function chance(random: Random, p: number): boolean {
  return random() < p;
}
const floorMinute = (ms: number) => Math.floor(ms / minuteMs) * minuteMs;
const ukDay = (ms: number) => ukDateOf(new Date(ms));

/** A daytime visit (08:45 to 16:15, UK time) on a calendar day. */
function daytimeOn(random: Random, day: string): number {
  const minutes = 8 * 60 + 45 + 5 * intBetween(random, 0, 90);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return fromUkWallClock(day, `${hh}:${mm}`)!.getTime();
}

/** "3 December": dates in notes, as clinicians write them. */
function shortDate(day: string): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]}`;
}

type Person = {
  /** How notes name the patient: Mrs Bloor, or a first name for younger adults. */
  name: string;
  first: string;
  she: string;
  her: string;
  hers: string;
  Her: string;
  She: string;
  carer: { first: string; label: string; relationship: string } | null;
  largePrint: boolean;
};

function ageOnDay(dob: string, day: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = day.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function personFor(p: RecordPatientInput, today: string): Person {
  const older = ageOnDay(p.dateOfBirth, today) >= 60;
  const female = p.sex === 'female';
  const male = p.sex === 'male';
  const name = older && (female || male) ? `${female ? 'Mrs' : 'Mr'} ${p.familyName}` : p.givenName;
  const carerContact = p.contacts.find((c) => c.isCarer) ?? (p.livesAlone ? undefined : p.contacts.find((c) => c.isNextOfKin));
  const carer = carerContact
    ? { first: carerContact.name.split(' ')[0]!, label: `${carerContact.name} (${carerContact.relationship.toLowerCase()})`, relationship: carerContact.relationship.toLowerCase() }
    : null;
  const [she, her, hers] = female ? ['she', 'her', 'her'] : male ? ['he', 'him', 'his'] : ['they', 'them', 'their'];
  return {
    name,
    first: p.givenName,
    she: she!,
    her: her!,
    hers: hers!,
    Her: hers!.charAt(0).toUpperCase() + hers!.slice(1),
    She: she!.charAt(0).toUpperCase() + she!.slice(1),
    carer,
    largePrint: p.communicationNeeds.needs.includes('large-print'),
  };
}

// ---------------------------------------------------------------------------------------------
// Goals, in the patient's words, with what each level would look like.

type GoalTemplate = { key: string; area: 'kitchen' | 'walking' | 'stairs' | 'washing' | 'transfers' | 'dressing' | 'arm' | 'social'; statement: (p: Person) => string; levels: (p: Person) => GoalLevels };

const goalTemplates: readonly GoalTemplate[] = [
  {
    key: 'kitchen',
    area: 'kitchen',
    statement: () => 'To make my own hot drinks and a light lunch',
    levels: (p) => ({
      '-2': 'Relies on others for every drink and meal',
      '-1': `Makes a hot drink with someone standing by`,
      '0': `Makes a hot drink and a sandwich on ${p.hers} own, sitting on the perching stool`,
      '+1': `Also heats a simple meal in the microwave on ${p.hers} own`,
      '+2': `Prepares all ${p.hers} own meals without help`,
    }),
  },
  {
    key: 'shop',
    area: 'walking',
    statement: () => 'To walk to the shop at the end of my road',
    levels: (p) => ({
      '-2': 'Does not go out of the house',
      '-1': 'Walks indoors with the frame only',
      '0': `Walks to the shop and back (about 200 metres) with the rollator, with someone alongside`,
      '+1': `Walks to the shop and back with the rollator on ${p.hers} own`,
      '+2': `Walks to the shop and on to the bus stop on ${p.hers} own`,
    }),
  },
  {
    key: 'stairs',
    area: 'stairs',
    statement: () => 'To go up to bed and sleep in my own bedroom again',
    levels: (p) => ({
      '-2': 'Sleeping in the armchair downstairs',
      '-1': 'Sleeping on a bed downstairs',
      '0': `Goes up and down stairs once a day using both rails, with someone behind ${p.her}`,
      '+1': `Goes up and down stairs once a day on ${p.hers} own`,
      '+2': `Uses the stairs whenever ${p.she} needs to, on ${p.hers} own`,
    }),
  },
  {
    key: 'wash',
    area: 'washing',
    statement: () => 'To wash myself without help',
    levels: (p) => ({
      '-2': 'Needs help with all washing',
      '-1': 'Washes face and hands; needs help with the rest',
      '0': `Strip-washes at the sink on ${p.hers} own, sitting on the perching stool`,
      '+1': `Showers using the shower seat with someone in the house`,
      '+2': `Showers on ${p.hers} own`,
    }),
  },
  {
    key: 'bed',
    area: 'transfers',
    statement: () => 'To get in and out of bed on my own at night',
    levels: (p) => ({
      '-2': 'Needs two people to get in and out of bed',
      '-1': 'Needs one person to help get in and out of bed',
      '0': `Gets in and out of bed on ${p.hers} own using the bed lever`,
      '+1': `Gets in and out of bed on ${p.hers} own and walks to the commode`,
      '+2': `Gets up at night and walks to the toilet on ${p.hers} own`,
    }),
  },
  {
    key: 'dress',
    area: 'dressing',
    statement: () => 'To get dressed on my own in the morning',
    levels: () => ({
      '-2': 'Needs help with all dressing',
      '-1': 'Dresses top half; needs help with trousers, socks and shoes',
      '0': 'Dresses fully using the long-handled shoe horn and sock aid, sitting down',
      '+1': 'Dresses fully, sitting down, with no aids',
      '+2': 'Dresses fully, standing, with no aids',
    }),
  },
  {
    key: 'cutlery',
    area: 'arm',
    statement: () => 'To eat my dinner with a knife and fork again',
    levels: () => ({
      '-2': 'Cannot hold cutlery in the affected hand',
      '-1': 'Eats with a fork in the other hand only',
      '0': 'Eats with a knife and fork using the adapted cutlery',
      '+1': 'Eats with ordinary cutlery, slowly',
      '+2': 'Eats with ordinary cutlery at a normal pace',
    }),
  },
  {
    key: 'club',
    area: 'social',
    statement: () => 'To get back to my Thursday luncheon club',
    levels: (p) => ({
      '-2': 'Has not been out socially since coming home',
      '-1': 'Goes out by car with family only',
      '0': `Goes to the luncheon club once, with family driving ${p.her}`,
      '+1': 'Goes to the luncheon club each week with family driving',
      '+2': 'Goes to the luncheon club each week on the community bus',
    }),
  },
];

function chooseGoals(random: Random, e: RecordEpisodeInput, count: number, wanted: readonly string[]): GoalTemplate[] {
  const stroke = isStrokeService(e.service);
  const ot = e.skillsNeeded.includes('OT');
  const pt = e.skillsNeeded.includes('PT');
  const preferred = goalTemplates.filter((g) => wanted.includes(g.key));
  const pool = goalTemplates.filter(
    (g) =>
      !wanted.includes(g.key) &&
      (g.area === 'arm' ? stroke : true) &&
      (ot || !['kitchen', 'washing', 'dressing'].includes(g.area) || !pt) &&
      (pt || !['walking', 'stairs'].includes(g.area) || !ot),
  );
  const chosen = [...preferred];
  const rest = [...pool];
  while (chosen.length < count && rest.length > 0) chosen.push(rest.splice(Math.floor(random() * rest.length), 1)[0]!);
  return chosen.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Instruments: item responses picked from the definitions' own options, scored by scoreInstrument.

/** How readily each Barthel item comes back after an admission: continence first, stairs and bathing last. */
const barthelEase: Record<string, number> = {
  bowels: 0.9,
  bladder: 0.75,
  feeding: 0.85,
  grooming: 0.6,
  'toilet-use': 0.55,
  transfer: 0.55,
  mobility: 0.5,
  dressing: 0.45,
  stairs: 0.25,
  bathing: 0.2,
};

/** Option indexes (0 = lowest) for every Barthel item, at a level of ability from 0 to 1. */
function barthelLevels(random: Random, ability: number): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const item of barthelIndex.items) {
    if (item.kind !== 'choice') continue;
    const top = item.options.length - 1;
    const raw = (barthelEase[item.id]! + ability - 0.5 + (random() - 0.5) * 0.3) * (top + 1);
    levels[item.id] = Math.max(0, Math.min(top, Math.floor(raw)));
  }
  return levels;
}

/** Better by one option on some items, never worse. */
function improve(random: Random, levels: Record<string, number>, p: number): Record<string, number> {
  const next: Record<string, number> = {};
  for (const item of barthelIndex.items) {
    if (item.kind !== 'choice') continue;
    const now = levels[item.id]!;
    next[item.id] = Math.min(item.options.length - 1, now + (chance(random, p) ? 1 : 0));
  }
  return next;
}

function responsesFrom(definition: InstrumentDefinition, levels: Record<string, number>): Record<string, number> {
  const responses: Record<string, number> = {};
  for (const item of definition.items) {
    if (item.kind === 'choice') responses[item.id] = item.options[levels[item.id]!]!.value;
  }
  return responses;
}

function scored(definition: InstrumentDefinition, responses: Record<string, number>) {
  const score = scoreInstrument(definition, responses);
  // The responses come from the definition's own options, so a refusal is a defect here.
  if (!score.ok) throw new Error(`demo ${definition.id} responses do not score: ${score.errors.map((e) => e.message).join('; ')}`);
  return score;
}

const tugAids = [
  { value: 4, words: 'walking frame' },
  { value: 5, words: 'rollator' },
  { value: 2, words: 'stick' },
] as const;

// ---------------------------------------------------------------------------------------------
// Treatment visits: what was practised, at the stage the patient has reached, in the clinician's words.

type Focus = { name: string; ot: boolean; area: GoalTemplate['area'] | null; stages: readonly [string, string, string]; plans: readonly [string, string, string] };

function focuses(p: Person, aid: string, setting: Setting): Focus[] {
  const home = setting === 'home';
  return [
    {
      name: 'walking practice',
      ot: false,
      area: 'walking',
      stages: [
        `Walked ${home ? 'around the ground floor' : 'the length of the ward'} with the ${aid}, close supervision; one rest.`,
        `Walked ${home ? 'to the front gate and back' : 'to the day room and back'} with the ${aid}, supervision only.`,
        `Walked ${home ? 'to the corner and back (about 100 metres)' : 'to the hospital shop and back'} with the ${aid}, on ${p.hers} own with me alongside.`,
      ],
      plans: ['Plan: more walking practice; aim for the front door next visit.', `Plan: try walking ${home ? 'outside to the corner' : 'off the ward'} next visit.`, `Plan: walk to the shop with ${p.her} next visit if the weather allows.`],
    },
    {
      name: 'sit-to-stand practice',
      ot: false,
      area: 'transfers',
      stages: [
        'Sit-to-stand from the dining chair x5, pushing up with both arms.',
        'Sit-to-stand x8; the last three without using the arms.',
        'Sit-to-stand x10 without the arms, steady each time.',
      ],
      plans: ['Plan: carry on daily; progress the number next visit.', 'Plan: try from the lower armchair next visit.', 'Plan: keep going with the home programme.'],
    },
    {
      name: 'stairs practice',
      ot: false,
      area: 'stairs',
      stages: [
        'Up 4 steps with the rail and close supervision; down leading with the weaker leg.',
        `Half the flight with both rails, supervision; no dizziness.`,
        `Full flight up and down with both rails on ${p.hers} own, me behind.`,
      ],
      plans: ['Plan: second stair rail requested.', 'Plan: full flight next visit if the second rail is fitted.', `Plan: ${p.she} can sleep upstairs again; use the stairs once a day with someone in the house.`],
    },
    {
      name: 'balance exercises',
      ot: false,
      area: null,
      stages: [
        'Seated exercises (knee straightening, ankle pumps, marching), 2 sets of 10.',
        'Standing exercises at the kitchen worktop (heel raises, side steps), 2 sets of 10; standing balance 10 seconds with feet together.',
        'Standing balance 30 seconds with feet together; started tandem standing at the worktop.',
      ],
      plans: ['Plan: exercise sheet left; do them once a day.', 'Plan: progress to standing exercises without holding on.', 'Plan: refer to the falls prevention exercise class at discharge.'],
    },
    {
      name: 'kitchen practice',
      ot: true,
      area: 'kitchen',
      stages: [
        'Made a cup of tea with me standing by; needed to sit on the perching stool after two minutes.',
        `Made tea and toast on ${p.hers} own sitting on the perching stool; used the trolley to carry them.`,
        `Heated soup in the microwave and made a sandwich on ${p.hers} own; washed up sitting down.`,
      ],
      plans: ['Plan: kettle tipper to try next visit.', 'Plan: practise a simple hot lunch next visit.', `Plan: ${p.she} is managing ${p.hers} own lunches; stop kitchen practice at the review if this continues.`],
    },
    {
      name: 'washing practice',
      ot: true,
      area: 'washing',
      stages: [
        'Strip-washed at the sink sitting down; needed help with the lower legs and feet.',
        `Strip-washed on ${p.hers} own apart from the feet; long-handled sponge given.`,
        'On and off the bath board with the grab rail, supervision only; showered using the shower seat.',
      ],
      plans: ['Plan: long-handled sponge to try next visit.', 'Plan: bath board and grab rail requested.', `Plan: ${p.she} will shower when someone is in the house.`],
    },
    {
      name: 'dressing practice',
      ot: true,
      area: 'dressing',
      stages: [
        `Dressed the top half on ${p.hers} own; help needed with socks and shoes.`,
        'Used the sock aid and long-handled shoe horn after a demonstration; took 20 minutes.',
        `Dressed fully sitting down, on ${p.hers} own, in 12 minutes.`,
      ],
      plans: ['Plan: sock aid and long-handled shoe horn ordered.', 'Plan: practise daily; review next visit.', 'Plan: no further dressing practice needed.'],
    },
    {
      name: 'equipment check',
      ot: true,
      area: 'transfers',
      stages: [
        'Perching stool set to the right height; toilet frame fitted and used safely.',
        'Checked the chair raisers: armchair seat now 48 cm; stands more easily.',
        `Bed lever fitted; practised getting in and out of bed on ${p.hers} own.`,
      ],
      plans: ['Plan: check the equipment is being used next visit.', 'Plan: review the bed height next visit.', 'Plan: no further equipment needed.'],
    },
  ];
}

type TreatmentNoteOptions = { person: Person; stage: number; aid: string; profession: Profession; skills: readonly string[]; goalAreas: ReadonlySet<string>; setting: Setting };

function treatmentNote(random: Random, o: TreatmentNoteOptions): string {
  const p = o.person;
  const all = focuses(p, o.aid, o.setting);
  const ot = o.profession === 'OT' ? true : o.profession === 'PT' ? false : o.skills.includes('OT') && (!o.skills.includes('PT') || chance(random, 0.5));
  const mine = all.filter((f) => f.ot === ot);
  // What the goals are about comes first; the rest of the session is the clinician's choice.
  const weighted = mine.flatMap((f) => (f.area && o.goalAreas.has(f.area) ? [f, f, f] : [f]));
  const first = pick(random, weighted);
  const others = mine.filter((f) => f !== first);
  const second = others.length ? pick(random, others) : null;
  const stage = Math.max(0, Math.min(2, o.stage + (chance(random, 0.2) ? -1 : 0))) as 0 | 1 | 2;
  // The first line is what the timeline shows beside the kind of contact: what the visit was for.
  const heading = `${first.name}${second ? ` and ${second.name}` : ''}.`;
  const lines = [heading.charAt(0).toUpperCase() + heading.slice(1), first.stages[stage]];
  if (second) lines.push(second.stages[stage]);
  if (chance(random, 0.6)) {
    lines.push(
      pick(random, [
        'No falls since the last visit.',
        'Tired today after a poor night; shorter session.',
        'Blood pressure sitting 138/80, standing 130/78; no dizziness.',
        p.carer ? `In good spirits; ${p.carer.first} says ${p.she} is doing more around the house.` : `In good spirits; doing more around the house.`,
        'Some pain in the right knee; taking paracetamol, which helps.',
        'Eating and drinking well.',
      ]),
    );
  }
  lines.push(first.plans[stage]);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// One episode's records.

type Visit = {
  at: number;
  day: string;
  staffId: string;
  kind: 'first' | 'treatment' | 'kitchen' | 'telephone' | 'no-access' | 'mdt' | 'review' | 'discharge' | 'carer-training';
  note?: ContactNoteRow;
};

type Context = {
  random: Random;
  now: number;
  today: string;
  staffById: Map<string, RecordStaffInput>;
  out: DemoRecords;
};

type EpisodePlan = {
  story: boolean;
  kitchenWorker: RecordStaffInput | null;
  sitToStand: boolean;
  stoppedWalking: boolean;
  tug: boolean;
  goalCount: number;
  wantedGoals: string[];
};

const metOutcomes = ['goals-met', 'goals-partly-met', 'goals-not-met'];

function generateEpisodeRecords(ctx: Context, e: RecordEpisodeInput, plan: EpisodePlan): ContactNoteRow[] {
  const { random, now, out } = ctx;
  const p = personFor(e.patient, ctx.today);
  // Mrs B reads large print: her information and programme sheets are printed so.
  if (plan.story) p.largePrint = true;
  const base = { episode_id: e.id, patient_id: e.patient.id };
  const staff = (id: string) => ctx.staffById.get(id)!;
  const holderAt = (ms: number) => {
    let id = e.holders[0]!.staffId;
    for (const h of e.holders) if (h.from.getTime() <= ms) id = h.staffId;
    return staff(id);
  };
  const holder0 = holderAt(e.firstContactAt.getTime());
  const stroke = isStrokeService(e.service);
  const place = e.setting === 'community-bed' ? 'Community bed, Haywood Hospital' : e.setting === 'clinic' ? 'Outpatient clinic, Haywood Hospital' : 'Patient’s home';
  const at = (where: string) => (e.setting === 'home' ? `at home${where}` : e.setting === 'clinic' ? `in clinic${where}` : `on the ward${where}`);

  // -- When the team saw the patient.
  const start = e.firstContactAt.getTime();
  const end = Math.max(start, e.lastContactAt.getTime());
  const startDay = ukDay(start);
  const endDay = ukDay(end);
  const span = daysBetween(startDay, endDay);
  const discharged = e.status === 'discharged';
  const finalReview = discharged && metOutcomes.includes(e.dischargeOutcome ?? '');

  // The half-way review, when the episode has reached it and held it.
  let reviewDay: string | null = null;
  let endReviewOn: string | null = null;
  if (isIntermediateCare(e.service) && e.plannedEndOn) {
    const dates = reviewDates({ startOn: startDay, plannedEndOn: e.plannedEndOn });
    endReviewOn = dates.endReviewOn;
    // Mrs B's half-way review is always held, when her episode has reached it (its 'reviewed' event moves her next review on).
    // Otherwise those a week past are held (one more recent is still due). Holding it is what moves the
    // episode's next review on from the midway date recordFirstContact set.
    const held = discharged ? daysBetween(dates.midwayReviewOn, endDay) >= 2 : plan.story || (e.reviewDueOn === dates.midwayReviewOn && daysBetween(dates.midwayReviewOn, ctx.today) > 7);
    if (held && daysBetween(startDay, dates.midwayReviewOn) >= 1 && daysBetween(dates.midwayReviewOn, endDay) >= 0) reviewDay = dates.midwayReviewOn;
  }

  const visits: Visit[] = [{ at: start, day: startDay, staffId: holder0.id, kind: 'first' }];
  const taken = new Set([startDay]);
  if (end > start) {
    visits.push({ at: end, day: endDay, staffId: holderAt(end).id, kind: finalReview ? 'discharge' : reviewDay === endDay ? 'review' : 'treatment' });
    taken.add(endDay);
  }
  if (reviewDay && !taken.has(reviewDay)) {
    const t = daytimeOn(random, reviewDay);
    visits.push({ at: t, day: reviewDay, staffId: holderAt(t).id, kind: 'review' });
    taken.add(reviewDay);
  }
  const freeDays = (from: number, to: number) => {
    const days: string[] = [];
    for (let d = from; d <= to; d++) {
      const day = addCalendarDays(startDay, d);
      if (!taken.has(day)) days.push(day);
    }
    return days;
  };
  const wanted = Math.min(12, Math.round((span * e.visitsPerWeek) / 7));
  const candidates = freeDays(1, span - 1);
  for (let i = visits.length - 1; i < wanted && candidates.length > 0; i++) {
    const day = candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
    const t = daytimeOn(random, day);
    if (t >= now - hourMs || t >= end) continue;
    visits.push({ at: t, day, staffId: holderAt(t).id, kind: 'treatment' });
    taken.add(day);
  }
  visits.sort((a, b) => a.at - b.at);
  // The goals are agreed at the assessment (the first visit when the first contact assessed, else the next
  // face-to-face one; the visits added below are of kinds that never assess).
  const assessedVisit = e.firstAssessmentAt ? visits[0]! : visits.find((v) => v.kind !== 'telephone' && v.kind !== 'no-access' && v.kind !== 'mdt' && v.kind !== 'kitchen' && v.at > start);
  const goalVisit = assessedVisit ?? visits[0]!;
  // The activities are set, and the carer shown, at the first treatment visit from the assessment on: never
  // before the goals they serve, so nothing is logged against an activity not yet set (else at the assessment itself).
  const programmeVisit = visits.find((v) => v.kind === 'treatment' && v.at >= goalVisit.at) ?? goalVisit;
  if (plan.sitToStand && p.carer && programmeVisit.kind === 'treatment') programmeVisit.kind = 'carer-training';

  // Support workers' kitchen practice, twice a week, after the activity is set and before the last visit.
  if (plan.kitchenWorker) {
    let d = daysBetween(startDay, programmeVisit.day) + intBetween(random, 1, 2);
    let count = 0;
    while (d < span && count < 8) {
      const day = addCalendarDays(startDay, d);
      const t = daytimeOn(random, day);
      if (!taken.has(day) && t < now - hourMs && t < end) {
        visits.push({ at: t, day, staffId: plan.kitchenWorker.id, kind: 'kitchen' });
        taken.add(day);
        count++;
      }
      d += intBetween(random, 3, 4);
    }
  }
  // A phone call, now and then a visit where nobody answered, and an MDT discussion for complex patients.
  const extra = (kind: Visit['kind'], p0: number) => {
    if (span < 4 || !chance(random, p0)) return;
    const days = freeDays(1, span - 1);
    if (days.length === 0) return;
    const day = pick(random, days);
    const t = daytimeOn(random, day);
    if (t >= now - hourMs || t >= end) return;
    visits.push({ at: t, day, staffId: holderAt(t).id, kind });
    taken.add(day);
  };
  extra('telephone', plan.story ? 1 : 0.6);
  if (!plan.story) extra('no-access', 0.08);
  if (e.complexity === 'complex') extra('mdt', 0.4);
  visits.sort((a, b) => a.at - b.at);

  // -- Consent, recorded at the first contact.
  const consentAt = floorMinute(Math.min(now - minuteMs, start + intBetween(random, 5, 15) * minuteMs));
  const support = p.largePrint
    ? `Large-print information sheet given; ${p.she} read it with ${p.hers} glasses on.`
    : e.patient.communicationNeeds.needs.includes('hearing')
      ? `Spoke facing ${p.her} with hearing aids in; checked understanding.`
      : e.patient.communicationNeeds.needs.includes('interpreter')
        ? `${e.patient.communicationNeeds.interpreterLanguage ?? 'Telephone'} interpreter by telephone.`
        : null;
  out.consents.push({
    id: seededUuidV7(consentAt, random),
    ...base,
    kind: 'consent',
    scope: 'episode',
    agreed_to: `Assessment and treatment by the community therapy team ${at('')}, including a programme of practice between visits`,
    method: 'verbal',
    given_by: 'patient',
    capacity_in_doubt: false,
    communication_support: support,
    note: p.carer ? `${p.carer.first} (${p.carer.relationship}) present and happy to help with the programme.` : null,
    recorded_at: new Date(consentAt),
    recorded_by: holder0.id,
    recorded_by_role: holder0.role,
  });

  // -- Assessments: Barthel (and, for walking, Timed Up and Go) at the start, review and end.
  const reviewVisit = visits.find((v) => v.kind === 'review');
  const dischargeVisit = visits.find((v) => v.kind === 'discharge');
  const ability = Math.max(0.1, Math.min(0.85, 0.35 + random() * 0.35 - (e.complexity === 'complex' ? 0.1 : 0)));
  const barthel: Array<{ visit: Visit; total: number; band: string }> = [];
  const tug: Array<{ visit: Visit; seconds: number }> = [];
  let levels = barthelLevels(random, ability);
  const aid = pick(random, tugAids);
  let seconds = Math.round((16 + random() * 20) * 10) / 10;
  const assess = (visit: Visit, timePoint: AssessmentRow['time_point']) => {
    const administered = visit.at + intBetween(random, 15, 35) * minuteMs;
    const recorded = floorMinute(Math.min(now - minuteMs, administered + intBetween(random, 30, 180) * minuteMs));
    const by = staff(visit.staffId);
    const responses = responsesFrom(barthelIndex, levels);
    const score = scored(barthelIndex, responses);
    out.assessments.push({
      id: seededUuidV7(administered, random),
      ...base,
      instrument_id: barthelIndex.id,
      instrument_version: barthelIndex.version,
      time_point: timePoint,
      method: 'observed',
      responses,
      total: score.total,
      subscales: score.subscales,
      band: score.band?.id ?? null,
      administered_at: new Date(Math.min(administered, now - 2 * minuteMs)),
      recorded_at: new Date(Math.max(recorded, Math.min(administered, now - 2 * minuteMs))),
      recorded_by: by.id,
      recorded_by_role: by.role,
    });
    barthel.push({ visit, total: score.total!, band: score.band!.label });
    if (plan.tug) {
      const timed = Math.min(administered + 10 * minuteMs, now - 2 * minuteMs);
      const tugResponses = { seconds, aid: aid.value, assistance: seconds > 25 ? 2 : 1 };
      const tugScore = scored(timedUpAndGo, tugResponses);
      out.assessments.push({
        id: seededUuidV7(timed, random),
        ...base,
        instrument_id: timedUpAndGo.id,
        instrument_version: timedUpAndGo.version,
        time_point: timePoint,
        method: 'observed',
        responses: tugResponses,
        total: tugScore.total,
        subscales: tugScore.subscales,
        band: tugScore.band?.id ?? null,
        administered_at: new Date(timed),
        recorded_at: new Date(Math.max(recorded, timed)),
        recorded_by: by.id,
        recorded_by_role: by.role,
      });
      tug.push({ visit, seconds });
    }
  };
  if (assessedVisit) assess(assessedVisit, 'baseline');
  if (assessedVisit && reviewVisit && reviewVisit.at > assessedVisit.at) {
    levels = improve(random, levels, 0.45);
    seconds = Math.max(6, Math.round(seconds * (0.72 + random() * 0.2) * 10) / 10);
    assess(reviewVisit, 'review');
  }
  if (assessedVisit && dischargeVisit && dischargeVisit.at > assessedVisit.at) {
    levels = improve(random, levels, e.dischargeOutcome === 'goals-not-met' ? 0.15 : 0.5);
    seconds = Math.max(6, Math.round(seconds * (0.75 + random() * 0.2) * 10) / 10);
    assess(dischargeVisit, 'discharge');
  }

  // -- Goals, agreed at the assessment (goalVisit, above), rated at review and discharge.
  const goalsAt = floorMinute(Math.min(now - minuteMs, goalVisit.at + intBetween(random, 40, 70) * minuteMs));
  const goalHolder = holderAt(goalVisit.at);
  const templates = chooseGoals(random, e, plan.goalCount, plan.wantedGoals);
  const goals = templates.map((g) => {
    const row: GoalRow = {
      id: seededUuidV7(goalsAt, random),
      ...base,
      statement: g.statement(p),
      levels: g.levels(p),
      baseline_level: chance(random, 0.2) ? -2 : -1,
      importance: intBetween(random, 2, 3),
      difficulty: intBetween(random, 1, 3),
      target_on: e.plannedEndOn ?? addCalendarDays(startDay, 42),
      agreed_with: p.carer ? `${p.first} and ${p.carer.first} (${p.carer.relationship})` : p.first,
      status: 'active',
      status_reason: null,
      version: 1,
      created_at: new Date(goalsAt),
      created_by: goalHolder.id,
      updated_at: new Date(goalsAt),
      updated_by: goalHolder.id,
    };
    out.goals.push(row);
    return { row, template: g };
  });
  const ratings = new Map<string, number>();
  const rate = (visit: Visit, timePoint: GoalAttainmentRow['time_point'], levelFor: () => -2 | -1 | 0 | 1 | 2) => {
    const by = holderAt(visit.at);
    const rated = visit.at + intBetween(random, 40, 60) * minuteMs;
    const ratedAt = Math.min(rated, now - 2 * minuteMs);
    for (const g of goals) {
      const level = levelFor();
      ratings.set(g.row.id, level);
      out.attainments.push({
        id: seededUuidV7(ratedAt, random),
        goal_id: g.row.id,
        ...base,
        time_point: timePoint,
        level,
        note: level >= 0 ? null : `Not there yet: ${g.row.levels[level === -1 ? '-1' : '-2'].toLowerCase()}.`,
        rated_at: new Date(ratedAt),
        recorded_at: new Date(floorMinute(Math.min(now - minuteMs, ratedAt + intBetween(random, 20, 120) * minuteMs))),
        recorded_by: by.id,
        recorded_by_role: by.role,
      });
    }
  };
  if (reviewVisit && reviewVisit.at > goalsAt) rate(reviewVisit, 'review', () => (chance(random, 0.55) ? 0 : -1));
  if (dischargeVisit && dischargeVisit.at > goalsAt) {
    const outcome = e.dischargeOutcome;
    rate(dischargeVisit, 'discharge', () =>
      outcome === 'goals-met' ? pick(random, [0, 0, 1, 1, 2] as const) : outcome === 'goals-partly-met' ? pick(random, [-1, 0, 0] as const) : pick(random, [-2, -1, -1] as const),
    );
  }
  if (discharged) {
    // Closed once rated: a discontinued goal is no longer rated (checkGoalRating), so after the last rating is recorded.
    const ids = new Set(goals.map((g) => g.row.id));
    const lastRated = Math.max(0, ...out.attainments.filter((a) => ids.has(a.goal_id)).map((a) => a.recorded_at.getTime() + minuteMs));
    // Never before they were set (goals agreed at the last visit are closed after it).
    const closedAt = new Date(Math.min(now - minuteMs, Math.max((dischargeVisit?.at ?? end) + hourMs, lastRated, goalsAt + minuteMs)));
    const closer = holderAt(end).id;
    for (const g of goals) {
      const level = ratings.get(g.row.id);
      g.row.status = level !== undefined && level >= 0 ? 'achieved' : 'discontinued';
      // The app asks how a goal was achieved as well as why one was discontinued (checkGoalStatusChange).
      g.row.status_reason = g.row.status === 'achieved' ? `Met by discharge: rated ${level! > 0 ? `+${level}` : level} at the discharge rating` : 'Episode ended before the goal was met';
      g.row.version = 2;
      g.row.updated_at = closedAt;
      g.row.updated_by = closer;
    }
  }
  const goalFor = (...areas: GoalTemplate['area'][]) => goals.find((g) => areas.includes(g.template.area))?.row.id ?? null;

  // -- The programme of care, set at the first visit after the assessment.
  const programmeBy = holderAt(programmeVisit.at);
  // After the goals it serves (the app links an activity only to a goal already set).
  const setAt = floorMinute(Math.min(now - minuteMs, Math.max(programmeVisit.at + intBetween(random, 45, 75) * minuteMs, goalsAt + minuteMs)));
  const closedOn = discharged ? endDay : null;
  const activity = (o: Pick<ProgrammeActivityRow, 'kind' | 'competence' | 'title' | 'instructions' | 'times_per_period' | 'period' | 'deliverer_kind' | 'deliverer_staff_id' | 'deliverer_name' | 'goal_id'>): ProgrammeActivityRow => {
    const row: ProgrammeActivityRow = {
      id: seededUuidV7(setAt, random),
      ...base,
      ...o,
      starts_on: programmeVisit.day,
      ends_on: closedOn,
      status: discharged ? 'completed' : 'active',
      status_reason: discharged ? 'Episode ended; the patient carries on independently' : null,
      version: discharged ? 2 : 1,
      created_at: new Date(setAt),
      created_by: programmeBy.id,
      created_by_role: programmeBy.role,
      // Ended by the discharge, after it was set (when set at the last visit, as late as that allows).
      updated_at: new Date(discharged ? Math.min(now - minuteMs, Math.max(end + hourMs, setAt + minuteMs)) : setAt),
      updated_by: discharged ? holderAt(end).id : programmeBy.id,
    };
    out.activities.push(row);
    return row;
  };
  const reportedAt = (day: string): Visit | undefined => visits.find((v) => v.day > day && v.kind !== 'mdt' && v.kind !== 'no-access');

  let sitToStand: ProgrammeActivityRow | null = null;
  if (plan.sitToStand) {
    const withCarer = p.carer !== null;
    sitToStand = activity({
      kind: 'exercise',
      competence: null,
      title: 'Sit-to-stand practice',
      instructions:
        `Sit on a firm dining chair with arms. Shuffle forward so your feet are under your knees. Lean forward, “nose over toes”, and stand up. ` +
        `Stand tall for a count of five, then sit down slowly, reaching back for the arms. Do this 5 times, once a day, in the morning. ` +
        `Stop and sit down if you feel dizzy, short of breath or have chest pain.${withCarer ? ` ${p.carer!.first} stands beside you.` : ''}`,
      times_per_period: 1,
      period: 'day',
      deliverer_kind: withCarer ? 'carer' : 'self',
      deliverer_staff_id: null,
      deliverer_name: withCarer ? p.carer!.label : null,
      goal_id: goalFor('transfers', 'walking', 'stairs'),
    });
    // Logged each day from the morning after it was set, as told at the next visit.
    for (let d = 1; ; d++) {
      const day = addCalendarDays(programmeVisit.day, d);
      if (daysBetween(day, endDay) < 0 || daysBetween(day, ctx.today) <= 0) break;
      const visit = reportedAt(day);
      if (!visit) break;
      const by = staff(visit.staffId);
      const outcome = random() < 0.84 ? 'done' : random() < 0.6 ? 'partly-done' : 'not-done';
      out.completions.push({
        id: seededUuidV7(visit.at, random),
        activity_id: sitToStand.id,
        ...base,
        done_on: day,
        outcome,
        reported_by: withCarer ? 'carer' : 'patient',
        note: outcome === 'done' ? null : outcome === 'partly-done' ? pick(random, ['Managed 3 of the 5; tired after a poor night', 'Did 5 but needed the arms each time']) : pick(random, ['Felt dizzy on standing; rested instead', 'GP appointment in the morning; missed']),
        recorded_at: new Date(Math.min(now - minuteMs, visit.at + 20 * minuteMs)),
        recorded_by: by.id,
        recorded_by_role: by.role,
      });
    }
  }
  let kitchen: ProgrammeActivityRow | null = null;
  if (plan.kitchenWorker) {
    kitchen = activity({
      kind: 'functional-practice',
      competence: kitchenPracticeCompetence,
      title: 'Kitchen practice',
      instructions:
        `Make a hot drink and a sandwich in ${p.hers} own kitchen, sitting on the perching stool, and carry them to the lounge on the trolley. ` +
        `Prompt to pace ${p.her}self and to turn the hob and kettle off. Stop if ${p.she} is dizzy or unsteady. Report any fall or near miss to ${programmeBy.name} the same day.`,
      times_per_period: 2,
      period: 'week',
      deliverer_kind: 'staff',
      deliverer_staff_id: plan.kitchenWorker.id,
      deliverer_name: null,
      goal_id: goalFor('kitchen'),
    });
  }
  if (plan.stoppedWalking) {
    const walking = activity({
      kind: 'exercise',
      competence: null,
      title: 'Outdoor walking practice',
      instructions: `Walk to the end of the road and back with the rollator, once a day, with someone alongside. Rest on the bench at the corner if needed.`,
      times_per_period: 1,
      period: 'day',
      deliverer_kind: 'self',
      deliverer_staff_id: null,
      deliverer_name: null,
      goal_id: goalFor('walking'),
    });
    const stopVisit = visits.find((v) => v.at > setAt + dayMs && (v.kind === 'treatment' || v.kind === 'review'));
    if (stopVisit) {
      const stopper = holderAt(stopVisit.at);
      walking.status = 'stopped';
      walking.status_reason = 'Painful left knee since the weekend; GP reviewing. Restart when cleared';
      walking.ends_on = stopVisit.day;
      walking.version = 2;
      walking.updated_at = new Date(Math.min(now - minuteMs, stopVisit.at + hourMs));
      walking.updated_by = stopper.id;
    }
  }

  // -- The notes, one for each contact.
  const holderFirst = (ms: number) => holderAt(ms).name.split(' ')[0]!;
  const lastBarthel = (v: Visit) => barthel.filter((b) => b.visit.at <= v.at).at(-1);
  const firstBarthel = barthel[0];
  const tugAt = (v: Visit) => tug.find((t) => t.visit === v);
  const goalList = goals.map((g) => `“${g.row.statement.replace(/^To /, 'to ')}”`).join('; ');
  const withCarer = p.carer && chance(random, 0.5) ? ` with ${p.carer.first} (${p.carer.relationship})` : '';
  const notes: ContactNoteRow[] = [];
  for (const v of visits) {
    const by = staff(v.staffId);
    const b = lastBarthel(v);
    const t = tugAt(v);
    let kind: ContactNoteKind = 'treatment';
    let duration: number | null = intBetween(random, 6, 12) * 5;
    let body: string;
    let notePlace: string | null = place;
    let present: string | null = null;
    switch (v.kind) {
      case 'first': {
        const assessed = e.firstAssessmentAt !== null;
        kind = assessed ? 'assessment' : 'telephone';
        duration = assessed ? intBetween(random, 12, 18) * 5 : intBetween(random, 2, 4) * 5;
        if (!assessed) {
          notePlace = null;
          body =
            `First contact by phone with ${p.name}: introduced the team and what to expect.\n` +
            `${p.She} is managing at home${p.carer ? ` with help from ${p.carer.first}` : ''} but ${e.reason.split(';')[0]!.toLowerCase()}. ` +
            `Agreed the first visit for the next working day, morning.`;
          break;
        }
        present = p.carer && withCarer ? p.carer.label : null;
        const otLines = e.skillsNeeded.includes('OT') || goals.some((g) => g.template.area === 'kitchen' || g.template.area === 'washing');
        body =
          `First visit ${at(withCarer)}: assessed transfers, walking${otLines ? ', personal care and the kitchen' : ' and the stairs'}.\n` +
          `Referred with: ${e.reason}. ${p.She} ${e.patient.livesAlone ? 'lives alone' : p.carer ? `lives with ${p.hers} ${p.carer.relationship}` : 'lives with family'}.\n` +
          `Transfers: stands from the armchair with one push from the arms; the chair is low. Bed transfers on ${p.hers} own, slowly.\n` +
          `Walking: indoors with the ${aid.words}, steady but slow; ${e.setting === 'community-bed' ? 'has not walked off the ward yet' : 'has not been outside since coming home'}.\n` +
          (otLines ? `Personal care: strip-washes at the sink sitting down; needs help with feet and lower legs.\nKitchen: has not made a hot drink since discharge.\n` : `Stairs: manages 4 steps with the rail and close supervision.\n`) +
          (b ? `Barthel ${b.total}/20 (${b.band.toLowerCase()}).${t ? ` Timed Up and Go ${t.seconds.toFixed(1)} seconds with the ${aid.words}.` : ''}\n` : '') +
          (goals.length ? `Goals agreed with ${p.first}: ${goalList}.\n` : '') +
          `Plan: ${e.visitsPerWeek} ${e.visitsPerWeek === 1 ? 'visit' : 'visits'} a week; chair raisers and a perching stool ordered.${sitToStand ? ' Start sit-to-stand practice next visit.' : ''}`;
        break;
      }
      case 'carer-training': {
        kind = 'carer-training';
        present = p.carer!.label;
        body =
          `Showed ${p.carer!.first} how to help with the sit-to-stand practice.\n` +
          `${p.carer!.first} watched, then stood beside ${p.first} for 5 stands from the dining chair. Talked through when to stop (dizziness, chest pain, short of breath).\n` +
          `Left the programme sheet${p.largePrint ? ' in large print' : ''}; ${p.carer!.first} will note each day on it.\n` +
          `Chair raisers delivered and fitted; armchair now at a good height.`;
        break;
      }
      case 'kitchen': {
        const prompt = pick(random, ['needed one prompt to turn the ring off', 'no prompts needed today', 'needed a reminder to sit down while the kettle boiled', 'rested once, by choice']);
        body =
          `Kitchen practice as delegated by ${holderFirst(v.at)}.\n` +
          `${p.name} made a hot drink and a ${pick(random, ['cheese sandwich', 'slice of toast', 'bowl of soup in the microwave', 'ham sandwich'])} sitting on the perching stool and carried them to the lounge on the trolley; ${prompt}.\n` +
          `No falls or near misses. Logged on the programme.`;
        duration = intBetween(random, 6, 9) * 5;
        break;
      }
      case 'telephone': {
        kind = 'telephone';
        duration = intBetween(random, 2, 4) * 5;
        notePlace = null;
        body = pick(random, [
          `Phoned ${p.carer ? `${p.carer.first} (${p.carer.relationship})` : p.name}: perching stool and chair raisers delivered yesterday and fitted correctly.`,
          `Phoned ${p.name} to move Thursday’s visit to the afternoon, at ${p.hers} request.`,
          `Phoned the GP surgery: ${p.name} dizzy on standing this week. GP to review blood pressure tablets; will check at the next visit.`,
          `Phoned the equipment service: second stair rail booked for fitting on ${shortDate(addCalendarDays(v.day, 3))}.`,
        ]);
        break;
      }
      case 'no-access': {
        kind = 'no-access';
        duration = null;
        body =
          `No answer at the door at ${new Date(v.at).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })}.\n` +
          `Rang the home phone${p.carer ? ` and ${p.carer.first}` : ''}: no reply. Left a calling card; told the team lead. Will try again this afternoon.`;
        break;
      }
      case 'mdt': {
        kind = 'mdt-discussion';
        duration = intBetween(random, 2, 3) * 5;
        notePlace = 'Team base';
        present = 'Clinical lead, occupational therapist, physiotherapist, assistant practitioner';
        body = `${p.name} discussed at the team meeting.\nProgress slower than hoped; dizzy on standing some mornings. Agreed to ask the GP to review ${p.hers} blood pressure tablets and to carry on with the current plan.`;
        break;
      }
      case 'review': {
        kind = 'review';
        const from = firstBarthel && b && firstBarthel !== b ? `Barthel ${firstBarthel.total} → ${b.total}/20 (${b.band.toLowerCase()}).` : b ? `Barthel ${b.total}/20.` : '';
        const rated = goals.map((g) => ratings.get(g.row.id)).filter((l) => l !== undefined);
        body =
          `Half-way review ${at(withCarer)}: progress against goals; Barthel${t ? ' and Timed Up and Go' : ''} repeated.\n` +
          `${from}${t && tug[0] && tug[0] !== t ? ` TUG ${tug[0].seconds.toFixed(1)} → ${t.seconds.toFixed(1)} seconds.` : ''}\n` +
          (rated.length ? `Goals: ${rated.filter((l) => l! >= 0).length} of ${rated.length} at the expected level.\n` : '') +
          `Decision: continue${endReviewOn ? `; end review on ${shortDate(endReviewOn)}` : ''}.`;
        break;
      }
      case 'discharge': {
        kind = 'review';
        const rated = goals.map((g) => ratings.get(g.row.id)).filter((l) => l !== undefined);
        body =
          `Final visit and discharge from the team${withCarer}.\n` +
          (b ? `Barthel ${b.total}/20 (${b.band.toLowerCase()})${firstBarthel && firstBarthel !== b ? `, up from ${firstBarthel.total} at the start` : ''}.\n` : '') +
          (rated.length ? `Goals: ${rated.filter((l) => l! >= 0).length} of ${rated.length} met.\n` : '') +
          `${sitToStand ? 'Carry on with the sit-to-stand practice each morning. ' : ''}Advised to ask the GP to refer again if things change. Discharge letter to follow.`;
        break;
      }
      case 'treatment': {
        const stage = Math.min(2, Math.floor((3 * (v.at - start)) / (42 * dayMs)));
        const areas = new Set(goals.map((g) => g.template.area));
        body = treatmentNote(random, { person: p, stage, aid: aid.words, profession: by.profession, skills: e.skillsNeeded, goalAreas: areas, setting: e.setting });
        if (sitToStand && v.at > programmeVisit.at && chance(random, 0.6)) {
          const who = p.carer ? p.carer.first : p.name;
          body += `\n${pick(random, [`${who} reports the sit-to-stand practice most mornings; log checked.`, `Sit-to-stand log checked: done every day since the last visit.`, `Sit-to-stand practice missed twice since the last visit (tired); encouraged to keep going.`])}`;
        }
        break;
      }
    }
    const minutes: TherapyMinutes = {};
    if (stroke && duration !== null && kind !== 'telephone' && kind !== 'mdt-discussion') {
      if (kind === 'assessment') minutes.other = duration;
      else minutes[by.profession === 'OT' || v.kind === 'kitchen' ? 'occupational-therapy' : 'physiotherapy'] = Math.max(5, duration - 10);
    }
    const occurred = v.at;
    const late = !plan.story && v.kind !== 'first' && chance(random, 0.04);
    const written = floorMinute(Math.min(now - minuteMs, occurred + (duration ?? 10) * minuteMs + (late ? intBetween(random, 25, 40) * hourMs : intBetween(random, 20, 240) * minuteMs)));
    const support = by.role === 'support-worker';
    const note: ContactNoteRow = {
      id: seededUuidV7(written, random),
      ...base,
      status: 'final',
      kind,
      occurred_at: new Date(occurred),
      duration_minutes: duration,
      place: notePlace,
      staff_present: present,
      body,
      therapy_minutes: minutes,
      first_holistic_assessment: stroke && kind === 'assessment',
      consent_missing_reason: null,
      written_at: new Date(written),
      written_by: by.id,
      written_by_role: by.role,
      late_entry: isLateEntry(new Date(occurred), new Date(written)),
      finalised_at: new Date(written),
      finalised_by: by.id,
      needs_review: support,
      reviewed_at: null,
      reviewed_by: null,
      version: 2,
      updated_at: new Date(written),
      updated_by: by.id,
    };
    if (support) {
      // The holder reviews delegated work within a few days; the latest may still be waiting.
      const reviewed = written + intBetween(random, 20, 70) * hourMs;
      if (reviewed < now - hourMs) {
        const reviewer = holderAt(reviewed);
        note.reviewed_at = new Date(floorMinute(reviewed));
        note.reviewed_by = reviewer.id;
        note.version = 3;
        note.updated_at = note.reviewed_at;
        note.updated_by = reviewer.id;
      }
    }
    if (v.kind === 'kitchen' && kitchen) {
      out.completions.push({
        id: seededUuidV7(written, random),
        activity_id: kitchen.id,
        ...base,
        done_on: v.day,
        outcome: chance(random, 0.85) ? 'done' : 'partly-done',
        reported_by: 'staff',
        note: null,
        recorded_at: new Date(written),
        recorded_by: by.id,
        recorded_by_role: by.role,
      });
    }
    v.note = note;
    notes.push(note);
    out.notes.push(note);
  }

  // -- Reviews held: half-way, and at the end.
  if (reviewVisit?.note && reviewDay) {
    const by = holderAt(reviewVisit.at);
    out.reviews.push({
      id: seededUuidV7(reviewVisit.note.written_at.getTime(), random),
      ...base,
      kind: 'half-way',
      held_on: reviewDay,
      summary: reviewVisit.note.body.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim() || 'Progress reviewed; continue.',
      decision: 'continue',
      next_review_on: endReviewOn,
      // A new planned end only when the review extends the episode (checkEpisodeReview); continuing keeps it.
      planned_end_on: null,
      recorded_at: new Date(Math.min(now - minuteMs, reviewVisit.note.written_at.getTime() + 5 * minuteMs)),
      recorded_by: by.id,
      recorded_by_role: by.role,
    });
  }
  if (dischargeVisit?.note) {
    const by = holderAt(dischargeVisit.at);
    out.reviews.push({
      id: seededUuidV7(dischargeVisit.note.written_at.getTime(), random),
      ...base,
      kind: 'end-of-episode',
      held_on: dischargeVisit.day,
      summary: dischargeVisit.note.body.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim() || 'Goals reviewed; discharged.',
      decision: 'discharge',
      next_review_on: null,
      planned_end_on: null,
      recorded_at: new Date(Math.min(now - minuteMs, dischargeVisit.note.written_at.getTime() + 5 * minuteMs)),
      recorded_by: by.id,
      recorded_by_role: by.role,
    });
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// The demo's "Mrs B", and the whole set.

/**
 * The clearest story patient among the active episodes: an older woman on D2A pathway 1, long enough
 * into her episode for a half-way review, held by an assistant practitioner, with a carer at hand.
 * The story is told about "Mrs B", so a woman who fits it and whose family name starts with B is
 * preferred; when none fits, the best by the same scoring.
 */
export function chooseStoryEpisode(episodes: readonly RecordEpisodeInput[], staff: readonly RecordStaffInput[], now: Date): RecordEpisodeInput | null {
  const today = ukDateOf(now);
  const role = new Map(staff.map((s) => [s.id, s.role]));
  let best: { e: RecordEpisodeInput; score: number } | null = null;
  let bestB: { e: RecordEpisodeInput; score: number } | null = null;
  const better = (a: { e: RecordEpisodeInput; score: number } | null, e: RecordEpisodeInput, score: number) => !a || score > a.score || (score === a.score && e.id < a.e.id);
  for (const e of episodes) {
    if (e.status !== 'active') continue;
    const p = e.patient;
    const span = daysBetween(ukDateOf(e.firstContactAt), ukDateOf(e.lastContactAt));
    const holder = e.holders.at(-1)?.staffId;
    const midway = isIntermediateCare(e.service) && e.plannedEndOn !== null ? reviewDates({ startOn: ukDateOf(e.firstContactAt), plannedEndOn: e.plannedEndOn }).midwayReviewOn : null;
    // Far enough in for the half-way review, so her story has one.
    const midwayReached = midway !== null && daysBetween(ukDateOf(e.firstContactAt), midway) >= 1 && daysBetween(midway, ukDateOf(e.lastContactAt)) >= 0;
    const older = ageOnDay(p.dateOfBirth, today) >= 75;
    const score =
      (e.service === 'd2a-pathway-1' ? 8 : 0) +
      (p.sex === 'female' ? 6 : 0) +
      (older ? 3 : 0) +
      (midwayReached ? 4 : 0) +
      (span >= 14 ? 2 : 0) +
      (p.contacts.some((c) => c.isCarer || c.isNextOfKin) ? 2 : 0) +
      (holder && role.get(holder) === 'assistant-practitioner' ? 2 : 0) +
      (p.familyName.startsWith('B') ? 1 : 0) +
      (e.firstAssessmentAt ? 1 : 0);
    if (better(best, e, score)) best = { e, score };
    // The story needs all of these; the rest of the score only makes it richer.
    const fits = e.service === 'd2a-pathway-1' && p.sex === 'female' && older && midwayReached;
    if (fits && p.familyName.startsWith('B') && better(bestB, e, score)) bestB = { e, score };
  }
  return (bestB ?? best)?.e ?? null;
}

export function generateDemoRecords(options: GenerateDemoRecordsOptions): DemoRecords {
  const now = options.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('generateDemoRecords needs a valid reference time');
  const today = ukDateOf(options.now);
  const out: DemoRecords = { consents: [], notes: [], amendments: [], assessments: [], goals: [], attainments: [], competences: [], activities: [], completions: [], reviews: [], reviewEvents: [], story: null };
  const staffById = new Map(options.staff.map((s) => [s.id, s]));
  const episodes = [...options.episodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of episodes) {
    for (const h of e.holders) if (!staffById.has(h.staffId)) throw new RangeError(`Episode ${e.id} is held by ${h.staffId}, who is not among the staff given`);
    if (e.holders.length === 0) throw new RangeError(`Episode ${e.id} has nobody holding it`);
  }

  // -- Support workers' recorded competences, assessed by a registered therapist of their team.
  const held = new Set((options.competencesHeld ?? []).map((c) => `${c.staffId} ${c.competence}`));
  const competenceRandom = createRandom(deriveSeed(options.seed, 0xc0de));
  const competent = new Set<string>();
  for (const s of [...options.staff].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (s.role !== 'support-worker' || !s.active) continue;
    const assessors = options.staff.filter((a) => a.teamId === s.teamId && a.active && (a.role === 'registered-therapist' || a.role === 'clinical-lead'));
    if (assessors.length === 0) continue;
    const ots = assessors.filter((a) => a.profession === 'OT');
    for (const [competence, assessor, note] of [
      [kitchenPracticeCompetence, pick(competenceRandom, ots.length ? ots : assessors), 'Observed making hot drinks and snacks with two patients: safe with the kettle, hob and trolley; knows when to stop and report.'],
      [sitToStandCompetence, pick(competenceRandom, assessors), 'Observed leading the sit-to-stand and lower-limb programme: correct set-up, counts and rests; knows the stop signs.'],
    ] as const) {
      if (held.has(`${s.id} ${competence}`)) {
        competent.add(`${s.id} ${competence}`);
        continue;
      }
      const assessedOn = addCalendarDays(today, -intBetween(competenceRandom, 45, 240));
      const recordedAt = fromUkWallClock(assessedOn, '16:30')!;
      out.competences.push({
        id: seededUuidV7(recordedAt.getTime(), competenceRandom),
        staff_id: s.id,
        competence,
        assessed_on: assessedOn,
        note,
        recorded_at: recordedAt,
        recorded_by: assessor.id,
        recorded_by_role: assessor.role,
      });
      competent.add(`${s.id} ${competence}`);
    }
  }

  const story = chooseStoryEpisode(episodes, options.staff, options.now);
  for (const [i, e] of episodes.entries()) {
    const random = createRandom(deriveSeed(options.seed, i + 1));
    const isStory = e.id === story?.id;
    const span = daysBetween(ukDateOf(e.firstContactAt), ukDateOf(e.lastContactAt));
    const workers = options.staff.filter((s) => s.teamId === e.teamId && s.role === 'support-worker' && s.active && competent.has(`${s.id} ${kitchenPracticeCompetence}`));
    const wantsKitchen = isStory || (e.skillsNeeded.includes('OT') ? chance(random, 0.6) : chance(random, 0.2));
    const plan: EpisodePlan = {
      story: isStory,
      kitchenWorker: workers.length > 0 && span >= 5 && wantsKitchen ? pick(random, workers) : null,
      sitToStand: isStory || chance(random, 0.7),
      stoppedWalking: !isStory && span >= 10 && chance(random, 0.15),
      tug: isStory || e.skillsNeeded.includes('PT') || chance(random, 0.4),
      goalCount: isStory ? 3 : chance(random, 0.4) ? 3 : 2,
      wantedGoals: isStory ? ['kitchen', 'shop', 'wash'] : [],
    };
    const notes = generateEpisodeRecords({ random, now, today, staffById, out }, e, plan);

    // A few notes are still drafts: the latest visit on some open episodes, written up this morning.
    const last = notes.at(-1);
    if (!isStory && e.status !== 'discharged' && last && now - last.occurred_at.getTime() < 3 * dayMs && chance(random, 0.3)) makeDraft(last);
  }
  if (!out.notes.some((n) => n.status === 'draft')) {
    const latest = out.notes.filter((n) => n.episode_id !== story?.id && n.kind !== 'no-access').sort((a, b) => b.occurred_at.getTime() - a.occurred_at.getTime())[0];
    if (latest) makeDraft(latest);
  }

  // Each review held moves the episode on, as recording one in Homeward does: a 'reviewed' entry in its
  // history saying what was decided and which dates changed. Its own random stream, so the notes and
  // scores are those the same seed always gave.
  const eventRandom = createRandom(deriveSeed(options.seed, 0x7e7));
  const episodeById = new Map(episodes.map((e) => [e.id, e]));
  for (const [i, r] of out.reviews.entries()) {
    const e = episodeById.get(r.episode_id)!;
    const earlier = out.reviews.slice(0, i).findLast((x) => x.episode_id === r.episode_id);
    // The half-way review was the one due; a later one was due on the date the last review set.
    const before = { reviewDueOn: r.kind === 'half-way' ? r.held_on : earlier ? earlier.next_review_on : e.reviewDueOn, plannedEndOn: e.plannedEndOn };
    out.reviewEvents.push(reviewedEvent(r, before, seededUuidV7(r.recorded_at.getTime(), eventRandom)));
  }

  // One amendment, with its reason: Mrs B's first treatment note, corrected the next day.
  const amendable = out.notes.filter((n) => n.status === 'final' && !n.needs_review && (n.kind === 'treatment' || n.kind === 'carer-training'));
  const target = amendable.find((n) => n.episode_id === story?.id) ?? amendable[0];
  if (target) {
    const amendedAt = Math.min(now - minuteMs, target.written_at.getTime() + 20 * hourMs);
    out.amendments.push({
      id: seededUuidV7(amendedAt, createRandom(deriveSeed(options.seed, 0xa3e))),
      note_id: target.id,
      note_version: 2,
      kind: target.kind,
      occurred_at: target.occurred_at,
      duration_minutes: target.duration_minutes,
      place: target.place,
      staff_present: target.staff_present,
      body: `${target.body}\nAlso: kettle tipper ordered from the equipment service (reference CES-${String(40000 + out.notes.indexOf(target)).padStart(6, '0')}).`,
      therapy_minutes: target.therapy_minutes,
      first_holistic_assessment: target.first_holistic_assessment,
      reason: 'Equipment ordered at this visit was left out of the note in error',
      amended_at: new Date(floorMinute(amendedAt)),
      amended_by: target.written_by,
      amended_by_role: target.written_by_role,
    });
    target.version += 1;
    target.updated_at = new Date(floorMinute(amendedAt));
    target.updated_by = target.written_by;
  }

  if (story) {
    const needs = story.patient.communicationNeeds;
    out.story = {
      episodeId: story.id,
      patientId: story.patient.id,
      communicationNeeds: needs.needs.includes('large-print')
        ? needs
        : { needs: [...needs.needs, 'large-print'], interpreterLanguage: needs.interpreterLanguage, notes: needs.notes ?? 'Large print (16 point or bigger) for letters and the programme sheet.' },
    };
  }
  return out;
}

/** The 'reviewed' episode event for a review, worded as record/reviews.ts words it. */
export function reviewedEvent(review: EpisodeReviewRow, before: { reviewDueOn: string | null; plannedEndOn: string | null }, id: string): ReviewedEventRow {
  const reviewDueOn = review.next_review_on;
  const plannedEndOn = before.plannedEndOn;
  const changed: string[] = [];
  if (reviewDueOn !== before.reviewDueOn) changed.push(reviewDueOn ? `next review ${formatDisplayDate(reviewDueOn)}` : 'no further review');
  return {
    id,
    episode_id: review.episode_id,
    occurred_at: review.recorded_at,
    staff_id: review.recorded_by,
    kind: 'reviewed',
    reason: review.decision,
    detail: {
      reviewId: review.id,
      reviewKind: review.kind,
      decisionLabel: `${reviewKindLabels[review.kind]}, ${reviewDecisionLabels[review.decision].toLowerCase()}`,
      datesChanged: changed.length ? `Now: ${changed.join('; ')}` : null,
      from: before,
      to: { reviewDueOn, plannedEndOn },
    },
  };
}

/** A note still being written: not final, so not reviewed or amended either. */
function makeDraft(note: ContactNoteRow): void {
  note.status = 'draft';
  note.finalised_at = null;
  note.finalised_by = null;
  note.reviewed_at = null;
  note.reviewed_by = null;
  note.version = 1;
  note.updated_at = note.written_at;
  note.updated_by = note.written_by;
}
