'use client';

/**
 * The submission list's table, sortable (by name, submission time, words, grade), filtered
 * (needs grading, late, not submitted), searchable by name, with ungraded essays first on
 * request. It works on the rows the server sent (a class of 300 is small for a browser), so
 * nothing is read again. Times are shown with <DateTime> (UTC from the server, then the reader's
 * zone); the LMS statuses come rendered by the server.
 *
 * The default order is the server's: the class order of services/class-order.ts, which is also
 * the order of "Previous student" and "Next student" in the grading view.
 */
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { DateTime } from '../_components/date-time';
import { SessionLink } from '../_components/session-link';

export type RowStatus = 'not-started' | 'draft' | 'submitted' | 'graded';

export interface TableRow {
  /** The student's user id. */
  key: string;
  name: string;
  /** Absent for a student on the roster who has not opened the assignment. */
  submissionId?: string;
  status: RowStatus;
  statusLabel: string;
  /** Submitted, not graded on the text now submitted. */
  needsGrading: boolean;
  /** Not submitted now: not started, a draft, reopened or returned. */
  notSubmitted: boolean;
  submittedAtMs?: number;
  submittedAtIso?: string;
  lateByMs?: number;
  lateText?: string;
  words?: number;
  grade?: { total: number; max: number };
  /** A grade on text the student has changed since (returned or reopened, then rewritten). */
  changedSinceGraded: boolean;
  /** Rendered on the server (app/grading/passback-status.tsx). */
  lms: ReactNode;
}

type SortKey = 'name' | 'submitted' | 'words' | 'grade';
type Direction = 'ascending' | 'descending';
type Show = 'all' | 'needs-grading' | 'late' | 'not-submitted';

const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: 'all', label: 'All students' },
  { value: 'needs-grading', label: 'Needs grading' },
  { value: 'late', label: 'Submitted late' },
  { value: 'not-submitted', label: 'Not submitted' },
];

/** The value a column sorts by; undefined sorts last in either direction. */
function sortValue(row: TableRow, index: number, key: SortKey): number | undefined {
  switch (key) {
    case 'name':
      return index;
    case 'submitted':
      return row.submittedAtMs;
    case 'words':
      return row.words;
    case 'grade':
      return row.grade && row.grade.max > 0 ? row.grade.total / row.grade.max : undefined;
  }
}

/** Folds case and accents, so "zoe" finds "Zoë". */
function searchable(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function matchesShow(row: TableRow, show: Show): boolean {
  if (show === 'needs-grading') return row.needsGrading;
  if (show === 'late') return row.lateByMs !== undefined;
  if (show === 'not-submitted') return row.notSubmitted;
  return true;
}

export function SubmissionTable({ rows }: { rows: TableRow[] }) {
  const [query, setQuery] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [ungradedFirst, setUngradedFirst] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'name', direction: 'ascending' });
  const deferredQuery = useDeferredValue(query);

  const names = useMemo(() => rows.map((row) => searchable(row.name)), [rows]);
  const visible = useMemo(() => {
    const needle = searchable(deferredQuery.trim());
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return rows
      .map((row, index) => ({ row, index, value: sortValue(row, index, sort.key) }))
      .filter(({ row, index }) => matchesShow(row, show) && (needle === '' || names[index]!.includes(needle)))
      .sort((a, b) => {
        if (ungradedFirst && a.row.needsGrading !== b.row.needsGrading) return a.row.needsGrading ? -1 : 1;
        if (a.value === undefined || b.value === undefined) {
          if (a.value !== b.value) return a.value === undefined ? 1 : -1;
        } else if (a.value !== b.value) {
          return (a.value - b.value) * sign;
        }
        return a.index - b.index;
      })
      .map(({ row }) => row);
  }, [rows, names, deferredQuery, show, ungradedFirst, sort]);

  const sortBy = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: 'ascending' },
    );

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? sort.direction : undefined}>
        <button type="button" className="sort-button" onClick={() => sortBy(key)}>
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const total = rows.length;
  return (
    <>
      <div className="list-controls" role="search" aria-label="Find students">
        <div className="list-control">
          <label htmlFor="student-search">Search by name</label>
          <input id="student-search" type="search" value={query} autoComplete="off" onChange={(event) => setQuery(event.target.value)} />
        </div>
        <div className="list-control">
          <label htmlFor="student-show">Show</label>
          <select id="student-show" value={show} onChange={(event) => setShow(event.target.value as Show)}>
            {SHOW_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="list-control list-control-check">
          <input id="ungraded-first" type="checkbox" checked={ungradedFirst} onChange={(event) => setUngradedFirst(event.target.checked)} />
          <label htmlFor="ungraded-first">Ungraded first</label>
        </div>
      </div>
      <p className="meta list-count" role="status">
        {visible.length === total ? `Showing all ${total} ${total === 1 ? 'student' : 'students'}` : `Showing ${visible.length} of ${total} students`}
      </p>
      <div className="table-wrap">
        <table className="submissions">
          <caption className="visually-hidden">
            Students, their submission status and grade. Column headers with buttons sort the table.
          </caption>
          <thead>
            <tr>
              {header('name', 'Student')}
              <th scope="col">Status</th>
              {header('submitted', 'Submitted')}
              {header('words', 'Words')}
              {header('grade', 'Grade')}
              <th scope="col">LMS gradebook</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.submissionId ? <SessionLink href={`/grading/${row.submissionId}`}>{row.name}</SessionLink> : row.name}</th>
                <td>
                  <span className="status-tag" data-status={row.status}>
                    {row.statusLabel}
                  </span>
                </td>
                <td>
                  {row.submittedAtIso ? <DateTime value={row.submittedAtIso} /> : '—'}
                  {row.lateText ? (
                    <>
                      <br />
                      <span className="late-tag">{row.lateText}</span>
                    </>
                  ) : null}
                </td>
                <td className="numeric">{row.words ?? '—'}</td>
                <td>
                  {row.grade ? `${row.grade.total} / ${row.grade.max}` : '—'}
                  {row.changedSinceGraded ? <span className="meta"> (changed since graded)</span> : null}
                </td>
                <td>{row.lms}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {visible.length === 0 ? <p>No student matches. Clear the search or choose “All students”.</p> : null}
    </>
  );
}
