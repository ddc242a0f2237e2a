import type { CSSProperties } from "react";

/**
 * A column's width in a flex row: its size at least, and a share of spare width in proportion to
 * its size, as `table-layout: fixed` gave it before rows left the table layout.
 */
export const columnWidth = (size: number): CSSProperties => ({ flex: `${size} 0 ${size}px` });
