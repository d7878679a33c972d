import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSION_KEY, type Permission, PUBLIC_ADMIN_KEY } from '#kyc/staff';

export interface AdminRoute {
  method: string;
  path: string;
  permission?: Permission;
  public: boolean;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route under /admin, read from the controllers' own metadata, with the action each one names. */
export function adminRoutes(app: INestApplication): AdminRoute[] {
  const routes: AdminRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!cls) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
      const proto = cls.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || sub === undefined) continue;
        const path = join(base, sub);
        if (!path.startsWith('/admin/')) continue;
        routes.push({
          method: RequestMethod[method],
          path,
          permission: Reflect.getMetadata(PERMISSION_KEY, handler) as Permission | undefined,
          public: Reflect.getMetadata(PUBLIC_ADMIN_KEY, handler) === true,
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
