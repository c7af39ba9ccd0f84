/** The one-line text of something thrown: an Error's message, anything else as a string. Pure, for host and webview. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
