/**
 * The editor's state (editor-reducer.ts) wired to the browser: focus and
 * announcements after a render, the "leave with unsaved changes?" prompt, and
 * the save sequence through save-assignment.ts.
 */
import { useEffect, useReducer, useRef, useState, type Dispatch } from 'react';
import type { AssignmentDraft } from '../../../../domain/assignment';
import { toDraft } from './editor-state';
import { editorReducer, initialStore, isDirty, type EditorAction, type EditorStore } from './editor-reducer';
import { loadAssignment, saveAssignment } from './save-assignment';

export interface EditorSetup {
  assignmentId: string;
  initialDraft: AssignmentDraft;
  initialRubricVersion: number;
  initialHasGrades: boolean;
}

export interface EditorHandle {
  store: EditorStore;
  dispatch: Dispatch<EditorAction>;
  dirty: boolean;
  /** The live region's text. */
  spoken: string;
  save: () => Promise<void>;
}

export function useAssignmentEditor({ assignmentId, initialDraft, initialRubricVersion, initialHasGrades }: EditorSetup): EditorHandle {
  const [store, dispatch] = useReducer(editorReducer, undefined, () =>
    initialStore({ draft: initialDraft, rubricVersion: initialRubricVersion, hasGrades: initialHasGrades }),
  );
  const [spoken, setSpoken] = useState('');
  const dirty = isDirty(store);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!store.focus) return;
    const element = document.getElementById(store.focus.id);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
    }
  }, [store.focus]);

  useEffect(() => {
    if (!store.announcement) return;
    const { text } = store.announcement;
    // Clearing first makes a repeated message ("Question 2 moved up…") be read again.
    setSpoken('');
    const timer = window.setTimeout(() => setSpoken(text), 50);
    return () => window.clearTimeout(timer);
  }, [store.announcement]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  async function save() {
    if (store.saving) return;
    const sent = store.form;
    const built = toDraft(sent);
    if (!built.ok) {
      dispatch({ type: 'invalid', errors: built.errors });
      return;
    }
    dispatch({ type: 'saveStarted' });
    try {
      const result = await saveAssignment(assignmentId, built.draft);
      dispatch({ type: 'saveAnswered', sent, result });
      if (result.kind !== 'saved') return;
      // New items get their permanent ids from the server.
      const fresh = await loadAssignment(assignmentId);
      if (fresh) dispatch({ type: 'reloaded', sent, fresh });
    } finally {
      dispatch({ type: 'saveEnded' });
    }
  }

  return { store, dispatch, dirty, spoken, save };
}
