/** `tsx api/src/local/dump-openapi.ts [file]`: writes /openapi.json's document (default .build/openapi.json). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from './openapi-document';

const file = path.resolve(process.argv[2] ?? '.build/openapi.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
