// Drafting the discharge summary from structured facts: nothing is typed that the record already
// knows. Each section gets clinical wording (coded terms and instrument names are fine for the GP)
// and plain English for the patient: short sentences, everyday words, each measure explained.
import { formatDisplayDate } from '../date-parts.ts';
import { gasLevelDescriptions, gasLevelKey, type GasLevel, type GasLevelKey } from '../goal-attainment-scaling.ts';
import type { ChangeFromBaseline } from '../instruments/change-from-baseline.ts';
import { dischargeDestinationLabels, dischargeOutcomeLabels, serviceLabels, type DischargeDestination, type DischargeOutcome, type Service } from '../referral-vocabulary.ts';
import { ssnapTherapyTypeLabels, ssnapTherapyTypes, type TherapyMinutes } from './contact-note.ts';
import type { DischargeSummaryContent, DischargeSummarySection, DischargeSummarySectionId } from './discharge-summary.ts';
import { scoreGoalSet, type GoalSetScores } from './goal-scores.ts';
import { bannedTermsIn, plainDestinationWords, plainOutcomeWords, plainServiceWords, toPlainWords } from './plain-words.ts';
import { describeAfterDischargeForClinicians, describeAfterDischargeForPatient, type HandOverReceiver } from './programme-at-discharge.ts';

export type DischargeGoalFact = {
  statement: string;
  levels: Partial<Record<GasLevelKey, string>>;
  baselineLevel: number;
  importance: number | null;
  difficulty: number | null;
  status: 'active' | 'achieved' | 'discontinued';
  statusReason: string | null;
  /** The latest rating, or null when never rated. */
  latest: { level: number; timePoint: 'review' | 'discharge' | 'other'; ratedOn: string } | null;
};

export type DischargeMeasureFact = {
  instrumentId: string;
  instrumentName: string;
  unit: string;
  direction: 'higher-is-better' | 'higher-is-worse' | null;
  first: { total: number; on: string; band: string | null };
  /** Null when the instrument was scored once. */
  last: { total: number; on: string; band: string | null } | null;
  /** From the first (baseline) score to the last, with the MCID/MDC verdict; null when not comparable. */
  change: ChangeFromBaseline | null;
};

export type DischargeProgrammeFact = {
  title: string;
  kind: 'exercise' | 'functional-practice' | 'equipment-use' | 'carer-training' | 'advice-signposting';
  instructions: string;
  timesPerPeriod: number;
  period: 'day' | 'week';
  delivererKind: 'self' | 'staff' | 'carer' | 'agency';
  status: 'active' | 'stopped' | 'completed' | 'handed-over';
  /** Who carries it on after discharge, when it was handed over (programme-at-discharge.ts). */
  handedOverTo?: { kind: HandOverReceiver; name: string | null } | null;
  done: number;
  partlyDone: number;
  notDone: number;
};

export type DischargeFacts = {
  service: string;
  teamName: string;
  teamBase: string;
  referral: { receivedOn: string; reason: string; presentingNeeds: string | null; referrerName: string };
  episode: {
    status: 'waiting' | 'active' | 'on-hold' | 'discharged';
    firstContactOn: string | null;
    plannedEndOn: string | null;
    dischargedOn: string | null;
    outcome: string | null;
    destination: string | null;
    note: string | null;
  };
  /** Final contact notes in which the patient was seen. */
  contacts: { count: number; firstOn: string | null; lastOn: string | null };
  /** Stroke episodes only (SSNAP therapy minutes by type); null for other services. */
  therapyMinutes: TherapyMinutes | null;
  goals: DischargeGoalFact[];
  measures: DischargeMeasureFact[];
  programme: DischargeProgrammeFact[];
  onwardReferrals: { toService: string; note: string | null; sentOn: string; acknowledged: boolean }[];
  /** When the draft is made (ISO instant). */
  now: string;
};

const date = formatDisplayDate;
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const bullet = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join('\n');
const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const withStop = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** Each measure explained in everyday words; the name in brackets so it can be looked up. */
const plainMeasures: Record<string, { what: string; betterWhen: 'higher' | 'lower' }> = {
  'barthel-index': { what: 'Your score for everyday activities (the Barthel Index)', betterWhen: 'higher' },
  'berg-balance-scale': { what: 'Your score for balance (the Berg Balance Scale)', betterWhen: 'higher' },
  'timed-up-and-go': { what: 'Your time for the stand up and walk test (the Timed Up and Go test)', betterWhen: 'lower' },
  'fes-i': { what: 'Your score for how worried you are about falling (the Falls Efficacy Scale)', betterWhen: 'lower' },
  'short-fes-i': { what: 'Your score for how worried you are about falling (the short Falls Efficacy Scale)', betterWhen: 'lower' },
  'lawton-iadl': { what: 'Your score for running your home, such as shopping, cooking and money (the Lawton scale)', betterWhen: 'higher' },
  'nottingham-extended-adl': { what: 'Your score for activities in and around your home (the Nottingham Extended Activities of Daily Living scale)', betterWhen: 'higher' },
  'modified-rankin-scale': { what: 'Your score for how much your stroke affects your daily life (the Modified Rankin Scale)', betterWhen: 'lower' },
};

