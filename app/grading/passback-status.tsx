import type { PassbackRecord } from '../../services/grading';
import { formatDateTime } from '../_components/format';

/** Whether a grade reached the LMS gradebook, in plain words. */
export function PassbackStatus({ passback }: { passback?: PassbackRecord }) {
  if (!passback) return <span>Not sent</span>;
  if (passback.status === 'sent') return <span>In the LMS since {formatDateTime(passback.at)}</span>;
  if (passback.status === 'unavailable') return <span>{passback.message}</span>;
  return <span className="sync-failed">Not sent: {passback.message}</span>;
}
