/**
 * The service worker's cache of plan and scenario pages as this browser last received them, so
 * that they reload offline; named here for the page to delete a plan's pages when access ends.
 */
export const PAGES_CACHE = 'concord-pages';
