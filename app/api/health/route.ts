import { checkHealth } from '../../../services/health';

export const dynamic = 'force-dynamic';

/**
 * For people and the start script: is Inkwell up, does its database answer, and is the gradebook
 * backlog growing? Load balancers use /api/health/live and /api/health/ready (server/readiness.ts).
 */
export async function GET(): Promise<Response> {
  const { database, passback } = await checkHealth();
  return Response.json(
    {
      status: database ? 'ok' : 'degraded',
      database: database ? 'up' : 'down',
      ...(passback
        ? { passback: { pending: passback.pending, oldestPendingSeconds: passback.oldestPendingSeconds, backlog: passback.growing ? 'growing' : 'steady' } }
        : {}),
    },
    { status: database ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
