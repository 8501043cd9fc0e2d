'use strict';
// The board's view of the period: the dashboard opens on the latest
// quarter whose returns are due, never one still running; a picker on
// the dashboard, measures, measure and reports pages moves every one of
// them to another quarter; a return for a quarter that has not ended is
// refused, on its page and when sent all the same.
const { execFileSync } = require('child_process');
const { test, run, assert, checkAxe, navigating } = require('./lib');

// run.sh fixes the day at 23 November 2026: 2026-27 Q2 (July to
// September) was due in October; 2026-27 Q3 runs to 31 December.
const DUE = '2026-27 Q2';
const EARLIER = '2026-27 Q1';

async function pick(page, label) {
	await page.selectOption('#period', { label });
	return navigating(page, () => page.getByRole('button', { name: 'Show' }).click());
}

test('the dashboard opens on the quarter due, and the picker moves it', async (ctx) => {
	const page = await ctx.signedIn('chair');
	assert.equal(await page.locator('h1').innerText(), `Vital signs, ${DUE}`, 'the board\'s quarter');
	assert.equal(await page.locator('#period option:checked').innerText(), DUE, 'the picker shows it');
	const labels = await page.locator('#period option').allInnerTexts();
	assert.ok(!labels.includes('2026-27 Q3'), `no quarter still running is offered (${labels.join(', ')})`);
	const response = await pick(page, EARLIER);
	assert.equal(response.status(), 200, 'the dashboard of an earlier quarter');
	assert.equal(await page.locator('h1').innerText(), `Vital signs, ${EARLIER}`, 'the chosen quarter');
	assert.match(page.url(), /[?&]period=2026Q2\b/, 'the quarter is in the address, to be shared');
	await checkAxe(page, 'the dashboard of a chosen quarter');
	// The same address written as people say it.
	await page.goto(`/?period=${encodeURIComponent(EARLIER)}`);
	assert.equal(await page.locator('h1').innerText(), `Vital signs, ${EARLIER}`, 'the quarter by its label');
	for (const [path, heading] of [['/measures', /^Measures, /], ['/reports', /^Reports/]]) {
		await page.goto(path);
		if (path === '/measures')
			await page.locator('summary').click();
		await pick(page, EARLIER);
		assert.match(await page.locator('h1').innerText(), heading, `${path} after choosing`);
		assert.equal(await page.locator('#period option:checked').innerText(), EARLIER, `${path} keeps the choice`);
		if (path === '/measures')
			assert.equal(await page.locator('h1').innerText(), `Measures, ${EARLIER}`, 'the measures of the quarter');
		else
			assert.match(await page.locator('main').innerText(), new RegExp(`pack for ${EARLIER}`), 'the reports of the quarter');
		await checkAxe(page, `${path} of a chosen quarter`);
	}
	await page.goto('/measures');
	const href = await page.locator('main a[href^="/measures/"]').first().getAttribute('href');
	await page.goto(href);
	await pick(page, EARLIER);
	assert.match(await page.locator('h1').innerText(), new RegExp(`, ${EARLIER}$`), 'a measure in the chosen quarter');
	const bad = await page.goto('/?period=sometime');
	assert.equal(bad.status(), 400, 'a period that is not one');
});

