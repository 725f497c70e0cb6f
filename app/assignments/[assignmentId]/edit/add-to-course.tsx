/**
 * In the LMS content picker flow: the form that adds the saved assignment to
 * the course (POST /deep-link/complete). It waits until everything is saved.
 */
import { SessionField } from '../../../_components/session-field';

interface Props {
  /** The page's session token; SessionField sends the current, renewed one. */
  sessionToken: string;
  assignmentId: string;
  /** Unsaved changes or a save under way. */
  blocked: boolean;
}

export function AddToCourse({ sessionToken, assignmentId, blocked }: Props) {
  return (
    <form method="post" action="/deep-link/complete" className="card add-to-course" aria-labelledby="add-heading">
      <h2 id="add-heading">Add it to your course</h2>
      <SessionField initialToken={sessionToken} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <p className="hint" id="add-explanation">
        {blocked
          ? 'Save your changes first: the course gets the assignment as it was last saved.'
          : 'The course gets the assignment as saved, with a gradebook column out of the rubric total. You then return to the LMS.'}
      </p>
      <button type="submit" className="button" disabled={blocked} aria-describedby="add-explanation">
        Add to course
      </button>
    </form>
  );
}
