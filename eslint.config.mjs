import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', '.data/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Each Next bundle has its own copy of a class, so `instanceof` on our errors is false across bundles (an STK
      // timeout once became "Nothing was charged"). Use isAppError / isDarajaError / isDarajaCallbackError.
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/^(AppError|DarajaError|DarajaCallbackError|ZodError)$/]",
          message: 'Use isAppError / isDarajaError / isDarajaCallbackError (brand checks): instanceof fails across Next bundles.',
        },
      ],
    },
  },
  {
    // The app must reach the sandbox only over HTTP, like it would reach Safaricom.
    files: ['app/**', 'components/**', 'db/**', 'lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sandbox/**', '@/sandbox/**'], message: 'app code reaches the Daraja sandbox only over HTTP' }] }],
    },
  },
];

export default config;
