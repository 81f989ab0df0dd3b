/**
 * A lone-working timer is tried this often (every 5 s on its runner) before it is failed: a timer must
 * outlast a database restart or a failover, and every one is safe to run again.
 */
export const timerAttempts = 60;
