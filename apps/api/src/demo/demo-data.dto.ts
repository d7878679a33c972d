import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_DEMO_PERSONS = 2000;

export class LoadDemoDataDto {
  /** How many demo customers to sign up (each with one or more identifications). */
  @ApiProperty({ minimum: 1, maximum: MAX_DEMO_PERSONS, example: 200 })
  @Max(MAX_DEMO_PERSONS)
  @Min(1)
  @IsInt()
  persons!: number;

  /** The same seed gives the same customers, stories and times (docs/DEMO-DATA.md); default 1. */
  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, example: 7 })
  @IsOptional()
  @Max(2147483647)
  @Min(0)
  @IsInt()
  seed?: number;

  /** Length of the history in days, ending now; default 30. */
  @ApiPropertyOptional({ minimum: 1, maximum: 365, example: 30 })
  @IsOptional()
  @Max(365)
  @Min(1)
  @IsInt()
  days?: number;
}

export type DemoDataState = 'idle' | 'running' | 'done' | 'failed';

export class DemoDataStatusDto {
  /** Demo data can be loaded here: sandbox mode with the built-in IDnow sandbox. */
  @ApiProperty() available!: boolean;
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'] }) state!: DemoDataState;
  /** Customers played so far in the current (or last) load. */
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
}
