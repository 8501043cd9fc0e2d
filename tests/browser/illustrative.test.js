'use strict';
// The demo's made-up action titles and update notes say so on the page:
// an "Illustrative" tag beside each, in words, and none beside the seed
// documents' own words; axe finds nothing, and at 320 px the tracker and
// an action's page do not scroll sideways.
const { test, run, assert, checkWidths } = require('./lib');

test('the tracker tags each illustrative title, and only those', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	let response = await page.goto('/api/v1/actions?plan=ppip');
	assert.equal(response.status(), 200, 'GET /api/v1/actions?plan=ppip');
	const api = await response.json();
	const marked = api.filter((a) => a.illustrative).map((a) => a.ref);
	assert.ok(marked.length > 0 && marked.length < api.length, 'some marked, some the seed\'s own');
	// Every page of the plan's tracker, and the rows tagged on each.
	const tagged = [];
	const plain = [];
	for (let n = 1; tagged.length + plain.length < api.length; n++) {
		response = await page.goto(`/actions?plan=ppip&page=${n}`);
		assert.equal(response.status(), 200, `page ${n} of the tracker`);
		const rows = await page.locator('#actions tbody tr').evaluateAll((trs) => trs.map((tr) => ({
			ref: tr.querySelector('td a').innerText.trim(),
			tag: tr.querySelectorAll('td')[1].querySelector('.vt-illustrative')?.innerText.trim() || '',
		})));
		assert.ok(rows.length > 0, `rows on page ${n}`);
		for (const r of rows)
			(r.tag ? tagged : plain).push(r.ref);
	}
	assert.equal(tagged.sort().join(' '), marked.sort().join(' '), 'the tagged rows are the illustrative ones');
	assert.ok(plain.includes('PPIP-32'), 'the report\'s own red action is not tagged');
	// axe needs scripts: a page of its own.
	const axe = await signedIn('analyst');
	await axe.goto('/actions?plan=ppip');
	await checkWidths(axe, 'the tracker with illustrative tags');
});

test('an action\'s page tags its illustrative notes, not the seed\'s title', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	const response = await page.goto('/actions/pol-a2');
	assert.equal(response.status(), 200, 'GET /actions/pol-a2');
	assert.equal(await page.locator('.govuk-body-l .vt-illustrative').count(), 0,
		'the police plan\'s own words are not tagged');
	const notes = await page.locator('#history tbody tr').count();
	assert.ok(notes > 0, 'updates in the history');
	assert.equal(await page.locator('#history tbody tr .vt-illustrative').count(), notes,
		'every 2026 note tagged');
	assert.equal(await page.locator('#history .vt-illustrative').first().innerText(), 'Illustrative');
	await checkWidths(page, 'an action with illustrative notes');
	await page.goto('/actions/PPIP-01');
	assert.equal(await page.locator('.govuk-body-l .vt-illustrative').innerText(), 'Illustrative',
		'a made-up title tagged');
});

run();
