'use client';

/**
 * The session as a hidden form field, for the plain form posts of the Deep
 * Linking picker (a form body, never a URL). The field takes the current,
 * renewed token just before the form is sent.
 */
import { currentToken } from '../_lib/session-client';

export function SessionField({ initialToken }: { initialToken: string }) {
  return (
    <input
      type="hidden"
      name="session"
      defaultValue={initialToken}
      ref={(input) => {
        const form = input?.form;
        if (!input || !form) return;
        // The submit event comes before the browser reads the form's fields.
        const refresh = () => {
          input.value = currentToken() ?? input.value;
        };
        form.addEventListener('submit', refresh);
        return () => form.removeEventListener('submit', refresh);
      }}
    />
  );
}
