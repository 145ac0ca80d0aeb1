// What a Flux post-build variable may be called (`${NAME}`), in one place: the substitution
// engine (render/flux/substitute.ts) leaves any other `${…}` untouched, and the suite config's
// bootstrapKit.secretVariables must name variables of this shape (suite.schema.json holds
// the same pattern for editors; specs/config/schema.spec.ts keeps the two equal).
export const FLUX_VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
