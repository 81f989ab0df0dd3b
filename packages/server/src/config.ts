// Settings come from the environment, with defaults that suit a laptop demo.
import { join, resolve } from 'node:path';

export type HomewardConfig = {
  host: string;
  port: number;
  /** PostgreSQL when set; otherwise the embedded PGlite database in dataDir. */
  databaseUrl: string | null;
  /**
   * How many repeated queries one database connection keeps as named prepared statements
   * (db/prepared-statements.ts; db/pglite-statements.ts on the embedded database); 0 sends every
   * query unnamed, as a transaction-pooling PgBouncer without prepared-statement support needs.
   */
  databasePreparedStatements: number;
  /**
   * Seconds without a request after which the server gives back the memory its last busy spell used
   * (platform/idle-memory-release.ts; needs node --expose-gc, as `npm start` runs); 0: never.
   */
  idleMemoryReleaseSeconds: number;
  dataDir: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  breakGlassMinutes: number;
  signInMaxFailures: number;
  signInLockMinutes: number;
  /** Failed sign-ins from one client (IP, or IPv6 /64) across all addresses before it is locked out. */
  signInClientMaxFailures: number;
  bodyLimitBytes: number;
  /**
   * Forces Secure cookies and HSTS even when a request does not look like HTTPS. Without it they are
   * still on for every request that came over HTTPS (directly, or through the trusted proxy).
   */
  secureCookies: boolean;
  /** Which proxy's X-Forwarded-For/-Proto to believe: false (none), true (any), hop count, or addresses. */
  trustProxy: boolean | number | string[];
  /** Base64 of the 32-byte key that seals held forms; null: a key file in dataDir, made on first use. */
  heldFormKey: string | null;
  /** How long a form held after its session ended is kept for its author. */
  heldFormHours: number;
  /**
   * How long an Idempotency-Key (or a page form's id) is remembered: a repeat within it is answered with
   * the first response, a repeat after it is a new request. Never less than a held form's life and a
   * day more, since a held form comes back with its form id (purge-expired-rows.ts).
   */
  idempotencyKeyHours: number;
  /** How often the purge of expired working rows (keys, sessions, throttles, held forms) runs; 0: never. */
  purgeIntervalMs: number;
  logLevel: string;
  /** How often the audit's sealer runs (milliseconds); 0: never on a timer (tests, CLIs seal on demand). */
  auditSealIntervalMs: number;
  /** Signed checkpoints of the audit's head go here, outside the database (one JSON line each). */
  auditCheckpointFile: string;
  /** The Ed25519 key that signs them (made on first use if missing; public key beside it, .pub.pem). */
  auditSigningKeyFile: string;
  /** Where audit:verify may find the public key instead (for a verifier that holds no private key). */
  auditPublicKeyFile: string | null;
  /** At most one checkpoint this often (milliseconds) while the audit is being sealed. */
  auditCheckpointIntervalMs: number;
  /**
   * A tile server for the map's base map (Leaflet), e.g. https://tiles.example.nhs.uk/{z}/{x}/{y}.png;
   * null (the default): the map is the server-drawn SVG alone, which needs no network.
   */
  mapTileUrl: string | null;
  /** The tiles' attribution (the tile server's licence asks for one). */
  mapTileAttribution: string;
  /** An OSRM-compatible routing service (its root: /table/v1/driving/... is asked); null: the built-in road model. */
  osrmUrl: string | null;
  /** How long to wait for it (the whole day's table) before falling back to the road model. */
  osrmTimeoutMs: number;
  /** The most coordinates it takes in one request (OSRM's --max-table-size): larger days are asked in blocks. */
  osrmMaxTableSize: number;
  /** A postcodes.io-compatible service (its root: /outcodes/{district} is asked); null: none. */
  postcodesUrl: string | null;
  postcodesTimeoutMs: number;
  /** Where Homeward is reached, for links in emails and texts (lone working's alerts). */
  publicUrl: string;
  /** An SMTP server for email notifications, e.g. smtp://127.0.0.1:2525; null: email is off (deliveries 'not-configured'). */
  smtpUrl: string | null;
  /** The From of those emails. */
  mailFrom: string;
  /** A GOV.UK Notify API key ({name}-{service id}-{secret}); SMS is off unless this and the template are set. */
  notifyApiKey: string | null;
  notifyBaseUrl: string;
  /** The Notify SMS template: ((body)) holds the message (((subject)) its title, if the template wants it). */
  notifySmsTemplateId: string | null;
  /** The clock, injectable so tests can move time on (idle timeout, break-glass expiry). */
  now: () => Date;
};

/** An smtp:// or smtps:// address, or null when unset. */
function smtpSetting(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an smtp:// or smtps:// address, got "${raw}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`${name} must be an smtp:// or smtps:// address, got "${raw}"`);
  return raw;
}

