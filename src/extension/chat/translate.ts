/**
 * The translation function pure modules take, so they stay free of `vscode` (and unit-testable in plain
 * Node): the host passes `vscode.l10n.t`, tests pass `englishOnly`.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}` ... like vscode.l10n.t does for the English source strings. */
export const englishOnly: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (match: string, index: string) => {
  const value = args[Number(index)];
  return value === undefined ? match : String(value);
});
