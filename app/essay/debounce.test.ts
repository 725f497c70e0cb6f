import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, after input has paused for the wait, however many calls came before', () => {
    const run = vi.fn();
    const later = debounce(run, 500);
    for (let keystroke = 0; keystroke < 1_000; keystroke++) {
      later();
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(399);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs a pending call at once on flush, and not again afterwards', () => {
    const run = vi.fn();
    const later = debounce(run, 500);
    later();
    later.flush();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does nothing on flush when nothing is pending', () => {
    const run = vi.fn();
    const later = debounce(run, 500);
    later.flush();
    later();
    vi.advanceTimersByTime(500);
    later.flush();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('drops a pending call on cancel', () => {
    const run = vi.fn();
    const later = debounce(run, 500);
    later();
    later.cancel();
    vi.advanceTimersByTime(1_000);
    later.flush();
    expect(run).not.toHaveBeenCalled();
  });
});
