// The shapes the supervision part reads and returns (camelCase), and the names its audit events use.
import type { Band, DueStatus, HomewardRole, Profession, SupervisionSessionKind } from '@homeward/clinical';

/** Audited as: someone's supervision (arrangement, sessions, actions: staff data, personal). */
export const supervisionRecordKind = 'supervision';
/** Audited as: a case discussed in supervision (patient data). */
export const supervisionCaseRecordKind = 'supervision-case';

export type SupervisionStaff = { id: string; name: string; role: HomewardRole; profession: Profession; band: Band; active: boolean; teamId: string | null };

export type SupervisionArrangement = { id: string; version: number; superviseeId: string; supervisorId: string; supervisorName: string; startsOn: string; endsOn: string | null };

export type SupervisionAction = { id: string; version: number; sessionId: string; action: string; ownerId: string; ownerName: string; dueOn: string; status: 'open' | 'done'; doneAt: Date | null };

export type SupervisionSession = {
  id: string;
  version: number;
  superviseeId: string;
  superviseeName: string;
  supervisorId: string;
  supervisorName: string;
  heldOn: string;
  kind: SupervisionSessionKind;
  themes: string;
  status: 'recorded' | 'confirmed';
  superviseeComment: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
};

/** A case as stored: its patient is named only to those the access decision lets see them. */
export type SupervisionCaseRow = { id: string; sessionId: string; episodeId: string; patientId: string; teamId: string; note: string };

/** How someone stands: when their next session is due, and its colour (null: the policy does not cover their role). */
export type SupervisionStanding = { staff: SupervisionStaff; lastHeldOn: string | null; dueOn: string | null; status: DueStatus | null; supervisor: { id: string; name: string } | null };
