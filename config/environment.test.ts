import { afterEach, describe, expect, it } from 'vitest';
import { environment } from './environment';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['INKWELL_LMS_TIMEOUT_MS', 'INKWELL_KEY_OVERLAP_HOURS', 'INKWELL_SESSION_IDLE_SECONDS', 'INKWELL_OPEN_REGISTRATION']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('environment', () => {
  it('reads INKWELL_LMS_TIMEOUT_MS when asked, falling back to 10 s for nothing or nonsense', () => {
    delete process.env.INKWELL_LMS_TIMEOUT_MS;
    expect(environment.lmsTimeoutMs()).toBe(10_000);
    process.env.INKWELL_LMS_TIMEOUT_MS = '800';
    expect(environment.lmsTimeoutMs()).toBe(800);
    for (const nonsense of ['0', '-5', 'soon', '']) {
      process.env.INKWELL_LMS_TIMEOUT_MS = nonsense;
      expect(environment.lmsTimeoutMs()).toBe(10_000);
    }
  });

  it('allows zero where zero means something (no key overlap) but not nonsense', () => {
    process.env.INKWELL_KEY_OVERLAP_HOURS = '0';
    expect(environment.keyOverlapHours()).toBe(0);
    process.env.INKWELL_KEY_OVERLAP_HOURS = 'a week';
    expect(environment.keyOverlapHours()).toBe(7 * 24);
  });

  it('leaves an unset or unusable window to its caller', () => {
    delete process.env.INKWELL_SESSION_IDLE_SECONDS;
    expect(environment.sessionIdleSeconds()).toBeUndefined();
    process.env.INKWELL_SESSION_IDLE_SECONDS = '30';
    expect(environment.sessionIdleSeconds()).toBe(30);
  });

  it('reads flags as 1 or true only', () => {
    process.env.INKWELL_OPEN_REGISTRATION = 'yes';
    expect(environment.openRegistration()).toBe(false);
    process.env.INKWELL_OPEN_REGISTRATION = 'true';
    expect(environment.openRegistration()).toBe(true);
  });
});
