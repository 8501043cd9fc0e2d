'use strict';
// Voice reports on the web: the analyst reads the register and its count
// by quarter (the library's, as `vitals voice quarters --json` prints
// it), adds a report through its form (a missing date said at its field,
// a name-like summary refused and not said back) and records what
// changed; the police lead reads every report but is refused a change
// (403, even posting the form with its own token); a viewer may not open
// the register; axe finds nothing at 320 and 1280 px on the register and
// the record for the analyst, the scrutineer and a lead.
// The day is 23 November 2026 (run.sh).
const { execFileSync } = require('child_process');
const {
	test, run, assert, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const REF = 'VOICE-WEB-01';

async function rows(page, id) {
	return page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('th, td')].map((td) => td.innerText.trim())));
}

// The register's references: the first line of each row's first cell.
async function refs(page) {
	return (await rows(page, 'voice-reports')).map((r) => r[0].split('\n')[0]);
}

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

function quartersJson() {
	return JSON.parse(execFileSync(process.env.VITALS, ['--db', process.env.DB, 'voice',
		'quarters', '--json'], { encoding: 'utf8' }));
}

test('the analyst reads the register and its count by quarter', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	const response = await page.goto('/voice');
	assert.equal(response.status(), 200, 'GET /voice');
	assert.equal(await page.locator('nav a[href="/voice"]').count(), 1, 'linked in the navigation');
	const reg = await rows(page, 'voice-reports');
	const first = reg.find((r) => r[0].startsWith('VOICE-2025-01\n'));
	assert.ok(first, 'the demo\'s first report listed');
	assert.match(first[0], /Young Inspectors' visit/, 'its title under its reference');
	assert.equal(first[1], '18 June 2025', 'its date in words');
	assert.equal(first[2].split('\n').join('|'), 'Focus group|by Young Inspectors|14 took part',
		'its method in words, who ran it and how many took part');
	assert.match(first[3], /Being listened to/, 'its themes by name');
	assert.match(first[4], /referral letters were rewritten/, 'what changed');
	assert.equal(await page.locator('#voice-reports a[href="/voice/VOICE-2025-01"]').count(), 1,
		'the reference linked');

	// The count by quarter is the library's, newest first.
	const q = quartersJson().quarters.filter((x) => x.reports > 0).reverse();
	const table = (await rows(page, 'quarters-table')).filter((r) => r[1] !== '0');
	assert.equal(JSON.stringify(table.map((r) => [r[0], r[1], r[2]])),
		JSON.stringify(q.map((x) => [x.label, String(x.reports), String(x.participants)])),
		'each quarter with its reports and participants');
	await checkWidths(page, 'the register for the analyst');

	// Filtered by quarter and by theme.
	await page.goto(`/voice?quarter=2025Q2`);
	assert.equal(JSON.stringify(await refs(page)), JSON.stringify(['VOICE-2025-01']),
		'the reports of 2025Q2');
	await page.goto('/voice?in-theme=help-early');
	const early = (await rows(page, 'voice-reports'));
	assert.ok(early.length > 0 && early.every((r) => /Getting help early/.test(r[3])),
		'only the reports with that theme');
	const bad = await page.goto('/voice?quarter=2025Q9');
	assert.equal(bad.status(), 400, 'a quarter that is none');
	await errorAt(page, 'quarter', /Choose a quarter/, 'a bad quarter');
});

