/**
 * The PostgreSQL corpus round trip, smaller files (see ./corpus-roundtrip.ts). Every file that
 * loads into the public schema of a stock server is here or in corpus-roundtrip-large.test.ts;
 * adventureworks and graphile-starter use other schemas, pagila-pg18 needs PostgreSQL 18.
 */
import { describeRoundTrips } from './corpus-roundtrip.js';

describeRoundTrips({
  'chinook-identity.sql': {},
  'chinook-serial.sql': {},
  'northwind.sql': {},
  'pagila-schema.sql': { partitioning: 1 },
  'dolphinscheduler.sql': {},
  'temporal-v12-temporal.sql': {},
  'temporal-v12-visibility.sql': { 'operator class': 11 },
});
