"use client";

import { createContext, useContext } from "react";

/** Whether the row around a cell holds the grid's one tab stop. */
export const RowTabStopContext = createContext(true);

/**
 * The `tabIndex` for a control inside a grid row: Tab reaches it only in the active row, so Tab
 * leaves the grid instead of walking every row's controls. Arrows and clicks still get there.
 */
export function useRowControlTabIndex(): -1 | undefined {
  return useContext(RowTabStopContext) ? undefined : -1;
}
