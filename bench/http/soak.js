#!/usr/bin/env node
// The soak's load generator (bench/http/soak.sh runs it).
//
//   node soak.js run CONFIG.json OUT_DIR
//       CONNECTIONS clients, each one keep-alive connection to one of the
//       servers, signed in as one of the users, for DURATION seconds:
//       page views, API reads with the user's token, and for the users
//       who may write, return saves and action updates through the web
//       forms (the form read, its CSRF token sent back).  Writes out
//       OUT_DIR/writes.json (every write and its answer) and
//       OUT_DIR/result.json, and prints the figures.
//       With "readOnly": true in CONFIG, the same reads and no writes
//       (a fresh server on the soaked data, for its memory).
//   node soak.js memory SOAK_DIR FRESH_DIR
//       Judges the soaked servers' memory (see memory() below).
//   node soak.js verify OUT_DIR
//       Checks the writes against what the store holds (the TSV files
//       soak.sh reads with psql): each saved write exactly once, no other.
'use strict';
const http = require('http');
const fs = require('fs');

function request(agent, base, method, path, headers, body) {
	return new Promise((resolve) => {
		const u = new URL(path, base);
		const t0 = process.hrtime.bigint();
		const req = http.request({
			agent, host: u.hostname, port: u.port, method,
			path: u.pathname + u.search, headers,
		}, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({
				status: res.statusCode, headers: res.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				ms: Number(process.hrtime.bigint() - t0) / 1e6,
			}));
			res.on('error', (e) => resolve({ error: e.message, ms: 0 }));
		});
		req.on('error', (e) => resolve({ error: e.code || e.message, ms: 0 }));
		req.setTimeout(30000, () => req.destroy(new Error('timeout')));
		if (body) req.write(body);
		req.end();
	});
}

function cookies(res, jar) {
	for (const c of [].concat(res.headers['set-cookie'] || [])) {
		const [kv] = c.split(';');
		const i = kv.indexOf('=');
		jar[kv.slice(0, i)] = kv.slice(i + 1);
	}
}
const cookieHeader = (jar) =>
	Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
const field = (html, name) => {
	const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
	return m ? m[1] : null;
};
const form = (o) => Object.entries(o)
	.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
	.join('&');

// Per route: latencies, statuses; failures and expected refusals apart.
const routes = {};
function note(route, res, want) {
	const r = routes[route] || (routes[route] = { ms: [], statuses: {}, failed: 0, refused: 0 });
	const key = res.error ? `error:${res.error}` : String(res.status);
	r.statuses[key] = (r.statuses[key] || 0) + 1;
	if (res.error || res.status >= 500) r.failed++;
	else if (res.status !== want) {
		// A 409 is a write refused because another changed the record
		// first: expected under concurrency, counted apart.
		if (res.status === 409) r.refused++;
		else r.failed++;
		// What the page said, for the report (a few of each route).
		const said = (res.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/) ||
			res.body.match(/<h1[\s\S]*?<\/h1>/) || [''])[0]
			.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		r.said = r.said || {};
		if (Object.keys(r.said).length < 3) r.said[`${res.status} ${said}`] = true;
	}
	if (!res.error) r.ms.push(res.ms);
}
function pct(a, p) {
	if (!a.length) return 0;
	return a[Math.min(a.length - 1, Math.floor(p / 100 * a.length))];
}
function rss(pid) {
	try {
		const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
		return m ? Number(m[1]) / 1024 : null;
	} catch (e) { return null; }
}

// CPU seconds a process has used (user and system), from /proc.
function cpu(pid) {
	try {
		const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
		return (Number(rest[11]) + Number(rest[12])) / 100;
	} catch (e) { return 0; }
}
// The PostgreSQL backends serving the soak's database.
function backends(db) {
	const pids = [];
	for (const p of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(p)) continue;
		try {
			const c = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
			if (c.startsWith('postgres: ') && c.includes(` ${db} `)) pids.push(Number(p));
		} catch (e) { /* gone */ }
	}
	return pids;
}

