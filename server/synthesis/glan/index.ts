// The GLAN method's pure core (issue 15 items 1 and 2): no database, no HTTP. The jobs, the endpoint client and the
// API build on these.
export * from './completion-parse';
export * from './concept-sampling';
export * from './json-extract';
export * from './node-key';
export * from './prompt-templates';
export * from './taxonomy';
export * from './taxonomy-names';
export * from './taxonomy-review';
