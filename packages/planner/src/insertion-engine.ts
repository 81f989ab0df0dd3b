// What the ruin-and-recreate search needs from a route model: refresh a changed route, and find the
// cheapest feasible insertion of a task. Two implementations: the fast O(1) time-window engine for
// plain VRPTW-like days, and the general engine that simulates routes (breaks, two-person, precedences).
import type { Random } from './random.ts';
import type { RouteState } from './route-state.ts';

export type Insertion = { route: number; position: number; delta: number };

export interface InsertionEngine {
  /** Recompute cost and derived data of the given routes after tasks were inserted or removed. */
  refresh(state: RouteState, routes: readonly number[]): void;
  /** Cheapest feasible insertion of `task` (skipping each position with probability `blink`), optionally in one route only. */
  bestInsertion(state: RouteState, task: number, random: Random, blink: number, out: Insertion, onlyRoute?: number): void;
}
