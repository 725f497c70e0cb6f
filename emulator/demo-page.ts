/**
 * The "demo LMS" pages: a course page that launches Inkwell into an iframe (each assignment as
 * each member, plus the instructor's "Add Inkwell assignment" deep linking launch) and a
 * read-only gradebook showing what the tool sent back. Launch buttons are plain links targeting
 * the iframe, so they work without JavaScript; the only script refreshes the gradebook in place.
 */
import { DEFAULT_CONTEXT_ID, ROLE } from './constants';
import { deepLinkingLaunchUrl } from './deep-linking';
import { escapeHtml, renderPage } from './html';
import { renderStorageFrameTag } from './platform-storage';
import { launchUrl } from './oidc';
import { isLearner, type Course, type PlatformState } from './state';
import type { GradebookEntry, GradingProgress, PlatformUser, ResourceLink } from './types';

export { DEFAULT_CONTEXT_ID };

const GRADING_PROGRESS_TEXT: Record<GradingProgress, string> = {
  FullyGraded: 'Fully graded',
  PendingManual: 'Needs grading',
  Pending: 'Pending',
  NotReady: 'Not ready',
  Failed: 'Failed',
};

function flavourName(state: PlatformState): string {
  return state.config.flavour === 'canvas' ? 'Canvas' : 'Moodle';
}

function siteHeader(state: PlatformState): string {
  return `<a class="skip-link" href="#main">Skip to main content</a>
<header class="site">
<p class="product">Demo LMS</p>
<p class="notice"><strong>Demo LMS — not a real learning platform.</strong>
It imitates a ${escapeHtml(flavourName(state))} course so you can try Inkwell.</p>
</header>`;
}

function displayName(user: PlatformUser): string {
  return user.name ?? user.sub;
}

function isInstructor(user: PlatformUser): boolean {
  return user.roles.some((role) => role === ROLE.instructor || role === 'Instructor');
}

function launchLabel(user: PlatformUser): string {
  if (isLearner(user)) return `Launch as student: ${displayName(user)}`;
  if (isInstructor(user)) return `Launch as instructor: ${displayName(user)}`;
  return `Launch as ${displayName(user)}`;
}

