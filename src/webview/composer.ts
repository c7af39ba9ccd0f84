/**
 * The composer: Enter sends, Shift+Enter is a new line, the draft is kept (DraftKeeper), and while
 * signed out it is disabled with a notice saying why. Its keys go first to ComposerTools (mentions,
 * reply, edit); while an edit is in it, its text is not the draft.
 */
import type { ChatView } from './chatView';
import type { DraftKeeper } from './draftKeeper';
import { composerKeyAction } from './keyboard';

export class Composer {
  private enabled = true;

  constructor(
    private readonly view: ChatView,
    private readonly drafts: DraftKeeper,
    private readonly onSend: (text: string) => void,
    /** Gets each key first (the @-mention list): true when it used the key. */
    private readonly interceptKey: (event: KeyboardEvent) => boolean = () => false,
    /** An edit of a sent message is in the composer: its text is not the draft. */
    private readonly editing: () => boolean = () => false,
    /** The text of an edit under way changed (typed). */
    private readonly editTyped: () => void = () => undefined,
  ) {
    view.input.addEventListener('keydown', (event) => {
      if (this.interceptKey(event)) {
        event.preventDefault();
        return;
      }
      if (composerKeyAction(event) === 'send') {
        event.preventDefault();
        this.submit();
      }
    });
    view.input.addEventListener('input', () => {
      if (this.editing()) {
        this.editTyped();
      } else {
        this.drafts.changed(this.value);
      }
    });
    view.composerForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    // vscode-button is form-associated, but a click must work even where that is not supported.
    view.send.addEventListener('click', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  get value(): string {
    return this.view.input.value ?? '';
  }

  /** Sets the text without treating it as typing (restored drafts, a failed send put back). */
  set value(text: string) {
    this.view.input.value = text;
  }

  focus(): void {
    this.view.input.focus();
  }

  setEnabled(enabled: boolean, notice: string): void {
    this.enabled = enabled;
    this.view.input.disabled = !enabled;
    this.view.send.disabled = !enabled;
    this.view.insertEmoji.disabled = !enabled;
    this.view.attachFile.disabled = !enabled;
    this.view.attachImage.disabled = !enabled;
    this.view.composerNotice.textContent = enabled ? '' : notice;
    this.view.composerNotice.hidden = enabled;
  }

  private submit(): void {
    const text = this.value;
    if (!this.enabled || text.trim().length === 0) {
      return;
    }
    if (this.editing()) {
      // The editor saves it and puts the draft back; the draft itself is untouched.
      this.onSend(text);
      return;
    }
    this.value = '';
    this.drafts.sent();
    this.onSend(text);
  }
}
