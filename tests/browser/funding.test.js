'use strict';
// Partnership funding on the web: the analyst reads a year's pooled
// budget (the demo's £550,000 from four partners), each heading's
// variance in words on a tag whose colour is never alone, sets a heading
// (one past the total refused at its field, what was typed kept) and a
// contribution (money that is none refused at its field); the chair and
// an agency lead read it but have no forms and change nothing (403, even
// posting with their own token); a viewer may not open it; axe finds
// nothing at 320 and 1280 px for each.  The day is 23 November 2026
// (run.sh): the year 2026-27.
const { test, run, assert, checkWidths, submit, errorAt, signedInAs } = require('./lib');

async function rows(page, id) {
	return page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th, td')].map((td) => td.innerText.trim())));
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

// Pounds as the page writes them: £1,234 or £1,234.50.
function money(pence) {
	const whole = Math.floor(Math.abs(pence) / 100).toLocaleString('en-GB');
	const p = Math.abs(pence) % 100;
	return `${pence < 0 ? '-' : ''}£${whole}${p ? `.${String(p).padStart(2, '0')}` : ''}`;
}

function pence(text) {
	return Math.round(Number(text.replace(/[£,]/g, '')) * 100);
}

test('the analyst reads the budget and sets a heading and a contribution', async (ctx) => {
	const page = await signedInAs(ctx, 'analyst@demo.invalid');
	let response = await page.goto('/funding');
	assert.equal(response.status(), 200, 'GET /funding');
	assert.equal(await page.locator('nav a[href="/funding"]').count(), 1, 'linked in the navigation');
	assert.equal(await page.locator('#year').inputValue(), '2026-27', 'this year by default');
	assert.match(await page.locator('#funding-summary').innerText(), /contributed £550,000 in 2026-27/);
	await checkWidths(page, 'this year\'s budget for the analyst');

	await page.selectOption('#year', '2025-26');
	response = await submit(page, 'Show');
	assert.equal(response.status(), 200, 'the year before');
	const contributions = await rows(page, 'contributions');
	const partners = contributions.filter((r) => r[0] !== 'Total');
	assert.equal(partners.length, 4, 'four contributors, as the seed says');
	const total = partners.reduce((sum, r) => sum + pence(r[1]), 0);
	assert.equal(total, 55000000, 'the contributions sum to £550,000');
	for (const r of partners) {
		assert.equal(r[2], `${(100 * pence(r[1]) / total).toFixed(1)}%`, `${r[0]}'s share`);
	}
	assert.equal(contributions.find((r) => r[0] === 'Total').slice(1).join(' | '),
		`${money(total)} | 100%`, 'the total');
	const spend = await rows(page, 'spend');
	for (const r of spend.filter((x) => x[0] !== 'Total')) {
		const v = pence(r[1]) - pence(r[2]);
		assert.equal(r[3], v < 0 ? `${money(-v)} over budget` : `${money(v)} under budget`,
			`${r[0]}'s variance in words`);
	}
	const over = page.locator('#spend tbody tr', { hasText: 'Independent scrutiny' }).locator('.govuk-tag');
	assert.match(await over.getAttribute('class'), /govuk-tag--red/, 'over budget is red');
	assert.match(await over.innerText(), /over budget/, 'and says so in words');
	await checkWidths(page, 'the 2025-26 budget for the analyst');

	// A heading that takes the budgets past the total: at its field.
	const budgeted = spend.filter((r) => r[0] !== 'Total').reduce((s, r) => s + pence(r[1]), 0);
	const room = total - budgeted;
	await page.fill('#heading', 'Communications');
	await page.fill('#budgeted', String((room + 100) / 100));
	response = await submit(page, 'Save heading');
	assert.equal(response.status(), 422, 'past the total');
	await errorAt(page, 'budgeted', new RegExp(`exceed the contributions \\(${money(total)}\\)`),
		'headings past the total');
	assert.equal(await page.locator('#heading').inputValue(), 'Communications', 'the heading kept');
	assert.equal(await page.locator('#year').inputValue(), '2025-26', 'the year kept');

	await page.fill('#budgeted', String(room / 100));
	await page.fill('#actual', '1234.50');
	response = await submit(page, 'Save heading');
	assert.equal(response.status(), 200, 'the heading saved');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /heading saved/);
	const comms = (await rows(page, 'spend')).find((r) => r[0] === 'Communications');
	assert.equal(comms.join(' | '), ['Communications', money(room), '£1,234.50',
		`${money(room - 123450)} under budget`].join(' | '), 'the new heading');

	// Money that is none: at its field.
	await page.selectOption('#agency', 'police');
	await page.fill('#amount', 'a lot');
	response = await submit(page, 'Save contribution');
	assert.equal(response.status(), 422, 'not a sum of money');
	await errorAt(page, 'amount', /not a sum of money/, 'an amount that is none');
	await page.fill('#amount', '90,000');
	response = await submit(page, 'Save contribution');
	assert.equal(response.status(), 200, 'the contribution saved');
	const police = (await rows(page, 'contributions')).find((r) => r[0] === 'Surrey Police');
	assert.equal(police[1], '£90,000', 'the police contribution replaced');
	await checkWidths(page, 'the budget after changes');
	response = await page.goto('/funding?year=2026');
	assert.equal(response.status(), 400, 'a year that is none');
	await errorAt(page, 'year', /Choose a year/, 'a bad year');
});

test('the chair and an agency lead read the budget but change nothing', async (ctx) => {
	for (const email of ['chair@demo.invalid', 'police-lead@demo.invalid']) {
		const page = await signedInAs(ctx, email);
		let response = await page.goto('/funding?year=2025-26');
		assert.equal(response.status(), 200, `${email}: the budget`);
		assert.equal(await page.locator('nav a[href="/funding"]').count(), 1, `${email}: navigation`);
		assert.equal((await rows(page, 'contributions')).length, 5, `${email}: four partners and the total`);
		assert.equal(await page.locator('#set-contribution').count(), 0, `${email}: no contribution form`);
		assert.equal(await page.locator('#set-heading').count(), 0, `${email}: no heading form`);
		await checkWidths(page, `the budget for ${email}`);
		const before = JSON.stringify([await rows(page, 'contributions'), await rows(page, 'spend')]);
		const csrf = await csrfOf(page);
		response = await page.request.post('/funding/contribution', { maxRedirects: 0, form: {
			csrf, year: '2025-26', agency: 'police', amount: '1' } });
		assert.equal(response.status(), 403, `${email}: a contribution`);
		response = await page.request.post('/funding/heading', { maxRedirects: 0, form: {
			csrf, year: '2025-26', heading: 'Training', budgeted: '1' } });
		assert.equal(response.status(), 403, `${email}: a heading`);
		await page.reload();
		assert.equal(JSON.stringify([await rows(page, 'contributions'), await rows(page, 'spend')]),
			before, `${email}: nothing changed`);
		await page.close();
	}
});

test('a viewer may not open the budget', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	const response = await page.goto('/funding');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await page.locator('nav a[href="/funding"]').count(), 0, 'no link in the navigation');
});

run();
