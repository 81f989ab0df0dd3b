// Small random instances for the HGS unit tests (brute force is only possible on a handful of nodes).
import { createRandom } from '../random.ts';
import type { VrptwInstance } from './vrptw-instance.ts';

export type RandomVrptwOptions = { customers: number; seed: number; vehicles?: number; capacity?: number; horizon?: number; windowWidth?: number };

export function randomVrptw(options: RandomVrptwOptions): VrptwInstance {
  const random = createRandom(options.seed);
  const n = options.customers;
  const size = n + 1;
  const horizon = options.horizon ?? 200;
  const width = options.windowWidth ?? 40;
  const x = Array.from({ length: size }, () => random() * 50);
  const y = Array.from({ length: size }, () => random() * 50);
  const distance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) distance[i * size + j] = Math.floor(Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!) * 10) / 10;
  }
  const service = new Float64Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const demand = new Float64Array(size);
  due[0] = horizon;
  for (let i = 1; i < size; i++) {
    service[i] = 5 + Math.floor(random() * 10);
    ready[i] = Math.floor(random() * (horizon - width));
    due[i] = ready[i]! + width;
    demand[i] = 1 + Math.floor(random() * 10);
  }
  return { customers: n, distance, duration: distance.slice(), service, ready, due, demand, capacity: options.capacity ?? 30, vehicles: options.vehicles ?? Math.max(1, Math.ceil(n / 3)) };
}
