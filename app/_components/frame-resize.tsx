'use client';

/**
 * Asks the LMS to size its iframe to the page (Canvas listens for
 * `lti.frameResize`; other platforms ignore it), so students and instructors
 * do not scroll inside a scrolling page.
 * @see https://canvas.instructure.com/doc/api/file.tools_xml.html (window.postMessage: lti.frameResize)
 */
import { useEffect } from 'react';

export function FrameResize() {
  useEffect(() => {
    if (window.parent === window) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (Math.abs(height - last) < 8) return;
      last = height;
      // Only a height is sent, so any parent origin may receive it.
      window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, []);
  return null;
}
