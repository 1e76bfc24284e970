#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI.
import('../dist/cli/main.js').then((cli) => cli.main(process.argv));
