import { describe, expect, it } from 'vitest';
import { matchLineItem, scoresUrlOf, type LineItem } from './ags';

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

describe('matchLineItem', () => {
  const item = (id: string, fields: Partial<LineItem> = {}): LineItem => ({ id, label: id, scoreMaximum: 32, ...fields });
  const wanted = { resourceLinkId: 'rl-1', resourceId: 'a-1', tag: 'inkwell-essay' };

  it('finds the line item of the resource link, wherever it is in the list', () => {
    const items = [item('other', { resourceLinkId: 'rl-2' }), item('by-hand'), item('mine', { resourceLinkId: 'rl-1' })];
    expect(matchLineItem(items, wanted)?.id).toBe('mine');
  });

  it('never falls back to another link’s column or a column made by hand', () => {
    expect(matchLineItem([item('other', { resourceLinkId: 'rl-2' }), item('by-hand')], wanted)).toBeNull();
    expect(matchLineItem([], wanted)).toBeNull();
  });

  it('takes a column without a resource link only when it carries the tool’s resourceId and tag', () => {
    const items = [
      item('other-resource', { resourceId: 'a-2', tag: 'inkwell-essay' }),
      item('untagged', { resourceId: 'a-1' }),
      item('mine', { resourceId: 'a-1', tag: 'inkwell-essay' }),
    ];
    expect(matchLineItem(items, wanted)?.id).toBe('mine');
    expect(matchLineItem(items, { resourceLinkId: 'rl-1' })).toBeNull();
  });

  it('does not take another link’s column even when it carries the same resourceId and tag', () => {
    expect(matchLineItem([item('copied', { resourceLinkId: 'rl-2', resourceId: 'a-1', tag: 'inkwell-essay' })], wanted)).toBeNull();
  });
});
