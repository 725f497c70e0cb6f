/**
 * The Inkwell admin page, opened directly in a browser at Inkwell's own
 * origin: sign-in, then installing in an LMS, platforms and their
 * deployments, signing keys and recent problems. Every change is a plain
 * form post to a route handler beside this page, so nothing here needs JS.
 */
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { ADMIN_COOKIE, ADMIN_PASSWORD_MIN_LENGTH, ADMIN_SESSION_SECONDS, adminPassword, isAdminSession } from '../../services/admin-auth';
import { publicBaseUrl } from '../../services/config';
import { keyOverlapMs } from '../../services/keys';
import { listPlatforms } from '../../services/platforms';
import { recentProblems } from '../../services/problems';
import { listRegistrationLinks, openRegistrationAllowed } from '../../services/registration';
import { ProblemPage } from '../_components/problem-page';
import type { PageSearchParams } from '../_lib/page-session';
import { NEW_LINK_COOKIE } from './_lib/admin-route';
import { AddPlatformForm } from './add-platform-form';
import { AdminMessages } from './admin-messages';
import { InstallSection } from './install-section';
import { KeysSection } from './keys-section';
import { PlatformCard } from './platform-card';
import { ProblemsSection } from './problems-section';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Inkwell admin',
  robots: { index: false, follow: false },
  // Inkwell's default is no-referrer, under which browsers send `Origin: null` on form posts; the admin page
  // links nowhere else, so it can let its own forms name their origin for the CSRF check.
  referrer: 'same-origin',
};

/** Messages arrive in the URL; only short plain text is shown (React escapes it). */
const MESSAGE_MAX = 400;

function messageFrom(value: string | string[] | undefined): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  return text ? text.slice(0, MESSAGE_MAX) : undefined;
}

export default async function AdminPage({ searchParams }: { searchParams: PageSearchParams }) {
  if (!adminPassword()) {
    return (
      <ProblemPage title="The admin page is off">
        <p>
          The admin page is off. Set INKWELL_ADMIN_PASSWORD to a password of at least {ADMIN_PASSWORD_MIN_LENGTH} characters to turn it
          on.
        </p>
      </ProblemPage>
    );
  }
  const params = await searchParams;
  const notice = messageFrom(params.notice);
  const error = messageFrom(params.error);
  const cookieStore = await cookies();

  if (!(await isAdminSession(cookieStore.get(ADMIN_COOKIE)?.value))) {
    return <SignInForm notice={notice} error={error} />;
  }

  const [platforms, links, problems] = await Promise.all([listPlatforms(), listRegistrationLinks(20), recentProblems(50)]);
  const newLink = cookieStore.get(NEW_LINK_COOKIE)?.value || undefined;
  const sessionHours = Math.round(ADMIN_SESSION_SECONDS / 3600);

  return (
    <main id="main" className="page admin">
      <header className="page-header admin-header">
        <div>
          <p className="eyebrow">Inkwell</p>
          <h1>Administration</h1>
          <p className="meta">You stay signed in for {sessionHours} hours in this browser.</p>
        </div>
        <div className="admin-sign-out">
          <form method="post" action="/admin/sign-out">
            <button type="submit" className="button button-secondary">
              Sign out
            </button>
          </form>
          <form method="post" action="/admin/sign-out">
            <input type="hidden" name="everywhere" value="1" />
            <button type="submit" className="button button-secondary">
              Sign out everywhere
            </button>
          </form>
        </div>
      </header>

      <nav aria-label="Admin sections" className="admin-nav">
        <ul>
          <li><a href="#install-heading">Install in an LMS</a></li>
          <li><a href="#platforms-heading">Platforms</a></li>
          <li><a href="#add-platform-heading">Add a platform manually</a></li>
          <li><a href="#keys-heading">Signing keys</a></li>
          <li><a href="#problems-heading">Recent problems</a></li>
          <li><a href="/admin/privacy">Student data</a></li>
        </ul>
      </nav>

      <AdminMessages notice={notice} error={error} newLink={newLink} />

      <InstallSection baseUrl={publicBaseUrl()} links={links} openRegistration={openRegistrationAllowed()} now={new Date()} />

      <section aria-labelledby="platforms-heading" className="admin-section">
        <h2 id="platforms-heading">Platforms</h2>
        {platforms.length === 0 ? (
          <p className="card">
            No LMS is registered yet. Create a registration link above, or add a platform manually below.
          </p>
        ) : (
          platforms.map((platform, index) => (
            <PlatformCard key={`${platform.issuer} ${platform.clientId}`} platform={platform} idPrefix={`platform-${index}`} />
          ))
        )}
      </section>

      <AddPlatformForm />

      <KeysSection overlapMs={keyOverlapMs()} platformCount={platforms.length} />

      <ProblemsSection problems={problems} />
    </main>
  );
}
