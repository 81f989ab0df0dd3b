// The lone-working escalation ladder (issue 14, BS 8484:2022): who is told, how long after an alert is
// raised, and what they are asked to do. Each team may set its own (lone_working_settings); these are
// the defaults and the rules every ladder keeps. Pure: the server's timers and pages both use it.

/** Who a rung tells: the clinician themself (a prompt), the responder on duty, the on-call manager. */
export type LadderWho = 'clinician' | 'responder' | 'manager';

export type LadderRung = {
  /** 1, 2, 3...: the alert's level once this rung has fired. */
  level: number;
  who: LadderWho;
  /** Seconds after the alert is raised (a missed check-in or check-out is raised at its due time plus the grace period). */
  afterSeconds: number;
  /** What the person told is asked to do, shown with the alert. */
  instructions: string;
};

export type LoneWorkingLadder = { graceSeconds: number; rungs: LadderRung[] };

/** Overdue by 15 minutes: the Trust's Lone Working Policy default. */
export const defaultGraceSeconds = 15 * 60;

export const defaultLadder: LadderRung[] = [
  { level: 1, who: 'clinician', afterSeconds: 0, instructions: 'You have not checked in or out. Check out now if you are safe, or call your responder.' },
  { level: 2, who: 'responder', afterSeconds: 10 * 60, instructions: 'Call the clinician on their work phone. No answer: call the house. Still no answer: call the on-call manager.' },
  { level: 3, who: 'manager', afterSeconds: 25 * 60, instructions: 'Call the clinician and the house. If they cannot be reached, call the police (999) with the address, the clinician’s car and the patient’s risk flags shown.' },
];

