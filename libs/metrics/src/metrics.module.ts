import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { registerProcessMetrics } from './process-metrics.js';
import { MetricsRegistry } from './registry.js';

/** Holds the process's registry for every lib's metrics; the api serves it at /metrics. */
@Global()
@Module({
  providers: [MetricsRegistry],
  exports: [MetricsRegistry],
})
export class MetricsModule implements OnApplicationShutdown {
  private readonly stop: () => void;

  constructor(registry: MetricsRegistry) {
    this.stop = registerProcessMetrics(registry);
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}

/** The registry and its scrape route, for the api. */
@Module({ controllers: [MetricsController] })
export class MetricsEndpointModule {}
