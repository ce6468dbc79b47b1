/** Jest runs the TypeScript sources transpile-only; `npm run typecheck` does the type checking once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/testing', '<rootDir>/sandbox'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // ESM-only packages in the dependency tree: jose (firebase-admin auth), p-retry and its helper.
  transformIgnorePatterns: ['/node_modules/(?!(jose|p-retry|is-network-error)/)'],
  setupFiles: ['<rootDir>/testing/jest-env.ts'],
  testTimeout: 30000,
};
