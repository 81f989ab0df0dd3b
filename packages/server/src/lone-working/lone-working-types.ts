// The lone-working context's shapes (issue 14), shared by its sessions, alerts, board and timers.
import type { LoneWorkingAlertKind, LoneWorkingAlertStatus, LoneWorkingSessionStatus } from '../db/schema.ts';

export type { LoneWorkingAlertKind, LoneWorkingAlertStatus, LoneWorkingSessionStatus };

/** One member of staff at one place for a time: a published home visit, or a visit started by hand. */
export type LoneWorkingSession = {
  id: string;
  version: number;
  teamId: string;
  staffId: string;
  staffName: string;
  /** yyyy-mm-dd, Europe/London */
  date: string;
  origin: 'plan' | 'by-hand';
  visitId: string | null;
  patientId: string | null;
  place: string;
  withStaffId: string | null;
  expectedStart: Date;
  expectedEnd: Date;
  status: LoneWorkingSessionStatus;
  /** When the clinician tapped (on the phone), and when it reached the service: an offline tap arrives late. */
  checkedInAt: Date | null;
  checkedInReceivedAt: Date | null;
  checkedOutAt: Date | null;
  checkedOutReceivedAt: Date | null;
};

export type LoneWorkingAlert = {
  id: string;
  version: number;
  teamId: string;
  staffId: string;
  sessionId: string | null;
  kind: LoneWorkingAlertKind;
  status: LoneWorkingAlertStatus;
  note: string | null;
  /** When it raises (an amber's end, a check's due time plus the grace period) or raised. */
  dueAt: Date;
  /** The highest rung of the ladder reached; 0 before raising. */
  level: number;
  raisedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  outcome: string | null;
};

/** Job kinds the lone-working runner takes (its own runner: a planner run never delays a timer). */
export const loneWorkingJobKinds = {
  /** payload { sessionId, check: 'in' | 'out', dueAt }: raise a missed check-in/out if it is still missing. */
  checkDue: 'lone-working-check-due',
  /** payload { alertId, level, dueAt }: climb to that rung if the alert is still raised and below it. */
  escalate: 'lone-working-escalate',
  /** payload { alertId, dueAt }: an amber that ran out raises (if not extended past dueAt, nor ended). */
  amberDue: 'lone-working-amber-due',
  /** payload { deliveryId }: send one email or SMS. */
  deliver: 'notification-deliver',
  /** payload { date }: tell each team's lead about tomorrow's gaps in the rota (no responder on call). */
  rotaGaps: 'lone-working-rota-gaps',
  /** payload { teamId, date, publicationId }: make the day's sessions from what was published. */
  planPublished: 'lone-working-plan-published',
} as const;