async function run(configPath, out) {
	const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8'));
	const duration = cfg.duration * 1000;
	const warmup = cfg.warmup * 1000;
	const writeEvery = cfg.writeEvery;
	let seq = 0;
	const writes = [];

	// Sign every user in (on alternate servers) and read its CSRF token.
	const users = cfg.users;
	for (let i = 0; i < users.length; i++) {
		const u = users[i];
		const base = cfg.servers[i % cfg.servers.length].url;
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		u.jar = {};
		let res = await request(agent, base, 'GET', '/login', {});
		cookies(res, u.jar);
		res = await request(agent, base, 'POST', '/login', {
			'Content-Type': 'application/x-www-form-urlencoded',
			Cookie: cookieHeader(u.jar),
		}, form({ email: u.email, password: u.password, csrf: field(res.body, 'csrf') }));
		cookies(res, u.jar);
		if (res.status !== 303 || !u.jar.vitals_session) {
			console.error(`soak: ${u.email} cannot sign in (${res.status})`);
			process.exit(1);
		}
		u.cookie = cookieHeader(u.jar);
		res = await request(agent, base, 'GET', '/', { Cookie: u.cookie });
		u.csrf = field(res.body, 'csrf');
		u.busy = false;
		u.lastWrite = 0;
		u.turn = 0;
		// The return slot this user writes: its own figure of the
		// return, a count (no numerator and denominator).
		if (u.returnPath) {
			res = await request(agent, base, 'GET', u.returnPath, { Cookie: u.cookie });
			const slots = [];
			for (const m of res.body.matchAll(/name="value-(\d+)"/g))
				if (!res.body.includes(`name="num-${m[1]}"`)) slots.push(Number(m[1]));
			u.slot = slots[u.rank % slots.length];
		}
		agent.destroy();
	}

	const reads = [
		['page /', (u) => '/'],
		['page /measures', (u) => '/measures'],
		['page /actions', (u) => '/actions'],
		['page /measures/CODE', (u) => `/measures/${u.measure}`],
		['api /api/v1/actions/summary', (u) => '/api/v1/actions/summary'],
		['api /api/v1/measures', (u) => '/api/v1/measures'],
		['api /api/v1/measures/CODE/values', (u) => `/api/v1/measures/${u.measure}/values`],
		['api /api/v1/actions?rag=red', (u) => '/api/v1/actions?rag=red'],
	];

	async function write(u, agent, base, server) {
		u.busy = true;
		u.lastWrite = Date.now();
		const kind = u.slot !== undefined && (!u.actions.length || u.turn % 2 === 0) ? 'return' : 'action';
		u.turn++;
		if (kind === 'return') {
			let res = await request(agent, base, 'GET', u.returnPath, { Cookie: u.cookie });
			note('form GET /returns/A/P', res, 200);
			if (res.status === 200) {
				const n = ++seq;
				const value = cfg.valueBase + n;
				const body = { csrf: u.csrf, confirmed: 'yes' };
				body[`value-${u.slot}`] = String(value);
				body[`based-${u.slot}`] = field(res.body, `based-${u.slot}`);
				res = await request(agent, base, 'POST', u.returnPath, {
					'Content-Type': 'application/x-www-form-urlencoded', Cookie: u.cookie,
				}, form(body));
				note('save POST /returns/A/P', res, 303);
				writes.push({ kind, n, user: u.email, server, path: u.returnPath,
					value, status: res.status || res.error });
			}
		} else {
			const code = u.actions[u.turn % u.actions.length];
			let res = await request(agent, base, 'GET', `/actions/${code}`, { Cookie: u.cookie });
			note('form GET /actions/CODE', res, 200);
			if (res.status === 200) {
				const n = ++seq;
				const text = `Soak update ${n}: progress checked.`;
				res = await request(agent, base, 'POST', `/actions/${code}`, {
					'Content-Type': 'application/x-www-form-urlencoded', Cookie: u.cookie,
				}, form({ csrf: u.csrf, seen: field(res.body, 'seen'),
					rag: n % 2 ? 'amber' : 'green', note: text, evidence: '' }));
				note('update POST /actions/CODE', res, 303);
				writes.push({ kind, n, user: u.email, server, action: code,
					note: text, status: res.status || res.error });
			}
		}
		u.busy = false;
	}

	const cpuStart = cfg.servers.map((x) => cpu(x.pid));
	const pgStart = new Map(backends(cfg.dbName).map((p) => [p, cpu(p)]));
	const start = Date.now();
	const end = start + duration;
	const rssSamples = cfg.servers.map(() => []);
	// Every 10 s under load, and once when the load has ended (its
	// connections closed: not judged).
	const sample = (load) => cfg.servers.forEach((s, i) =>
		rssSamples[i].push({ t: (Date.now() - start) / 1000, mb: rss(s.pid), load }));
	sample(true);
	const timer = setInterval(() => sample(true), 10000);
	let next = 0;
	async function client(i) {
		// Each user's clients are spread over both servers.
		const u = users[i % users.length];
		const server = (i + Math.floor(i / users.length)) % cfg.servers.length;
		const base = cfg.servers[server].url;
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		while (Date.now() < end) {
			if (u.writer && !cfg.readOnly && !u.busy &&
			    Date.now() - u.lastWrite >= writeEvery) {
				await write(u, agent, base, server);
				continue;
			}
			const [route, path] = reads[next++ % reads.length];
			const api = route.startsWith('api');
			const res = await request(agent, base, 'GET', path(u),
				api ? { Authorization: `Bearer ${u.token}` } : { Cookie: u.cookie });
			note(route, res, 200);
		}
		agent.destroy();
	}
	await Promise.all(Array.from({ length: cfg.connections }, (_, i) => client(i)));
	clearInterval(timer);
	sample(false);
	const secs = (Date.now() - start) / 1000;
	const cpuServers = cfg.servers.map((x, i) => cpu(x.pid) - cpuStart[i]);
	const cpuPg = backends(cfg.dbName).reduce((a, p) => a + cpu(p) - (pgStart.get(p) || 0), 0);

	// Figures.
	let total = 0, failed = 0, refused = 0;
	const table = [];
	for (const [name, r] of Object.entries(routes).sort()) {
		r.ms.sort((a, b) => a - b);
		const n = Object.values(r.statuses).reduce((a, b) => a + b, 0);
		total += n; failed += r.failed; refused += r.refused;
		table.push({ route: name, requests: n, p50: pct(r.ms, 50), p99: pct(r.ms, 99),
			max: r.ms.length ? r.ms[r.ms.length - 1] : 0, failed: r.failed,
			refused: r.refused, statuses: r.statuses });
	}
	console.log(`${total} requests in ${secs.toFixed(0)} s (${(total / secs).toFixed(0)}/s) over ${cfg.connections} connections, ${users.length} users, ${cfg.servers.length} servers`);
	console.log(`failed: ${failed}   refused 409 (another saved first, expected): ${refused}`);
	console.log(`${'route'.padEnd(34)} ${'requests'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  statuses`);
	for (const t of table)
	{
		console.log(`${t.route.padEnd(34)} ${String(t.requests).padStart(8)} ${t.p50.toFixed(1).padStart(8)} ${t.p99.toFixed(1).padStart(8)} ${t.max.toFixed(1).padStart(8)}  ${JSON.stringify(t.statuses)}`);
		for (const s of Object.keys(routes[t.route].said || {}))
			console.log(`    answered: ${s.slice(0, 300)}`);
	}
	const cpuAll = cpuServers.reduce((a, b) => a + b, 0) + cpuPg;
	console.log(`CPU: servers ${cpuServers.map((c) => c.toFixed(1)).join(' s + ')} s, PostgreSQL backends ${cpuPg.toFixed(1)} s: ${(cpuAll / total * 1000).toFixed(2)} ms a request (${(cpuAll / secs).toFixed(2)} of the ${require('os').cpus().length} CPUs)`);
	const rssReport = [];
	rssSamples.forEach((s, i) => {
		const after = s.filter((x) => x.load && x.t >= cfg.warmup && x.mb !== null);
		const first = after.length ? after[0].mb : null;
		const lo = Math.min(...after.map((x) => x.mb)), hi = Math.max(...after.map((x) => x.mb));
		const flat = first !== null && after.every((x) => Math.abs(x.mb - first) <= first * 0.1);
		rssReport.push({ server: i, samples: s, first, min: lo, max: hi, flat });
		console.log(`server ${i + 1} RSS MB: start ${s[0].mb.toFixed(1)}, after warm-up (${cfg.warmup} s) ${first.toFixed(1)}, then ${lo.toFixed(1)}..${hi.toFixed(1)} (${(((hi - first) / first) * 100).toFixed(1)}% at most): ${flat ? 'flat (within 10%)' : 'NOT FLAT'}`);
		console.log(`  samples every 10 s: ${s.filter((x) => x.load).map((x) => x.mb.toFixed(1)).join(' ')}; after the load: ${s[s.length - 1].mb.toFixed(1)}`);
	});
	const saved = writes.filter((w) => w.status === 303);
	console.log(`writes: ${writes.length} made, ${saved.length} saved (${saved.filter((w) => w.kind === 'return').length} return figures, ${saved.filter((w) => w.kind === 'action').length} action updates), ${writes.length - saved.length} not saved`);
	fs.writeFileSync(`${out}/writes.json`, JSON.stringify(writes));
	fs.writeFileSync(`${out}/result.json`, JSON.stringify({ seconds: secs, total, failed, refused,
		routes: table, rss: rssReport, cpu: { servers: cpuServers, postgres: cpuPg } }));
	return failed === 0 ? 0 : 1;
}

