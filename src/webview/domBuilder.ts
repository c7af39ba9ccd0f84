/**
 * The few DOM operations the renderers use, behind an interface so the renderers can be unit-tested in
 * plain Node with a fake. Only text nodes and attribute values carry message data: there is no way to
 * set HTML through it.
 */

export interface DomBuilder<N> {
  element(tag: string, className?: string): N;
  text(value: string): N;
  append(parent: N, ...children: N[]): void;
  attribute(node: N, name: string, value: string): void;
}

/** The real builder over the page's document. */
export function documentBuilder(doc: Document = document): DomBuilder<Node> {
  return {
    element(tag, className) {
      const node = doc.createElement(tag);
      if (className) {
        node.className = className;
      }
      return node;
    },
    text(value) {
      return doc.createTextNode(value);
    },
    append(parent, ...children) {
      (parent as ParentNode).append(...children);
    },
    attribute(node, name, value) {
      (node as Element).setAttribute(name, value);
    },
  };
}
