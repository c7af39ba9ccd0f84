import * as assert from 'node:assert/strict';
import { inertIcons } from '../../src/extension/pickText';

/** VS Code's icon syntax in labels (vs/base/common/iconLabels.ts): `$(name)` or `$(name~modifier)`. */
const ICON = /\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/gi;

describe('text from others in quick picks and the status bar', () => {
  it('leaves no icon VS Code would draw, and reads the same', () => {
    for (const text of ['$(warning) Admin', 'bob $(sync~spin)', '$(account)$(account)', '$($(x))']) {
      const shown = inertIcons(text);
      assert.equal(shown.match(ICON), null, shown);
      assert.equal(shown.replace(/\u200b/g, ''), text);
    }
  });

  it('changes nothing else', () => {
    for (const text of ['plain', 'costs $5 (each)', 'f(x) = $ (y)', '陈 $', '']) {
      assert.equal(inertIcons(text), text);
    }
  });

  it('keeps the icons the extension puts around the text', () => {
    assert.equal(`$(account) ${inertIcons('$(warning) Admin')}`.match(ICON)?.join(), '$(account)');
  });
});
