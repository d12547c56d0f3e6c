/*
 * Postgres refuses a NUL byte in text (a request carrying one failed with a 500), and no other
 * control character belongs in a name either; text that may span lines keeps its tabs and breaks.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A name or identifier: one line, no control characters at all. */
export const isOneLine = (s: string): boolean => !CONTROL.test(s);

/** Text that may span lines: tabs and line breaks, but no other control character. */
export const isPlainText = (s: string): boolean => !CONTROL_IN_TEXT.test(s);
