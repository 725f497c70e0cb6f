import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { FrameResize } from './_components/frame-resize';
import './globals.css';

// Every page is rendered per request, so Next can put the request's CSP nonce on its scripts
// (server/security-headers.ts); a page built ahead of time would carry none and not run.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Inkwell',
  description: 'Essay assignments with rubric grading, inside your LMS.',
  referrer: 'no-referrer',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        <FrameResize />
      </body>
    </html>
  );
}
