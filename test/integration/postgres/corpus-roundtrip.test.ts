/**
 * The PostgreSQL corpus round trip, smaller files (see ./corpus-roundtrip.ts). Every file that
 * loads into a stock server is here or in corpus-roundtrip-large.test.ts, except pagila-pg18,
 * which needs PostgreSQL 18. adventureworks and graphile-starter keep their tables in named
 * schemas: they are pulled with `pull --schema` for every schema the file creates.
 */
import { describeRoundTrips } from './corpus-roundtrip.js';

describeRoundTrips(
  {
    'chinook-identity.sql': {},
    'chinook-serial.sql': {},
    'northwind.sql': {},
    'pagila-schema.sql': { partitioning: 1 },
    'dolphinscheduler.sql': {},
    'temporal-v12-temporal.sql': {},
    'temporal-v12-visibility.sql': { 'operator class': 11 },
    'adventureworks.sql': {},
    'graphile-starter.sql': {},
  },
  [],
  {
    // Five data schemas and five schemas of alias views (pe, hr, …), whose views must stay untouched.
    'adventureworks.sql': ['hr', 'humanresources', 'pe', 'person', 'pr', 'production', 'pu', 'purchasing', 'sa', 'sales'],
    'graphile-starter.sql': ['app_hidden', 'app_private', 'app_public'],
  },
);