test('the analyst adds a report and records what changed', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	await page.goto('/voice');
	// No date: said at its field, what was typed kept.
	await page.fill('#ref', REF);
	await page.fill('#title', 'Illustrative: care leavers\' survey');
	await page.fill('#source', 'Young Inspectors');
	await page.selectOption('#method', 'survey');
	await page.fill('#participants', '27');
	await page.check('#theme-feeling-safe');
	await page.fill('#summary', 'Illustrative: they wanted to know who to call at night.');
	let response = await submit(page, 'Add voice report');
	assert.equal(response.status(), 422, 'a report with no date');
	await errorAt(page, 'date', /when/, 'no date');
	assert.equal(await page.locator('#ref').inputValue(), REF, 'the reference kept');
	assert.ok(await page.locator('#theme-feeling-safe').isChecked(), 'the theme kept');
	await checkWidths(page, 'the add form with an error');

	// A name in the summary: refused, not said back.
	await page.fill('#date', '2026-11-20');
	await page.fill('#summary', 'Jane Smith');
	response = await submit(page, 'Add voice report');
	assert.equal(response.status(), 422, 'a name as the summary');
	await errorAt(page, 'summary', /looks like a person's name/, 'a name');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');

	await page.fill('#summary', 'Illustrative: they wanted to know who to call at night.');
	response = await submit(page, 'Add voice report');
	assert.equal(response.status(), 200, 'the report added');
	assert.equal(new URL(page.url()).pathname, `/voice/${REF}`, 'on the record');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Voice report added/);
	assert.equal(await page.locator('#voice-date').innerText(), '20 November 2026');
	assert.equal(await page.locator('#voice-method').innerText(), 'Survey');
	assert.equal(await page.locator('#voice-changed').innerText(), 'Not yet recorded');

	// What changed, with a priority and an action of the tracker.
	await page.fill('#changed', 'Illustrative: the out-of-hours number is on every plan.');
	await page.check('#priority-ns-p5');
	await page.fill('#actions', 'ns-a14');
	response = await submit(page, 'Record what changed');
	assert.equal(response.status(), 200, 'what changed recorded');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /What changed is recorded/);
	assert.match(await page.locator('#voice-changed').innerText(), /out-of-hours number/);
	assert.equal(await page.locator('#voice-actions a[href="/actions/ns-a14"]').count(), 1,
		'the action linked');
	assert.ok((await page.locator('#voice-priorities').innerText()).trim() !== 'None',
		'the priority by its title');
	assert.ok(await page.locator('#priority-ns-p5').isChecked(), 'the priority ticked as stored');
	await checkWidths(page, 'the record for the analyst');

	// An action that is none: at its field.
	await page.fill('#actions', 'no-such-action');
	response = await submit(page, 'Record what changed');
	assert.equal(response.status(), 422, 'an unknown action');
	await errorAt(page, 'actions', /no-such-action/, 'an unknown action');
});

test('the police lead reads every report but changes none', async (ctx) => {
	const page = await signedInAs(ctx, 'police-lead@demo.invalid');
	let response = await page.goto('/voice');
	assert.equal(response.status(), 200);
	assert.ok((await refs(page)).includes(REF), 'the new report listed');
	assert.equal(await page.locator('#ref').count(), 0, 'no form to add one');
	await checkWidths(page, 'the register for the police lead');
	response = await page.goto(`/voice/${REF}`);
	assert.equal(response.status(), 200, 'the record');
	assert.equal(await page.locator('#changed').count(), 0, 'no form to record what changed');
	await checkWidths(page, 'the record for the police lead');

	const csrf = await csrfOf(page);
	response = await page.request.post(`/voice/${REF}`, { maxRedirects: 0, form: {
		csrf, changed: 'Illustrative: changed by the lead' } });
	assert.equal(response.status(), 403, 'recording what changed');
	response = await page.request.post('/voice', { maxRedirects: 0, form: {
		csrf, ref: 'VOICE-WEB-02', title: 't', source: 'police', date: '2026-11-20',
		method: 'survey', participants: '3', summary: 'Illustrative' } });
	assert.equal(response.status(), 403, 'adding a report');
	await page.reload();
	assert.ok(!/by the lead/.test(await page.locator('#voice-changed').innerText()),
		'nothing recorded');
	response = await page.goto('/voice/VOICE-WEB-02');
	assert.equal(response.status(), 404, 'nothing added');
});

test('the scrutineer reads the register', async ({ signedIn }) => {
	const page = await signedIn('scrutineer');
	let response = await page.goto('/voice');
	assert.equal(response.status(), 200);
	assert.equal(await page.locator('#ref').count(), 0, 'no form to add one');
	await checkWidths(page, 'the register for the scrutineer');
	response = await page.goto(`/voice/${REF}`);
	assert.equal(response.status(), 200);
	await checkWidths(page, 'the record for the scrutineer');
});

test('a viewer may not open the register', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	const response = await page.goto('/voice');
	assert.equal(response.status(), 403, 'a viewer');
	assert.equal(await page.locator('nav a[href="/voice"]').count(), 0, 'no link in the navigation');
});

run();
