// What the genetic part asks of the local search: it never looks inside. The real LocalSearch (built
// beside this) is wired in as `(routes, penalties) => localSearch.run(routes, penalties)`.
import type { Penalties } from './vrptw-instance.ts';

/** Improves routes (customers 1..n, each once; at most instance.vehicles routes) to a local optimum of the
 * penalised cost; returns exactly instance.vehicles routes (some may be empty). */
export type Educate = (routes: number[][], penalties: Penalties) => number[][];
