'use strict';
// The demo's measures derived from its synthetic CIN census extract,
// computed when the demo is made: listed, charted with their figures
// marked derived, and in the pack, at 320 and 1280 px.
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

test('the pack shows the derived measures with their figures', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	// (the pack is a file to download: read, then shown as it is)
	const response = await page.request.get(`/reports/${QUARTER}/vital-signs.html`);
	assert.equal(response.status(), 200, 'GET the pack');
	await page.setContent(await response.text());
	const text = await page.locator('body').innerText();
	for (const code of DERIVED)
		assert.ok(text.includes(`${code}: `), `${code} is in the pack`);
	assert.ok(!/derived from the CIN census extract\)\s+No figure for/.test(text),
		'a derived measure has no figure for the quarter');
	// The derived measures' parts fit the narrowest phone and the desktop
	// (the pack's action tables are wider than 320 px, with or without
	// them: a printed document's tables, not these measures').
	const HEADINGS = 'h1, h2, h3, h4, h5, p';
	for (const width of [1280, 320]) {
		await page.setViewportSize({ width, height: 720 });
		const parts = await page.evaluate(([codes, sel]) => {
			const out = [];
			for (const h of document.querySelectorAll(sel)) {
				if (!codes.some((c) => h.textContent.startsWith(`${c}: `)))
					continue;
				out.push([h.textContent.slice(0, 6), h.getBoundingClientRect().right]);
				const next = h.nextElementSibling;
				if (next)
					out.push([`${h.textContent.slice(0, 6)} ${next.textContent.slice(0, 20)}`, next.getBoundingClientRect().right]);
			}
			return out;
		}, [DERIVED, HEADINGS]);
		assert.ok(parts.length >= DERIVED.length, `the derived measures' headings at ${width} px: ${JSON.stringify(parts)}`);
		for (const [what, right] of parts)
			assert.ok(right <= width, `${what} is ${right} px wide at ${width} px`);
		await checkAxe(page, `the pack with the derived measures at ${width} px`);
	}
});

run();
