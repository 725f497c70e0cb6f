import { revealNames } from '../../../../services/anonymity';
import { errorResponse } from '../../../_lib/http-errors';
import { sessionOf } from '../../../_lib/request';

export const dynamic = 'force-dynamic';

/** Reveals the students' names of an anonymously graded assignment (instructors only; recorded). */
export async function POST(request: Request): Promise<Response> {
  try {
    const { revealedAt } = await revealNames(await sessionOf(request));
    return Response.json({ revealedAt });
  } catch (error) {
    return errorResponse(error);
  }
}