// The soaked servers' memory, judged two ways.  Flat: every sample
// under load after the warm-up within 10% of the first.  Against the
// data: the soak more than doubles the demo's figures and action
// updates, and a server keeps what it reads (the packs, the dashboard,
// the API's answers) in proportion to the data; so a fresh server is
// started on the soaked database and given the same reads, without
// writes, for as long as the warm-up, and each soaked server's memory at
// the end of the load is held against the fresh one's at the end of its
// reads: within 10% more, the soak left nothing behind but its data.
// Either is a pass.
function memory(soakDir, freshDir) {
	const soak = JSON.parse(fs.readFileSync(`${soakDir}/result.json`, 'utf8'));
	const fresh = JSON.parse(fs.readFileSync(`${freshDir}/result.json`, 'utf8'));
	const lastUnderLoad = (r) => {
		const under = r.samples.filter((x) => x.load && x.mb !== null);
		return under.length ? under[under.length - 1].mb : null;
	};
	const f = Math.max(...fresh.rss.map(lastUnderLoad));
	let ok = true;
	for (const r of soak.rss) {
		const end = lastUnderLoad(r);
		const against = end !== null && f > 0 && end <= f * 1.1;
		console.log(`server ${r.server + 1}: ${end.toFixed(1)} MB at the end of the load; a fresh server on the soaked data after the same reads: ${f.toFixed(1)} MB (${(((end - f) / f) * 100).toFixed(1)}%): ${r.flat ? 'flat' : 'not flat'} after the warm-up, ${against ? 'within 10% of the fresh server' : 'MORE THAN 10% ABOVE THE FRESH SERVER'}`);
		ok = ok && (r.flat || against);
	}
	return ok ? 0 : 1;
}

