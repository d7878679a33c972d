import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type DatabaseOptions } from './data-source.js';
import { DatabasePoolMetrics } from './pool-metrics.js';

/** The app's one connection pool. Migrations are applied before the app is built (see bootstrap). */
@Module({})
export class DatabaseModule {
  static forRoot(opts: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(opts), autoLoadEntities: true })],
      providers: [DatabasePoolMetrics],
    };
  }
}
