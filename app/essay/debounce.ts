/**
 * Runs a function once input has paused. The editor uses it for work that reads the whole essay
 * (the local backup, the word count), so a keystroke in a 20,000-word essay costs no more than
 * one in a short one. `flush` runs a pending call at once (before the page goes away, or when a
 * save fails and the backup must be current); `cancel` drops it.
 */
export interface Debounced {
  (): void;
  flush(): void;
  cancel(): void;
}

export function debounce(run: () => void, waitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    run();
  };
  const debounced = (() => {
    clearTimeout(timer);
    timer = setTimeout(fire, waitMs);
  }) as Debounced;
  debounced.flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    fire();
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
