// Webview and shared code may not import host-only modules (vscode, koffi, ws, better-sqlite3, node:*).
// Their tsconfigs map those names here: this file is not a module, so such an import fails to type-check
// with "is not a module".
declare const __timChatHostOnlyModule: unique symbol;
