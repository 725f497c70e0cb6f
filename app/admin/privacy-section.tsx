/**
 * Student data (/admin/privacy): look up a person or a course (each opens a
 * page listing what Inkwell holds, with export, erase and purge), what the
 * retention setting would delete next, and the privacy audit.
 */
import { coursesPastRetention, recentPrivacyActions, retentionDays, type PrivacyAuditEntry } from '../../services/privacy';
import { DateTime } from '../_components/date-time';
import { SimpleTable } from '../_components/simple-table';

const ACTION_LABELS: Record<PrivacyAuditEntry['action'], string> = {
  'export-person': 'Person exported',
  'erase-person': 'Person erased',
  'purge-course': 'Course deleted',
  retention: 'Course deleted (retention)',
};

function IssuerField({ id, issuers }: { id: string; issuers: string[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>Platform (issuer)</label>
      {issuers.length > 0 ? (
        <select id={id} name="issuer" required>
          {issuers.map((issuer) => (
            <option key={issuer} value={issuer}>
              {issuer}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name="issuer" type="url" required maxLength={2000} spellCheck={false} autoComplete="off" />
      )}
    </div>
  );
}

function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return total === 0 ? 'nothing' : `${total} record(s)`;
}

export async function PrivacySection({ issuers }: { issuers: string[] }) {
  let days: number | null = null;
  let retentionProblem: string | null = null;
  try {
    days = retentionDays();
  } catch (error) {
    retentionProblem = error instanceof Error ? error.message : String(error);
  }
  const [due, audit] = await Promise.all([days === null ? Promise.resolve([]) : coursesPastRetention(days), recentPrivacyActions(20)]);
  const uniqueIssuers = [...new Set(issuers)];
  return (
    <section className="card admin-section" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Requests and retention</h2>
      <p className="prose">
        See, export or erase what Inkwell holds about one person (a parent&apos;s or student&apos;s request under FERPA or
        the GDPR), or delete a whole course. Each opens a page that lists the data first. What Inkwell stores and for how
        long is in <code>docs/PRIVACY.md</code>.
      </p>

      <h3 className="admin-subheading" id="privacy-person-heading">A person</h3>
      <form method="get" action="/admin/privacy/person" className="admin-form" aria-labelledby="privacy-person-heading">
        <div className="field-row">
          <IssuerField id="privacy-person-issuer" issuers={uniqueIssuers} />
          <div className="field">
            <label htmlFor="privacy-person-user">LMS user ID</label>
            <p className="hint" id="privacy-person-user-hint">
              The LTI user ID (<code>sub</code>) the LMS sends, not the person&apos;s name.
            </p>
            <input id="privacy-person-user" name="userId" type="text" required maxLength={500} spellCheck={false} autoComplete="off" aria-describedby="privacy-person-user-hint" />
          </div>
        </div>
        <button type="submit" className="button button-secondary">
          Show this person’s data
        </button>
      </form>

      <h3 className="admin-subheading" id="privacy-course-heading">A course</h3>
      <form method="get" action="/admin/privacy/course" className="admin-form" aria-labelledby="privacy-course-heading">
        <div className="field-row">
          <IssuerField id="privacy-course-issuer" issuers={uniqueIssuers} />
          <div className="field">
            <label htmlFor="privacy-course-context">Course (context) ID</label>
            <input id="privacy-course-context" name="contextId" type="text" required maxLength={500} spellCheck={false} autoComplete="off" />
          </div>
        </div>
        <button type="submit" className="button button-secondary">
          Show this course’s data
        </button>
      </form>

      <h3 className="admin-subheading" id="retention-heading">Retention</h3>
      {retentionProblem ? (
        <p role="alert">{retentionProblem}</p>
      ) : days === null ? (
        <p>
          Retention is off: data is kept until an admin deletes it. Set <code>INKWELL_RETENTION_DAYS</code> to delete the
          data of courses with no activity for that many days, once a day.
        </p>
      ) : due.length === 0 ? (
        <p>
          Courses with no activity for {days} days are deleted once a day (<code>INKWELL_RETENTION_DAYS</code>). None is due
          now.
        </p>
      ) : (
        <>
          <p>
            Courses with no activity for {days} days are deleted once a day (<code>INKWELL_RETENTION_DAYS</code>). These{' '}
            {due.length} will be deleted at the next daily run:
          </p>
          <SimpleTable caption="Courses the next retention run deletes" hideCaption columns={['Course', 'Platform', 'Assignments', 'Last activity']}>
            {due.map((course) => (
              <tr key={`${course.issuer} ${course.contextId}`}>
                <td className="wrap-anywhere">
                  {course.contextTitle ?? course.contextId} <span className="meta-inline">({course.contextId})</span>
                </td>
                <td className="wrap-anywhere">{course.issuer}</td>
                <td>{course.assignments}</td>
                <td className="nowrap"><DateTime value={course.lastActivityAt} /></td>
              </tr>
            ))}
          </SimpleTable>
        </>
      )}

      <h3 className="admin-subheading" id="privacy-audit-heading">Privacy audit</h3>
      {audit.length === 0 ? (
        <p>No export or deletion yet.</p>
      ) : (
        <SimpleTable caption="Privacy actions, newest first" hideCaption columns={['Time', 'Action', 'By', 'Records', 'Note']}>
          {audit.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap"><DateTime value={entry.at} /></td>
              <td>{ACTION_LABELS[entry.action] ?? entry.action}</td>
              <td>{entry.by}</td>
              <td>{describeCounts(entry.counts)}</td>
              <td className="wrap-anywhere">{entry.reason ?? '—'}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </section>
  );
}
