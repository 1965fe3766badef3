/** The context menu item on selected text ("Save selection as lead", capture/save-selection.ts). */
export const SAVE_SELECTION_MENU = "leadpane-save-selection";
