// Back lives in a module without `vscode` so plain-Node code and tests can use it.

/**
 * Returned when the user pressed the Back button of a multi-step input. A registered symbol: tests load
 * this module from out/ while the extension runs from dist/, and both must agree on what Back is.
 */
export const BACK: unique symbol = Symbol.for('gongExplorer.back');
export type Back = typeof BACK;

/** True for the Back answer, whichever bundle produced it. */
export function isBack(v: unknown): v is Back { return v === BACK; }
