'use strict';
// The demo's measures derived from its synthetic CIN census extract: until
// their figures are computed they read as measures with no figure yet, on
// the measures page, their own page and the pack, at 320 and 1280 px.
const { test, run, assert, checkWidths } = require('./lib');

const DERIVED = ['csc-d1', 'csc-d2', 'csc-d3', 'csc-d4'];
const QUARTER = '2026Q3';

test('the derived measures are listed, each with no figure yet', async ({ signedIn }) => {
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

test("a derived measure's page without figures", async ({ signedIn }) => {
	const page = await signedIn('analyst');
	for (const code of DERIVED) {
		const response = await page.goto(`/measures/${code}`);
		assert.equal(response.status(), 200, `GET /measures/${code}`);
		const text = await page.locator('main').innerText();
		assert.match(text, /derived from the CIN census extract/, `${code}: the title says it is derived`);
		assert.equal(await page.locator('.vt-chart svg[role="img"]').count(), 0, `${code}: no chart of no figures`);
		assert.match(text, /[Nn]o figure/, `${code}: says it has no figure yet`);
		await checkWidths(page, `the page of ${code}`);
	}
});

test('the pack shows the derived measures with no figure for the quarter', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	const response = await page.goto(`/reports/${QUARTER}/vital-signs.html`);
	assert.equal(response.status(), 200, 'GET the pack');
	const text = await page.locator('body').innerText();
	for (const code of DERIVED)
		assert.ok(text.includes(`${code}: `), `${code} is in the pack`);
	assert.match(text, /derived from the CIN census extract\)\s+No figure for 2026-27 Q2\./,
		'a derived measure says it has no figure for the quarter');
	await checkWidths(page, 'the pack with the derived measures');
});

run();
