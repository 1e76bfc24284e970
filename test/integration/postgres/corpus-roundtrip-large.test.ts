/**
 * The PostgreSQL corpus round trip, larger files (see ./corpus-roundtrip.ts), in a file of
 * their own so that jest runs them beside the smaller ones; they run with SCHEMIGRATE_CORPUS_FULL=1.
 */
import { describeRoundTrips } from './corpus-roundtrip.js';

const FILES = {
  'synapse-full-schema-72.sql': {},
  'sanbase2-structure.sql': { 'NULLS NOT DISTINCT': 2, 'NOT VALID': 1 },
  'netbox-4.2.sql': { 'operator class': 85 },
};

describeRoundTrips(FILES, Object.keys(FILES));
