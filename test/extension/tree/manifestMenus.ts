/**
 * package.json's menus and a small reader of the when-clause forms they use, so menu tests check the
 * manifest itself (VS Code is not running in unit tests). A form the reader does not know fails the
 * test rather than passing unread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type MenuEntry = { command: string; when: string; group?: string };

export const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: { 'view/item/context': MenuEntry[]; 'editor/title': MenuEntry[] } };
};

/** `a && b && ...` of `view == X`, `viewItem =~ /re/` and `!(viewItem =~ /re/)`. */
export function holds(when: string, context: { view: string; viewItem: string }): boolean {
  return when.split(' && ').every((term) => {
    const equals = /^view == (\S+)$/.exec(term);
    if (equals) {
      return context.view === equals[1];
    }
    const match = /^(!\()?viewItem =~ \/(.+)\/(\))?$/.exec(term);
    if (match && Boolean(match[1]) === Boolean(match[3])) {
      const found = new RegExp(match[2] ?? '').test(context.viewItem);
      return match[1] ? !found : found;
    }
    throw new Error(`a when-clause form this test does not read: ${term}`);
  });
}
