// Building DOM without HTML strings: every text goes in through textContent or a text node, so a
// patch subject like `<img src=x onerror=alert(1)>` shows as text. Attributes are set one by
// one; `style` and `on*` attributes are refused (the CSP forbids them and they would be a hole).

type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | null | undefined>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style' || /^on/i.test(name)) throw new Error(`el: attribute ${name} is not allowed`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (props.text !== undefined) node.textContent = props.text;
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A button that looks like a link (evidence lines, reveal links). */
export function linkButton(text: string, onClick: () => void, label?: string): HTMLButtonElement {
  const b = el('button', { class: 'link', text, attrs: { type: 'button', 'aria-label': label } });
  b.addEventListener('click', onClick);
  return b;
}

export function button(text: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { class: cls, text, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}