function trustProxySetting(raw: string | undefined): boolean | number | string[] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** An http(s) address, or null when unset; anything else stops the start with the setting's name. */
function urlSetting(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  // A tile template's {z}/{x}/{y} are not valid in a URL's path as typed: check it with them filled in.
  let url: URL;
  try {
    url = new URL(raw.replace(/\{[a-z]\}/g, '0'));
  } catch {
    throw new Error(`${name} must be an http or https address, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http or https address, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<HomewardConfig> = {}): HomewardConfig {
  const dataDir = resolve(overrides.dataDir ?? env.HOMEWARD_DATA_DIR ?? './data');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: intSetting(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || null,
    databasePreparedStatements: intSetting(env, 'HOMEWARD_DB_PREPARED_STATEMENTS', 200),
    idleMemoryReleaseSeconds: intSetting(env, 'HOMEWARD_IDLE_MEMORY_RELEASE_SECONDS', 10),
    dataDir,
    sessionIdleMinutes: intSetting(env, 'HOMEWARD_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: intSetting(env, 'HOMEWARD_SESSION_MAX_HOURS', 12),
    breakGlassMinutes: intSetting(env, 'HOMEWARD_BREAK_GLASS_MINUTES', 240),
    signInMaxFailures: intSetting(env, 'HOMEWARD_SIGN_IN_MAX_FAILURES', 5),
    signInLockMinutes: intSetting(env, 'HOMEWARD_SIGN_IN_LOCK_MINUTES', 15),
    signInClientMaxFailures: intSetting(env, 'HOMEWARD_SIGN_IN_CLIENT_MAX_FAILURES', 50),
    bodyLimitBytes: intSetting(env, 'HOMEWARD_BODY_LIMIT_BYTES', 256 * 1024),
    secureCookies: env.HOMEWARD_SECURE_COOKIES === 'true',
    trustProxy: trustProxySetting(env.HOMEWARD_TRUST_PROXY),
    heldFormKey: env.HOMEWARD_HELD_FORM_KEY || null,
    heldFormHours: intSetting(env, 'HOMEWARD_HELD_FORM_HOURS', 24),
    idempotencyKeyHours: intSetting(env, 'HOMEWARD_IDEMPOTENCY_KEY_HOURS', 48),
    purgeIntervalMs: intSetting(env, 'HOMEWARD_PURGE_INTERVAL_MS', 15 * 60_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    auditSealIntervalMs: intSetting(env, 'HOMEWARD_AUDIT_SEAL_INTERVAL_MS', 1000),
    auditCheckpointFile: resolve(env.HOMEWARD_AUDIT_CHECKPOINT_FILE || join(dataDir, 'audit-checkpoints.jsonl')),
    auditSigningKeyFile: resolve(env.HOMEWARD_AUDIT_SIGNING_KEY_FILE || join(dataDir, 'audit-signing-key.pem')),
    auditPublicKeyFile: env.HOMEWARD_AUDIT_PUBLIC_KEY_FILE ? resolve(env.HOMEWARD_AUDIT_PUBLIC_KEY_FILE) : null,
    auditCheckpointIntervalMs: intSetting(env, 'HOMEWARD_AUDIT_CHECKPOINT_INTERVAL_MS', 10_000),
    mapTileUrl: urlSetting(env, 'HOMEWARD_MAP_TILE_URL'),
    mapTileAttribution: env.HOMEWARD_MAP_TILE_ATTRIBUTION?.trim() || 'Map tiles from the Trust’s tile server',
    osrmUrl: urlSetting(env, 'HOMEWARD_OSRM_URL'),
    osrmTimeoutMs: intSetting(env, 'HOMEWARD_OSRM_TIMEOUT_MS', 10_000),
    osrmMaxTableSize: intSetting(env, 'HOMEWARD_OSRM_MAX_TABLE_SIZE', 100),
    postcodesUrl: urlSetting(env, 'HOMEWARD_POSTCODES_URL'),
    postcodesTimeoutMs: intSetting(env, 'HOMEWARD_POSTCODES_TIMEOUT_MS', 3000),
    publicUrl: urlSetting(env, 'HOMEWARD_PUBLIC_URL') ?? `http://localhost:${intSetting(env, 'PORT', 3000)}`,
    smtpUrl: smtpSetting(env, 'HOMEWARD_SMTP_URL'),
    mailFrom: env.HOMEWARD_MAIL_FROM?.trim() || 'Homeward <homeward@localhost>',
    notifyApiKey: env.HOMEWARD_NOTIFY_API_KEY?.trim() || null,
    notifyBaseUrl: urlSetting(env, 'HOMEWARD_NOTIFY_BASE_URL') ?? 'https://api.notifications.service.gov.uk',
    notifySmsTemplateId: env.HOMEWARD_NOTIFY_SMS_TEMPLATE_ID?.trim() || null,
    now: () => new Date(),
    ...overrides,
  };
}