function plainMeasure(m: DischargeMeasureFact): { what: string; betterWhen: 'higher' | 'lower' } {
  return plainMeasures[m.instrumentId] ?? { what: `Your score on the ${m.instrumentName}`, betterWhen: m.direction === 'higher-is-worse' ? 'lower' : 'higher' };
}

function unitWord(m: DischargeMeasureFact): string {
  return m.unit === 'seconds' ? ' seconds' : '';
}

function section(id: DischargeSummarySectionId, text: string, patientText: string, source: string): DischargeSummarySection {
  return { id, text, patientText, source };
}

function reasonForReferral(f: DischargeFacts): DischargeSummarySection {
  const service = serviceLabels[f.service as Service] ?? f.service;
  const text = [
    `Referred to ${f.teamName} (${service}) on ${date(f.referral.receivedOn)} by ${f.referral.referrerName}.`,
    `Reason: ${withStop(f.referral.reason)}`,
    ...(f.referral.presentingNeeds ? [`Presenting needs: ${withStop(f.referral.presentingNeeds)}`] : []),
  ].join('\n');
  // The referral is written by and for clinicians: its reason goes to the patient in plain words, or
  // not at all when shorthand would be left in it (the clinician can say it in everyday words).
  const plainReason = toPlainWords(f.referral.reason);
  const leftOver = bannedTermsIn(plainReason);
  const patientText = [
    `You were referred to us, the ${f.teamName} team, on ${date(f.referral.receivedOn)} for ${plainServiceWords[f.service as Service] ?? 'rehabilitation'}.`,
    ...(leftOver.length ? [] : [`The reason given was: ${lowerFirst(withStop(plainReason))}`]),
  ].join('\n');
  const source = leftOver.length
    ? `From the referral: when it was received, who referred and why. The referral’s reason uses ${leftOver.map((t) => `“${t}”`).join(', ')}, so it is left out of the patient’s words: add it in everyday words if it helps.`
    : 'From the referral: when it was received, who referred and why (in plain words for the patient).';
  return section('reason-for-referral', text, patientText, source);
}

function totalMinutes(m: TherapyMinutes): number {
  return Object.values(m).reduce((sum, v) => sum + (v ?? 0), 0);
}

function whatWeDid(f: DischargeFacts): DischargeSummarySection {
  const c = f.contacts;
  const span = c.firstOn && c.lastOn ? (c.firstOn === c.lastOn ? ` on ${date(c.firstOn)}` : ` between ${date(c.firstOn)} and ${date(c.lastOn)}`) : '';
  const lines = [c.count === 0 ? 'No face-to-face or telephone contacts are recorded in finalised notes.' : `Seen ${times(c.count)}${span} (finalised contact notes).`];
  const patient = [c.count === 0 ? 'We have no visits recorded yet.' : `We saw or spoke to you ${times(c.count)}${span}.`];
  if (f.therapyMinutes) {
    const total = totalMinutes(f.therapyMinutes);
    const minutes = f.therapyMinutes;
    const byType = ssnapTherapyTypes.filter((t) => (minutes[t] ?? 0) > 0).map((t) => `${ssnapTherapyTypeLabels[t].replace(/ \(.*\)$/, '')} ${minutes[t]}`);
    lines.push(`Therapy minutes (SSNAP, by therapy type): ${byType.length ? `${byType.join(', ')}; total ${total} minutes.` : 'none recorded.'}`);
    if (total > 0) patient.push(`In total you had ${total} minutes of therapy with us.`);
  }
  const source = f.therapyMinutes ? 'From the finalised contact notes: how many times the patient was seen, and the SSNAP therapy minutes.' : 'From the finalised contact notes: how many times the patient was seen.';
  return section('what-we-did', lines.join('\n'), patient.join(' '), source);
}

function levelText(goal: DischargeGoalFact, level: number): { key: GasLevelKey; label: string; described: string } {
  const key = gasLevelKey(level as GasLevel);
  const label = gasLevelDescriptions.find((d) => d.level === level)?.label ?? key;
  return { key, label, described: goal.levels[key]?.trim() ?? '' };
}

