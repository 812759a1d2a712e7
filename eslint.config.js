// Lint: type-aware TypeScript rules and the layer boundaries of docs (ARCHITECTURE.md, conventions §2).
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repositoryOnly = {
  allowTypeImports: true,
  message: 'Only *.repository.ts files talk to the database (ARCHITECTURE.md: layers).',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'apps/api/src/db/database-types.ts',
      'apps/web/dist/**',
      '**/*.d.ts',
      'coverage/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'func-style': ['error', 'declaration', { allowArrowFunctions: true }],
      'import-x/no-cycle': ['error', { maxDepth: 4, ignoreExternal: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration from config.ts (validated once at boot), not process.env.',
        },
      ],
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'pg',
                'kysely',
                'fastify',
                'react',
                'react-dom',
                '@electric-sql/*',
                'node:*',
                'fs',
                'path',
                'crypto',
                'http',
              ],
              message: 'packages/domain is pure: no I/O, no frameworks.',
            },
            { group: ['**/apps/**'], message: 'The domain does not depend on applications.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/modules/**/*.ts'],
    ignores: ['apps/api/src/modules/**/*.repository.ts', 'apps/api/src/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', ...repositoryOnly },
            { name: 'pg', ...repositoryOnly },
            { name: '@electric-sql/pglite', ...repositoryOnly },
          ],
          patterns: [
            {
              group: ['**/db/database.ts', '**/db/pglite-dialect.ts', '**/db/migrator.ts'],
              ...repositoryOnly,
            },
            {
              regex: '^\\.\\./[^/]+/[^/]+\\.repository\\.ts$',
              message: "Modules call each other's services, never each other's repositories.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/modules/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '\\.service\\.ts$', message: 'Repositories hold SQL only; they do not call services.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', 'node:*'],
              message: 'The web app talks to the server over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/e2e/**/*.{ts,mjs}', 'apps/web/playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: [
      'apps/api/src/config.ts',
      'apps/api/test/**/*.ts',
      'scripts/**/*.ts',
      'scripts/**/*.mjs',
      '**/*.config.ts',
      'apps/api/build.mjs',
      'apps/api/bench/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'apps/api/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
