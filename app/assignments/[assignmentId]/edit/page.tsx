/**
 * Editing an assignment: from the grading view ("Edit assignment"), or from
 * the LMS content picker ("Edit a copy first", with `placing=1`), where the
 * copy is added to the course once saved.
 */
import { builtInKnowledge } from '../../../../domain/assistant/built-in-knowledge';
import { BUILT_IN_UNIT_ID } from '../../../../domain/assistant/unit-knowledge';
import { isInkwellError } from '../../../../domain/errors';
import { getAssignmentForEditing } from '../../../../services/authoring';
import { ProblemPage } from '../../../_components/problem-page';
import { SessionLink } from '../../../_components/session-link';
import { SessionRecovery } from '../../../_components/session-recovery';
import { SessionStart } from '../../../_components/session-start';
import { sessionFromSearchParams, type PageSearchParams } from '../../../_lib/page-session';
import { AssignmentEditor } from './assignment-editor';

export const dynamic = 'force-dynamic';

export default async function EditAssignmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: PageSearchParams;
}) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  const { assignmentId } = await params;
  const placing = (await searchParams).placing === '1';
  let data;
  try {
    data = await getAssignmentForEditing(found.session, assignmentId);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="This assignment cannot be edited">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, draft, hasGrades } = data;
  // A picker session belongs to no resource link, so it has no submissions to go back to.
  const fromGrading = !placing && found.session.resourceLinkId !== '' && !found.session.deepLinkRequestId;

  return (
    <main id="main" className="page page-editor">
      <SessionStart issued={found.issued} />
      {fromGrading ? (
        <nav className="pager" aria-label="Assignment">
          <SessionLink href="/grading">← All submissions</SessionLink>
        </nav>
      ) : null}
      <header className="page-header">
        <p className="eyebrow">
          {assignment.contextTitle ?? 'Your course'} · {placing ? 'New assignment' : 'Instructor view'}
        </p>
        <h1>{placing ? 'Edit the copy, then add it to your course' : 'Edit assignment'}</h1>
        <p className="meta">
          {placing
            ? 'This copy is yours to change; the original stays as it is. Save, then choose “Add to course” at the bottom.'
            : (assignment.resourceLinkTitle ?? assignment.unit.title)}
        </p>
      </header>
      <AssignmentEditor
        sessionToken={found.issued.token}
        assignmentId={assignment.id}
        initialDraft={draft}
        initialRubricVersion={assignment.rubricVersion}
        initialHasGrades={hasGrades}
        placing={placing}
        builtInKnowledge={assignment.unit.id === BUILT_IN_UNIT_ID ? builtInKnowledge : null}
      />
    </main>
  );
}
