/**
 * The class overview's CSV: one row per student, in class order, with the columns a
 * spreadsheet needs (app/_lib/csv.ts writes the file). Level columns follow the current
 * rubric; a grade given with an earlier rubric shows the level it chose under that rubric.
 */
import { describeLateness } from '../../../domain/lateness';
import type { ClassOverview, ClassRow } from '../../../services/class-overview';
import type { SyncStatus } from '../../../services/grading';
import type { CsvCell } from '../../_lib/csv';

const STATUS_WORDS: Record<ClassRow['progress'], string> = {
  'not-submitted': 'Not submitted',
  submitted: 'Submitted',
  graded: 'Graded',
  released: 'Released',
};

function statusOf(row: ClassRow): string {
  if (!row.submission) return 'Not started';
  if (row.progress === 'not-submitted') return 'Draft';
  // A grade on text the student changed since is not the grade of what is submitted now.
  if (row.progress === 'submitted' && row.submission.grade) return 'Submitted (changed since graded)';
  return STATUS_WORDS[row.progress];
}

/** Where a grade stands with the LMS, in the words of the submission list. */
export function syncWords(sync: SyncStatus | undefined): string {
  if (!sync) return '';
  switch (sync.state) {
    case 'sent':
      return sync.at ? `In the LMS since ${sync.at.toISOString()}` : 'In the LMS';
    case 'not-released':
      return 'Not released';
    case 'queued':
      return 'Waiting to be sent';
    case 'sending':
      return 'Sending';
    case 'retrying':
      return `Retrying: ${sync.message}`;
    case 'unavailable':
      return sync.message;
    case 'failed':
      return `Not sent: ${sync.message}`;
  }
}

export function classCsvRows(overview: ClassOverview): CsvCell[][] {
  const criteria = overview.assignment.rubric.criteria;
  const header: CsvCell[] = [
    'Name',
    'Status',
    'Submitted at',
    'Late',
    'Late by',
    'Words',
    ...criteria.flatMap((c) => [`${c.title}: level`, `${c.title}: points`]),
    'Total',
    'Out of',
    'Released',
    'LMS gradebook',
  ];
  const rows = overview.rows.map((row): CsvCell[] => {
    const submission = row.submission;
    const grade = submission?.grade;
    const gradeRubric = grade ? overview.rubricsByVersion.get(grade.rubricVersion ?? 1) : undefined;
    const submitted = submission?.submittedAt && row.progress !== 'not-submitted' ? submission.submittedAt : undefined;
    const levels = criteria.flatMap((criterion): CsvCell[] => {
      const levelId = grade?.selections[criterion.id];
      const level = levelId ? gradeRubric?.criteria.find((c) => c.id === criterion.id)?.levels.find((l) => l.id === levelId) : undefined;
      return level ? [level.label, level.points] : ['', ''];
    });
    return [
      row.name,
      statusOf(row),
      submitted ? submitted.toISOString() : '',
      submitted ? row.lateByMs !== undefined : '',
      row.lateByMs !== undefined ? describeLateness(row.lateByMs) : '',
      submission ? submission.wordCount : '',
      ...levels,
      grade ? grade.total : '',
      grade ? grade.max : '',
      grade ? grade.released : '',
      syncWords(row.sync),
    ];
  });
  return [header, ...rows];
}
