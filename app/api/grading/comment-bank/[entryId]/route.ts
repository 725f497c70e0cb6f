import { deleteBankEntry, editBankEntry } from '../../../../../services/comment-bank';
import { errorResponse } from '../../../../_lib/http-errors';
import { parseJsonBody, sessionOf } from '../../../../_lib/request';
import { bankEntrySchema } from '../schema';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ entryId: string }> };

export async function PATCH(request: Request, context: Params): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { entryId } = await context.params;
    const input = await parseJsonBody(request, bankEntrySchema);
    const entry = await editBankEntry(session, entryId, input);
    return Response.json({ entry });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, context: Params): Promise<Response> {
  try {
    const session = await sessionOf(request);
    const { entryId } = await context.params;
    await deleteBankEntry(session, entryId);
    return Response.json({ deleted: true });
  } catch (error) {
    return errorResponse(error);
  }
}
