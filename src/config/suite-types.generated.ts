// Generated from src/config/suite.schema.json by `npm run gen:config`: do not edit.
// The raw shape of suite.yaml, one file per top-level section (scripts/gen-config-types.ts, TYPE_SECTIONS);
// src/config/types.ts adds what loading fills in (defaults, root, file).
export type * from './suite-types/defaults.generated.js';
export type * from './suite-types/bootstrap-kit.generated.js';
export type * from './suite-types/charts.generated.js';
export type * from './suite-types/suite-file.generated.js';
