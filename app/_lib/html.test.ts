import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('neutralises every character that could open a tag or leave an attribute', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&#60;script&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;/script&#62;');
  });

  it('leaves other text as it is', () => {
    expect(escapeHtml('Stalin’s rise, 1924–1929')).toBe('Stalin’s rise, 1924–1929');
  });
});
