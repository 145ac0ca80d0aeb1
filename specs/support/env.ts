// Child processes of specs that name their own charts root must not inherit the user's
// CHARTS_ROOT / SUITE_CONFIG (`CHARTS_ROOT=… npm test` points the suite elsewhere). Empty = unset.
export const NO_SUITE_ENV: Readonly<Record<string, string>> = { CHARTS_ROOT: '', SUITE_CONFIG: '' };