function plainGoalVerdict(goal: DischargeGoalFact): string {
  const latest = goal.latest?.level;
  if (latest === undefined) return 'We have not yet looked at how far you got with this goal.';
  if (latest === 2) return 'You did much better than we hoped.';
  if (latest === 1) return 'You did better than we hoped.';
  if (latest === 0) return 'You reached this goal.';
  if (latest > goal.baselineLevel) return 'You made progress, but did not fully reach this goal.';
  if (latest === goal.baselineLevel) return 'You did not reach this goal this time.';
  return 'This goal became harder for you.';
}

// The same rule as the goals page (goal-scores.ts): weighted by importance x difficulty when every
// counted goal has both, and no score at all when every weight is 0 (the weighted formula is undefined
// there; an unweighted score instead would disagree with the goals page and with what was agreed).
function goalScores(goals: readonly DischargeGoalFact[]): GoalSetScores {
  return scoreGoalSet(goals.map((g, i) => ({ id: String(i), status: g.status, baseline: g.baselineLevel, importance: g.importance, difficulty: g.difficulty, latestLevel: g.latest?.level ?? null })));
}

function goalsSection(f: DischargeFacts, t: GoalSetScores): DischargeSummarySection {
  if (f.goals.length === 0) {
    return section('goals', 'No goals were recorded for this episode.', '', 'From the goals record: none recorded. Add goals and their ratings there, or write them here.');
  }
  const lines = f.goals.map((g, i) => {
    const base = levelText(g, g.baselineLevel);
    const weight = g.importance !== null && g.difficulty !== null ? ` (importance ${g.importance}, difficulty ${g.difficulty})` : '';
    const latest = g.latest ? levelText(g, g.latest.level) : null;
    const rated = latest
      ? ` ${g.latest!.timePoint === 'discharge' ? 'At discharge' : `Latest (${g.latest!.timePoint}, ${date(g.latest!.ratedOn)})`} ${latest.key} (${lowerFirst(latest.label)}${latest.described ? `: ${latest.described}` : ''}).`
      : ' Not yet rated.';
    const status = g.status === 'discontinued' ? ` Discontinued${g.statusReason ? `: ${g.statusReason}` : ''}.` : g.status === 'achieved' ? ' Achieved.' : '';
    return `${i + 1}. “${g.statement}”${weight}. Baseline ${base.key} (${lowerFirst(base.label)}${base.described ? `: ${base.described}` : ''}).${rated}${status}`;
  });
  const n = t.countedGoalIds.length;
  const tLine =
    t.baseline.tScore === null
      ? `GAS T-score not calculated (${lowerFirst(t.baseline.message)}).`
      : `GAS T-score (${t.weighted ? 'weighted by importance x difficulty' : 'unweighted'}, ${n} ${n === 1 ? 'goal' : 'goals'}): ${t.baseline.tScore.toFixed(2)} at baseline, ${t.latest.tScore === null ? 'not yet calculable at discharge (not every goal is rated)' : `${t.latest.tScore.toFixed(2)} at discharge`}. 50 = goals met as expected.`;
  const patient = f.goals
    .filter((g) => g.status !== 'discontinued')
    .map((g) => {
      const start = levelText(g, g.baselineLevel).described;
      const now = g.latest ? levelText(g, g.latest.level).described : '';
      return [`Your goal: “${g.statement}”.`, start ? `When we started: ${lowerFirst(withStop(start))}` : '', now ? `Now: ${lowerFirst(withStop(now))}` : '', plainGoalVerdict(g)].filter(Boolean).join(' ');
    });
  return section('goals', [...lines, tLine].join('\n'), bullet(patient), 'From the goals record: each goal in the patient’s words, its baseline level and latest rating; the GAS T-score is calculated from them.');
}

