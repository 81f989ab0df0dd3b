// The capacitated vehicle routing problem with time windows, as the hybrid genetic search sees it:
// node 0 is the depot, nodes 1..customers the visits, one homogeneous fleet. Flat typed arrays so
// the inner loops index without allocation. planVisits builds one from a compiled problem whose
// staff are interchangeable (see vrptw-from-compiled.ts); the benchmarks' Solomon instances are
// exactly this shape.
export type VrptwInstance = {
  /** Number of customers n; nodes are 0..n, 0 the depot. */
  customers: number;
  /** Cost of driving i -> j, (n+1) x (n+1), row-major (index i * (n + 1) + j). */
  distance: Float64Array;
  /** Minutes of driving i -> j, (n+1) x (n+1). */
  duration: Float64Array;
  /** Service minutes at each node (0 at the depot). */
  service: Float64Array;
  /** Earliest start at each node; the depot's is when the vehicles may leave. */
  ready: Float64Array;
  /** Latest start at each node; the depot's is the latest return. */
  due: Float64Array;
  /** Demand at each node (0 at the depot). */
  demand: Float64Array;
  capacity: number;
  /** At most this many routes. */
  vehicles: number;
};

/** The weights of the two relaxed constraints: HGS searches through infeasible plans and pays for them. */
export type Penalties = {
  /** Per unit of load above capacity. */
  capacity: number;
  /** Per minute of time warp (arriving after a window closes and "travelling back" to its end). */
  timeWarp: number;
};