// Each saved write exactly once in the store and in the change log, as
// made by its user; a write not saved nowhere; nothing else.
function verify(out) {
	const writes = JSON.parse(fs.readFileSync(`${out}/writes.json`, 'utf8'));
	const tsv = (f) => fs.readFileSync(`${out}/${f}`, 'utf8').split('\n')
		.filter((l) => l).map((l) => l.split('\t'));
	let problems = 0;
	const problem = (m) => { if (problems++ < 20) console.log(`  ${m}`); };
	const count = (rows, key) => {
		const m = new Map();
		for (const r of rows) { const k = key(r); m.set(k, (m.get(k) || 0) + 1); }
		return m;
	};
	// values.tsv: value, by (every stored figure of the soak's range)
	const values = count(tsv('values.tsv'), (r) => `${Number(r[0])}\t${r[1]}`);
	// action_log.tsv: who, action, note of its newest update (change log)
	const actionLog = count(tsv('action_log.tsv'), (r) => `${r[0]}\t${r[1]}\t${r[2]}`);
	// action_updates.tsv: action, note, by (the tracker as stored)
	const updates = count(tsv('action_updates.tsv'), (r) => `${r[0]}\t${r[1]}`);
	// import_log.tsv: who, return, rows (the change log's form saves)
	const importLog = count(tsv('import_log.tsv'), (r) => `${r[0]}\t${r[1]}`);
	const expectImports = new Map();
	let saved = 0;
	for (const w of writes) {
		const ok = w.status === 303;
		saved += ok;
		if (w.kind === 'return') {
			const k = `${w.value}\t${w.user}`;
			const n = values.get(k) || 0;
			if (n !== (ok ? 1 : 0)) problem(`figure ${w.value} by ${w.user} (answer ${w.status}) is stored ${n} times`);
			values.delete(k);
			if (ok) {
				const r = `${w.user}\t${w.path.replace('/returns/', '')}`;
				expectImports.set(r, (expectImports.get(r) || 0) + 1);
			}
		} else {
			const k = `${w.user}\t${w.action}\t${w.note}`;
			const n = actionLog.get(k) || 0;
			if (n !== (ok ? 1 : 0)) problem(`update '${w.note}' of ${w.action} by ${w.user} (answer ${w.status}) is in the change log ${n} times`);
			actionLog.delete(k);
			const u = updates.get(`${w.action}\t${w.note}`) || 0;
			if (u !== (ok ? 1 : 0)) problem(`update '${w.note}' of ${w.action} is stored ${u} times`);
			updates.delete(`${w.action}\t${w.note}`);
		}
	}
	for (const [k, n] of values) problem(`a figure no save made is stored: ${k} (${n})`);
	for (const [k, n] of actionLog) problem(`an action change no update made is logged: ${k} (${n})`);
	for (const [k, n] of updates) problem(`an update no request made is stored: ${k} (${n})`);
	for (const [k, n] of expectImports)
		if ((importLog.get(k) || 0) !== n) problem(`${k}: ${n} saves, ${importLog.get(k) || 0} in the change log`);
	for (const [k, n] of importLog)
		if (!expectImports.has(k)) problem(`${k}: ${n} form saves logged that no request made`);
	console.log(`writes checked: ${saved} saved, ${writes.length - saved} not saved: ${problems ?
		`${problems} PROBLEMS` :
		'ok (each saved write in the store and the change log exactly once, the others in neither)'}`);
	return problems ? 1 : 0;
}

const [verb, a, b] = process.argv.slice(2);
if (verb === 'run') run(a, b).then((c) => process.exit(c));
else if (verb === 'verify') process.exit(verify(a));
else if (verb === 'memory') process.exit(memory(a, b));
else { console.error('usage: soak.js run CONFIG OUT | verify OUT | memory SOAK FRESH'); process.exit(2); }
