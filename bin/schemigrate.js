#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI.
//
// CommonJS on purpose (bin/package.json): an ES module as the entry point makes Node set up
// its asynchronous module loader before the first line runs, about 10 ms of every start.
// Node 20.19+ and 22.12+ load the (ESM) CLI with require(); older versions, or a CLI whose
// module graph ever needs top-level await, fall back to import().
'use strict';

const REQUIRE_FAILURES = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE']);

function loadCli() {
  if (process.features.require_module) {
    try {
      return Promise.resolve(require('../dist/cli/main.js'));
    } catch (error) {
      if (!REQUIRE_FAILURES.has(error && error.code)) throw error;
    }
  }
  return import('../dist/cli/main.js');
}

loadCli().then((cli) => cli.main(process.argv));
