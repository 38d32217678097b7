/**
 * Every JSON answer the API tests get is checked against /openapi.json: the operation (method and
 * path template), the status (documented or not) and the body against that status's schema. A
 * mismatch throws from the request, so the test fails with what differed. The document must say
 * what the server does. A call opts out with a reason: `{ unchecked: 'why' }`.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../api/src/local/openapi-document';

type Media = Record<string, { schema?: object }>;
type Operation = { operationId?: string; responses: Record<string, { content?: Media }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: object };

interface Checker {
  check(method: string, url: string, res: Response): Promise<void>;
}

let checker: Promise<Checker> | undefined;

/** One per test process: the document as the app serves it, compiled once. */
export function responseChecker(): Promise<Checker> {
  checker ??= openApiDocument().then((doc) => buildChecker(doc as unknown as Doc));
  return checker;
}

const DOC_ID = 'inlet-openapi';
// The document's own refs, pointed at the copy of it ajv holds.
const rebase = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/', `"${DOC_ID}#/components/`));

function buildChecker(doc: Doc): Checker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOC_ID, components: rebase(doc.components) });
  // Literal segments before templated ones: /v1/routing/rules/reorder is not /v1/routing/rules/{id}.
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
  const compiled = new Map<string, ValidateFunction>();

  return {
    async check(method, url, res) {
      const type = res.headers.get('content-type') ?? '';
      const mediaType = type.split(';')[0]!.trim();
      if (!/^application\/(problem\+)?json$/.test(mediaType)) return; // CSV, HTML, redirects, no body
      const path = new URL(url, 'http://localhost').pathname;
      const m = method.toLowerCase();
      const match = templates.find((t) => t.pattern.test(path) && doc.paths[t.template]![m]);
      if (!match) return; // not an operation of the document: a 404 for an unknown route, /_dev, …
      const operation = doc.paths[match.template]![m]!;
      const where = `${method.toUpperCase()} ${match.template} (${operation.operationId}) answered ${res.status}`;
      const text = await res.clone().text();
      const documented = operation.responses[String(res.status)] ?? operation.responses[`${String(res.status)[0]}XX`];
      if (!documented) throw new Error(`${where}, a status the document does not list: ${text.slice(0, 500)}`);
      // A redirect's body is not read (better-auth labels its empty one JSON).
      if (res.status >= 300 && res.status < 400) return;
      const schema = documented.content?.[mediaType]?.schema;
      if (!schema)
        throw new Error(`${where} with ${mediaType}, which the document does not list for it: ${text.slice(0, 500)}`);
      const key = `${m} ${match.template} ${res.status} ${mediaType}`;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(rebase(schema));
        compiled.set(key, validate);
      }
      if (validate(JSON.parse(text))) return;
      const errors = (validate.errors ?? [])
        .slice(0, 8)
        .map((e) => `  ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
      throw new Error(
        `${where}; the body does not match its schema:\n${errors.join('\n')}\nbody: ${text.slice(0, 800)}`,
      );
    },
  };
}
