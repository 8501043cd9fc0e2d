'use strict';
// The case review register on the web: a review added through its form
// (a missing date said at its field, a name-like reference refused and
// not repeated), its stages recorded (a late rapid review shows "Missed"
// on the record, in the register and on the analyst's and chair's homes),
// the register's filters and sort, who may read and change what (an
// agency lead reads only the reviews its agency is in, and changes none,
// even by posting the form), 25 reviews a page, and axe finding nothing
// at 320 and 1280 px.
// The day is 23 November 2026 (run.sh).
const {
	test, run, assert, checkAxe, navigating, signIn, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const REF = 'CSPR-2026-01';
const SOON = 'CSPR-2026-02';

// The demo partnership has illustrative reviews (RR-...): the tests
// judge their own (CSPR-...) among them.
function ours(list) {
	return list.filter((r) => r[0].startsWith('CSPR-'));
}

async function rows(page) {
	return page.locator('#reviews tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

test('an analyst adds a review through the form, its errors at their fields', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	let response = await page.goto('/reviews');
	assert.equal(response.status(), 200, 'GET /reviews');
	// The demo's illustrative reviews are listed, the form below them.
	assert.ok(await page.locator('#reviews tbody tr').count() >= 1, 'the demo\'s reviews listed');
	await checkWidths(page, 'the register with its form');

	// No date: said at the date's field, what was typed kept.
	await page.fill('#ref', REF);
	await page.check('#agency-scc-csc');
	response = await submit(page, 'Add case review');
	assert.equal(response.status(), 422, 'a review without a date');
	await errorAt(page, 'aware', /became aware/, 'no date');
	assert.equal(await page.locator('#ref').inputValue(), REF, 'the reference kept');
	assert.ok(await page.locator('#agency-scc-csc').isChecked(), 'the agency kept');
	await checkWidths(page, 'the add form with an error');

	// A name is refused, and not said back.
	await page.fill('#ref', 'Jane Smith');
	await page.fill('#aware', '2026-10-01');
	response = await submit(page, 'Add case review');
	assert.equal(response.status(), 422, 'a name as the reference');
	await errorAt(page, 'ref', /looks like a person's name/, 'a name');
	assert.equal(await page.locator('#ref').inputValue(), '', 'the name is not put back');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');

	// A date that is none, at its field.
	await page.fill('#ref', REF);
	await page.fill('#aware', '2026-02-30');
	response = await submit(page, 'Add case review');
	assert.equal(response.status(), 422, 'a date that is none');
	await errorAt(page, 'aware', /is not a date/, 'a bad date');

	await page.fill('#aware', '2026-10-01');
	await page.check('#agency-police');
	await page.fill('#themes', 'neglect, professional-curiosity');
	response = await submit(page, 'Add case review');
	assert.equal(response.status(), 200, 'the review added');
	assert.equal(new URL(page.url()).pathname, `/reviews/${REF}`, 'on the record');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Case review added/);
	const summary = await page.locator('.govuk-summary-list').innerText();
	assert.match(summary, /1 October 2026/, 'aware in words');
	assert.match(summary, /Surrey Police/, 'the agencies by name');
	assert.match(summary, /Neglect, Professional curiosity/, 'the themes by the partnership\'s names');
	assert.equal(await page.locator('#timeline li').count(), 9, 'every stage on the timeline');
	assert.match(await page.locator('#timeline li').first().innerText(), /Notification\s+Not yet/);
	assert.match(await page.locator('#no-recommendations').innerText(), /No recommendations/);
	await checkWidths(page, 'a new review\'s record');
});

test('a late rapid review is missed on the record, in the register and on the homes', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	await page.goto(`/reviews/${REF}`);
	await page.selectOption('#stage', 'notification');
	await page.fill('#date', '2026-10-05');
	await page.fill('#note', 'sent to the national panel');
	let response = await submit(page, 'Record stage');
	assert.equal(response.status(), 200, 'the notification recorded');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Stage recorded/);
	assert.match(await page.locator('#timeline li').first().innerText(),
		/Notification\s+5 October 2026\s+sent to the national panel/);

	// Out of order: said at the date.
	await page.selectOption('#stage', 'rapid-review');
	await page.fill('#date', '2026-10-02');
	response = await submit(page, 'Record stage');
	assert.equal(response.status(), 422, 'a stage dated before the last');
	await errorAt(page, 'date', /comes before/, 'out of order');
	await checkWidths(page, 'the record form with an error');

	// The rapid review was due on 26 October 2026: four working days late.
	await page.selectOption('#stage', 'rapid-review');
	await page.fill('#date', '2026-10-30');
	response = await submit(page, 'Record stage');
	assert.equal(response.status(), 200, 'the rapid review recorded');
	const clocks = await page.locator('#clocks tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
	assert.equal(JSON.stringify(clocks), JSON.stringify([
		['Notification', '1 October 2026', '8 October 2026', '5 October 2026', 'Met', 'Done in time'],
		['Rapid review', '5 October 2026', '26 October 2026', '30 October 2026', 'Missed', 'Done late'],
	]), 'the clocks');
	assert.equal(await page.locator('#clocks .govuk-tag--red').innerText(), 'Missed');

	// A decision with nothing decided: said at the decision.
	await page.selectOption('#stage', 'decision');
	await page.fill('#date', '2026-11-02');
	response = await submit(page, 'Record stage');
	assert.equal(response.status(), 422, 'a decision with no decision');
	await errorAt(page, 'decision', /needs what was decided/, 'no decision');
	// A reviewer's name is refused and not said back.
	await page.selectOption('#stage', 'reviewer');
	await page.selectOption('#decision', '');
	await page.fill('#reviewer', 'John Brown');
	response = await submit(page, 'Record stage');
	assert.equal(response.status(), 422, 'a reviewer\'s name');
	await errorAt(page, 'reviewer', /looks like a person's name/, 'a reviewer\'s name');
	assert.ok(!(await page.content()).includes('John Brown'), 'the name is nowhere on the page');

	// Another review whose notification is due in two working days.
	await page.goto('/reviews');
	const csrf = await page.locator('form[action="/reviews"] input[name="csrf"]').inputValue();
	response = await page.request.post('/reviews', { maxRedirects: 0, form: {
		csrf, ref: SOON, aware: '2026-11-18', 'agency-health-heartlands': '1' } });
	assert.equal(response.status(), 303, 'the second review added');
	// An agency that is none (no box offers it): the summary links to
	// the boxes' first, the group marked.
	response = await page.request.post('/reviews', { maxRedirects: 0, form: {
		csrf, ref: 'CSPR-2026-03', aware: '2026-11-18', 'agency-nobody': '1' } });
	assert.equal(response.status(), 422, 'an agency that is none');
	const html = await response.text();
	assert.ok(html.includes('href="#agency-scc-csc"'), 'the summary links to the first box');
	assert.match(html, /govuk-error-message" id="agencies-error"><span[^>]*>Error:<\/span> Agency &#39;nobody&#39; does not exist/,
		'the message at the boxes');

	await page.goto('/');
	const tasks = await page.locator('#tasks').innerText();
	assert.match(tasks, /Missed\s+CSPR-2026-01: rapid review missed \(due 26 October 2026\)/, 'the analyst\'s home');
	assert.match(tasks, /CSPR-2026-02: notification due soon \(due 25 November 2026\)/, 'due soon on the home');
	assert.equal(await page.locator('#tasks a', { hasText: REF }).getAttribute('href'), `/reviews/${REF}`);
	const chair = await ctx.signedIn('chair');
	assert.match(await chair.locator('#tasks').innerText(), /CSPR-2026-01: rapid review missed/, 'the chair\'s home');
	await checkAxe(chair, 'the chair\'s home with a missed clock');
});

test('the register filters and sorts, and refuses a filter that is none', async ({ signedIn }) => {
	const page = await signedIn('scrutineer');
	let response = await page.goto('/reviews');
	assert.equal(response.status(), 200, 'the scrutineer reads the register');
	assert.equal(await page.locator('form[action="/reviews"][method="post"]').count(), 0, 'no add form');
	const all = await rows(page);
	let got = ours(all);
	assert.equal(JSON.stringify(got.map((r) => r[0])), JSON.stringify([REF, SOON]), 'both reviews');
	assert.match(got[0][3], /^Rapid review, due 26 October 2026 Missed$/, 'the next clock of the first');
	assert.match(got[1][3], /^Notification, due 25 November 2026 Due soon$/, 'the next clock of the second');
	assert.equal(got[0][1], 'Rapid review', 'the stage reached');
	assert.match(got[0][5], /Surrey Police/, 'the agencies');
	assert.equal(await page.locator('#showing').innerText(),
		`Showing 1 to ${all.length} of ${all.length} case reviews`);
	await checkWidths(page, 'the register');

	for (const [query, want] of [['clock=missed', [REF]], ['clock=at-risk', [SOON]],
		['agency=health-heartlands', [SOON]], ['stage=rapid-review', [REF]],
		['state=open', [REF, SOON]], ['sort=ref&dir=desc', [SOON, REF]],
		['sort=aware&dir=desc', [SOON, REF]], ['sort=due', [REF, SOON]]]) {
		response = await page.goto(`/reviews?${query}`);
		assert.equal(response.status(), 200, `GET /reviews?${query}`);
		got = ours(await rows(page)).map((r) => r[0]);
		assert.equal(JSON.stringify(got), JSON.stringify(want), `/reviews?${query}`);
	}
	await page.goto('/reviews?sort=stage');
	assert.match(await page.locator('th[aria-sort="ascending"]').innerText(), /^Stage reached/);
	await page.goto('/reviews?state=closed');
	assert.equal(JSON.stringify((await rows(page)).map((r) => r[0])), JSON.stringify(['RR-2025-04']),
		'the demo\'s closed review alone');
	await page.goto('/reviews?state=closed&agency=health-heartlands');
	assert.equal(await page.locator('#no-reviews').innerText(), 'No case reviews match these filters.');
	for (const [query, field] of [['state=shut', 'state'], ['clock=late', 'clock'],
		['agency=nobody', 'agency'], ['sort=colour', 'sort'], ['page=3', 'page']]) {
		response = await page.goto(`/reviews?${query}`);
		assert.equal(response.status(), 400, `GET /reviews?${query}`);
		assert.equal(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1,
			`${query}: the summary links to #${field}`);
		assert.equal(await page.locator('#reviews').count(), 0, `${query}: no table`);
	}
	await checkAxe(page, 'the register refusing a page');
	response = await page.goto(`/reviews/${REF}`);
	assert.equal(response.status(), 200, 'the scrutineer reads a record');
	assert.equal(await page.locator('#stage').count(), 0, 'no record form');
});

test('an agency lead reads only its agency\'s reviews, and changes none', async (ctx) => {
	const police = await signedInAs(ctx, 'police-lead@demo.invalid');
	let response = await police.goto('/reviews');
	assert.equal(response.status(), 200, 'the police lead\'s register');
	const policeRows = await rows(police);
	assert.equal(JSON.stringify(ours(policeRows).map((r) => r[0])), JSON.stringify([REF]),
		'only the review the police are in');
	for (const r of policeRows)
		assert.match(r[5], /Surrey Police/, `${r[0]} involves the police`);
	assert.equal(await police.locator('#ref').count(), 0, 'no add form');
	response = await police.goto(`/reviews/${REF}`);
	assert.equal(response.status(), 200, 'the police lead reads its review');
	assert.equal(await police.locator('#stage').count(), 0, 'no record form');
	const csrf = await police.locator('form[action="/logout"] input[name="csrf"]').inputValue();
	response = await police.request.post(`/reviews/${REF}`, { maxRedirects: 0, form: {
		csrf, stage: 'decision', date: '2026-11-02', decision: 'none' } });
	assert.equal(response.status(), 403, 'the form posted by an agency lead');
	response = await police.request.post('/reviews', { maxRedirects: 0, form: {
		csrf, ref: 'CSPR-2026-09', aware: '2026-11-02' } });
	assert.equal(response.status(), 403, 'a review added by an agency lead');
	response = await police.goto(`/reviews/${SOON}`);
	assert.equal(response.status(), 403, 'another agency\'s review');

	const education = await signedInAs(ctx, 'education-lead@demo.invalid');
	response = await education.goto(`/reviews/${REF}`);
	assert.equal(response.status(), 403, 'a lead whose agency is not involved');
	await education.goto('/reviews');
	assert.equal(ours(await rows(education)).length, 0, 'none of these listed for education');

	const viewer = await ctx.signedIn('viewer');
	response = await viewer.goto('/reviews');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await viewer.locator('nav[aria-label="Vitals"] a[href="/reviews"]').count(), 0,
		'no link for a viewer');

	// Nothing was changed by the refused posts.
	const analyst = await ctx.signedIn('analyst');
	await analyst.goto(`/reviews/${REF}`);
	assert.match(await analyst.locator('#review-decision').innerText(), /Not yet decided/);
	response = await analyst.goto('/reviews/CSPR-2026-09');
	assert.equal(response.status(), 404, 'the refused review was not added');
});

