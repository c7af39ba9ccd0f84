/** The chat panel's layout: header, the message list (an ARIA log), a status line and the composer. */

export interface ChatView {
  setTitle(title: string): void;
  setStatus(text: string, kind: 'ok' | 'error'): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export function createChatView(root: HTMLElement): ChatView {
  const header = element('header', { class: 'chat-header' });
  const title = element('h1', { id: 'chat-title' });
  header.append(title);

  const list = element('div', { id: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: '0' });
  const status = element('div', { id: 'host-status', role: 'status' }, 'Connecting to host…');

  const composer = element('form', { class: 'composer' });
  const input = element('vscode-textarea', { id: 'composer-input', placeholder: 'Message', rows: '2', 'aria-label': 'Message' });
  const send = element('vscode-button', { id: 'composer-send', type: 'submit' }, 'Send');
  composer.append(input, send);

  root.append(header, list, status, composer);
  return {
    setTitle(text) {
      title.textContent = text;
      document.title = text;
    },
    setStatus(text, kind) {
      status.textContent = text;
      status.dataset.kind = kind;
    },
  };
}
