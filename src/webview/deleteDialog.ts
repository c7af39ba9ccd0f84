/**
 * Asks how to delete a message: on this device only, or everywhere. A modal <dialog> traps focus and
 * closes on Escape; the promise resolves with the choice, or undefined when cancelled.
 */
import { attrs, el } from './dom';
import type { Translate } from './strings';

export type DeleteChoice = 'device' | 'everywhere';

export function askDelete(t: Translate, root: HTMLElement = document.body): Promise<DeleteChoice | undefined> {
  const dialog = attrs(el('dialog', 'confirm-dialog'), { id: 'delete-dialog', 'aria-labelledby': 'delete-dialog-title', 'aria-describedby': 'delete-dialog-detail' });
  const title = attrs(el('h2', 'confirm-title', t('delete.title')), { id: 'delete-dialog-title' });
  const detail = attrs(el('p', 'confirm-detail', t('delete.detail')), { id: 'delete-dialog-detail' });
  const buttons = el('div', 'confirm-buttons');
  const make = (label: string, choice: string, secondary: boolean): HTMLElement => {
    const button = attrs(el('vscode-button'), { 'data-choice': choice });
    if (secondary) {
      button.setAttribute('secondary', '');
    }
    button.textContent = label;
    button.addEventListener('click', () => dialog.close(choice));
    return button;
  };
  const everywhere = make(t('delete.everywhere'), 'everywhere', false);
  const device = make(t('delete.thisDevice'), 'device', true);
  const cancel = make(t('delete.cancel'), '', true);
  buttons.append(everywhere, device, cancel);
  dialog.append(title, detail, buttons);
  root.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const choice = dialog.returnValue;
      dialog.remove();
      resolve(choice === 'device' || choice === 'everywhere' ? choice : undefined);
    });
    dialog.showModal();
    device.focus();
  });
}
