// Adaptive penalties (Vidal 2022's HGS-CVRP; PyVRP's PenaltyManager): each relaxed constraint's
// penalty is steered so that about `targetFeasible` of the freshly educated individuals respect it.
// Too few: the search is lost among infeasible plans, raise the penalty; too many: it cannot cross
// infeasible ground between feasible regions, lower it.
//
// Target 0.2, as Vidal 2022 (PyVRP has used 0.43 and 0.65); one 10 s run each of R101, RC101 and
// R201 with 0.45 was no better, so the published CVRP value stays, an option. Updated every 50 educated
// individuals rather than HGS-CVRP's 100, and doubled rather than x1.2 when at most 1 % are
// feasible (HGS-TW's booster): the time-warp penalty starts at 1, too low for R101, and with a
// population started from mu individuals and 100 between updates most 2 s runs on R101 ended
// without a feasible plan; with 50 and the booster each of three found one within 1.3 s.
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type PenaltyParameters = {
  targetFeasible: number;
  /** No change while the share is within this of the target (HGS-CVRP's 0.05). */
  tolerance: number;
  /** Individuals recorded between updates. */
  window: number;
  increase: number;
  /** The increase when (almost) none respect the constraint, at most 1 % (HGS-TW's penaltyBooster):
   * a penalty that starts far too low otherwise takes many windows to climb out of it. */
  booster: number;
  decrease: number;
  minimum: number;
  maximum: number;
};

export const defaultPenaltyParameters: PenaltyParameters = { targetFeasible: 0.2, tolerance: 0.05, window: 50, increase: 1.2, booster: 2, decrease: 0.85, minimum: 0.1, maximum: 100000 };

/** Scaled to the instance: a unit of excess load costs about the longest arc per unit of the largest
 * demand (HGS-CVRP's max distance / max demand); a minute of time warp costs 1, as a minute of
 * driving roughly costs one unit of distance on Solomon-like instances. */
export function initialPenalties(instance: VrptwInstance, parameters: PenaltyParameters = defaultPenaltyParameters): Penalties {
  let maxDistance = 0;
  for (const d of instance.distance) if (d > maxDistance) maxDistance = d;
  let maxDemand = 0;
  for (const q of instance.demand) if (q > maxDemand) maxDemand = q;
  const capacity = maxDemand > 0 ? maxDistance / maxDemand : 1;
  return { capacity: clamp(capacity, parameters.minimum, parameters.maximum), timeWarp: clamp(1, parameters.minimum, parameters.maximum) };
}

export class PenaltyManager {
  readonly parameters: PenaltyParameters;
  penalties: Penalties;
  private recorded = 0;
  private loadFeasible = 0;
  private timeFeasible = 0;

  constructor(initial: Penalties, parameters: PenaltyParameters = defaultPenaltyParameters) {
    this.parameters = parameters;
    this.penalties = { ...initial };
  }

  /** Records one educated individual (before any repair); every `window` records the penalties are
   * updated, and true is returned so the caller re-prices what it holds. */
  record(individual: { excessLoad: number; timeWarp: number }): boolean {
    this.recorded++;
    if (individual.excessLoad < 1e-9) this.loadFeasible++;
    if (individual.timeWarp < 1e-9) this.timeFeasible++;
    if (this.recorded < this.parameters.window) return false;
    this.penalties = {
      capacity: this.adjusted(this.penalties.capacity, this.loadFeasible / this.recorded),
      timeWarp: this.adjusted(this.penalties.timeWarp, this.timeFeasible / this.recorded),
    };
    this.recorded = 0;
    this.loadFeasible = 0;
    this.timeFeasible = 0;
    return true;
  }

  /** The penalties a repair educates with: HGS-CVRP's x10. */
  boosted(): Penalties {
    return { capacity: this.penalties.capacity * 10, timeWarp: this.penalties.timeWarp * 10 };
  }

  private adjusted(penalty: number, shareFeasible: number): number {
    const { targetFeasible, tolerance, increase, booster, decrease, minimum, maximum } = this.parameters;
    if (shareFeasible <= 0.01) return Math.min(maximum, penalty * Math.max(increase, booster));
    if (shareFeasible < targetFeasible - tolerance) return Math.min(maximum, penalty * increase);
    if (shareFeasible > targetFeasible + tolerance) return Math.max(minimum, penalty * decrease);
    return penalty;
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
