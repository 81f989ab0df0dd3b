// What the demo's competence sign-offs and CPD logs are (issue 16 #2, #3), decided here as data and written
// through the domain functions by seed-demo-competence-cpd.ts: each hoist-competent clinician's sign-off,
// made by their clinical lead about eleven months ago and due again within weeks for some (so the home page
// has something to say), and a year of CPD for every registered therapist, clinical lead and assistant
// practitioner, about one activity a month.
import { addCalendarDays, type CpdKind, type HcpcCpdStandard, type HomewardRole } from '@homeward/clinical';
import { createRandom, deriveSeed } from './seeded-random.ts';
import { demoStaffSkills } from './generate-demo-episodes.ts';

export type DemoPerson = { id: string; key: string; role: HomewardRole; teamId: string };

export type DemoCompetence = { staffId: string; signedOffBy: string; competence: string; assessedOn: string; expiresOn: string; evidence: string };
export type DemoCpdEntry = { staffId: string; activity: string; doneOn: string; hours: number; kind: CpdKind; learned: string; practiceChange: string; reflection: string; hcpcStandards: HcpcCpdStandard[] };

const activities: readonly Omit<DemoCpdEntry, 'staffId' | 'doneOn'>[] = [
  { activity: 'Falls prevention study day', hours: 6.5, kind: 'formal', learned: 'Using the FRAT on a first visit, and when to refer to the falls service', practiceChange: 'I screen every new patient for falls risk on the first visit', reflection: 'I had not been asking about night-time toileting; now I do', hcpcStandards: [1, 3, 4] },
  { activity: 'Peer review of a complex discharge', hours: 1.5, kind: 'work-based', learned: 'How the team weighs risk against what the patient wants', practiceChange: 'I write the patient’s own words into the goal', reflection: 'Hearing a colleague’s reasoning made mine clearer', hcpcStandards: [2, 3] },
  { activity: 'Reading: NICE guideline on rehabilitation after stroke', hours: 2, kind: 'self-directed', learned: 'The intensity of therapy matters more than its length', practiceChange: 'I plan shorter, more frequent sessions', reflection: '', hcpcStandards: [2, 4] },
  { activity: 'Moving and handling update', hours: 3, kind: 'formal', learned: 'Changes to the hoist sling guidance', practiceChange: 'I check the sling size at every visit', reflection: 'A near miss last year would not have happened with this', hcpcStandards: [3, 4] },
  { activity: 'Journal club: goal attainment scaling', hours: 1, kind: 'professional', learned: 'How to set levels that are equal steps apart', practiceChange: 'My GAS levels are easier for patients to rate', reflection: '', hcpcStandards: [2] },
  { activity: 'Shadowing the community matron', hours: 4, kind: 'work-based', learned: 'What the district nurses see that we do not', practiceChange: 'I ask about skin integrity and continence', reflection: 'We could share more at handover', hcpcStandards: [2, 3, 4] },
  { activity: 'Webinar: frailty and deconditioning at home', hours: 1.25, kind: 'self-directed', learned: 'The clinical frailty scale', practiceChange: 'I record the frailty score at assessment', reflection: '', hcpcStandards: [2, 4] },
  { activity: 'Supervising a student on placement', hours: 8, kind: 'professional', learned: 'Explaining my reasoning out loud', practiceChange: 'My notes say why, not only what', reflection: 'Teaching showed me what I do by habit', hcpcStandards: [1, 2, 3] },
  { activity: 'Dementia awareness: Tier 2', hours: 7, kind: 'formal', learned: 'Communicating with people living with dementia', practiceChange: 'I slow down and offer one choice at a time', reflection: 'Mrs B. engaged far more on the next visit', hcpcStandards: [3, 4] },
  { activity: 'Audit of response times for urgent referrals', hours: 5, kind: 'work-based', learned: 'Where our two-hour responses slip', practiceChange: 'I triage urgent referrals before my first visit', reflection: '', hcpcStandards: [2, 3] },
];

/** Days from today to each hoist sign-off's last day, in roster order. */
const hoistExpiryDays = [20, 90, 150, 45, 210, 270, 12, 300, 120, 60] as const;

export type GenerateDemoCompetenceCpdOptions = { seed: number; today: string; people: readonly DemoPerson[] };

export function generateDemoCompetenceCpd(o: GenerateDemoCompetenceCpdOptions): { competences: DemoCompetence[]; cpd: DemoCpdEntry[] } {
  const competences: DemoCompetence[] = [];
  const cpd: DemoCpdEntry[] = [];
  const leadOf = (teamId: string) => o.people.find((p) => p.teamId === teamId && p.role === 'clinical-lead');
  const registered = (teamId: string, not: string) => o.people.find((p) => p.teamId === teamId && p.role === 'registered-therapist' && p.id !== not);
  let hoistIndex = 0;
  for (const p of o.people) {
    if (!demoStaffSkills(p.key).includes('hoist-competent')) continue;
    // The lead signs off the team; the lead's own is signed off by a registered therapist of the team.
    const signer = p.role === 'clinical-lead' ? registered(p.teamId, p.id) : leadOf(p.teamId);
    if (!signer) continue;
    // Signed off for a year, at times through the last one: the first and the seventh are due again within four weeks.
    const expiresOn = addCalendarDays(o.today, hoistExpiryDays[hoistIndex++ % hoistExpiryDays.length]!);
    const assessedOn = addCalendarDays(expiresOn, -364);
    competences.push({ staffId: p.id, signedOffBy: signer.id, competence: 'hoist-competent', assessedOn, expiresOn, evidence: 'Observed two hoist transfers with the team’s mobile hoist; moving and handling update attended' });
  }
  o.people.forEach((p, i) => {
    if (p.role !== 'registered-therapist' && p.role !== 'clinical-lead' && p.role !== 'assistant-practitioner') return;
    const random = createRandom(deriveSeed(o.seed, 16_300 + i));
    // About one activity a month over the last year, the most recent at least a day ago.
    for (let daysAgo = 2 + Math.floor(random() * 20); daysAgo < 365; daysAgo += 24 + Math.floor(random() * 18)) {
      const a = activities[Math.floor(random() * activities.length)]!;
      cpd.push({ staffId: p.id, doneOn: addCalendarDays(o.today, -daysAgo), ...a, hcpcStandards: [...a.hcpcStandards] });
    }
  });
  cpd.sort((x, y) => x.doneOn.localeCompare(y.doneOn));
  return { competences, cpd };
}
