"use client";

import { useEffect, useId, useRef } from "react";

/**
 * Drives a native `<dialog>` as a modal from `open`: the browser traps focus, closes on Escape and
 * returns focus to where it was. Answers the element's ref and an id for its heading.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return { ref, titleId };
}
