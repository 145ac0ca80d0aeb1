// Lint for structure, not style (prettier owns style): no `any`, no import cycles, and the
// src layers import only downward. Layer rule: import-x/no-restricted-paths, one zone per
// (layer, forbidden layer) pair so each message names both ends.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = path.dirname(fileURLToPath(import.meta.url));

// Bottom to top. A layer may import from the rows above it in this list (lower layers) and
// from itself; names on one row are siblings and may not import each other.
// Folders that do not exist yet are listed so they land in the right place.
export const LAYERS = [
  ['shared'], // the files directly in src/ (errors.ts, paths.ts): every layer uses them
  ['tools'], // find/provision helm, kubectl
  ['manifests'], // parse, index, query rendered YAML
  ['model', 'types'], // data types several layers share; a rendered release holds manifests
  ['render'], // helm template, kustomize, Flux releases
  ['config'], // suite.yaml
  ['schema'], // Kubernetes/CRD schema validation, used by the schema contract
  ['contracts'], // pure checks: renders in, violations out
  ['unittest'], // the helm-unittest engine; reports through the contracts' violation shape
  ['suite'], // sessions, worlds, the check run
  ['report'], // output formats
  ['bump'], // chart-bump verification
  ['cli'], // argument parsing for the scripts
];

const paths = (name) => (name === 'shared' ? ['src/*.ts'] : [`src/${name}`]);

function layerZones() {
  const zones = [];
  LAYERS.forEach((row, rank) => {
    for (const name of row) {
      const forbidden = LAYERS.slice(rank)
        .flat()
        .filter((other) => other !== name);
      for (const other of forbidden) {
        zones.push({
          target: paths(name),
          from: paths(other),
          message: `Layer "${name}" must not import layer "${other}": a layer imports only from the layers below it (see LAYERS in eslint.config.js).`,
        });
      }
    }
  });
  zones.push({
    target: ['src'],
    from: ['specs', 'scripts'],
    message: 'src must not import specs or scripts: they are consumers of src.',
  });
  return zones;
}

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'charts-under-test/',
      'examples/',
      'bench/',
      'out/',
      'reports/',
      'coverage/',
      '.vitest-reports/',
      '**/*.generated.ts',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  { files: ['**/*.ts'], ...js.configs.recommended },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Off: the code base writes `if (fresh) seen.add(k), out.push(x);` on purpose, and the
      // rule flags every such comma sequence.
      '@typescript-eslint/no-unused-expressions': 'off',
      // `_name` marks a value left unused on purpose (e.g. a key dropped by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones() }],
    },
  },
);
