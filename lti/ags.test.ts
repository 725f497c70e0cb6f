import { describe, expect, it } from 'vitest';
import { scoresUrlOf } from './ags';

describe('scoresUrlOf', () => {
  it.each([
    ['https://lms.example/api/lti/courses/1/line_items/7', 'https://lms.example/api/lti/courses/1/line_items/7/scores'],
    ['https://lms.example/api/lti/courses/1/line_items/7/', 'https://lms.example/api/lti/courses/1/line_items/7/scores'],
    [
      'https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1',
      'https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1',
    ],
  ])('appends /scores to the path of %s and keeps its query', (lineItem, expected) => {
    expect(scoresUrlOf(lineItem)).toBe(expected);
  });
});
