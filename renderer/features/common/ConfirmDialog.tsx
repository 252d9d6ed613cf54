// A modal dialog built on <dialog>: focus is trapped by the browser and Escape closes it.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function Dialog({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    // jsdom lacks showModal; the open attribute is enough there.
    if (d && typeof d.showModal === 'function' && !d.open) d.showModal();
    else if (d) d.setAttribute('open', '');
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}
