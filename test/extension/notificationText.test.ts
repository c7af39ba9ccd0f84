import * as assert from 'node:assert/strict';
import { inertLinks } from '../../src/extension/notificationText';

/** VS Code's notification link syntax (vs/base/common/linkedText.ts): `[label](http…|command:…|file:…)`. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('text from others in notifications', () => {
  it('leaves no link VS Code would make, command or web, and reads the same', () => {
    for (const text of ['[Update now](command:workbench.action.quit)', 'see [docs](https://example.com "x") and [a](file:///etc/passwd)', '[x] [y](command:a)']) {
      assert.notEqual(text.match(NOTIFICATION_LINK), null, `the sample is a link: ${text}`);
      const shown = inertLinks(text);
      assert.equal(shown.match(NOTIFICATION_LINK), null, shown);
      assert.equal(shown.replace(/\u200b/g, ''), text);
    }
  });

  it('changes nothing else', () => {
    for (const text of ['plain', 'a [bracket] and (paren)', 'f(x) = [1, 2]', '你好 [TUIEmoji_Smile]']) {
      assert.equal(inertLinks(text), text);
    }
  });
});
