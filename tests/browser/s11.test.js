'use strict';
// Section 11 self-assessments on the web: the police lead sees only the
// police's row of the heat map, starts the police's self-assessment for
// a new cycle, is refused submitting it with a standard not met and no
// action (said at that standard's action, nothing saved), then completes
// and submits it; the lead cannot open or post to another agency's (403,
// even with its own form token); the scrutineer records the challenge
// session, changing one rating, which the record and the heat map show;
// and axe finds nothing at 320 and 1280 px, nor does the page scroll
// sideways, for the lead, the scrutineer and the analyst.
// The day is 23 November 2026 (run.sh).
const {
	test, run, assert, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const CYCLE = '2026-27';	// no agency has one in the demo
const LEAD = 'police-lead@demo.invalid';
const SCRUTINEER = 'scrutineer@demo.invalid';

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

// The heat map's agencies, row by row (the counts rows left out).
async function agencies(page) {
	return page.locator('#heatmap tbody tr th a').allInnerTexts();
}

// The standards of the form, S1 ... in order.
async function standards(page) {
	return page.locator('input[type="radio"][name^="rating-"]').evaluateAll((inputs) =>
		[...new Set(inputs.map((i) => i.name.slice('rating-'.length)))]);
}

test('the police lead starts, is refused, completes and submits its self-assessment', async (ctx) => {
	const page = await signedInAs(ctx, LEAD);
	let response = await page.goto('/s11');
	assert.equal(response.status(), 200, 'GET /s11');
	assert.equal(await page.locator('nav a[href="/s11"]').count(), 1, 'a link in the navigation');
	const rows = await agencies(page);
	assert.equal(JSON.stringify(rows), JSON.stringify(['Surrey Police']), 'only the police\'s row');
	assert.equal(await page.locator('#missing').count(), 0, 'no list of other agencies');
	// Each cell says its rating in words, and its change.
	const cells = await page.locator('#heatmap tbody tr').first().locator('td').allInnerTexts();
	assert.ok(cells.length > 0 && cells.every((c) =>
		/^(Met|Partly met|Not met)\s+(better|worse|same|new)$|^Not rated$/.test(c.trim())),
	`every cell in words: ${JSON.stringify(cells)}`);
	await checkWidths(page, 'the heat map for the police lead');

	// A cycle that is none: at its field.
	await page.fill('#start', 'next year');
	response = await submit(page, 'Open self-assessment');
	assert.equal(response.status(), 400, 'a cycle that is none');
	await errorAt(page, 'start', /financial year/, 'a bad cycle');

	await page.fill('#start', CYCLE);
	response = await submit(page, 'Open self-assessment');
	assert.equal(response.status(), 200, 'the empty form');
	assert.equal(new URL(page.url()).pathname, `/s11/police/${CYCLE}`, 'on the record');
	assert.equal(await page.locator('#s11-state').innerText(), 'Not started');
	const codes = await standards(page);
	assert.ok(codes.length >= 3, `the framework's standards: ${codes}`);
	await checkWidths(page, 'the empty form for the police lead');

	// Every standard rated, the third not met and without its action:
	// refused at that action, and nothing saved.
	for (const code of codes) {
		await page.check(`input[name="rating-${code}"][value="${code === codes[2] ? 'not-met' : 'met'}"]`);
		await page.fill(`#evidence-${code}`, `Illustrative: the board's minutes show ${code}.`);
	}
	response = await submit(page, 'Submit self-assessment');
	assert.equal(response.status(), 422, 'submitted with no action');
	await errorAt(page, `action-${codes[2]}`, /needed when the standard is not met/, 'no action');
	assert.equal(await page.locator(`#evidence-${codes[0]}`).inputValue(),
		`Illustrative: the board's minutes show ${codes[0]}.`, 'what was typed kept');
	assert.ok(await page.locator(`input[name="rating-${codes[2]}"][value="not-met"]`).isChecked(),
		'the rating kept');
	await checkWidths(page, 'the form with an error');
	// A name as evidence: refused at its field, not said back, and
	// nothing saved with the rest.
	await page.fill(`#action-${codes[2]}`, 'Illustrative: the designated lead reviews supervision monthly.');
	await page.fill(`#evidence-${codes[1]}`, 'Jane Smith');
	response = await submit(page, 'Save draft');
	assert.equal(response.status(), 422, 'a name as evidence');
	await errorAt(page, `evidence-${codes[1]}`, /person's name/, 'a name');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');
	response = await page.goto(`/s11/police/${CYCLE}`);
	assert.equal(await page.locator('#s11-state').innerText(), 'Not started', 'nothing saved');

	// Saved as a draft, then completed and submitted.
	for (const code of codes) {
		await page.check(`input[name="rating-${code}"][value="${code === codes[2] ? 'not-met' : 'met'}"]`);
		await page.fill(`#evidence-${code}`, `Illustrative: the board's minutes show ${code}.`);
	}
	response = await submit(page, 'Save draft');
	assert.equal(response.status(), 200, 'saved');
	assert.match(await page.locator('#done').innerText(), /Draft saved/);
	assert.match(await page.locator('#s11-state').innerText(), /^Draft/);
	await page.fill(`#action-${codes[2]}`, 'Illustrative: the designated lead reviews supervision monthly.');
	response = await submit(page, 'Submit self-assessment');
	assert.equal(response.status(), 200, 'submitted');
	assert.match(await page.locator('#done').innerText(), /Self-assessment submitted/);
	assert.equal(await page.locator('#s11-state').innerText(), 'Submitted on 23 November 2026');
	assert.equal(await page.locator('#rate').count(), 0, 'no form once submitted');
	assert.equal(await page.locator('#challenge').count(), 0, 'the lead does not challenge its own');
	assert.equal(await page.locator(`#rated-${codes[2]}`).innerText(), 'Not met', 'the third standard not met');
	assert.match(await page.locator(`#action-of-${codes[2]}`).innerText(), /designated lead reviews supervision/,
		'its action');
	assert.equal(await page.locator(`#rated-${codes[0]}`).innerText(), 'Met', 'the first met');
	await checkWidths(page, 'the submitted record for the police lead');

	response = await page.goto(`/s11?cycle=${CYCLE}`);
	assert.equal(JSON.stringify(await agencies(page)), JSON.stringify(['Surrey Police']),
		'the new cycle\'s heat map');
	assert.equal(await page.locator('#own').getAttribute('href'), `/s11/police/${CYCLE}`,
		'a link to its own');
});

test('the police lead cannot open or change another agency\'s', async (ctx) => {
	const page = await signedInAs(ctx, LEAD);
	let response = await page.goto('/s11/scc-csc/2025-26');
	assert.equal(response.status(), 403, 'children\'s social care\'s');
	response = await page.goto(`/s11/scc-csc/${CYCLE}`);
	assert.equal(response.status(), 403, 'one not started');
	response = await page.goto('/s11?start=2026-27&agency=scc-csc');
	assert.equal(new URL(page.url()).pathname, `/s11/police/${CYCLE}`, 'start opens the lead\'s own');
	const csrf = await csrfOf(page);
	response = await page.request.post('/s11/scc-csc/2025-26', { maxRedirects: 0, form: {
		csrf, send: 'draft', 'rating-S1': 'not-met' } });
	assert.equal(response.status(), 403, 'posting the form for another agency');
	response = await page.request.post(`/s11/scc-csc/${CYCLE}`, { maxRedirects: 0, form: {
		csrf, send: 'draft', 'rating-S1': 'met' } });
	assert.equal(response.status(), 403, 'starting another agency\'s');
	response = await page.request.post(`/s11/police/${CYCLE}/challenge`, { maxRedirects: 0, form: {
		csrf, challenged: '2026-11-23', outcome: 'agreed' } });
	assert.equal(response.status(), 403, 'challenging its own');
	// Nothing was made.
	const analyst = await ctx.signedIn('analyst');
	response = await analyst.goto(`/s11?cycle=${CYCLE}`);
	assert.equal(JSON.stringify(await agencies(analyst)), JSON.stringify(['Surrey Police']),
		'no self-assessment made for another agency');
});

test('the scrutineer records the challenge session, changing one rating', async (ctx) => {
	const page = await signedInAs(ctx, SCRUTINEER);
	let response = await page.goto(`/s11/police/${CYCLE}`);
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('#rate').count(), 0, 'the scrutineer does not rate');
	const codes = await page.locator('select[id^="new-"]').evaluateAll((s) => s.map((x) => x.id.slice(4)));
	await checkWidths(page, 'the record with the challenge form for the scrutineer');

	// Rating changed, but none chosen: at the ratings.
	await page.fill('#challenged', '2026-11-23');
	await page.check('input[name="outcome"][value="rating-changed"]');
	response = await submit(page, 'Record challenge session');
	assert.equal(response.status(), 422, 'no rating changed');
	assert.equal(await page.locator('.govuk-error-summary').count(), 1, 'the summary');
	assert.equal(await page.locator('.govuk-form-group--error').count(), 1, 'one field marked');

	await page.selectOption(`#new-${codes[0]}`, 'partly-met');
	response = await submit(page, 'Record challenge session');
	// Met, the first had no action; partly met needs one: said at it.
	assert.equal(response.status(), 422, 'partly met without an action');
	await errorAt(page, `new-${codes[0]}`, /action/, 'a new rating without an action');
	await checkWidths(page, 'the challenge form with an error');
	await page.selectOption(`#new-${codes[0]}`, '');
	await page.selectOption(`#new-${codes[2]}`, 'partly-met');
	response = await submit(page, 'Record challenge session');
	assert.equal(response.status(), 200, 'recorded');
	assert.match(await page.locator('#done').innerText(), /Challenge session recorded/);
	assert.equal(await page.locator('#s11-challenge').innerText(), 'Rating changed on 23 November 2026');
	assert.equal(await page.locator('#s11-changes').innerText(), `${codes[2]}: from Not met to Partly met`);
	assert.equal(await page.locator(`#rated-${codes[2]}`).innerText(), 'Partly met', 'the new rating');
	assert.equal(await page.locator('#challenge').count(), 0, 'one session a self-assessment');
	await checkWidths(page, 'the challenged record for the scrutineer');

	response = await page.goto(`/s11?cycle=${CYCLE}`);
	const cell = await page.locator('#heatmap tbody tr').first().locator('td').nth(2).innerText();
	assert.match(cell, /^Partly met/, 'the heat map shows the new rating');
	await checkWidths(page, 'the heat map for the scrutineer');
	response = await page.goto('/s11?cycle=2025-26');
	assert.ok((await agencies(page)).length > 1, 'the scrutineer sees every agency');
	assert.match(await page.locator('#missing').innerText(), /Surrey Fire and Rescue/,
		'who has not returned');
});

