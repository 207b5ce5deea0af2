import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it('neutralises text cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvField(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('กองช่าง')).toBe('กองช่าง');
    expect(csvField(-5)).toBe('-5');
    expect(toCsv(['ชื่อ'], [['=cmd|"/c calc"!A1']])).toBe('ชื่อ\r\n"\'=cmd|""/c calc""!A1"\r\n');
  });
});
