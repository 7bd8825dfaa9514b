/*
 * Forwards to test/helpers/stories.ts for the align, classify and lineage
 * tests, which still import this path (their folders are being restructured
 * elsewhere; they move to the new path with that work, and this file goes).
 * Excluded from the build by tsconfig.json, like every test helper.
 */
export { bagOfWordsVector, storyView, useTempDir } from '../test/helpers/stories.js';
