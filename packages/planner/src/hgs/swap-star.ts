// SWAP* (Vidal 2022): U of route A and V of route B change routes, each inserted at its best place
// in the other route rather than necessarily where the other was. The three cheapest places to
// insert each node into each route are cached (valid while that route is unchanged), so a pair of
// routes costs O(|A| |B|) once the caches are warm. With time windows, removing V changes the cost
// of inserting U elsewhere in B, so the cached costs only rank the candidates: the best-ranked move
// is then costed exactly, and so is every in-place swap whose lower bound could beat the best one so
// far; the cheaper of the two is chosen (hence never worse than the best plain swap between the two
// routes).
import type { RouteBuilder } from './route-builder.ts';
import type { SearchRoute } from './search-route.ts';
import { type SearchSolution, writeForward } from './search-solution.ts';

const places = 3;

export class SwapStar {
  private readonly solution: SearchSolution;
  private readonly vehicles: number;
  /** Per (node, route): the route's modifiedAt when the cache was filled, and its three best places. */
  private readonly cachedAt: Float64Array;
  private readonly placeCost: Float64Array;
  private readonly placeAfter: Int32Array;
  private readonly removeA: Float64Array;
  private readonly removeB: Float64Array;
  /** The move the last `evaluate` chose: positions of U in A and V in B, and the original positions after which U goes in B and V in A. */
  u = 0;
  v = 0;
  afterU = 0;
  afterV = 0;
  private a: SearchRoute | undefined;
  private b: SearchRoute | undefined;

  constructor(solution: SearchSolution) {
    this.solution = solution;
    const { customers, vehicles } = solution.instance;
    this.vehicles = vehicles;
    this.cachedAt = new Float64Array((customers + 1) * vehicles);
    this.placeCost = new Float64Array((customers + 1) * vehicles * places);
    this.placeAfter = new Int32Array((customers + 1) * vehicles * places);
    this.removeA = new Float64Array(customers + 2);
    this.removeB = new Float64Array(customers + 2);
  }

  /** Forgets every cached insertion (the penalties changed, or a new solution was loaded). */
  reset(): void {
    this.cachedAt.fill(0);
  }

  /** The change of penalised cost of the move chosen between routes a and b (both non-empty); `apply` makes it. */
  evaluate(a: SearchRoute, b: SearchRoute): number {
    const { solution } = this;
    const { first, second, penalties } = solution;
    this.a = a;
    this.b = b;
    this.removalCosts(a, this.removeA);
    this.removalCosts(b, this.removeB);
    for (let p = 1; p <= a.size; p++) this.fillPlaces(a.nodes[p]!, b);
    for (let p = 1; p <= b.size; p++) this.fillPlaces(b.nodes[p]!, a);
    let bestInPlace = Infinity;
    let inPlaceU = 0;
    let inPlaceV = 0;
    let bestRanked = Infinity;
    let rankedU = 0;
    let rankedV = 0;
    let rankedAfterU = 0;
    let rankedAfterV = 0;
    for (let pu = 1; pu <= a.size; pu++) {
      const nodeU = a.nodes[pu]!;
      const removeU = this.removeA[pu]!;
      const slotU = (nodeU * this.vehicles + b.index) * places;
      for (let pv = 1; pv <= b.size; pv++) {
        const nodeV = b.nodes[pv]!;
        // The in-place swap is costed exactly only when its lower bound could beat the best so far;
        // otherwise the bounds stand in for its costs in the ranking below (approximate anyway).
        let costA = a.costWith(pu - 1, nodeV, pu + 1, penalties, -Infinity);
        let costB = b.costWith(pv - 1, nodeU, pv + 1, penalties, -Infinity);
        if (costA + costB - a.penalisedCost - b.penalisedCost < bestInPlace) {
          costA = a.costWith(pu - 1, nodeV, pu + 1, penalties);
          costB = b.costWith(pv - 1, nodeU, pv + 1, penalties);
          const inPlace = costA + costB - a.penalisedCost - b.penalisedCost;
          if (inPlace < bestInPlace) {
            bestInPlace = inPlace;
            inPlaceU = pu;
            inPlaceV = pv;
          }
        }
        const removeV = this.removeB[pv]!;
        // Inserting U into B without V: in V's place, or at a cached place not next to V.
        let insertU = costB - b.penalisedCost - removeV;
        let afterU = pv - 1;
        for (let k = 0; k < places; k++) {
          const q = this.placeAfter[slotU + k]!;
          if (q === pv - 1 || q === pv || q < 0) continue;
          if (this.placeCost[slotU + k]! < insertU) {
            insertU = this.placeCost[slotU + k]!;
            afterU = q;
          }
          break;
        }
        const slotV = (nodeV * this.vehicles + a.index) * places;
        let insertV = costA - a.penalisedCost - removeU;
        let afterV = pu - 1;
        for (let k = 0; k < places; k++) {
          const q = this.placeAfter[slotV + k]!;
          if (q === pu - 1 || q === pu || q < 0) continue;
          if (this.placeCost[slotV + k]! < insertV) {
            insertV = this.placeCost[slotV + k]!;
            afterV = q;
          }
          break;
        }
        const ranked = removeU + removeV + insertU + insertV;
        if (ranked < bestRanked) {
          bestRanked = ranked;
          rankedU = pu;
          rankedV = pv;
          rankedAfterU = afterU;
          rankedAfterV = afterV;
        }
      }
    }
    if (bestRanked === Infinity) return Infinity;
    removeAndInsert(first, a, rankedU, b.nodes[rankedV]!, rankedAfterV);
    removeAndInsert(second, b, rankedV, a.nodes[rankedU]!, rankedAfterU);
    const exact = first.cost(penalties) + second.cost(penalties) - a.penalisedCost - b.penalisedCost;
    if (exact <= bestInPlace) {
      this.u = rankedU;
      this.v = rankedV;
      this.afterU = rankedAfterU;
      this.afterV = rankedAfterV;
      return exact;
    }
    this.u = inPlaceU;
    this.v = inPlaceV;
    this.afterU = inPlaceV - 1;
    this.afterV = inPlaceU - 1;
    return bestInPlace;
  }

