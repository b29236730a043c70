import { parse } from 'csv-parse/sync';

/**
 * How a spreadsheet could read CSV text: split on any of the delimiters spreadsheets guess
 * (`,` `;` tab `|`), quotes honoured loosely. Used by tests to look for cells that would run.
 */
export const SPREADSHEET_DELIMITERS = [',', ';', '\t', '|'] as const;

export function formulaCells(csv: string): string[] {
  const found: string[] = [];
  for (const delimiter of SPREADSHEET_DELIMITERS) {
    const rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    for (const row of rows) for (const cell of row) if (/^[\s"]*[=+\-@]|^[\t\r]/.test(cell)) found.push(cell);
  }
  return found;
}
