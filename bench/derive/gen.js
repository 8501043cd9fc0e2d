#!/usr/bin/env node
// A generated, deterministic extract for bench/derive: children's CIN
// episodes (referrals), CIN plans and CP plans over five census years,
// written as five CIN census XML files (one per year, as at 31 March) and
// as one CSV of the same records for the SQL baselines.
//
//   node gen.js OUTDIR            (SCALE=1: about 320,000 children,
//                                  600,000 referrals, 400,000 CP plans)
//
// Environment: SCALE (a number, default 1: the number of children made is
// 330,000 x SCALE, of whom about 97% have a record in the five years),
// SEED (default 21).
//
// Made up from a seeded random generator: no record is copied from any
// real file; identifiers only look like the real formats.  Output is
// streamed child by child (memory flat in SCALE).
//
// Each census file holds, as the real census does, every child with an
// episode open at some time in its year (1 April to 31 March), and in
// each such episode the plans open at some time in the year; a date
// after the census's reference date is not yet known, so a record that
// ends later is written open.  The same record is thus in every census
// of the years it was open.  The CSV has each record once, as the last
// census knows it; a record in no census is in neither.
'use strict';

const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
	process.stderr.write('usage: node gen.js OUTDIR\n');
	process.exit(2);
}
const scale = Number(process.env.SCALE || 1);
if (!(scale > 0)) {
	process.stderr.write('gen.js: SCALE must be a positive number\n');
	process.exit(2);
}
const nchildren = Math.max(1, Math.round(330000 * scale));

