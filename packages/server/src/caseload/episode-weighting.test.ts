import { describe, expect, it } from 'vitest';
import { travelOfEpisode, weightOfEpisode, type EpisodeTravel } from './episode-weighting.ts';

const hanleyBase = { latitude: 53.0246, longitude: -2.1754 };
const nowhere = { latitude: null, longitude: null };

describe('the travel an episode’s weight counts', () => {
  it('is the road model’s round trip from the team’s base when both are placed', () => {
    // Burslem, 2.6 km away as the crow flies: 3.4 km by road, about 8 minutes each way.
    const travel = travelOfEpisode({ base: hanleyBase, home: { latitude: 53.045, longitude: -2.199 }, fixedMinutes: 20 });
    expect(travel.basis).toBe('road-model');
    if (travel.basis === 'road-model') {
      expect(travel.roundTripMinutes).toBeGreaterThanOrEqual(14);
      expect(travel.roundTripMinutes).toBeLessThanOrEqual(20);
    }
  });

  it('is the episode’s fixed figure, said to be not placed, for a patient with no coordinates', () => {
    expect(travelOfEpisode({ base: hanleyBase, home: nowhere, fixedMinutes: 20 })).toEqual({ basis: 'fixed', oneWayMinutes: 20, patientPlaced: false });
  });

  it('is the fixed figure for a placed patient while the team’s base is not placed', () => {
    expect(travelOfEpisode({ base: nowhere, home: { latitude: 53.045, longitude: -2.199 }, fixedMinutes: 30 })).toEqual({ basis: 'fixed', oneWayMinutes: 30, patientPlaced: true });
  });

  it('is nothing at the base itself', () => {
    expect(travelOfEpisode({ base: hanleyBase, home: hanleyBase, fixedMinutes: 20 })).toEqual({ basis: 'road-model', roundTripMinutes: 0 });
  });
});

describe('the weight with travel measured', () => {
  const weekly = { complexity: 'non-complex', visitsPerWeek: 1, riskFlagCount: 0 };
  it.each([
    [{ basis: 'road-model', roundTripMinutes: 16 }, 1],
    [{ basis: 'road-model', roundTripMinutes: 45 }, 1.2],
    [{ basis: 'road-model', roundTripMinutes: 75 }, 1.5],
    // The fixed 20 minutes each way is the middle band, as before the patient was placed.
    [{ basis: 'fixed', oneWayMinutes: 20, patientPlaced: false }, 1.2],
  ] as Array<[EpisodeTravel, number]>)('%o weighs %d', (travel, weight) => {
    expect(weightOfEpisode({ ...weekly, travel })).toBe(weight);
  });

  it('falls as a far patient is placed nearer the base', () => {
    const far = travelOfEpisode({ base: hanleyBase, home: { latitude: 53.105, longitude: -2.023 }, fixedMinutes: 20 });
    const near = travelOfEpisode({ base: hanleyBase, home: { latitude: 53.03, longitude: -2.18 }, fixedMinutes: 20 });
    expect(weightOfEpisode({ ...weekly, travel: near })).toBeLessThan(weightOfEpisode({ ...weekly, travel: far }));
  });
});
