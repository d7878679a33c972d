import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Clock, SystemClock } from './clock.js';
import { Env } from './config/env.js';
import { PublicUrl } from './public-url.js';

/** Settings (validated before boot), the clock and the public URL, available to every lib. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(env: Env, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] })],
      providers: [
        { provide: Env, useValue: env },
        { provide: Clock, useValue: clock },
        { provide: PublicUrl, useValue: new PublicUrl(env.PUBLIC_URL) },
      ],
      exports: [Env, Clock, PublicUrl],
    };
  }
}
