import { packageEntryFor } from '../../../src/config/package-entry.js';

describe('packageEntryFor', () => {
  it.each([
    ["import { defineConfig } from 'schemigrate';"],
    ['import { defineConfig, env } from "schemigrate";'],
    ['import { defineConfig, type NamingConvention } from "schemigrate";'],
    ["import type { SchemigrateConfig } from 'schemigrate';\nimport { defineConfig } from 'schemigrate';"],
    ['export default { url: "sqlite:./dev.sqlite3" };'],
  ])('uses the light entry when only defineConfig and env are imported: %s', (source) => {
    expect(packageEntryFor(source)).toBe('config');
  });

  it.each([
    ["import { defineConfig, sql } from 'schemigrate';"],
    ["import * as schemigrate from 'schemigrate';"],
    ["import schemigrate from 'schemigrate';"],
    ["const { defineConfig } = require('schemigrate');"],
    ["const api = await import('schemigrate');"],
  ])('uses the full entry for anything else: %s', (source) => {
    expect(packageEntryFor(source)).toBe('full');
  });
});