// ---- a seeded generator (mulberry32) ---------------------------------
let seed = (Number(process.env.SEED || 21) >>> 0) || 21;
function rand() {
	seed = (seed + 0x6d2b79f5) >>> 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function int(lo, hi) {	// lo..hi inclusive
	return lo + Math.floor(rand() * (hi - lo + 1));
}
function pick(list) {
	return list[Math.floor(rand() * list.length)];
}
function weighted(pairs) {	// [[value, weight], ...]
	let total = 0;
	for (const p of pairs) total += p[1];
	let r = rand() * total;
	for (const p of pairs) {
		r -= p[1];
		if (r < 0) return p[0];
	}
	return pairs[pairs.length - 1][0];
}

// ---- days <-> ISO dates ------------------------------------------------
const DAY = 86400000;
function day(iso) {
	return Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
}
function iso(d) {
	return new Date(d * DAY).toISOString().slice(0, 10);
}

// The five census years: 1 April YYYY-1 to 31 March YYYY.
const YEARS = [2021, 2022, 2023, 2024, 2025].map((y) => ({
	year: y,
	from: day(`${y - 1}-04-01`),
	to: day(`${y}-03-31`),
	ref: `${y}-03-31`,
}));
const FIRST = YEARS[0].from;
const LAST = YEARS[YEARS.length - 1].to;
const EARLIEST = day('2019-01-01');	// episodes open on 1 April 2020

const NEEDS = [['N1', 50], ['N2', 6], ['N3', 5], ['N4', 9], ['N5', 14],
	['N6', 3], ['N7', 1], ['N8', 3], ['N9', 7], ['N0', 2]];
const ABUSE = [['NEG', 48], ['EMO', 36], ['PHY', 7], ['SAB', 4],
	['MUL', 5]];
const SOURCES = ['1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C',
	'3D', '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8', '9',
	'10'];
const CLOSURES = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8'];
const ETHNIC = ['WBRI', 'WOTH', 'MWBC', 'ASIA', 'BAFR', 'OOTH', 'REFU'];

// ---- output: buffered synchronous writes, flushed at 1 MB ---------------
fs.mkdirSync(out, { recursive: true });
function sink(file) {
	const fd = fs.openSync(file, 'w');
	let parts = [], size = 0;
	return {
		write(s) {
			parts.push(s);
			size += s.length;
			if (size >= 1 << 20) this.flush();
		},
		flush() {
			if (parts.length) fs.writeSync(fd, parts.join(''));
			parts = [];
			size = 0;
		},
		close() {
			this.flush();
			fs.closeSync(fd);
		},
	};
}

const xml = YEARS.map((y) => {
	const s = sink(path.join(out, `cin-${y.year}.xml`));
	s.write('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n' +
		'<Header><CollectionDetails><Collection>CIN</Collection>' +
		`<Year>${y.year}</Year><ReferenceDate>${y.ref}</ReferenceDate>` +
		'</CollectionDetails>\n<Source><SourceLevel>L</SourceLevel>' +
		'<LEA>999</LEA><SoftwareCode>bench-derive</SoftwareCode>' +
		'<Release>1</Release><SerialNo>1</SerialNo>' +
		`<DateTime>${y.ref}T18:00:00</DateTime></Source></Header>\n` +
		'<Children>\n');
	return s;
});
const csv = sink(path.join(out, 'recs.csv'));
csv.write('child_id,kind,birth_month,start,end,category,source,reason\n');

// ---- one child's journey -------------------------------------------------
// A record: { kind, start, end (day, or null when not ended by LAST),
// category, source, reason }.  Starts are distinct within a kind.
function episode(start) {
	const ep = {
		kind: 'referral', start, end: null,
		category: weighted(NEEDS), source: pick(SOURCES), reason: '',
		cin: [], cp: [],
	};
	let last = start + int(5, 120);	// NFA or a short episode
	if (rand() < 0.5) {
		const s = start + int(20, 60);
		const e = s + Math.round(30 + 500 * rand() * rand() + 200 * rand());
		ep.cin.push({ kind: 'cin-plan', start: s, end: e,
			category: ep.category, source: '', reason: '' });
		last = Math.max(last, e);
	}
	const ncp = weighted([[0, 50], [1, 33], [2, 17]]);
	let at = start + int(10, 50);
	for (let i = 0; i < ncp; i++) {
		const initial = weighted(ABUSE);
		const latest = rand() < 0.85 ? initial : weighted(ABUSE);
		const e = at + Math.round(30 + 700 * rand() * rand() + 150 * rand());
		ep.cp.push({ kind: 'cp-plan', start: at, end: e, category: latest,
			initial, source: '', reason: '' });
		last = Math.max(last, e);
		at = e + int(1, 120);
	}
	ep.end = last + int(0, 60);
	ep.reason = pick(CLOSURES);
	return ep;
}

// A record is in census year y when it was open at some time in it.
function inYear(r, y) {
	return r.start <= y.to && (r.end === null || r.end >= y.from);
}
function seenIn(r) {
	return r.start <= LAST && (r.end === null || r.end >= FIRST);
}

function pad(n, w) {
	return String(n).padStart(w, '0');
}

const counts = { children: 0, referral: 0, 'cin-plan': 0, 'cp-plan': 0 };

function csvRow(id, bm, r) {
	csv.write(`${id},${r.kind},${bm},${iso(r.start)},` +
		`${r.end === null ? '' : iso(r.end)},${r.category},${r.source},` +
		`${r.end === null ? '' : r.reason}\n`);
	counts[r.kind]++;
}

function dates(y, startName, endName, r) {
	let s = `<${startName}>${iso(r.start)}</${startName}>`;
	if (r.end !== null && r.end <= y.to)
		s += `<${endName}>${iso(r.end)}</${endName}>`;
	return s;
}

for (let c = 1; c <= nchildren; c++) {
	const id = `BCH${pad(c, 7)}`;
	const upn = `A${pad((c * 7919) % 1e9, 9)}${pad(c % 1000, 3)}`;
	// Episodes: the first anywhere in the window, the next after the one
	// before has closed, often soon (re-referrals).
	const eps = [];
	let start = EARLIEST + Math.floor((LAST - 30 - EARLIEST) * rand() ** 1.4);
	const want = weighted([[1, 20], [2, 25], [3, 22], [4, 15], [5, 10], [6, 8]]);
	for (let i = 0; i < want && start <= LAST; i++) {
		const ep = episode(start);
		eps.push(ep);
		start = ep.end + (rand() < 0.6 ? int(7, 365) : int(366, 800));
	}
	// Dates not yet reached by the last census are not known: open.
	for (const ep of eps) {
		for (const r of [ep, ...ep.cin, ...ep.cp])
			if (r.end !== null && r.end > LAST) r.end = null;
		// An episode is open while any of its plans is.
		if (ep.cin.concat(ep.cp).some((r) => r.end === null))
			ep.end = null;
	}
	const kept = eps.filter(seenIn);
	if (!kept.length) continue;
	counts.children++;
	// Month of birth: mostly a child of 0-17 at the first referral; some
	// unborn at it (a pre-birth referral), a few unknown.
	const first = kept[0].start;
	const kindOfBirth = weighted([['child', 96], ['unborn', 3], ['none', 1]]);
	let birth = null;
	if (kindOfBirth === 'child') birth = first - int(0, 17 * 365 + 300);
	else if (kindOfBirth === 'unborn') birth = first + int(10, 150);
	const birthIso = birth === null ? '' : iso(birth);
	const bm = birthIso.slice(0, 7);
	const gender = pick(['1', '2']);
	const ethnic = pick(ETHNIC);

	for (const ep of kept) {
		csvRow(id, bm, ep);
		for (const r of ep.cin.concat(ep.cp))
			if (seenIn(r)) csvRow(id, bm, r);
	}

	YEARS.forEach((y, k) => {
		const here = kept.filter((ep) => inYear(ep, y));
		if (!here.length) return;
		let s = '<Child>\n<ChildIdentifiers>' +
			`<LAchildID>${id}</LAchildID><UPN>${upn}</UPN>` +
			(birthIso ? `<PersonBirthDate>${birthIso}</PersonBirthDate>` :
				'') +
			`<GenderCurrent>${gender}</GenderCurrent></ChildIdentifiers>\n` +
			`<ChildCharacteristics><Ethnicity>${ethnic}</Ethnicity>` +
			'</ChildCharacteristics>\n';
		for (const ep of here) {
			const closed = ep.end !== null && ep.end <= y.to;
			s += '<CINdetails>\n' +
				`<CINreferralDate>${iso(ep.start)}</CINreferralDate>` +
				`<ReferralSource>${ep.source}</ReferralSource>` +
				`<PrimaryNeedCode>${ep.category}</PrimaryNeedCode>\n`;
			if (closed)
				s += `<CINclosureDate>${iso(ep.end)}</CINclosureDate>` +
					`<ReasonForClosure>${ep.reason}</ReasonForClosure>\n`;
			for (const r of ep.cin)
				if (inYear(r, y))
					s += '<CINPlanDates>' + dates(y, 'CINPlanStartDate',
						'CINPlanEndDate', r) + '</CINPlanDates>\n';
			s += '<ReferralNFA>false</ReferralNFA>\n';
			for (const r of ep.cp)
				if (inYear(r, y))
					s += '<ChildProtectionPlans>' +
						dates(y, 'CPPstartDate', 'CPPendDate', r) +
						`<InitialCategoryOfAbuse>${r.initial}` +
						'</InitialCategoryOfAbuse>' +
						`<LatestCategoryOfAbuse>${r.category}` +
						'</LatestCategoryOfAbuse></ChildProtectionPlans>\n';
			s += '</CINdetails>\n';
		}
		xml[k].write(s + '</Child>\n');
	});
}

for (const s of xml) {
	s.write('</Children>\n</Message>\n');
	s.close();
}
csv.close();
process.stdout.write(`${counts.children} children, ` +
	`${counts.referral} referrals, ${counts['cin-plan']} CIN plans, ` +
	`${counts['cp-plan']} CP plans ` +
	`(${counts.referral + counts['cp-plan']} episodes and CP plans)\n`);
