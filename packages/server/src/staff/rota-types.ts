// What the rota says about one member of staff on one day: the planner's view of the team, the week
// view's cells, and lone working's "who is out today". Times are Europe/London wall-clock 'HH:MM'.
import type { HomewardRole } from '@homeward/clinical';

export type GeoPoint = { lat: number; lon: number };

export type NotWorkingReason = 'annual-leave' | 'sickness' | 'training' | 'other-absence' | 'bank-holiday' | 'day-off';

export type StaffDay = {
  staffId: string;
  name: string;
  role: HomewardRole;
  band: string;
  profession: string;
  /** A registered therapist or clinical lead: may take complex patients. */
  registered: boolean;
  /** Skills from the staff record and current competences (e.g. 'equipment-fitting', 'hoist'). */
  skills: string[];
  /** yyyy-mm-dd */
  date: string;
  /** The hours worked that day, or null when not working. */
  shift: { start: string; end: string; breakMinutes: number } | null;
  notWorkingBecause: NotWorkingReason | null;
  /** Weekend or bank-holiday cover, or any extra shift off the usual pattern. */
  cover: boolean;
  startsFrom: 'base' | 'home';
  /** Where the day starts and ends (base or home); null when the rota has no coordinates. */
  start: GeoPoint | null;
  end: GeoPoint | null;
  carDriver: boolean;
  workPhone: string | null;
  carDescription: string | null;
};

export type OnCall = { teamId: string; date: string; staffId: string; name: string; managerStaffId: string | null; managerName: string | null };