function formatTimestamp(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function scoreText(entry: GradebookEntry | undefined): string {
  if (entry?.scoreGiven === undefined) return 'No score';
  return entry.scoreMaximum === undefined
    ? String(entry.scoreGiven)
    : `${entry.scoreGiven} / ${entry.scoreMaximum}`;
}

/** One table per line item: students as rows, the last accepted score as cells. */
export function renderGradebookTables(state: PlatformState, course: Course): string {
  const students = [...course.members.values()].filter(isLearner);
  const items = [...course.lineItems.values()];
  if (items.length === 0) return '<p>This course has no gradebook columns yet.</p>';
  return items
    .map((item) => {
      const cells = state.gradebook.get(item.id);
      const rows = students
        .map((student) => {
          const entry = cells?.get(student.sub);
          return `<tr>
<th scope="row">${escapeHtml(displayName(student))}</th>
<td>${escapeHtml(scoreText(entry))}</td>
<td>${entry ? escapeHtml(GRADING_PROGRESS_TEXT[entry.gradingProgress]) : 'Not submitted'}</td>
<td class="comment">${escapeHtml(entry?.comment ?? '')}</td>
<td>${entry ? `<time datetime="${escapeHtml(entry.timestamp)}">${escapeHtml(formatTimestamp(entry.timestamp))}</time>` : ''}</td>
</tr>`;
        })
        .join('\n');
      return `<table>
<caption>${escapeHtml(item.label)} (out of ${escapeHtml(item.scoreMaximum)})</caption>
<thead><tr>
<th scope="col">Student</th><th scope="col">Score</th><th scope="col">Grading progress</th>
<th scope="col">Comment</th><th scope="col">Last updated</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
    })
    .join('\n');
}

const REFRESH_SCRIPT = `<script>
(function () {
  var link = document.getElementById('refresh-gradebook');
  var tables = document.getElementById('gradebook-tables');
  var status = document.getElementById('gradebook-status');
  link.addEventListener('click', function (event) {
    event.preventDefault();
    fetch('/gradebook?fragment=1', { cache: 'no-store' })
      .then(function (response) { if (!response.ok) throw new Error(); return response.text(); })
      .then(function (html) {
        tables.innerHTML = html;
        status.textContent = 'Gradebook updated at ' + new Date().toLocaleTimeString() + '.';
      })
      .catch(function () { window.location.href = link.href; });
  });
})();
</script>`;

function gradingText(course: Course, link: ResourceLink): string {
  const lineItem = link.lineItemId ? course.lineItems.get(link.lineItemId) : undefined;
  return lineItem
    ? `Graded out of ${lineItem.scoreMaximum}: its gradebook column is “${lineItem.label}”.`
    : 'Not graded: no gradebook column.';
}

/** One panel per resource link of the course, each with a launch link per member. */
function renderAssignments(state: PlatformState, course: Course): string {
  const members = [...course.members.values()];
  const links = [...course.resourceLinks.values()];
  if (links.length === 0) {
    return `<section class="panel" aria-labelledby="no-assignments">
<h2 id="no-assignments">Assignments</h2>
<p>This course has no assignments yet.</p>
</section>`;
  }
  return links
    .map((link, index) => {
      const heading = `assignment-${index}`;
      const buttons = members
        .map((user) => {
          const href = launchUrl(state, { userId: user.sub, resourceLinkId: link.id });
          // Same names in every panel: each panel is a region named by its assignment heading,
          // which gives the link its context (WCAG 2.4.4, link purpose in context).
          return `<li><a class="button" href="${escapeHtml(href)}" target="tool-frame">${escapeHtml(launchLabel(user))}</a></li>`;
        })
        .join('\n');
      const text = link.text ? `<p>${escapeHtml(link.text)}</p>\n` : '';
      return `<section class="panel" aria-labelledby="${heading}">
<h2 id="${heading}">Assignment: ${escapeHtml(link.title)}</h2>
${text}<p class="muted">${escapeHtml(gradingText(course, link))} Open the assignment as one of the course members. Inkwell opens in the frame below.</p>
<ul class="launches">
${buttons}
</ul>
</section>`;
    })
    .join('\n');
}

/** The instructor's "Add Inkwell assignment": a deep linking launch into the tool frame. */
function renderAddActivity(state: PlatformState, course: Course): string {
  const instructor = [...course.members.values()].find(isInstructor);
  if (!instructor) return '';
  const href = deepLinkingLaunchUrl(state, {
    userId: instructor.sub,
    contextId: course.context.id,
    ...(state.config.flavour === 'canvas' ? { placement: 'assignment_selection' as const } : {}),
  });
  return `<section class="panel" aria-labelledby="add-activity-heading">
<h2 id="add-activity-heading">Add an activity</h2>
<p class="muted">As the instructor, ${escapeHtml(displayName(instructor))}, set up a new Inkwell assignment in the frame below.
When Inkwell hands it back, it is listed in this course with its own launch links.</p>
<p><a class="button" href="${escapeHtml(href)}" target="tool-frame">Add Inkwell assignment</a></p>
</section>`;
}

export function renderDemoPage(state: PlatformState): string {
  const course = state.getCourse(DEFAULT_CONTEXT_ID);

  return renderPage({
    title: `${course.context.title} — Demo LMS`,
    body: `${siteHeader(state)}
<main id="main">
<section class="panel" aria-labelledby="course-title">
<p class="muted">${escapeHtml(course.context.label)}</p>
<h1 id="course-title">${escapeHtml(course.context.title)}</h1>
</section>
${renderAssignments(state, course)}
${renderAddActivity(state, course)}
<section class="panel" aria-labelledby="tool-heading">
<h2 id="tool-heading">Inkwell</h2>
<iframe class="tool" title="Inkwell" name="tool-frame" src="/frame-placeholder"></iframe>
${state.platformStorage ? renderStorageFrameTag() : ''}
</section>
<section class="panel" id="gradebook" aria-labelledby="gradebook-heading">
<h2 id="gradebook-heading">Gradebook</h2>
<p><a class="button secondary" id="refresh-gradebook" href="/gradebook">Refresh gradebook</a>
<span id="gradebook-status" role="status"></span></p>
<div id="gradebook-tables">
${renderGradebookTables(state, course)}
</div>
</section>
</main>
${REFRESH_SCRIPT}`,
  });
}

export function renderGradebookPage(state: PlatformState): string {
  const courses = [...state.courses.values()]
    .map(
      (course, index) => `<section class="panel" aria-labelledby="gradebook-course-${index}">
<h2 id="gradebook-course-${index}">${escapeHtml(course.context.label)}: ${escapeHtml(course.context.title)}</h2>
${renderGradebookTables(state, course)}
</section>`,
    )
    .join('\n');
  const back = state.config.demo ? ' <a href="/">Back to the course</a>' : '';
  return renderPage({
    title: 'Gradebook — Demo LMS',
    body: `${siteHeader(state)}
<main id="main">
<h1>Gradebook</h1>
<p><a class="button secondary" href="/gradebook">Refresh gradebook</a>${back}</p>
${courses}
</main>`,
  });
}

/** The gradebook of the demo course alone, for the in-page refresh. */
export function renderGradebookFragment(state: PlatformState): string {
  return renderGradebookTables(state, state.getCourse(DEFAULT_CONTEXT_ID));
}

export function renderFramePlaceholder(): string {
  return renderPage({
    title: 'Inkwell will open here',
    body: '<main id="main"><p>Choose a launch button above to open Inkwell here.</p></main>',
  });
}

export function renderReturnPage(state: PlatformState): string {
  const back = state.config.demo ? '<p><a href="/" target="_top">Back to the course</a></p>' : '';
  return renderPage({
    title: 'Back in the course',
    body: `<main id="main"><h1>You have left Inkwell</h1>${back}</main>`,
  });
}