function measuresSection(f: DischargeFacts): DischargeSummarySection {
  if (f.measures.length === 0) return section('outcome-measures', 'No scored outcome measures were recorded.', '', 'From the assessments record: none scored.');
  const lines = f.measures.map((m) => {
    const band = (b: string | null) => (b ? ` (${lowerFirst(b)})` : '');
    if (!m.last) return `${m.instrumentName}: ${m.first.total} ${m.unit}${band(m.first.band)} on ${date(m.first.on)}; scored once, so no change to report.`;
    const verdict = m.change ? ` ${withStop(m.change.summary)}` : '';
    return `${m.instrumentName}: from ${m.first.total} to ${m.last.total} ${m.unit}. First ${date(m.first.on)}${band(m.first.band)}, last ${date(m.last.on)}${band(m.last.band)}.${verdict}`;
  });
  const patient = f.measures.map((m) => {
    const plain = plainMeasure(m);
    if (!m.last) return `${plain.what} was ${m.first.total}${unitWord(m)}. We measured it once, so there is no change to report.`;
    const betterNote = plain.betterWhen === 'lower' ? (m.unit === 'seconds' ? ' A shorter time is better.' : ' A lower score is better.') : '';
    if (m.first.total === m.last.total) return `${plain.what} stayed at ${m.last.total}${unitWord(m)}.`;
    const moved = `${plain.what} went ${m.last.total > m.first.total ? 'up' : 'down'} from ${m.first.total} to ${m.last.total}${unitWord(m)}.${betterNote}`;
    const better = plain.betterWhen === 'higher' ? m.last.total > m.first.total : m.last.total < m.first.total;
    let verdict: string;
    if (m.change && m.change.threshold !== null) {
      verdict = m.change.passesMinimalChange ? (better ? 'This is a real improvement.' : 'This is a real change, and it means things got harder.') : 'This is a small change, so it may not be a real difference.';
    } else verdict = better ? 'This means things got better.' : 'This means things got harder.';
    return `${moved} ${verdict}`;
  });
  return section('outcome-measures', bullet(lines), bullet(patient), 'From the assessments record: the first and last score of each measure, the change and whether it reaches the minimal important change.');
}

const periodWord = (p: 'day' | 'week') => (p === 'day' ? 'a day' : 'a week');
const delivererWords: Record<DischargeProgrammeFact['delivererKind'], string> = { self: 'by the patient', staff: 'by staff', carer: 'with a carer', agency: 'by the care agency' };

function afterDischarge(f: DischargeFacts, a: DischargeProgrammeFact) {
  return { status: a.status, handedOverTo: a.handedOverTo ?? null, discharged: f.episode.status === 'discharged' };
}

function programmeSection(f: DischargeFacts): DischargeSummarySection {
  const activities = f.programme.filter((a) => a.kind !== 'advice-signposting');
  if (activities.length === 0) return section('programme', 'No programme of care activities were recorded.', '', 'From the programme of care: none recorded.');
  const lines = activities.map((a) => {
    const log = [`done ${a.done}`, ...(a.partlyDone ? [`partly done ${a.partlyDone}`] : []), ...(a.notDone ? [`not done ${a.notDone}`] : [])].join(', ');
    return `${a.title} (${a.kind.replace(/-/g, ' ')}, ${times(a.timesPerPeriod)} ${periodWord(a.period)}, ${delivererWords[a.delivererKind]}): ${log}. ${describeAfterDischargeForClinicians(afterDischarge(f, a))}`;
  });
  const patient = activities.map((a) => `${a.title}: ${a.done === 0 ? 'not recorded as done yet' : `done ${times(a.done)}`}. ${describeAfterDischargeForPatient(afterDischarge(f, a))}`);
  return section('programme', bullet(lines), bullet(patient), 'From the programme of care: each activity, how many times it was logged as done, and how it ended or who took it over at discharge.');
}

function adviceSection(f: DischargeFacts): DischargeSummarySection {
  const advice = f.programme.filter((a) => a.kind === 'advice-signposting');
  // What carries on after we leave: activities handed over at discharge, and (before discharge) the
  // patient's own exercises. An activity the team delivered and ended is not advice to continue.
  const discharged = f.episode.status === 'discharged';
  const keepGoing = f.programme.filter(
    (a) => a.kind !== 'advice-signposting' && (a.status === 'handed-over' || (!discharged && a.status === 'active' && a.delivererKind === 'self' && (a.kind === 'exercise' || a.kind === 'functional-practice'))),
  );
  const clinicalWho = (a: DischargeProgrammeFact) => {
    const to = a.handedOverTo;
    if (a.status !== 'handed-over' || !to || to.kind === 'self') return 'independently';
    return to.kind === 'carer' ? `with ${to.name ?? 'a carer'} (carer)` : to.kind === 'agency' ? `with ${to.name ?? 'the care agency'} (care agency)` : `by ${to.name ?? 'another service'}`;
  };
  const lines = [...advice.map((a) => `${a.title}: ${withStop(a.instructions)}`), ...keepGoing.map((a) => `Continue ${clinicalWho(a)}: ${a.title}, ${times(a.timesPerPeriod)} ${periodWord(a.period)}.`)];
  const patient = [
    ...advice.map((a) => `${a.title}: ${withStop(a.instructions)}`),
    ...keepGoing.map((a) => `Keep doing “${a.title}” ${times(a.timesPerPeriod)} ${periodWord(a.period)}. ${a.status === 'handed-over' && a.handedOverTo && a.handedOverTo.kind !== 'self' ? describeAfterDischargeForPatient(afterDischarge(f, a)) : ''}`.trim()),
  ];
  return section(
    'advice',
    bullet(lines),
    bullet(patient),
    lines.length ? 'From the programme of care: advice and signposting, and the activities handed over at discharge (or the patient’s own exercises, before discharge). Add any other advice you gave.' : 'Nothing recorded as advice in the programme of care: write the advice you gave.',
  );
}