test('the register pages 25 reviews at a time, the sort kept across pages', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	await page.goto('/reviews');
	const csrf = await page.locator('form[action="/reviews"] input[name="csrf"]').inputValue();
	const before = Number((await page.locator('#showing').innerText()).match(/of (\d+) case reviews/)[1]);
	const n = before + 25;
	for (let i = 1; i <= 25; i++) {
		const response = await page.request.post('/reviews', { maxRedirects: 0, form: {
			csrf, ref: `CSPR-2025-${String(i).padStart(2, '0')}`, aware: '2026-09-01' } });
		assert.equal(response.status(), 303, `review ${i} added`);
	}
	await page.goto('/reviews?sort=ref&dir=desc');
	assert.equal(await page.locator('#showing').innerText(), `Showing 1 to 25 of ${n} case reviews`);
	const first = (await rows(page)).map((r) => r[0]);
	await navigating(page, () => page.locator('.govuk-pagination__next a').click());
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('page'), '2', 'page 2');
	assert.equal(url.searchParams.get('sort'), 'ref', 'Next keeps the sort');
	assert.equal(await page.locator('#showing').innerText(), `Showing 26 to ${n} of ${n} case reviews`);
	const all = first.concat((await rows(page)).map((r) => r[0]));
	assert.equal(all.length, n, 'every review once');
	assert.equal(JSON.stringify(all), JSON.stringify([...all].sort().reverse()), 'references descending across the pages');
	await checkWidths(page, 'page 2 of the register');
});

