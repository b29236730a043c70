/**
 * `;` or `,`, whichever occurs more often outside quotes on the header line (`,` on a tie).
 * Dutch Excel writes `;` because `,` is its decimal separator. Pure, so the browser's preview
 * (components/contacts/csv-head.ts) and the server's import use this one rule.
 */
export function detectDelimiter(head: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of head) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === '\n' || ch === '\r') break;
      if (ch === ',') commas++;
      else if (ch === ';') semicolons++;
    }
  }
  return semicolons > commas ? ';' : ',';
}
