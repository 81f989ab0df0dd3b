// The team lead's live board (issue 14 #6): /lone-working, the board itself (works without JavaScript:
// a plain link loads it again); /lone-working/board, the same board as a fragment for the script to
// swap in; /lone-working/board/events, a Server-Sent Events stream that says "changed" when the team's
// lone-working rows change. The stream polls the database for a cheap marker every couple of seconds,
// so a check-in taken by any instance reaches a board served by any other; no LISTEN is needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { fromUkWallClock, ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs, type Actor } from '../platform/actor.ts';
import { authoriseBoard, boardKind } from './board-access.ts';
import { auditBoardRead } from './board-audit.ts';
import { readBoard, readBoardMarker } from './board-queries.ts';
import { boardView } from './board-view.ts';

/** How often a live board asks the database whether anything changed. */
export const boardPollMilliseconds = 2_000;
/** A comment line this often keeps proxies from closing a quiet stream. */
const keepAliveMilliseconds = 15_000;
/**
 * A stream ends after this long and the browser opens it again (EventSource reconnects by itself), so
 * a session that has since ended, or a role taken away, is refused at the next opening.
 */
const streamLifeMilliseconds = 10 * 60_000;

const open = new Set<() => void>();
/** Live board streams open in this process (the tests check a stream is let go when its client goes). */
export const openBoardStreams = (): number => open.size;

const eventsQuery = z.object({ since: z.string().max(400).optional() });

async function markerFor(app: FastifyInstance, teamId: string, now: Date): Promise<string> {
  const date = ukDateOf(now);
  return `${date}|${await readBoardMarker(app.db, { teamId, date, dayStart: fromUkWallClock(date, '00:00') ?? now, now })}`;
}

export async function boardRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function boardContext(actor: Actor, teamId: string) {
    // The marker first: a change between it and the board makes the stream send one extra "changed", never miss one.
    const marker = await markerFor(app, teamId, actor.now);
    const board = await readBoard(app.db, { teamId, date: ukDateOf(actor.now), now: actor.now, viewerStaffId: actor.staff.staffId });
    return { board, marker, view: boardView(board, actor.now) };
  }

  typed.get('/lone-working', { schema: { hide: true } }, async (request, reply) => {
    const access = await authoriseBoard(app.db, { actor: actorOf(request) });
    const { board, marker, view } = await boardContext(access.actor, access.teamId);
    await auditBoardRead(app.db, { actor: access.actor, board, via: 'page' });
    return reply.page('lone-working/pages/board.njk', {
      title: 'Lone working: who is out today',
      section: 'lone-working',
      board: view,
      marker,
      mayOpenRunSheets: access.actor.staff.role === 'clinical-lead',
      backHref: '/',
      backText: 'Home',
    });
  });

  typed.get('/lone-working/board', { schema: { hide: true } }, async (request, reply) => {
    const access = await authoriseBoard(app.db, { actor: actorOf(request) });
    const { board, marker, view } = await boardContext(access.actor, access.teamId);
    await auditBoardRead(app.db, { actor: access.actor, board, via: 'live' });
    return reply.page('lone-working/pages/board-fragment.njk', { board: view, marker, mayOpenRunSheets: access.actor.staff.role === 'clinical-lead' });
  });

  typed.get('/lone-working/board/events', { schema: { hide: true, querystring: eventsQuery } }, async (request, reply) => {
    const access = await authoriseBoard(app.db, { actor: actorOf(request) });
    // The stream names nobody (it only says "changed"); its opening is audited as a look at the board.
    await auditAs(access.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: boardKind, detail: { list: boardKind, via: 'events' } });
    streamBoardChanges(app, request, reply, access.teamId, request.query.since ?? null);
  });

  // Open streams would hold the server's close; end them first.
  app.addHook('preClose', async () => {
    for (const stop of [...open]) stop();
  });
}

function streamBoardChanges(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, teamId: string, since: string | null): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // A buffering proxy would hold the events back.
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  // Reconnect after 5 s if the stream breaks (an instance going away): the next instance serves it.
  res.write('retry: 5000\n\n');
  let last = since;
  let lastWrite = Date.now();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let unavailable = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    open.delete(stop);
    if (!res.writableEnded) res.end();
  };
  open.add(stop);
  res.on('close', stop);
  const write = (text: string) => {
    if (stopped || res.writableEnded) return;
    res.write(text);
    lastWrite = Date.now();
  };
  const openedAt = Date.now();
  const tick = async () => {
    if (stopped) return;
    if (Date.now() - openedAt >= streamLifeMilliseconds) {
      stop();
      return;
    }
    try {
      const marker = await markerFor(app, teamId, app.config.now());
      unavailable = false;
      if (marker !== last) {
        write(`event: changed\ndata: ${JSON.stringify({ marker })}\n\n`);
        last = marker;
      } else if (Date.now() - lastWrite >= keepAliveMilliseconds) write(': still here\n\n');
    } catch (err) {
      // The database is away: say so, and keep asking; the board's last state stays on the screen.
      request.log.warn({ err }, 'lone-working board: change check failed');
      if (!unavailable) write('event: unavailable\ndata: {}\n\n');
      unavailable = true;
      // Once it is back, the board is fetched again whatever changed meanwhile.
      last = null;
    }
    if (!stopped) timer = setTimeout(() => void tick(), boardPollMilliseconds);
  };
  void tick();
}
