// Every instrument Homeward offers. A new instrument is its definition file, its tests and a line here.
import type { InstrumentDefinition } from './instrument.ts';
import { barthelIndex } from './barthel-index.ts';
import { bergBalanceScale } from './berg-balance-scale.ts';
import { fesI } from './fes-i.ts';
import { homeEnvironmentChecklist } from './home-environment-checklist.ts';
import { lawtonIadl } from './lawton-iadl.ts';
import { modifiedRankinScale } from './modified-rankin-scale.ts';
import { nottinghamExtendedAdl } from './nottingham-extended-adl.ts';
import { shortFesI } from './short-fes-i.ts';
import { therapyOutcomeMeasures } from './therapy-outcome-measures.ts';
import { timedUpAndGo } from './timed-up-and-go.ts';

export const instrumentDefinitions: readonly InstrumentDefinition[] = [
  barthelIndex,
  modifiedRankinScale,
  nottinghamExtendedAdl,
  bergBalanceScale,
  timedUpAndGo,
  fesI,
  shortFesI,
  lawtonIadl,
  therapyOutcomeMeasures,
  homeEnvironmentChecklist,
];

const byId = new Map(instrumentDefinitions.map((definition) => [definition.id, definition]));

/**
 * The definition for a stored instrument id, or undefined for an id Homeward does not know. With a
 * version, undefined also when the responses were stored under another version of the definition:
 * they must not be scored by rules they were not collected under.
 */
export function findInstrument(id: string, version?: number): InstrumentDefinition | undefined {
  const definition = byId.get(id);
  return version === undefined || definition?.version === version ? definition : undefined;
}

export { barthelIndex, bergBalanceScale, fesI, homeEnvironmentChecklist, lawtonIadl, modifiedRankinScale, nottinghamExtendedAdl, shortFesI, therapyOutcomeMeasures, timedUpAndGo };
