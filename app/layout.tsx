import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { FrameResize } from './_components/frame-resize';
import './globals.css';

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
