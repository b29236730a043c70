/**
 * A message key with parameters, as one string: zod and the import carry only a message string, so
 * "validation.tooLong?max=80" travels to the client, which translates `validation.tooLong` with `{ max: 80 }`.
 */
export type MessageParams = Record<string, string | number>;

export function messageKey(key: string, params: MessageParams): string {
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function parseMessageKey(message: string): { key: string; params: MessageParams } {
  const q = message.indexOf('?');
  if (q === -1) return { key: message, params: {} };
  const params: MessageParams = {};
  for (const [k, v] of new URLSearchParams(message.slice(q + 1))) params[k] = /^\d+$/.test(v) ? Number(v) : v;
  return { key: message.slice(0, q), params };
}

/** Limits with the number in the message: "Use at most 80 characters", never a silent cut. */
export const tooLong = (max: number) => messageKey('validation.tooLong', { max });
export const tooMany = (max: number) => messageKey('validation.tooMany', { max });

type Translator = { has: (key: never) => boolean } & ((key: never, params?: never) => string);

/** Translates a (possibly parameterised) message key; an unknown key is shown as it is. */
export function translateMessage(t: Translator, message: string, extra?: MessageParams): string {
  const { key, params } = parseMessageKey(message);
  return t.has(key as never) ? t(key as never, { ...params, ...extra } as never) : message;
}
