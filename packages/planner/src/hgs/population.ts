// The HGS population (Vidal 2022, HGS-CVRP's Population): a feasible and an infeasible subpopulation,
// each sorted by penalised cost, each member ranked by biased fitness (its cost rank plus, beyond the
// elite, its rank in diversity: the mean broken-pairs distance to its nbClose closest), so a poor but
// different plan outlives a good clone. The best feasible plan ever found is kept apart and survives
// restarts.
import type { Random } from '../random.ts';
import { brokenPairsDistance, reprice, type Individual } from './individual.ts';
import type { Penalties } from './vrptw-instance.ts';

export type PopulationParameters = {
  /** mu: a subpopulation is cut back to this size. */
  minimumSize: number;
  /** lambda: it is cut back once it reaches mu + lambda. */
  generationSize: number;
  /** The best nbElite by cost keep a low biased fitness whatever their diversity. */
  nbElite: number;
  /** Diversity is the mean distance to this many closest members. */
  nbClose: number;
};

export const defaultPopulationParameters: PopulationParameters = { minimumSize: 25, generationSize: 40, nbElite: 4, nbClose: 5 };

type Neighbour = { distance: number; member: Member };

export type Member = {
  individual: Individual;
  biasedFitness: number;
  /** The other members of its subpopulation by increasing broken-pairs distance. */
  closest: Neighbour[];
};

/** Biased fitness of the members of a subpopulation sorted by cost, from each one's diversity (the
 * higher the more different): cost rank / (size-1) + (1 - nbElite/size) x diversity rank / (size-1),
 * the most diverse ranked 0; equal diversities ranked in cost order, as HGS-CVRP's sort of pairs. */
export function biasedFitnesses(diversities: readonly number[], nbElite: number): number[] {
  const size = diversities.length;
  if (size === 1) return [0];
  const order = diversities.map((d, i) => i).sort((i, j) => diversities[j]! - diversities[i]! || i - j);
  const fitness = new Array<number>(size).fill(0);
  order.forEach((member, rank) => {
    const fitRank = member / (size - 1);
    const divRank = rank / (size - 1);
    fitness[member] = size <= nbElite ? fitRank : fitRank + (1 - nbElite / size) * divRank;
  });
  return fitness;
}

export class Population {
  readonly feasible: Member[] = [];
  readonly infeasible: Member[] = [];
  readonly parameters: PopulationParameters;
  /** The best feasible individual ever added (kept through restarts). */
  bestFeasible: Individual | null = null;
  /** The best feasible individual since the last restart: improving it is what counts as progress. */
  bestSinceRestart: Individual | null = null;

  constructor(parameters: PopulationParameters = defaultPopulationParameters) {
    // Trimming never removes the best, so it cannot go below one member.
    if (!(parameters.minimumSize >= 1 && parameters.generationSize >= 1)) throw new Error('population: mu and lambda must be at least 1');
    this.parameters = parameters;
  }

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  /** Adds the individual to its subpopulation (trimming it back to mu when it reaches mu + lambda);
   * true when it is a new best feasible since the last restart. */
  add(individual: Individual): boolean {
    const subpopulation = individual.feasible ? this.feasible : this.infeasible;
    const member: Member = { individual, biasedFitness: 0, closest: [] };
    for (const other of subpopulation) {
      const distance = brokenPairsDistance(individual, other.individual);
      insertNeighbour(other.closest, { distance, member });
      insertNeighbour(member.closest, { distance, member: other });
    }
    let place = subpopulation.length;
    while (place > 0 && subpopulation[place - 1]!.individual.penalisedCost > individual.penalisedCost) place--;
    subpopulation.splice(place, 0, member);
    const { minimumSize, generationSize } = this.parameters;
    if (subpopulation.length >= minimumSize + generationSize) {
      while (subpopulation.length > minimumSize) this.removeWorstBiasedFitness(subpopulation);
    }
    if (!individual.feasible) return false;
    if (this.bestFeasible === null || individual.penalisedCost < this.bestFeasible.penalisedCost - 1e-9) this.bestFeasible = individual;
    if (this.bestSinceRestart === null || individual.penalisedCost < this.bestSinceRestart.penalisedCost - 1e-9) {
      this.bestSinceRestart = individual;
      return true;
    }
    return false;
  }

  updateBiasedFitnesses(subpopulation: Member[]): void {
    const diversities = subpopulation.map((m) => this.meanDistanceToClosest(m, this.parameters.nbClose));
    const fitness = biasedFitnesses(diversities, this.parameters.nbElite);
    subpopulation.forEach((m, i) => (m.biasedFitness = fitness[i]!));
  }

  meanDistanceToClosest(member: Member, count: number): number {
    const k = Math.min(count, member.closest.length);
    if (k === 0) return 0;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += member.closest[i]!.distance;
    return sum / k;
  }

  /** Binary tournament over both subpopulations: two members drawn at random (perhaps the same), the
   * lower biased fitness wins. */
  selectParent(random: Random): Individual {
    this.updateBiasedFitnesses(this.feasible);
    this.updateBiasedFitnesses(this.infeasible);
    const a = this.at(Math.floor(random() * this.size));
    const b = this.at(Math.floor(random() * this.size));
    return (b.biasedFitness < a.biasedFitness ? b : a).individual;
  }

  /** Two parents by binary tournament; the second drawn again (up to 9 times) while it is the same
   * plan as the first, as HGS-TW does: crossing a plan with itself only re-educates it. */
  selectParents(random: Random): [Individual, Individual] {
    const first = this.selectParent(random);
    let second = this.selectParent(random);
    for (let tries = 1; tries < 10 && brokenPairsDistance(first, second) < 1e-9; tries++) second = this.selectParent(random);
    return [first, second];
  }

  /** New penalties change the infeasible members' costs, hence their order. */
  reprice(penalties: Penalties): void {
    for (const m of this.infeasible) reprice(m.individual, penalties);
    this.infeasible.sort((a, b) => a.individual.penalisedCost - b.individual.penalisedCost);
  }

  /** Empties both subpopulations; the best feasible ever is kept apart. */
  restart(): void {
    this.feasible.length = 0;
    this.infeasible.length = 0;
    this.bestSinceRestart = null;
  }

  private at(index: number): Member {
    return index < this.feasible.length ? this.feasible[index]! : this.infeasible[index - this.feasible.length]!;
  }

  /** Clones first (a member at distance 0 from another), then the worst biased fitness; never the
   * best by cost (position 0). */
  private removeWorstBiasedFitness(subpopulation: Member[]): void {
    this.updateBiasedFitnesses(subpopulation);
    let worst = -1;
    let worstIsClone = false;
    let worstFitness = -Infinity;
    for (let i = 1; i < subpopulation.length; i++) {
      const member = subpopulation[i]!;
      const isClone = this.meanDistanceToClosest(member, 1) < 1e-9;
      if ((isClone && !worstIsClone) || (isClone === worstIsClone && member.biasedFitness > worstFitness)) {
        worst = i;
        worstIsClone = isClone;
        worstFitness = member.biasedFitness;
      }
    }
    const [removed] = subpopulation.splice(worst, 1);
    for (const other of subpopulation) {
      const at = other.closest.findIndex((n) => n.member === removed);
      if (at >= 0) other.closest.splice(at, 1);
    }
  }
}

function insertNeighbour(list: Neighbour[], neighbour: Neighbour): void {
  let place = list.length;
  while (place > 0 && list[place - 1]!.distance > neighbour.distance) place--;
  list.splice(place, 0, neighbour);
}
