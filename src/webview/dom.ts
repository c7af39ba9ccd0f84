/** Small helpers for building DOM by hand: elements with classes, attributes and text, never HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export function attrs<E extends Element>(node: E, attributes: Readonly<Record<string, string>>): E {
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  const icon = el('span', `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

/** A small text button styled like VS Code's link-buttons; cheap enough for every rendered row. */
export function textButton(label: string, action: string, icon?: string): HTMLButtonElement {
  const button = el('button', 'row-button');
  button.type = 'button';
  button.dataset.action = action;
  button.tabIndex = -1;
  if (icon) {
    button.append(codicon(icon));
  }
  button.append(document.createTextNode(label));
  return button;
}
