/** Gives every platform a new signing key; the old public keys stay published for the overlap window. */
import { z } from 'zod';
import { keyOverlapMs, rotateAllKeys } from '../../../../services/keys';
import { handleAdminPost } from '../../_lib/admin-route';
import { overlapInWords } from '../../_lib/key-overlap';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleAdminPost(request, z.object({}), async () => {
    const rotated = await rotateAllKeys();
    if (rotated.length === 0) return { notice: 'No platform is registered, so there were no signing keys to rotate.' };
    const count = rotated.length === 1 ? 'the signing key of 1 platform' : `the signing keys of ${rotated.length} platforms`;
    const overlap = overlapInWords(keyOverlapMs());
    const after = overlap
      ? `The old public keys stay published for ${overlap}, so LMSs that cached them keep working.`
      : 'The old public keys are unpublished within a minute.';
    return { notice: `Rotated ${count}. ${after}` };
  });
}
