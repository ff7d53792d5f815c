import { describe, expect, it } from 'vitest';
import { csvField, csvNumber, matrixToCsv } from '../../../../src/views/export/csv';

/** A small RFC 4180 reader, to check that what we write reads back as the same table. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('bank')).toBe('bank');
    expect(csvField('银行')).toBe('银行');
    expect(csvField('<unk>')).toBe('<unk>');
    expect(csvField('-')).toBe('-');
  });

  it('quotes commas, quotes, line breaks and edge spaces; doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('Ġthe ')).toBe('"Ġthe "');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });
});

describe('csvNumber', () => {
  it('writes float32 precision without noise', () => {
    expect(csvNumber(Math.fround(0.1))).toBe('0.1');
    expect(csvNumber(Math.fround(1 / 3))).toBe('0.3333333');
    expect(csvNumber(0)).toBe('0');
    expect(csvNumber(1)).toBe('1');
    expect(csvNumber(1.5e-9)).toBe('1.5e-9');
    expect(csvNumber(Number.NaN)).toBe('');
  });
});

describe('matrixToCsv', () => {
  it('header = key tokens, first column = query tokens, CRLF lines, reads back', () => {
    const rows = ['The', 'bank,', '"quoted"'];
    const cols = ['x', 'y\nz'];
    const values = Float32Array.from([0.5, 0.5, 0.25, 0.75, 1, 0]);
    const csv = matrixToCsv({ rowLabels: rows, colLabels: cols, values });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['query \\ key', 'x', 'y\nz'],
      ['The', '0.5', '0.5'],
      ['bank,', '0.25', '0.75'],
      ['"quoted"', '1', '0'],
    ]);
  });
});
