import type { SyncStatus } from '../../services/grading';
import { DateTime } from '../_components/date-time';

/** Where a grade stands with the LMS gradebook, in plain words. */
export function PassbackStatus({ sync }: { sync?: SyncStatus }) {
  if (!sync) return <span>—</span>;
  switch (sync.state) {
    case 'sent':
      return <span>{sync.at ? <>In the LMS since <DateTime value={sync.at} /></> : 'In the LMS'}</span>;
    case 'not-released':
      return <span>Not released</span>;
    case 'queued':
      return <span>Waiting to be sent</span>;
    case 'sending':
      return <span>Sending…</span>;
    case 'retrying':
      return <span>Retrying: {sync.message}</span>;
    case 'unavailable':
      return <span>{sync.message}</span>;
    case 'failed':
      return <span className="sync-failed">Not sent: {sync.message}</span>;
  }
}
