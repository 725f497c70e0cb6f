import { checkHealth } from '../../../services/health';

export const dynamic = 'force-dynamic';

/** For load balancers and the start script: is Inkwell up, and does its database answer? */
export async function GET(): Promise<Response> {
  const { database } = await checkHealth();
  return Response.json(
    { status: database ? 'ok' : 'degraded', database: database ? 'up' : 'down' },
    { status: database ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
