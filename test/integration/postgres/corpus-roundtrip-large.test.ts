/**
 * The PostgreSQL corpus round trip, larger files (see ./corpus-roundtrip.ts), in a file of
 * their own so that jest runs them beside the smaller ones.
 */
import { describeRoundTrips } from './corpus-roundtrip.js';

describeRoundTrips({
  'synapse-full-schema-72.sql': {},
  'sanbase2-structure.sql': { 'NULLS NOT DISTINCT': 1 },
  'netbox-4.2.sql': { 'operator class': 1 },
});
