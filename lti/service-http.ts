/**
 * HTTP to a platform's LTI Advantage services (AGS, NRPS): bearer token,
 * User-Agent, a timeout, and failures as AgsRequestError with a `retryable`
 * verdict. No redirects: a service URL that moves is a configuration problem.
 */
import { environment } from '../config/environment';
import { AgsRequestError } from './errors';

export const USER_AGENT = 'Inkwell/0.1 (LTI 1.3 essay tool)';

/** Retry-After as seconds: delta-seconds or an HTTP date. */
export function retryAfterOf(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function serviceFetch(
  url: string,
  init: RequestInit & { accessToken: string; accept?: string; timeoutMs?: number },
): Promise<Response> {
  const { accessToken, accept, timeoutMs, ...request } = init;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${accessToken}`);
  // Canvas refuses service calls without a User-Agent.
  headers.set('User-Agent', USER_AGENT);
  if (accept) headers.set('Accept', accept);
  let response: Response;
  try {
    response = await fetch(url, {
      ...request,
      headers,
      signal: AbortSignal.timeout(timeoutMs ?? environment.lmsTimeoutMs()),
      redirect: 'error',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    throw new AgsRequestError(`The LMS service ${reason}.`, { retryable: true });
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 500);
    throw new AgsRequestError(`The LMS service answered ${response.status}.`, {
      status: response.status,
      retryable: response.status === 429 || response.status >= 500 || response.status === 401,
      platformBody: body,
      retryAfterSeconds: retryAfterOf(response.headers.get('retry-after')),
    });
  }
  return response;
}
