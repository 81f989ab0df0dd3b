// Settings come from the environment, with defaults that suit a laptop demo.
import { resolve } from 'node:path';

export type HomewardConfig = {
  host: string;
  port: number;
  /** PostgreSQL when set; otherwise the embedded PGlite database in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  breakGlassMinutes: number;
  signInMaxFailures: number;
  signInLockMinutes: number;
  bodyLimitBytes: number;
  secureCookies: boolean;
  logLevel: string;
  /** The clock, injectable so tests can move time on (idle timeout, break-glass expiry). */
  now: () => Date;
};

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<HomewardConfig> = {}): HomewardConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: intSetting(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.HOMEWARD_DATA_DIR ?? './data'),
    sessionIdleMinutes: intSetting(env, 'HOMEWARD_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: intSetting(env, 'HOMEWARD_SESSION_MAX_HOURS', 12),
    breakGlassMinutes: intSetting(env, 'HOMEWARD_BREAK_GLASS_MINUTES', 240),
    signInMaxFailures: intSetting(env, 'HOMEWARD_SIGN_IN_MAX_FAILURES', 5),
    signInLockMinutes: intSetting(env, 'HOMEWARD_SIGN_IN_LOCK_MINUTES', 15),
    bodyLimitBytes: intSetting(env, 'HOMEWARD_BODY_LIMIT_BYTES', 256 * 1024),
    secureCookies: env.HOMEWARD_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    now: () => new Date(),
    ...overrides,
  };
}
