// The pattern's rules beyond the week itself, shared by the pages, the API and the write: who can have
// a rota, and where their day starts.
import { checkWeekPattern, homewardRoleLabels, isClinicalRole, phoneError, type RotaProblem } from '@homeward/clinical';
import type { RotaPatternInput } from './rota-schema.ts';
import type { RotaPatternRow } from './rota-queries.ts';

export type RotaPerson = RotaPatternRow & { teamId: string | null; active: boolean };

/** Problems with the person themselves (not on the rota), or an empty list. */
export function rotaPersonProblems(person: RotaPerson): RotaProblem[] {
  if (!person.active) return [{ path: 'staffId', message: `${person.name} no longer works in Homeward, so has no rota` }];
  if (!isClinicalRole(person.role)) return [{ path: 'staffId', message: `${person.name} is ${homewardRoleLabels[person.role].toLowerCase()}, not on the clinical rota` }];
  return [];
}

/** Every problem with a pattern, with paths the form and the API share. */
export function checkRotaPattern(input: RotaPatternInput): RotaProblem[] {
  const problems = checkWeekPattern(input.week);
  const pair = (lat: number | null, lon: number | null, path: string, what: string) => {
    if ((lat === null) !== (lon === null)) problems.push({ path, message: `Enter both the latitude and the longitude of ${what}, or neither` });
  };
  pair(input.baseLatitude, input.baseLongitude, 'baseLatitude', 'the base');
  pair(input.homeLatitude, input.homeLongitude, 'homeLatitude', 'their home');
  if (input.startsFrom === 'home' && (input.homeLatitude === null || input.homeLongitude === null)) {
    problems.push({ path: 'homeLatitude', message: 'Enter the latitude and longitude of their home, where their day starts, or choose the base' });
  }
  const phone = input.workPhone === null ? null : phoneError(input.workPhone, 'Work phone', { required: false });
  if (phone) problems.push({ path: 'workPhone', message: phone });
  return problems;
}
