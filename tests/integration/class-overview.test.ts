/**
 * The submission list's new columns and the class overview with its CSV (issue #14 items 5
 * and 7), over HTTP against the real server: lateness by each student's own due date, the
 * overview's figures, and a CSV that spreadsheets read correctly and safely (RFC 4180, BOM,
 * formula injection neutralised), for instructors only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { CLAIM, ROLE } from '../../emulator';
import { api, launch, mintTicket, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-overview-essay';
const HOUR = 3_600_000;
// Due 2 days 3 hours 30 minutes ago: an essay submitted during this test is "2 days 3 hours late".
const CLASS_DUE = new Date(Date.now() - (51 * HOUR + HOUR / 2)).toISOString();
// Dana has an extension into the future (Canvas sends each student's own due date).
const DANA_DUE = '2099-01-10T23:59:00Z';

const STUDENTS = [
  { sub: 'student-ada', name: 'Ada Lovelace' },
  { sub: 'student-quote', name: 'Okafor, Ben "Benny"\nJr.' },
  { sub: 'student-zoe', name: 'Zoë Ñúñez' },
  { sub: 'student-formula', name: '=HYPERLINK("http://example.com","x")' },
  { sub: 'student-plus', name: '+Plus' },
  { sub: 'student-dana', name: 'Dana Extension' },
  { sub: 'student-eve', name: 'Eve Unstarted' },
];

let inkwell: RunningInkwell;
let teacher: string;
let student: string;
const submissionIds = new Map<string, string>();

function selections(points: number): Record<string, string> {
  return Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, `${c.id}-${points}`]));
}

/** RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the last record ends with CRLF').toBe('');
  expect(record).toEqual([]);
  return records;
}

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'canvas' } });
  inkwell.platform.addResourceLink({ id: LINK, title: 'Overview essay, 1917–1929', withLineItem: true, custom: { due_at: CLASS_DUE } });
  for (const s of STUDENTS) inkwell.platform.addMember({ sub: s.sub, name: s.name, roles: [ROLE.learner] });
  inkwell.platform.setLaunchTamper((claims, header) =>
    claims.sub === 'student-dana' ? { claims: { ...claims, [CLAIM.custom]: { due_at: DANA_DUE } }, header } : { claims, header },
  );
  teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  for (const s of STUDENTS.filter((s) => s.sub !== 'student-eve')) {
    const token = (await launch(inkwell.platform, { userId: s.sub, resourceLinkId: LINK })).sessionToken!;
    if (s.sub === 'student-ada') student = token;
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    if (s.sub === 'student-plus') continue; // a draft, never submitted
    const submitted = await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  }
  const list = (await (await openPage(inkwell.baseUrl, '/grading', teacher)).text()).replaceAll('<!-- -->', '');
  for (const match of list.matchAll(/\/grading\/([a-f0-9]{24})">([^<]+)</g)) submissionIds.set(match[2]!, match[1]!);
  const grade = async (name: string, points: number, release: boolean) => {
    const id = submissionIds.get(name.replaceAll('&quot;', '"'));
    const result = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${id}/grade`, {
      selections: selections(points),
      criterionComments: {},
      overallComment: '',
      release,
    });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
  };
  await grade('Ada Lovelace', 4, true);
  await grade('Dana Extension', 2, false);
  await grade('Zoë Ñúñez', 3, false);
}, 120_000);

afterAll(async () => {
  inkwell?.platform.setLaunchTamper(null);
  await inkwell?.stop();
});

describe('the submission list', () => {
  it('shows words, lateness by each student’s own due date, and sortable column headers', async () => {
    const html = (await (await openPage(inkwell.baseUrl, '/grading', teacher)).text()).replaceAll('<!-- -->', '');
    expect(submissionIds.size).toBe(6);
    // Sortable headers are buttons; the sorted column says so.
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"><button type="button" class="sort-button">Student/);
    for (const column of ['Submitted', 'Words', 'Grade']) expect(html).toMatch(new RegExp(`<button type="button" class="sort-button">${column}`));
    expect(html).toContain('<label for="student-search">Search by name</label>');
    // Ben Okafor and Chen Wei are on the course roster but have not opened the assignment.
    expect(html).toMatch(/role="status"[^>]*>Showing all 9 students</);
    // Ada submitted 2 days 3 hours after the class's due date; Dana's own due date is in 2099.
    const rowOf = (name: string) => new RegExp(`${name}</a></th>(.*?)</tr>`).exec(html)?.[1] ?? '';
    expect(rowOf('Ada Lovelace')).toContain('<span class="late-tag">2 days 3 hours late</span>');
    expect(rowOf('Dana Extension')).not.toContain('late-tag');
    expect(rowOf('Dana Extension')).toMatch(/<td class="numeric">\d{3,}<\/td>/);
    // The draft was never submitted: not late, no submission time.
    expect(rowOf('\\+Plus')).not.toContain('late-tag');
    expect(html).toMatch(/Eve Unstarted<\/th><td><span class="status-tag" data-status="not-started">Not started/);
    // The default order is the class order (Previous/Next): by name as people read it.
    const order = [...html.matchAll(/<th scope="row">(?:<a href="[^"]+">)?([^<]+)</g)].map((m) => m[1]);
    expect(order).toEqual([...order].sort((a, b) => a!.localeCompare(b!)));
    expect(html).toContain('>Class overview</a>');
  });
});

describe('the class overview', () => {
  it('counts the class, gives average and median, and draws charts with tables', async () => {
    const html = (await (await openPage(inkwell.baseUrl, '/grading/overview', teacher)).text()).replaceAll('<!-- -->', '');
    expect(html).toContain('<h1>Class overview</h1>');
    const stat = (label: string) => new RegExp(`<span class="stat-value">([^<]+)</span> <span class="stat-label">${label}`).exec(html)?.[1];
    // With Ben Okafor and Chen Wei, on the course roster.
    expect(stat('students')).toBe('9');
    expect(stat('Not submitted')).toBe('4');
    expect(stat('Submitted, not graded')).toBe('2');
    expect(stat('Graded, not released')).toBe('2');
    expect(stat('Released')).toBe('1');
    expect(stat('Submitted late')).toBe('4');
    const criteria = builtInRubric.criteria.length;
    // Totals 32, 24, 16 (levels 4, 3, 2 on every criterion).
    expect(stat(`Average \\(out of ${criteria * 4}\\)`)).toBe(String(criteria * 3));
    expect(stat(`Median \\(out of ${criteria * 4}\\)`)).toBe(String(criteria * 3));
    // One chart for the scores and one per criterion, each an image with a name and a table.
    expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(1 + criteria);
    expect(html.match(/<details class="chart-table">/g)).toHaveLength(1 + criteria);
    expect(html).toContain('<summary>Score distribution (table)</summary>');
    expect(html).toContain(`<title id="score-chart-title">Score distribution</title>`);
    expect(html).toMatch(/<th scope="row">Exemplary \(4\)<\/th><td class="numeric">1<\/td>/);
    expect(html).toContain('>Download CSV</a>');
  });

  it('is for instructors only', async () => {
    const html = await (await openPage(inkwell.baseUrl, '/grading/overview', student)).text();
    expect(html).toContain('The class overview is not available');
    expect(html).not.toContain('Download CSV');
  });
});

describe('the CSV download', () => {
  async function download(init: { token?: string; ticket?: string }): Promise<Response> {
    const query = init.ticket ? `?ticket=${encodeURIComponent(init.ticket)}` : '';
    return fetch(`${inkwell.baseUrl}/grading/overview/csv${query}`, init.token ? { headers: { Authorization: `Bearer ${init.token}` } } : {});
  }

  it('is RFC 4180 with a BOM, a safe file name, and one row per student', async () => {
    const response = await download({ token: teacher });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="overview-essay-1917-1929-class.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    // Every record ends with CRLF; the only bare LF is inside the quoted name.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').split('\n')).toHaveLength(2);
    const [header, ...rows] = parseCsv(text);
    const criterion = builtInRubric.criteria[0]!;
    expect(header!.slice(0, 6)).toEqual(['Name', 'Status', 'Submitted at', 'Late', 'Late by', 'Words']);
    expect(header).toContain(`${criterion.title}: level`);
    expect(header).toContain(`${criterion.title}: points`);
    expect(header!.slice(-4)).toEqual(['Total', 'Out of', 'Released', 'LMS gradebook']);
    expect(rows).toHaveLength(STUDENTS.length + 2); // and Ben Okafor and Chen Wei from the roster
    const row = (name: string) => {
      const found = rows.find((r) => r[0] === name);
      expect(found, name).toBeDefined();
      return Object.fromEntries(header!.map((h, i) => [h, found![i]]));
    };

    const ada = row('Ada Lovelace');
    expect(ada).toMatchObject({ Status: 'Released', Late: 'yes', 'Late by': '2 days 3 hours late', Released: 'yes' });
    expect(ada['Submitted at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Number(ada.Words)).toBeGreaterThan(100);
    expect(ada[`${criterion.title}: level`]).toBe('Exemplary');
    expect(ada[`${criterion.title}: points`]).toBe('4');
    expect(ada.Total).toBe(String(builtInRubric.criteria.length * 4));
    expect(ada['LMS gradebook']).toMatch(/^(In the LMS|Waiting to be sent|Sending)/);

    // A comma, quotes and a line break survive the round trip; accents are UTF-8.
    expect(row('Okafor, Ben "Benny"\nJr.')).toMatchObject({ Status: 'Submitted', Late: 'yes', Total: '' });
    expect(row('Zoë Ñúñez')).toMatchObject({ Status: 'Graded', Released: 'no', 'LMS gradebook': 'Not released' });
    expect(row('Dana Extension')).toMatchObject({ Late: 'no', 'Late by': '' });
    expect(row('+Plus'.replace('+', "'+"))).toMatchObject({ Status: 'Draft', 'Submitted at': '', Late: '' });
    expect(row('Eve Unstarted')).toMatchObject({ Status: 'Not started', Words: '', Total: '' });
    // Formula injection: the cell is text, not a formula.
    expect(rows.some((r) => r[0] === `'=HYPERLINK("http://example.com","x")`)).toBe(true);
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
  });

  it('follows the page’s link with a one-time ticket, which works once', async () => {
    const ticket = await mintTicket(inkwell.baseUrl, teacher);
    const first = await download({ ticket });
    expect(first.status).toBe(200);
    expect((await first.text()).split('\r\n')[1]).toBeTruthy();
    const again = await download({ ticket });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { code: string }).code).toBe('SESSION_INVALID');
  });

  it('is refused to students (403) and without a session (401), with no CSV in the answer', async () => {
    const asStudent = await download({ token: student });
    expect(asStudent.status).toBe(403);
    expect(asStudent.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await asStudent.text()).not.toContain('Ada Lovelace');
    const studentTicket = await download({ ticket: await mintTicket(inkwell.baseUrl, student) });
    expect(studentTicket.status).toBe(403);
    expect((await download({})).status).toBe(401);
  });
});