test('the analyst sees every agency, and the pages fit a phone', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	let response = await page.goto('/s11');
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('#cycle').inputValue(), CYCLE, 'the latest cycle by default');
	response = await page.goto('/s11?cycle=2025-26');
	assert.ok((await agencies(page)).length > 1, 'every agency');
	const counts = await page.locator('#heatmap tbody tr', { has: page.locator('#counts') })
		.locator('td').allInnerTexts();
	assert.ok(counts.length > 0 && counts.every((c) => /^\d+$/.test(c)), 'the counts row');
	await checkWidths(page, 'the heat map for the analyst');
	response = await page.goto('/s11?cycle=1999-2000');
	assert.equal(response.status(), 400, 'a cycle that is none');
	await errorAt(page, 'cycle', /cycle/, 'a bad cycle');
	response = await page.goto('/s11/police/2025-26');
	assert.equal(response.status(), 200);
	await checkWidths(page, 'the record for the analyst');
	response = await page.goto('/s11/surrey-fire/2025-26');
	assert.equal(response.status(), 200, 'the analyst may start one not returned');
	await checkWidths(page, 'the empty form for the analyst');
});

test('a viewer may not open section 11', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	const response = await page.goto('/s11');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await page.locator('nav a[href="/s11"]').count(), 0, 'no link in the navigation');
});

run();
