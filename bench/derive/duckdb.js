#!/usr/bin/env node
// Runs one part of sql/duckdb.sql on a DuckDB database file, for run.sh:
//
//   node duckdb.js DB SQL import|compute
//
// "import" runs the statements before the "-- @@ compute" line, "compute"
// those after it, printing each query's rows tab separated (NULL as "").
// bench/derive only: @duckdb/node-api is no dependency of vitals.
'use strict';

const fs = require('fs');
const { DuckDBInstance } = require('@duckdb/node-api');

const [db, file, part] = process.argv.slice(2);
if (!db || !file || (part !== 'import' && part !== 'compute')) {
	process.stderr.write('usage: node duckdb.js DB SQL import|compute\n');
	process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const at = text.indexOf('-- @@ compute');
const sql = part === 'import' ? text.slice(0, at) : text.slice(at);
const statements = sql.split('\n')
	.filter((l) => !/^\s*--/.test(l))
	.join('\n')
	.split(/;\s*\n/)
	.map((s) => s.trim())
	.filter((s) => s.length);

function cell(v) {
	if (v === null || v === undefined) return '';
	return String(v);
}

(async () => {
	const instance = await DuckDBInstance.create(db);
	const con = await instance.connect();
	const out = [];
	for (const s of statements) {
		const reader = await con.runAndReadAll(s);
		if (/^(WITH|SELECT)\b/i.test(s))
			for (const row of reader.getRowsJS())
				out.push(row.map(cell).join('\t'));
		if (out.length > 10000) {
			process.stdout.write(out.join('\n') + '\n');
			out.length = 0;
		}
	}
	if (out.length) process.stdout.write(out.join('\n') + '\n');
	con.closeSync();
	instance.closeSync();
})().catch((e) => {
	process.stderr.write(`duckdb.js: ${e.message}\n`);
	process.exit(1);
});
