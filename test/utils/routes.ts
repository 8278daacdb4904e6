import type { INestApplication } from '@nestjs/common';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** "METHOD /path" for every route registered on the Express instance. */
export function listRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance();
  const stack: Layer[] = (express.router ?? express._router).stack;
  const out: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...new Set(out)];
}
