/**
 * `use:dismissable` on a `<details>` popover: Escape or a click outside closes it, and
 * Escape puts the focus back on its summary so keyboard users are not stranded.
 */
export function dismissable(node: HTMLDetailsElement): { destroy: () => void } {
  const onPointer = (event: PointerEvent): void => {
    if (node.open && event.target instanceof Node && !node.contains(event.target)) {
      node.open = false;
    }
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !node.open) return;
    event.preventDefault();
    node.open = false;
    node.querySelector('summary')?.focus();
  };
  document.addEventListener('pointerdown', onPointer);
  node.addEventListener('keydown', onKey);
  return {
    destroy() {
      document.removeEventListener('pointerdown', onPointer);
      node.removeEventListener('keydown', onKey);
    },
  };
}
