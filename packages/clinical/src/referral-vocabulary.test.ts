import { describe, it, expect } from 'vitest';
import * as vocabulary from './referral-vocabulary.ts';
import {
  d2aPathwayOf,
  dischargeDestinations,
  dischargeDestinationsFor,
  dischargeOutcomes,
  isIntermediateCare,
  services,
} from './referral-vocabulary.ts';

// Every list has a label map with exactly its values, and every value is a stable identifier.
const lists: [string, readonly string[], Record<string, string>][] = [
  ['referralSources', vocabulary.referralSources, vocabulary.referralSourceLabels],
  ['services', vocabulary.services, vocabulary.serviceLabels],
  ['services (descriptions)', vocabulary.services, vocabulary.serviceDescriptions],
  ['settings', vocabulary.settings, vocabulary.settingLabels],
  ['urgencies', vocabulary.urgencies, vocabulary.urgencyLabels],
  ['priorities', vocabulary.priorities, vocabulary.priorityLabels],
  ['priorities (meanings)', vocabulary.priorities, vocabulary.priorityMeanings],
  ['complexities', vocabulary.complexities, vocabulary.complexityLabels],
  ['skills', vocabulary.skills, vocabulary.skillLabels],
  ['episodeStatuses', vocabulary.episodeStatuses, vocabulary.episodeStatusLabels],
  ['onHoldReasons', vocabulary.onHoldReasons, vocabulary.onHoldReasonLabels],
  ['allocationChangeReasons', vocabulary.allocationChangeReasons, vocabulary.allocationChangeReasonLabels],
  ['dischargeOutcomes', vocabulary.dischargeOutcomes, vocabulary.dischargeOutcomeLabels],
  ['dischargeDestinations', vocabulary.dischargeDestinations, vocabulary.dischargeDestinationLabels],
  ['rejectionReasons', vocabulary.rejectionReasons, vocabulary.rejectionReasonLabels],
];

describe('referral vocabulary', () => {
  it.each(lists)('%s: labels for exactly the values, no duplicates, kebab-case (or P1/OT style)', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(value).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*|P[1-3]|OT|PT)$/);
    for (const label of Object.values(labels)) expect(label).toMatch(/^[A-Z0-9]/);
  });

  it('has the sources, services and statuses issue 3 asks for', () => {
    expect(vocabulary.referralSources).toHaveLength(7);
    expect(services).toHaveLength(8);
    expect(vocabulary.episodeStatuses).toEqual(['waiting', 'active', 'on-hold', 'discharged']);
    expect(vocabulary.skills).toEqual(['OT', 'PT', 'hoist-competent', 'two-person']);
  });

  it.each([
    ['d2a-pathway-0', 0, true],
    ['d2a-pathway-1', 1, true],
    ['d2a-pathway-2', 2, true],
    ['d2a-pathway-3', 3, true],
    ['stroke-early-supported-discharge', null, true],
    ['community-stroke-rehabilitation', null, false],
    ['rehabilitation-medicine', null, false],
    ['bed-based-rehabilitation', null, false],
  ] as const)('%s: pathway %s, intermediate care %s', (service, pathway, intermediate) => {
    expect(d2aPathwayOf(service)).toBe(pathway);
    expect(isIntermediateCare(service)).toBe(intermediate);
  });

  it.each(dischargeOutcomes)('%s: destinations make sense', (outcome) => {
    const allowed = dischargeDestinationsFor(outcome);
    expect(allowed.length).toBeGreaterThan(0);
    for (const destination of allowed) expect(dischargeDestinations).toContain(destination);
    expect(allowed.includes('not-applicable')).toBe(outcome === 'died');
    if (outcome === 'readmitted-to-hospital') expect(allowed).toEqual(['hospital']);
    else if (outcome !== 'died') expect(allowed).toEqual(dischargeDestinations.filter((d) => d !== 'not-applicable'));
  });
});
