/** The code samples of Conversions → Setup (also what the README documents). */

export const snippetTag = (origin: string, siteKey: string) => `<script async src="${origin}/c/pulse.js" data-site="${siteKey}"></script>`;

export const conversionCallExample = (goal: string) =>
  `<script>
  window.pulse = window.pulse || function () { (pulse.q = pulse.q || []).push(arguments); };
  pulse('conversion', { goal: '${goal}', value: 49.95, currency: 'EUR', orderId: 'ORDER-1001' });
</script>`;

export const conversionApiExample = (origin: string, goal: string) =>
  `curl -X POST ${origin}/api/v1/conversions \\
  -H "Authorization: Bearer pk_…" \\
  -H "Content-Type: application/json" \\
  -d '{"goal": "${goal}", "value": 49.95, "currency": "EUR", "orderId": "ORDER-1001", "clickId": "<pulse_cid cookie>", "email": "ada@example.com"}'`;
