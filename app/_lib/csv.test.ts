import { describe, expect, it } from 'vitest';
import { csvField, safeFileName, toCsv, UTF8_BOM } from './csv';

describe('csvField', () => {
  it('leaves plain text as it is', () => {
    expect(csvField('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvField('Zoë Ñúñez')).toBe('Zoë Ñúñez');
    expect(csvField('')).toBe('');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles the quotes (RFC 4180)', () => {
    expect(csvField('Okafor, Ben')).toBe('"Okafor, Ben"');
    expect(csvField('Ben "the Bold"')).toBe('"Ben ""the Bold"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a cell starting a formula: %j', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });

  it('does not touch a formula character later in the text', () => {
    expect(csvField('A = B')).toBe('A = B');
    expect(csvField('ada@example.edu')).toBe('ada@example.edu');
  });

  it('writes numbers as numbers (a negative number is no formula), booleans as yes/no, nothing as empty', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('yes');
    expect(csvField(false)).toBe('no');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with the UTF-8 BOM and ends every record with CRLF', () => {
    const text = toCsv([
      ['Name', 'Total'],
      ['Okafor, Ben', 12],
      ['=cmd', null],
    ]);
    expect(text).toBe(`${UTF8_BOM}Name,Total\r\n"Okafor, Ben",12\r\n'=cmd,\r\n`);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('is only the BOM for no rows', () => {
    expect(toCsv([])).toBe(UTF8_BOM);
  });
});

describe('safeFileName', () => {
  it('keeps ASCII letters and digits, folds accents and joins the rest with hyphens', () => {
    expect(safeFileName('Essay: Révolution "1917" / Stalin', 'csv')).toBe('essay-revolution-1917-stalin.csv');
    expect(safeFileName('../../etc/passwd\r\nSet-Cookie: x', 'csv')).toBe('etc-passwd-set-cookie-x.csv');
    expect(safeFileName('Сталин', 'csv')).toBe('export.csv');
    expect(safeFileName('a'.repeat(100), 'csv')).toBe(`${'a'.repeat(60)}.csv`);
  });
});
