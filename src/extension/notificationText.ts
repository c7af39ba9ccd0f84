/**
 * Text from other people (a message's preview, a name, a request's words) in a VS Code notification.
 * Notifications turn `[label](https://…)` and `[label](command:…)` into links, and a command link runs
 * its command when clicked: a message could dress a command up as "[Update](command:…)". A zero-width
 * space between `]` and `(` leaves the text reading the same, and no link. notify.ts applies it to every
 * message the extension shows. Pure, so it is unit-tested.
 */
const LINK_JOINT = /\](?=\()/g;

export function inertLinks(text: string): string {
  return text.replace(LINK_JOINT, ']\u200b');
}
