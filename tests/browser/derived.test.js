'use strict';
// The demo's measures derived from its synthetic CIN census extract,
// computed when the demo is made: listed, charted with their figures
// marked derived, and in the pack, at 320 and 1280 px.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test, run, assert, checkAxe, checkWidths } = require('./lib');

const DERIVED = ['csc-d1', 'csc-d2', 'csc-d3', 'csc-d4'];
const QUARTER = '2026Q3';

test('the derived measures are listed', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	const response = await page.goto(`/measures?period=${QUARTER}`);
	assert.equal(response.status(), 200, 'GET /measures');
	for (const code of DERIVED) {
		const link = page.locator(`main a[href="/measures/${code}"]`);
		assert.equal(await link.count(), 1, `${code} is listed`);
		assert.match(await link.innerText(), /derived from the CIN census extract/, `${code} says it is derived`);
	}
	await checkWidths(page, 'the measures with the derived ones');
});

test("a derived measure's page: its chart, and figures marked derived", async ({ signedIn }) => {
	const page = await signedIn('analyst');
	for (const code of DERIVED) {
		const response = await page.goto(`/measures/${code}`);
		assert.equal(response.status(), 200, `GET /measures/${code}`);
		const text = await page.locator('main').innerText();
		assert.match(text, /derived from the CIN census extract/, `${code}: the title says it is derived`);
		assert.ok(await page.locator('.vt-chart svg[role="img"]').count() >= 1, `${code}: a chart of its figures`);
		assert.ok(!/No figure for/.test(text), `${code}: has its figure`);
		const by = await page.locator('#versions tbody tr td:nth-child(6)').allInnerTexts();
		assert.ok(by.length > 0, `${code}: its figures are listed`);
		for (const b of by)
			assert.match(b, /^Derived from extracts? [0-9]/, `${code}: a figure's By says it is derived: ${b}`);
		await checkWidths(page, `the page of ${code}`);
	}
});

test("a measure's page says what it counts; a derived one, how it is computed for the quarter shown", async ({ signedIn }) => {
	const page = await signedIn('scrutineer');
	// 2026Q3 is July to September 2026, the partnership's 2026-27 Q2.
	await page.goto(`/measures/csc-d1?period=${QUARTER}`);
	assert.match(await page.locator('#about-counted').innerText(), /Child in Need Plans for neglect/, 'csc-d1: what is counted');
	assert.match(await page.locator('#about-out-of').innerText(), /open at the quarter's end/, 'csc-d1: out of what');
	const method = await page.locator('#about-method').innerText();
	assert.match(method, /^Child in need plans whose primary need is abuse or neglect \(N1\), open at the end of 30 September 2026, lasting more than 6 months by 30 September 2026, as a percentage of /,
		`csc-d1: the method for the quarter shown: ${method}`);
	assert.match(method, /Computed by Vitals from the local authority's record-level extracts, never typed/, 'csc-d1: computed, never typed');
	assert.equal(await page.locator('#about-better').innerText(), 'Lower', 'csc-d1: lower is better');
	await page.goto('/measures/csc-d1?period=2026Q2');
	assert.match(await page.locator('#about-method').innerText(), /open at the end of 30 June 2026/, 'csc-d1: the method follows the quarter');
	// Breakdowns read as the definition names them, never their codes.
	const parts = new Set(await page.locator('#versions tbody tr td:nth-child(2)').allInnerTexts());
	assert.equal(JSON.stringify([...parts].filter((p) => p).sort()), JSON.stringify(['11 and over', 'Under 11']), `csc-d1: its breakdowns in words: ${[...parts]}`);
	await checkWidths(page, 'the page of csc-d1 with what it counts');
	// A returned measure says how often it is given, and has no method.
	await page.goto(`/measures/csc-m8?period=${QUARTER}`);
	assert.equal(await page.locator('#about-method').count(), 0, 'csc-m8 is returned, not computed');
	assert.equal(await page.locator('#about-often').innerText(), 'Every quarter', 'csc-m8: every quarter');
	assert.match(await page.locator('#about-baseline').innerText(), /^1014 in 20/, 'csc-m8: its baseline');
	const m8 = await page.locator('#versions tbody tr').evaluateAll((rows) =>
		rows.map((tr) => [...tr.cells].map((td) => td.innerText)));
	assert.ok(m8.some((row) => row[1] === 'Under 11'), 'csc-m8: a breakdown in words');
	for (const row of m8)
		assert.ok(!/^cli:/.test(row[5]) && row[5] !== '', `csc-m8: a figure's By is in words: ${row}`);
	await checkWidths(page, 'the page of csc-m8 with what it counts');
	// A multi-agency measure names the agencies that give its parts.
	await page.goto(`/measures/ns-m8?period=${QUARTER}`);
	assert.match(await page.locator('#about-parts').innerText(), /Surrey Police/, 'ns-m8: its parts are given by agencies');
});

test('the pack shows the derived measures with their figures, and fits a phone', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	// The pack is a file to download, opened as a file: shown inside the
	// site, the site's policy would refuse the pack's own styles.
	const response = await page.request.get(`/reports/${QUARTER}/vital-signs.html`);
	assert.equal(response.status(), 200, 'GET the pack');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-pack-'));
	const file = path.join(dir, 'vital-signs.html');
	fs.writeFileSync(file, await response.body());
	await page.goto(`file://${file}`);
	const text = await page.locator('body').innerText();
	for (const code of DERIVED)
		assert.ok(text.includes(`${code}: `), `${code} is in the pack`);
	assert.ok(!/derived from the CIN census extract\)\s+No figure for/.test(text),
		'a derived measure has no figure for the quarter');
	// Read on the narrowest phone and the desktop, nothing scrolls the
	// page sideways: wide tables scroll within their own regions.
	for (const width of [1280, 320]) {
		await page.setViewportSize({ width, height: 720 });
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= width, `the pack is ${wide} px wide at ${width} px`);
		await checkAxe(page, `the pack with the derived measures at ${width} px`);
	}
	fs.rmSync(dir, { recursive: true });
});

run();