test('a recommendation made on a review becomes an action of the tracker', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	await page.goto(`/reviews/${REF}`);
	assert.match(await page.locator('#no-recommendations').innerText(), /No recommendations/);
	await page.fill('#rec-text', 'Refresh threshold training for front door staff');
	await page.selectOption('#rec-agency', 'scc-csc');
	let response = await submit(page, 'Make recommendation');
	assert.equal(response.status(), 422, 'a recommendation without a due date');
	await errorAt(page, 'rec-due', /due/i, 'no due date');
	assert.equal(await page.locator('#rec-text').inputValue(),
		'Refresh threshold training for front door staff', 'the text kept');
	await checkWidths(page, 'the recommendation form with an error');

	await page.fill('#rec-due', '2027-03-31');
	response = await submit(page, 'Make recommendation');
	assert.equal(response.status(), 200, 'the recommendation made');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Recommendation made/);
	const row = await page.locator('#recommendations-table tbody tr').first()
		.evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()));
	assert.match(row[0], new RegExp(`Refresh threshold training for front door staff\\s+${REF}-R1`));
	assert.match(row[1], /Surrey County Council/, 'its agency by name');
	assert.equal(row[2], '31 March 2027', 'its due date in words');
	assert.equal(row[3], 'Not yet rated', 'no rating before its first update');
	await checkWidths(page, 'a review with a recommendation');

	await navigating(page, () => page.locator('#recommendations-table a').first().click());
	assert.equal(new URL(page.url()).pathname, `/actions/${REF}-R1`, 'the action\'s page');
	response = await page.goto(`/actions?q=${encodeURIComponent(`${REF}-R1`)}`);
	assert.equal(response.status(), 200);
	assert.ok((await page.content()).includes(`${REF}-R1`), 'in the tracker');

	// An agency lead sees no form, and a posted one is refused.
	const police = await signedInAs(ctx, 'police-lead@demo.invalid');
	await police.goto(`/reviews/${REF}`);
	assert.equal(await police.locator('#rec-text').count(), 0, 'no recommendation form for a lead');
	const csrf = await police.locator('form[action="/logout"] input[name="csrf"]').inputValue();
	response = await police.request.post(`/reviews/${REF}/recommend`, { maxRedirects: 0, form: {
		csrf, 'rec-text': 'Anything', 'rec-agency': 'police', 'rec-due': '2027-03-31' } });
	assert.equal(response.status(), 403, 'a recommendation posted by an agency lead');
});

test('the pack on the chair\'s dashboard has the assurance section', async ({ signedIn }) => {
	const page = await signedIn('chair');
	const response = await page.goto('/');
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('h2', { hasText: /^Assurance$/ }).count(), 1, 'the section');
	const text = await page.locator('main').innerText();
	assert.match(text, /RR-2026-02: Rapid review missed \(due 3 July 2026, done 8 July 2026\)/,
		'the demo\'s late rapid review, missed');
	const chart = page.locator('svg.vt-bars[role="img"]').first();
	assert.equal(await chart.count(), 1, 'a bar chart as an image');
	const desc = await chart.locator('desc').textContent();
	assert.match(desc, /^Open case reviews by stage reached: Not yet notified \d+, /, 'its text alternative');
	await checkWidths(page, 'the dashboard with the assurance section');
});

run();
