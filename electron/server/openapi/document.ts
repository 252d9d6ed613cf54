// GET /openapi.json: the OpenAPI 3.1 description of the REST API, built from the live route table
// (rest-routes.ts), the operation notes (operations.ts) and the DTO schemas checked against shared/types.ts.
import type { Route } from '../router.js';
import { COMPONENT_SCHEMAS } from './components.js';
import type { JsonSchema } from './json-schema.js';
import { OPERATIONS, type OperationDoc } from './operations.js';

type Json = Record<string, unknown>;

/** "/inbox/integrations/:id/test" → "/inbox/integrations/{id}/test" and its path parameters. */
function openApiPath(pattern: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = pattern.replace(/:(\w+)/g, (_all, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

function jsonContent(schema: JsonSchema): Json {
  return { 'application/json': { schema } };
}

const ERROR_RESPONSE = { description: 'Error, in the language asked by Accept-Language', content: jsonContent({ $ref: '#/components/schemas/Error' }) };

function operation(doc: OperationDoc, params: string[]): Json {
  const parameters = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } })),
    ...(doc.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: q.schema })),
  ];
  const success =
    doc.result === 'binary'
      ? { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
      : { description: 'OK', content: jsonContent(doc.result) };
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    tags: [doc.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: jsonContent(doc.body) } } : {}),
    responses: {
      [String(doc.status ?? 200)]: success,
      '400': ERROR_RESPONSE,
      '401': ERROR_RESPONSE,
      default: ERROR_RESPONSE,
    },
  };
}

/** Routes with no entry in operations.ts and entries with no route: the drift the test refuses. */
export function openApiDrift(routes: ReadonlyArray<Pick<Route<unknown>, 'method' | 'pattern'>>): { undocumented: string[]; stale: string[] } {
  const keys = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
  return { undocumented: [...keys].filter((k) => !(k in OPERATIONS)), stale: Object.keys(OPERATIONS).filter((k) => !keys.has(k)) };
}

/** A route not described yet is still listed (so clients see it), marked as such; the test keeps this list empty. */
function fallbackDoc(method: string, pattern: string): OperationDoc {
  return { operationId: `${method.toLowerCase()}${pattern.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`, summary: 'Not described yet', tag: 'Messages', result: { type: 'object' } };
}

export function buildOpenApi(routes: ReadonlyArray<Pick<Route<unknown>, 'method' | 'pattern'>>, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const { path, params } = openApiPath(r.pattern);
    const doc = OPERATIONS[`${r.method} ${r.pattern}`] ?? fallbackDoc(r.method, r.pattern);
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: operation(doc, params) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relève REST API',
      version,
      description:
        'The REST API of `releve serve` (the seed guide’s /inbox/… endpoints). Every call needs `Authorization: Bearer <token>`; errors are JSON `{ "error": { "code", "message", "hint"? } }` in the language of Accept-Language (fr or en).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8765', description: 'releve serve (loopback only)' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'Mailboxes', description: 'Mailboxes (integrations) and their connection tests' },
      { name: 'Sync', description: 'Syncing and its status' },
      { name: 'Messages', description: 'The unified inbox' },
      { name: 'Providers', description: 'Provider presets and detection' },
      { name: 'Settings', description: 'Settings' },
    ],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'RELEVE_API_TOKEN, or the api-token file of the data folder.' } },
      schemas: COMPONENT_SCHEMAS,
    },
  };
}