  /** Makes the move the last `evaluate` chose. */
  apply(): void {
    const { solution, a, b } = this;
    if (a === undefined || b === undefined) throw new Error('SWAP*: nothing evaluated');
    const nodeU = a.nodes[this.u]!;
    const nodeV = b.nodes[this.v]!;
    solution.moves++;
    const n = writeRemoveAndInsert(solution.bufferA, a, this.u, nodeV, this.afterV);
    const m = writeRemoveAndInsert(solution.bufferB, b, this.v, nodeU, this.afterU);
    solution.commit(a, solution.bufferA, n);
    solution.commit(b, solution.bufferB, m);
  }

  private removalCosts(route: SearchRoute, into: Float64Array): void {
    const { penalties } = this.solution;
    for (let p = 1; p <= route.size; p++) into[p] = route.costWith(p - 1, -1, p + 1, penalties) - route.penalisedCost;
  }

  /** The three cheapest places to insert `node` into `route` as it is now, unless cached. */
  private fillPlaces(node: number, route: SearchRoute): void {
    const key = node * this.vehicles + route.index;
    if (this.cachedAt[key] === route.modifiedAt) return;
    this.cachedAt[key] = route.modifiedAt;
    const { penalties } = this.solution;
    const slot = key * places;
    for (let k = 0; k < places; k++) {
      this.placeCost[slot + k] = Infinity;
      this.placeAfter[slot + k] = -1;
    }
    for (let q = 0; q <= route.size; q++) {
      const cost = route.costWith(q, node, q + 1, penalties, this.placeCost[slot + places - 1]! + route.penalisedCost) - route.penalisedCost;
      if (cost >= this.placeCost[slot + places - 1]!) continue;
      let k = places - 1;
      while (k > 0 && this.placeCost[slot + k - 1]! > cost) {
        this.placeCost[slot + k] = this.placeCost[slot + k - 1]!;
        this.placeAfter[slot + k] = this.placeAfter[slot + k - 1]!;
        k--;
      }
      this.placeCost[slot + k] = cost;
      this.placeAfter[slot + k] = q;
    }
  }
}

/** Assembles `route` without position p and with `node` after original position q (q != p). */
function removeAndInsert(builder: RouteBuilder, route: SearchRoute, p: number, node: number, q: number): void {
  if (q < p) builder.startPrefix(route, q).appendNode(node).appendForward(route, q + 1, p - 1).appendSuffix(route, p + 1);
  else builder.startPrefix(route, p - 1).appendForward(route, p + 1, q).appendNode(node).appendSuffix(route, q + 1);
}

function writeRemoveAndInsert(buffer: Int32Array, route: SearchRoute, p: number, node: number, q: number): number {
  let n = 0;
  if (q < p) {
    n = writeForward(buffer, n, route, 1, q);
    buffer[n++] = node;
    n = writeForward(buffer, n, route, q + 1, p - 1);
    n = writeForward(buffer, n, route, p + 1, route.size);
  } else {
    n = writeForward(buffer, n, route, 1, p - 1);
    n = writeForward(buffer, n, route, p + 1, q);
    buffer[n++] = node;
    n = writeForward(buffer, n, route, q + 1, route.size);
  }
  return n;
}
