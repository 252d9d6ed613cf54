// A tiny method + path router: patterns like "/inbox/integrations/:id/sync", where a ":name" segment
// only matches a positive integer (so literal segments such as "sync-all" never collide with ids).
export type Params = Record<string, number>;

export interface Route<H> {
  method: string;
  pattern: string;
  handler: H;
}

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Params }
  | { kind: 'wrong_method'; allowed: string[] }
  | { kind: 'none' };

export function createRouter<H>(routes: Array<Route<H>>): (method: string, path: string) => RouteMatch<H> {
  const compiled = routes.map((r) => ({ ...r, segments: r.pattern.split('/').filter(Boolean) }));
  return (method, path) => {
    const parts = path.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const route of compiled) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', handler: route.handler, params };
      }
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong_method', allowed } : { kind: 'none' };
  };
}

function matchSegments(pattern: string[], parts: string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) {
      if (!/^\d{1,15}$/.test(v)) return null;
      params[p.slice(1)] = Number(v);
    } else if (p !== v) {
      return null;
    }
  }
  return params;
}
