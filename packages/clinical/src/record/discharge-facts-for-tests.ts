// Mrs B's record at the end of her stroke early supported discharge, as facts for the discharge tests.
import { barthelIndex } from '../instruments/barthel-index.ts';
import { changeFromBaseline } from '../instruments/change-from-baseline.ts';
import type { DischargeFacts } from './discharge-summary-draft.ts';

const levels = { '-2': 'Cannot make a drink', '-1': 'Makes a hot drink with help', '0': 'Makes a hot drink on her own', '+1': 'Makes a drink and a snack on her own', '+2': 'Makes a simple meal on her own' };

export function mrsBFacts(overrides: Partial<DischargeFacts> = {}): DischargeFacts {
  return {
    service: 'stroke-early-supported-discharge',
    teamName: 'North Staffs Therapies',
    teamBase: 'Haywood Hospital',
    referral: { receivedOn: '2026-10-27', reason: 'Left-sided weakness after stroke, now home', presentingNeeds: null, referrerName: 'Ward 7' },
    episode: { status: 'discharged', firstContactOn: '2026-10-28', plannedEndOn: '2026-12-08', dischargedOn: '2026-11-24', outcome: 'goals-met', destination: 'home-no-support', note: 'Managing well with daughter nearby' },
    contacts: { count: 6, firstOn: '2026-10-28', lastOn: '2026-11-23' },
    therapyMinutes: { 'occupational-therapy': 120, physiotherapy: 40 },
    goals: [
      { statement: 'I want to make my own cup of tea', levels, baselineLevel: -1, importance: null, difficulty: null, status: 'achieved', statusReason: null, latest: { level: 1, timePoint: 'discharge', ratedOn: '2026-11-23' } },
      { statement: 'I want to walk to the post box', levels: { '-2': 'Housebound', '-1': 'Walks to the gate with a frame', '0': 'Walks to the post box with a stick', '+1': 'Walks to the shop', '+2': 'Walks to the park' }, baselineLevel: -1, importance: null, difficulty: null, status: 'active', statusReason: null, latest: { level: 0, timePoint: 'discharge', ratedOn: '2026-11-23' } },
    ],
    measures: [
      { instrumentId: 'barthel-index', instrumentName: 'Barthel Index', unit: 'points', direction: 'higher-is-better', first: { total: 12, on: '2026-10-28', band: 'Severe dependency' }, last: { total: 16, on: '2026-11-23', band: 'Moderate dependency' }, change: changeFromBaseline(barthelIndex, 12, 16) },
      { instrumentId: 'timed-up-and-go', instrumentName: 'Timed Up and Go', unit: 'seconds', direction: 'higher-is-worse', first: { total: 15.2, on: '2026-10-28', band: null }, last: { total: 14.5, on: '2026-11-23', band: null }, change: { change: -0.7, direction: 'improved', passesMinimalChange: false, threshold: 2.9, thresholdKind: 'MDC', summary: 'Down 0.7 seconds (improved): does not reach the minimal detectable change of 2.9 seconds' } },
      { instrumentId: 'berg-balance-scale', instrumentName: 'Berg Balance Scale', unit: 'points', direction: 'higher-is-better', first: { total: 40, on: '2026-10-28', band: null }, last: null, change: null },
    ],
    programme: [
      { title: 'Sit to stand practice', kind: 'exercise', instructions: '10 times from a dining chair', timesPerPeriod: 3, period: 'day', delivererKind: 'self', status: 'handed-over', handedOverTo: { kind: 'self', name: null }, done: 12, partlyDone: 2, notDone: 1 },
      { title: 'Kitchen practice', kind: 'functional-practice', instructions: 'Hot drink with the kettle tipper', timesPerPeriod: 2, period: 'week', delivererKind: 'staff', status: 'completed', done: 5, partlyDone: 0, notDone: 0 },
      { title: 'Stay active', kind: 'advice-signposting', instructions: 'Walk a little further each day; the Tuesday walking group meets at the library', timesPerPeriod: 1, period: 'week', delivererKind: 'self', status: 'completed', done: 0, partlyDone: 0, notDone: 0 },
      { title: 'Kettle tipper', kind: 'equipment-use', instructions: 'Use for every hot drink', timesPerPeriod: 1, period: 'day', delivererKind: 'self', status: 'completed', done: 3, partlyDone: 0, notDone: 0 },
    ],
    onwardReferrals: [{ toService: 'Falls prevention service', note: 'Fear of falling outdoors', sentOn: '2026-11-20', acknowledged: true }],
    now: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}
