/**
 * Text from other people (a name, a message's preview, a file name) in a quick pick item's label,
 * description or detail, or in a status bar message: VS Code draws `$(name)` there as a codicon, so a
 * nickname "$(warning) Admin" would wear a warning sign and "$(sync~spin)" a spinner. A zero-width space
 * between `$` and `(` reads the same and draws no icon. Applied to the others' part only, where it goes
 * in: the extension's own icons sit in the same labels (`$(account) ${name}`). Pure, so it is unit-tested.
 */
const ICON_JOINT = /\$(?=\()/g;

export function inertIcons(text: string): string {
  return text.replace(ICON_JOINT, () => '$\u200b');
}
