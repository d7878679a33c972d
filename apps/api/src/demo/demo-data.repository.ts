import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The one question the demo asks the database directly: is there anything yet? */
@Injectable()
export class DemoDataRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async hasIdentifications(): Promise<boolean> {
    const [row] = await this.ds.query<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM identifications) AS any',
    );
    return row?.any === true;
  }
}
