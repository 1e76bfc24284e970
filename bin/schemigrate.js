#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI.
//
// CommonJS on purpose (bin/package.json), as is the CLI's front (dist/cli/*.cjs): with an ES
// module as the entry point Node sets up its ES module loader before the first line runs,
// which is a good part of the time `--help` takes. Commands load their ES modules on demand.
'use strict';

// Node 22.1+ keeps the compiled bundle between runs (untested here: this project runs on Node 20, which has no such cache).
require('node:module').enableCompileCache?.();

require('../dist/cli/main.cjs').main(process.argv);