test('the dashboard answers "is it getting better?": every measure, worst first, with its icons', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	const rows = page.locator('#board tbody tr:not(.vt-group)');
	// (of the plans the quarter shown covers, as its pack)
	const period = await page.locator('#period').inputValue();
	const measures = await (await page.request.get(`/api/v1/measures?period=${period}`)).json();
	assert.equal(await rows.count(), measures.length, 'one row per measure');
	// The first group is the measures that need attention.
	assert.equal(await page.locator('#board tbody tr').first().innerText(), 'Needs attention', 'worst first');
	const first = rows.first();
	const cells = (await first.locator('td').allInnerTexts()).map((c) => c.trim());
	assert.match(cells[0], /^Concern/, `a deteriorating measure's variation in words (${cells[0]})`);
	assert.equal(await first.locator('svg.vt-icon--concern path').count(), 1, 'its icon, a triangle');
	assert.match(cells[1], /target|Hit or miss/, `its assurance in words (${cells[1]})`);
	assert.match(await first.locator('svg.vt-spark').getAttribute('aria-label'), /^The last \d+ figures, from /,
		'its trend, told in words too');
	assert.match(cells[3], /2026-27 Q2/, 'the latest figure with its quarter');
	const href = await first.locator('th a').getAttribute('href');
	assert.match(href, /^\/measures\/[a-z0-9-]+$/, 'the row leads to its measure');
	// Every icon has its words beside it, and enough contrast for axe.
	await checkAxe(page, 'the dashboard');
	// The quarter's two submitted returns approved (on the command line,
	// beside the server): published, with small changes in counts.
	for (const agency of ['scc-csc', 'health-heartlands'])
		execFileSync(process.env.VITALS, ['--db', process.env.DB, 'returns', 'approve',
			'--agency', agency, '--period', '2026Q3'], { stdio: 'ignore' });
	// A viewer, who opens no measure page, sees the published charts.
	const viewer = await ctx.signedIn('viewer');
	// (a measure with no figure, as the demo's derived measures until
	// their extract is computed, has none to chart)
	const charted = measures.filter((m) => m.reading !== 'no figure');
	assert.equal(await viewer.locator('main .vt-chart svg[role="img"]').count(), charted.length,
		'a chart for every measure with a figure');
	// A change or a gap is not a count of children: a change of 3 in a
	// published count reads "+3" (or "-" where it would disclose one).
	const published = await viewer.locator('#board tbody tr:not(.vt-group)').evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
	for (const row of published)
		for (const i of [4, 6, 7])
			assert.ok(!row[i].includes('<'), `a change or gap shown as a hidden count: ${row.join(' | ')}`);
	assert.ok(published.some((row) => /^[+\u2212][1-4]$/.test(row[4])), `a small change, shown as it is: ${published.map((row) => row[4]).join(' ')}`);
	await checkAxe(viewer, "the viewer's dashboard");
});

test('a return for a quarter still running is refused', async (ctx) => {
	const page = await ctx.signedIn('agency-lead');
	const own = await page.locator('nav[aria-label="Vitals"]').count();
	assert.ok(own > 0, 'signed in');
	const running = '/returns/police/2026Q4';
	const response = await page.goto(running);
	assert.equal(response.status(), 200, `GET ${running}`);
	assert.match(await page.locator('#not-open').innerText(),
		/2026-27 Q3 has not ended\. Its return opens on 1 January 2027\./, 'the page says when it opens');
	assert.equal(await page.getByRole('button', { name: 'Continue' }).count(), 0, 'no form to fill in');
	await checkAxe(page, 'a return not yet open');
	// Sent all the same (a form kept from another quarter): refused at
	// its cell, and nothing stored.
	await page.goto('/returns/police/2026Q3');
	await page.locator('form:has(#file)').evaluate((form, to) => { form.action = to; }, `${running}/upload`);
	await page.setInputFiles('#file', { name: 'early.csv', mimeType: 'text/csv',
		buffer: Buffer.from('agency,measure,period,value\npolice,pol-m2,2026Q4,12\n') });
	const refused = await navigating(page, () => page.getByRole('button', { name: 'Upload' }).click());
	assert.equal(refused.status(), 422, 'the early return refused');
	assert.match(await page.locator('.govuk-error-summary').innerText(),
		/early\.csv:2:\d+: 2026-27 Q3 has not ended: its return opens on 1 January 2027/, 'why, and where');
	await checkAxe(page, 'the refused early return');
	await page.goto(running);
	assert.match(await page.locator('main').innerText(), /not started/, 'nothing was stored');
});

test("an agency lead's home: the return owed and the actions due an update", async (ctx) => {
	const page = await ctx.signedIn('agency-lead');
	const tasks = await page.locator('#tasks').innerText();
	assert.match(tasks, /Overdue\s+Your return for 2026-27 Q2 was due on \d+ October 2026, \d+ working days ago/,
		'the overdue return, with its due date in words and how late it is');
	assert.match(tasks, /Action pol-a\d+ needs its quarterly update \(the last was \d+ days ago\)/,
		'an action of its own due its quarterly update (the police plan is reviewed quarterly)');
	assert.ok(!/Action (csc|hl|ed)-/.test(tasks), 'no other agency\'s action');
	const href = await page.locator('#tasks a', { hasText: 'Your return' }).getAttribute('href');
	assert.equal(href, '/returns/police/2026Q3', 'the task leads to the return');
	await checkAxe(page, "the lead's home");
	// The analyst's home lists what waits for approval, not what is owed.
	const analyst = await ctx.signedIn('analyst');
	assert.ok(!/Your return/.test(await analyst.locator('#tasks').innerText()), 'an analyst owes no return');
});

run();
