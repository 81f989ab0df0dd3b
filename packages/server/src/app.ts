// Builds the Homeward web application: one Fastify instance, one plugin per bounded context.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from '@fastify/type-provider-zod';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from 'uuidv7';
import pino from 'pino';
import { sql, type Kysely } from 'kysely';
import type { HomewardConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import { authentication } from './platform/authentication.ts';
import { registerErrorHandling, sendFrameworkError } from './platform/error-handler.ts';
import { pages } from './platform/pages.ts';
import { refuseUnstorableInput } from './platform/validation.ts';
import { formFiles } from './platform/form-files.ts';
import { claimedRequestId } from './platform/request-context.ts';
import { nhsukFrontendDir, serverSourceDir } from './platform/views.ts';
import { staffContext } from './staff/index.ts';
import { patientsContext } from './patients/index.ts';
import { caseloadContext } from './caseload/index.ts';
import { recordContext } from './record/index.ts';
import { referralsContext } from './referrals/index.ts';
import { auditContext } from './audit/index.ts';
import { homeContext } from './home/index.ts';
import { visitsContext } from './visits/index.ts';
import { loneWorkingContext } from './lone-working/index.ts';
import { equipmentContext } from './equipment/index.ts';
import { equipmentAtDischargePort } from './equipment/public.ts';
import { peopleContext } from './people/index.ts';
import { supervisionDueItems } from './people/public.ts';
import { competenceAndCpdDueItems } from './people/public.ts';
import { mdtContext } from './mdt/index.ts';
import { mdtDueItems } from './mdt/public.ts';
import { safetyContext } from './safety/index.ts';
import { reportsContext } from './reports/index.ts';
import { fhirContext } from './fhir/index.ts';
import { incidentDueItems, riskDueItems, safeguardingBannerFlags, safeguardingDueItems } from './safety/public.ts';
import type { DueItemsProvider } from './platform/due-items.ts';
import { pdcDueItems, trainingDueItems } from './people/public.ts';
import { cancelSessionsOfVisit, enqueueSessionsFromPlan, runSheetChecks } from './lone-working/public.ts';
import { linkNoteToVisit, markVisitOfNoteDone, prefillNoteFromVisit } from './visits/public.ts';
import type { IdleMemoryRelease } from './platform/idle-memory-release.ts';

export type BuildAppOptions = {
  db: Kysely<Database>;
  config: HomewardConfig;
  /** false in tests that do not want log noise; a pino options object otherwise. */
  logger?: boolean | Record<string, unknown>;
  /** Told of every request's start and end, so memory is given back only when the server is idle (main.ts). */
  idleMemoryRelease?: Pick<IdleMemoryRelease, 'activity'>;
};

const leafletDir = join(dirname(fileURLToPath(import.meta.resolve('leaflet/package.json'))), 'dist');

/** The CSP source for a tile template: its origin, with a {s} subdomain as a wildcard. */
function tileSources(template: string | null): string[] {
  if (!template) return [];
  const url = new URL(template.replace(/\{s\}/g, 'tile-subdomain').replace(/\{[a-z]\}/g, '0'));
  return [url.origin.replace('tile-subdomain', '*')];
}

/** Trust X-Forwarded-* from this many proxies in front of Homeward. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  // Logs are written off the request path: pino's default destination writes each line to stdout
  // synchronously, a quarter of Node's busy time on a search (issue 12). This one gathers lines and
  // writes them in the background, 4 KiB at a time; it is flushed when the app closes, and pino flushes
  // it on process exit too, so a clean stop loses nothing (a kill -9 may lose the last 4 KiB).
  const logDestination = options.logger === undefined ? pino.destination({ dest: 1, sync: false, minLength: 4096 }) : null;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, stream: logDestination },
    bodyLimit: config.bodyLimitBytes,
    // An address Fastify cannot decode (%FF, %C0%80) gets Homeward's error format, not Fastify's own.
    frameworkErrors: sendFrameworkError,
    // The server mints every request's id: the audit records it, so a caller must not choose it. A
    // caller's X-Request-Id is logged beside it (so logs still join up across services) and kept in
    // the audit as request_id_claimed.
    genReqId: () => uuidv7(),
    childLoggerFactory: (logger, bindings, options, rawRequest) => {
      const claimed = claimedRequestId(rawRequest.headers);
      return logger.child(claimed === null ? bindings : { ...bindings, claimedRequestId: claimed }, options);
    },
    // Only the configured proxy's X-Forwarded-For/-Proto are believed (request.ip, request.protocol).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });

  if (logDestination) app.addHook('onClose', async () => logDestination.flushSync());
  const idleMemory = options.idleMemoryRelease;
  if (idleMemory) {
    app.addHook('onRequest', (_request, _reply, done) => {
      idleMemory.activity();
      done();
    });
    app.addHook('onResponse', (_request, _reply, done) => {
      idleMemory.activity();
      done();
    });
  }
  app.decorate('db', db);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  // Every route: text the database cannot store (a NUL byte, a lone surrogate) is a 400 naming the field.
  app.addHook('preValidation', refuseUnstorableInput);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Patient data must not linger in shared caches or the browser's back-forward cache.
    if (!request.url.startsWith('/assets/') && !request.url.startsWith('/static/') && !request.url.startsWith('/nhsuk-assets/') && !request.url.startsWith('/vendor/')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // A Trust's own tile server, when it set one, for the visit map's base map.
        imgSrc: ["'self'", 'data:', ...tileSources(config.mapTileUrl)],
        // The NHS.UK stylesheet asks for Frutiger from assets.nhs.uk; clinical networks and offline
        // tablets may not reach it, and patient pages should not call out, so the fallback is used.
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS is sent per request, whenever it came over HTTPS (platform/authentication.ts).
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  // Before authentication: a form that sends a file carries its CSRF token inside the multipart body.
  await app.register(formFiles);
  await app.register(fastifyStatic, { root: join(nhsukFrontendDir, 'nhsuk'), prefix: '/assets/', decorateReply: false, allowedPath: (path) => !path.endsWith('.map') });
  await app.register(fastifyStatic, { root: join(nhsukFrontendDir, 'nhsuk', 'assets'), prefix: '/nhsuk-assets/', decorateReply: false });
  // The NHS.UK stylesheet refers to its icons at /assets/images/.
  await app.register(fastifyStatic, { root: join(nhsukFrontendDir, 'nhsuk', 'assets', 'images'), prefix: '/assets/images/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(serverSourceDir, 'static'), prefix: '/static/', decorateReply: false });
  // Leaflet, for the visit map's optional base map: served from Homeward's own copy (no CDN).
  await app.register(fastifyStatic, { root: leafletDir, prefix: '/vendor/leaflet/', decorateReply: false, allowedPath: (path) => !path.endsWith('.map') });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Homeward API', version: '0.1.0', description: 'Community rehabilitation therapy: the same rules as the pages.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hw_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // The NHS.UK stylesheet, without its @font-face rules for Frutiger on assets.nhs.uk: clinical
  // networks and offline tablets may not reach that host, and the CSP keeps pages from calling out.
  // Its own fallback (Arial) is used instead.
  const stylesheet = (await readFile(join(nhsukFrontendDir, 'nhsuk', 'nhsuk-frontend.min.css'), 'utf8')).replace(/@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g, '');
  app.get('/assets/nhsuk-frontend.min.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(stylesheet),
  );

  registerErrorHandling(app);
  // Flags on the patient banner that other contexts own (platform/banner-flags.ts), one line each.
  await app.register(pages, { bannerFlags: [safeguardingBannerFlags] });
  await app.register(authentication);

  // What is due for each person, from every context that has something (one line each; home imports none of them).
  const dueItems: DueItemsProvider[] = [
    supervisionDueItems,
    trainingDueItems, pdcDueItems,
    competenceAndCpdDueItems, // competence-cpd: competences expiring within 28 days, and CPD gone quiet
  ];
  dueItems.push(mdtDueItems); // mdt (issue 16 #6): open MDT actions the person owns
  dueItems.push(incidentDueItems, safeguardingDueItems, riskDueItems); // safety (issue 17): outcomes to read, decisions due, reviews and actions
  await app.register(homeContext, { dueItems });
  await app.register(staffContext);
  await app.register(patientsContext);
  await app.register(caseloadContext);
  // A contact note started from a visit on a run sheet: the visits context prefills and links it.
  await app.register(recordContext, { contactNoteFromVisit: { prefill: prefillNoteFromVisit, link: linkNoteToVisit, noteFinalised: markVisitOfNoteDone }, equipmentAtDischarge: equipmentAtDischargePort });
  await app.register(referralsContext);
  // Lone working follows each publication of the plan and each visit called off, and shows its check-ins on the run sheet.
  await app.register(visitsContext, { planPublished: enqueueSessionsFromPlan, runSheetChecks, visitCalledOff: cancelSessionsOfVisit });
  await app.register(loneWorkingContext);
  await app.register(equipmentContext);
  await app.register(peopleContext);
  await app.register(mdtContext);
  await app.register(safetyContext);
  await app.register(reportsContext);
  // FHIR R4 (issue 18): its own scope, for its error handler and content type.
  await app.register(fhirContext, { prefix: '/fhir/R4' });
  await app.register(auditContext);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The framework's floor for the benchmarks: no session, no database, nothing to disclose.
  app.get('/api/ping', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/health', { schema: { hide: true } }, async () => {
    await sql`select 1`.execute(db);
    return { status: 'ok' };
  });

  return app;
}
