/**
 * Student data, a page of its own beside the admin page (so the admin page itself reads no
 * privacy data): look up a person or a course, what retention deletes next, the privacy audit.
 */
import type { Metadata } from 'next';
import { listPlatforms } from '../../../services/platforms';
import { hasAdminSession } from '../_lib/admin-route';
import { adminPageMetadata, SignInProblem } from './page-parts';
import { PrivacySection } from '../privacy-section';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = adminPageMetadata('Student data');

export default async function StudentDataPage() {
  if (!(await hasAdminSession())) {
    return <SignInProblem />;
  }
  const platforms = await listPlatforms();
  return (
    <main id="main" className="page admin">
      <header className="page-header">
        <p className="eyebrow">
          <a href="/admin">Inkwell administration</a>
        </p>
        <h1>Student data</h1>
      </header>
      <PrivacySection issuers={platforms.map((platform) => platform.issuer)} />
    </main>
  );
}
