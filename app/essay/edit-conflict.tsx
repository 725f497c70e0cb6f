'use client';

/**
 * What the student sees when another tab or window saved this essay first: both texts side by
 * side, before anything is chosen. Whichever they keep, the other stays in the essay's history
 * (the editor saves it as a version first), so nothing is overwritten unseen.
 */
import { countWords } from '../../domain/essay';
import { formatInLocalZone } from '../_lib/date-time-format';

export interface OtherVersion {
  text: string;
  revision: number;
  savedAt: string;
}

interface Props {
  /** This tab's unsaved text. */
  mine: string;
  /** The newer saved text; null while it loads. */
  other: OtherVersion | null;
  loadProblem: string | null;
  busy: boolean;
  onKeepMine(): void;
  onUseOther(): void;
  onRetryLoad(): void;
}

function timeOf(iso: string): string {
  return formatInLocalZone(iso, 'time');
}

function words(text: string): string {
  const count = countWords(text);
  return `${count} ${count === 1 ? 'word' : 'words'}`;
}

export function EditConflict({ mine, other, loadProblem, busy, onKeepMine, onUseOther, onRetryLoad }: Props) {
  return (
    <section className="notice notice-danger edit-conflict" aria-labelledby="conflict-title">
      <div role="alert">
        <p id="conflict-title">
          <strong>This essay was changed in another tab or window.</strong> Your text here has not been saved, and
          nothing was overwritten.{' '}
          {other ? 'Compare the two versions below, then choose which one to keep writing.' : null}
        </p>
      </div>
      {other ? (
        <>
          <div className="conflict-versions">
            <section aria-labelledby="conflict-other-title">
              <h3 id="conflict-other-title">
                Saved in another tab or window (version {other.revision}, {timeOf(other.savedAt)}, {words(other.text)})
              </h3>
              <textarea aria-labelledby="conflict-other-title" readOnly value={other.text} rows={10} />
            </section>
            <section aria-labelledby="conflict-mine-title">
              <h3 id="conflict-mine-title">In this tab, not saved yet ({words(mine)})</h3>
              <textarea aria-labelledby="conflict-mine-title" readOnly value={mine} rows={10} />
            </section>
          </div>
          <p>Whichever you choose, the other version is kept in this essay&rsquo;s earlier versions.</p>
          <div className="actions">
            <button type="button" className="button" onClick={onKeepMine} disabled={busy}>
              Keep the text in this tab
            </button>
            <button type="button" className="button button-secondary" onClick={onUseOther} disabled={busy}>
              Use the other version
            </button>
          </div>
        </>
      ) : loadProblem ? (
        <>
          <p>{loadProblem}</p>
          <div className="actions">
            <button type="button" className="button" onClick={onRetryLoad}>
              Try again
            </button>
          </div>
        </>
      ) : (
        <p>Loading the other version…</p>
      )}
    </section>
  );
}
