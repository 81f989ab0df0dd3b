// What the home page says is due about competences and CPD (issue 16 #2, #3, #7): your own competences that
// expire within 28 days or have expired (they count for nothing until signed off again), and, for the
// clinical lead, the team's; and your next CPD activity, when the log has gone quiet.
import { addCalendarDays, cpdGapDays, cpdNextDueOn, dueStatusOf, formatDisplayDate, keepsCpdLog } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { listExpiringCompetences } from '../staff/public.ts';

/** Amber from four weeks before a competence expires: time to book the assessment. */
export const competenceSoonDays = 28;

export const competenceDueItems: DueItemsProvider = async (db, o) => {
  const staff = o.actor.staff;
  if (!staff) return [];
  const until = addCalendarDays(o.today, competenceSoonDays);
  const items: DueItem[] = (await listExpiringCompetences(db, { staffId: staff.staffId, until })).map((c) => {
    const status = dueStatusOf({ dueOn: c.expiresOn, today: o.today, soonDays: competenceSoonDays });
    const text =
      c.expiresOn < o.today
        ? `Your competence in ${c.label.toLowerCase()} expired on ${formatDisplayDate(c.expiresOn)}: it counts for nothing until a registered therapist signs it off again`
        : `Your competence in ${c.label.toLowerCase()} expires on ${formatDisplayDate(c.expiresOn)}: ask a registered therapist to assess you again`;
    return { group: 'Competences', text, href: `/staff/competences#staff-${staff.staffId}`, dueOn: c.expiresOn, status };
  });
  if (staff.role === 'clinical-lead' && staff.teamId !== null) {
    const others = (await listExpiringCompetences(db, { teamId: staff.teamId, until })).filter((c) => c.staffId !== staff.staffId);
    if (others.length > 0) {
      const first = others[0]!;
      const names = others.slice(0, 3).map((c) => `${c.staffName} (${c.label.toLowerCase()}, ${formatDisplayDate(c.expiresOn)})`);
      const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
      items.push({
        group: 'Competences',
        text: `${others.length} ${others.length === 1 ? 'competence' : 'competences'} in your team ${others.length === 1 ? 'expires' : 'expire'} within four weeks or ${others.length === 1 ? 'has' : 'have'} expired: ${names.join('; ')}${more}`,
        href: '/staff/competences',
        dueOn: first.expiresOn,
        status: dueStatusOf({ dueOn: first.expiresOn, today: o.today, soonDays: competenceSoonDays }),
      });
    }
  }
  return items;
};

/** The next CPD activity, for those who keep a log: amber from a month before the gap reaches 90 days. */
export const cpdDueItems: DueItemsProvider = async (db, o) => {
  const staff = o.actor.staff;
  if (!staff || !keepsCpdLog(staff.role)) return [];
  const latest = await db.selectFrom('cpd_entries').select((eb) => eb.fn.max('done_on').as('latest')).where('staff_id', '=', staff.staffId).executeTakeFirst();
  const latestOn = latest?.latest ? String(latest.latest).slice(0, 10) : null;
  const dueOn = cpdNextDueOn(latestOn);
  const status = dueStatusOf({ dueOn, today: o.today });
  if (status === 'in-date') return [];
  const text = latestOn === null
    ? 'Your CPD log is empty: log an activity, what you learned and how it changed your practice'
    : `Your last CPD activity was on ${formatDisplayDate(latestOn)}: log one at least every ${cpdGapDays} days, so the record HCPC may ask for is continuous`;
  return [{ group: 'CPD', text, href: '/cpd', dueOn, status }];
};

/** Both, as the one provider app.ts lists for competence-cpd. */
export const competenceAndCpdDueItems: DueItemsProvider = async (db, o) => [...(await competenceDueItems(db, o)), ...(await cpdDueItems(db, o))];
