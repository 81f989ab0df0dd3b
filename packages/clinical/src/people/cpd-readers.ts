// Who may see a person's CPD log (issue 16 #3). It is personal staff data: the person, their supervisor,
// and their team's clinical lead and service manager, nobody else (not colleagues, not administrators, who
// manage accounts, nor privacy officers, who see the audit). Only the person writes their own log.
import type { HomewardRole } from '../staff-roles.ts';

export type CpdReadBasis = 'own' | 'supervisor' | 'team-lead';
export type CpdReadDecision = { allowed: true; basis: CpdReadBasis } | { allowed: false; rule: 'not-own-log' | 'other-team' | 'not-their-supervisor'; message: string };

export type DecideCpdReadOptions = {
  reader: { staffId: string; role: HomewardRole; teamId: string | null };
  owner: { staffId: string; teamId: string | null; name: string };
  /** The reader is the owner's current supervisor (a supervision arrangement with no end, or ending today or later). */
  readerSupervisesOwner: boolean;
};

export function decideCpdRead(o: DecideCpdReadOptions): CpdReadDecision {
  if (o.reader.staffId === o.owner.staffId) return { allowed: true, basis: 'own' };
  if (o.readerSupervisesOwner) return { allowed: true, basis: 'supervisor' };
  if (o.reader.role === 'clinical-lead' || o.reader.role === 'service-manager') {
    if (o.reader.teamId !== null && o.reader.teamId === o.owner.teamId) return { allowed: true, basis: 'team-lead' };
    return { allowed: false, rule: 'other-team', message: `${o.owner.name}'s CPD is seen by their own team's clinical lead and service manager only` };
  }
  return { allowed: false, rule: 'not-their-supervisor', message: `A CPD log is personal: ${o.owner.name}'s is seen by them, their supervisor, and their team's clinical lead and service manager` };
}

export type MayWriteCpdOptions = { writerStaffId: string; ownerStaffId: string };

/** A CPD log is the registrant's own account of their learning: only they write it. */
export function mayWriteCpd(o: MayWriteCpdOptions): boolean {
  return o.writerStaffId === o.ownerStaffId;
}
