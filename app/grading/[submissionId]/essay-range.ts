/**
 * The essay text box of the grading views, and selecting a passage of it by character offsets
 * (of its text as shown): used by the inline comments' and the rubric assistant's "Go to passage".
 */

/** The id of the element holding the essay text (one per grading page). */
export const ESSAY_TEXT_ID = 'graded-essay-text';
/** The prefix of the ids of passages marked in it (annotated-text.tsx passageElementId). */
export const ESSAY_ID_PREFIX = 'essay';

/** A DOM range over the characters `start`–`end` of `root`'s text. */
export function rangeOver(root: Node, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let startSet = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!startSet && start < seen + length) {
      range.setStart(node, start - seen);
      startSet = true;
    }
    if (startSet && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

/**
 * Moves focus into the text box and selects a passage, scrolled into view (at `scrollTo`, an
 * element at the passage's start). The selection is what a screen reader reads and what "Add
 * comment on selection" takes, so the passage can be commented on at once.
 */
export function selectPassage(region: HTMLElement, start: number, end: number, scrollTo: HTMLElement | null): void {
  region.focus({ preventScroll: true });
  const range = rangeOver(region, start, end);
  const selection = document.getSelection();
  if (range && selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  scrollTo?.scrollIntoView({ block: 'center' });
}
