// `node --import ./api/src/local/openapi-typescript-ts5.mjs …`: openapi-typescript builds its output
// with TypeScript's compiler API, which TypeScript 7 (the project's tsc) no longer has; this hands it
// TypeScript 5 (the `typescript-5` alias) and leaves every other import of `typescript` alone.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/'))
    return next('typescript-5', context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
