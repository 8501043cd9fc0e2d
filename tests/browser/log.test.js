'use strict';
// The change log as an audit trail: an approval made on the return page
// is there in words, with the status before and after and a link back to
// the return; the list filters by what changed and pages without
// JavaScript; axe finds nothing, and at 320 px the page does not scroll
// sideways.
const { test, run, assert, checkAxe } = require('./lib');

test('an approval is in the log in words, before and after, linked', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	let response = await page.goto('/returns/scc-csc/2026Q3');
	assert.equal(response.status(), 200, 'GET /returns/scc-csc/2026Q3');
	await page.getByRole('button', { name: 'Approve return' }).click();
	await page.waitForLoadState();
	await page.getByRole('button', { name: 'Yes, approve the return' }).click();
	await page.waitForLoadState();

	response = await page.goto('/log');
	assert.equal(response.status(), 200, 'GET /log');
	const first = page.locator('#changes tbody tr').first();
	const words = await first.innerText();
	assert.match(words, /return 2026-27 Q2 approved/, 'the newest entry says what happened');
	assert.match(words, /Partnership performance analyst \(analyst\)/, 'who, by name and role');
	assert.match(words, /23 November 2026 at/, 'when, in words');
	assert.ok(!/T10:00|:00Z/.test(words), 'no ISO timestamp');
	assert.equal(await first.locator('dt').first().innerText(), 'status', 'the field that changed');
	assert.equal(await first.locator('[data-before]').first().innerText(), 'submitted', 'the status before');
	assert.equal(await first.locator('[data-after]').first().innerText(), 'approved', 'the status after');
	const link = first.locator('a[href="/returns/scc-csc/2026Q3"]');
	assert.equal(await link.count(), 1, 'a link to the return');
	await checkAxe(page, 'the change log');

	response = await Promise.all([page.waitForNavigation(), link.click()]).then(([r]) => r);
	assert.equal(response.status(), 200, 'the link opens the return');
	assert.equal(new URL(page.url()).pathname, '/returns/scc-csc/2026Q3', 'the return');
});

test('the log filters by what changed and pages with Next', async ({ signedIn }) => {
	const page = await signedIn('scrutineer', { javaScriptEnabled: false });
	await page.goto('/log');
	await page.selectOption('#entity', 'return');
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
	assert.equal(new URL(page.url()).searchParams.get('entity'), 'return', 'the filter is in the address');
	const counts = await page.locator('#counts').innerText();
	assert.match(counts, /^Changes 1 to 50 of \d+, newest first \(page 1 of 2\)\.$/, `the count (${counts})`);
	const rows = await page.locator('#changes tbody tr').allInnerTexts();
	assert.equal(rows.length, 50, 'fifty to a page');
	for (const row of rows)
		assert.match(row, / return /, `every entry is about a return (${row.slice(0, 80)})`);
	const ids = await page.locator('#changes tbody tr').evaluateAll(
		(trs) => trs.map((tr) => Number(tr.getAttribute('data-entry'))));
	assert.ok(ids.every((id, i) => i === 0 || id < ids[i - 1]), 'newest first');

	await Promise.all([page.waitForNavigation(), page.locator('.govuk-pagination__next a').click()]);
	const next = new URL(page.url());
	assert.equal(next.searchParams.get('page'), '2', 'Next goes to page 2');
	assert.equal(next.searchParams.get('entity'), 'return', 'Next keeps the filter');
	assert.match(await page.locator('#counts').innerText(), /page 2 of 2/, 'page 2 of 2');
	const more = await page.locator('#changes tbody tr').evaluateAll(
		(trs) => trs.map((tr) => Number(tr.getAttribute('data-entry'))));
	assert.ok(more.length > 0 && more[0] < ids[ids.length - 1], 'page 2 carries on where page 1 ended');
	assert.equal(await page.locator('.govuk-pagination__prev a').count(), 1, 'a Previous link');

	// axe runs in the page: the same addresses with scripts on.
	const axe = await signedIn('scrutineer');
	await axe.goto(page.url());
	await checkAxe(axe, 'page 2 of the returns in the change log');
	// Nothing matches: said in words, no empty table.
	await axe.goto('/log?entity=return&from=2030-01-01');
	assert.equal(await axe.locator('#counts').innerText(), 'No changes match these filters.');
	assert.equal(await axe.locator('#changes').count(), 0, 'no empty table');
	await checkAxe(axe, 'the change log with nothing to show');
});

test('at 320 px the log does not scroll sideways', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/log?entity=return');
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `the page is ${width} px wide`);
	await checkAxe(page, 'the change log at 320 px');
});

run();
