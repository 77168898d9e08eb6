/** Moved to src/source/ (the source contract sits below the planner); kept so that older imports compile. */
export * from '../source/contract.js';
