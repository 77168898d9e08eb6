// Matches a method and path against route templates ("/12/accounts/:account_id").
import { ApiError } from './api-error.js';
import type { RouteDefinition } from './route-types.js';

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: RouteDefinition;
  pathParams: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: RouteDefinition[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.template
        .split('/')
        .map((segment) => {
          if (segment.startsWith(':')) {
            names.push(segment.slice(1));
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  /** The template a path belongs to (for counting), whatever the method. */
  templateFor(path: string): string | undefined {
    return this.compiled.find((c) => c.pattern.test(path))?.route.template;
  }

  /** Throws 404 ROUTE_NOT_FOUND or 405 METHOD_NOT_ALLOWED when nothing matches. */
  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const c of this.compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      const pathParams: Record<string, string> = {};
      c.names.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, pathParams };
    }
    if (pathMatched) {
      throw new ApiError(405, [{ code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${path}` }]);
    }
    throw new ApiError(404, [{ code: 'ROUTE_NOT_FOUND', message: `The requested resource ${path} could not be found` }]);
  }
}