function onwardSection(f: DischargeFacts): DischargeSummarySection {
  if (f.onwardReferrals.length === 0) return section('onward-referrals', 'None.', '', 'From the episode’s onward referrals: none made.');
  const lines = f.onwardReferrals.map((o) => `${o.toService}: referred ${date(o.sentOn)}${o.acknowledged ? ', acknowledged' : ', not yet acknowledged'}${o.note ? `. ${withStop(o.note)}` : '.'}`);
  const patient = f.onwardReferrals.map((o) => `We have asked the ${o.toService} to help you. They will contact you.`);
  return section('onward-referrals', bullet(lines), bullet(patient), 'From the episode’s onward referrals: each service referred to, when, and whether it has acknowledged.');
}

function equipmentSection(f: DischargeFacts): DischargeSummarySection {
  const used = f.programme.filter((a) => a.kind === 'equipment-use');
  return section(
    'equipment',
    used.length ? bullet(used.map((a) => `Practised using: ${a.title}.`)) : '',
    used.length ? bullet(used.map((a) => `We showed you how to use: ${lowerFirst(a.title)}.`)) : '',
    'Homeward does not keep an equipment record yet: write in any equipment issued or recommended (with the loan reference), what is to be collected, and who to contact about it.',
  );
}

function followUpSection(f: DischargeFacts): DischargeSummarySection {
  const e = f.episode;
  const lines: string[] = [];
  const patient: string[] = [];
  if (e.status === 'discharged' && e.dischargedOn) {
    lines.push(`Discharged on ${date(e.dischargedOn)}.`);
    if (e.outcome) lines.push(`Outcome: ${dischargeOutcomeLabels[e.outcome as DischargeOutcome] ?? e.outcome}.`);
    if (e.destination) lines.push(`Destination: ${dischargeDestinationLabels[e.destination as DischargeDestination] ?? e.destination}.`);
    patient.push(`Your therapy with us finished on ${date(e.dischargedOn)}.`);
    // The coded outcome and destination, in the patient's words (plain-words.ts), never the codes.
    const outcome = e.outcome ? plainOutcomeWords[e.outcome as DischargeOutcome] : '';
    const destination = e.destination ? plainDestinationWords[e.destination as DischargeDestination] : '';
    if (outcome) patient.push(outcome);
    if (destination) patient.push(destination);
  } else {
    lines.push(e.plannedEndOn ? `Discharge planned for ${date(e.plannedEndOn)}.` : 'Discharge being planned.');
    patient.push(e.plannedEndOn ? `Your therapy with us is due to finish on ${date(e.plannedEndOn)}.` : 'Your therapy with us is coming to an end.');
  }
  if (e.note) lines.push(withStop(e.note));
  lines.push(`No further follow-up planned by ${f.teamName}. Please re-refer if needs change.`);
  patient.push(`If things get harder, or you have questions about this letter, contact the ${f.teamName} team at ${f.teamBase}. Your GP can also refer you to us again.`);
  return section('follow-up', lines.join('\n'), patient.join(' '), 'From the episode: discharge date, outcome, destination and note; and the team’s details.');
}

/** The first draft of the discharge summary, from the record's structured facts. */
export function draftDischargeSummary(facts: DischargeFacts): DischargeSummaryContent {
  const scores = goalScores(facts.goals);
  const goalAttainment = { goals: scores.countedGoalIds.length, baselineTScore: scores.baseline.tScore, dischargeTScore: scores.latest.tScore, weighted: scores.weighted };
  return {
    sections: [
      reasonForReferral(facts),
      whatWeDid(facts),
      goalsSection(facts, scores),
      measuresSection(facts),
      programmeSection(facts),
      adviceSection(facts),
      onwardSection(facts),
      equipmentSection(facts),
      followUpSection(facts),
    ],
    goalAttainment,
    draftedAt: facts.now,
  };
}
