/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that a spreadsheet reads as
 * starting with = + - @ (or tab / carriage return) is run as a formula. The spreadsheet may split
 * a cell again on a delimiter other than ours (Dutch Excel splits on `;`, others on `,`, tab or
 * `|`; a line break starts a new row), so every piece that could become a cell is checked, not
 * only the cell's start: `x;=2+2;y` in a `,` file opens in `;`-Excel as three cells.
 *
 * Each such piece gets an apostrophe before its formula character, which makes it text; a value
 * starting with tab or CR gets one in front. Costs: "-5" exports as "'-5", `a;-b` as `a;'-b`.
 */
const PIECE = /(^|[,;\t|\r\n])([\s"]*)([=+\-@])/g;
const PIECE_TEST = /(^|[,;\t|\r\n])[\s"]*[=+\-@]|^[\t\r]/;

/** True when any piece of the value could be read as a formula. */
export const isFormulaLike = (value: string): boolean => PIECE_TEST.test(value);

/** The value with every formula-like piece made text; anything else is returned unchanged. */
export function neutraliseCell(value: string): string {
  const pieces = value.replace(PIECE, "$1$2'$3");
  return /^[\t\r]/.test(pieces) ? `'${pieces}` : pieces;
}

/** A row of cells, each neutralised: what every CSV export in Pulse writes. */
export const safeRow = (cells: readonly string[]): string[] => cells.map(neutraliseCell);
