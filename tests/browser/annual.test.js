'use strict';
// The annual report on the web: the analyst finds the year from the
// navigation, reads its sections and downloads, saves a section (a
// blank text refused at its field, a name-like text refused and not
// said back), and sees the new version listed with who saved it; the
// chair reads the report and its downloads but has no form (403 when
// asked for it, even posted with its own token); a viewer downloads the
// published report only, counts 1-4 as <5.  axe and no sideways scroll
// at 320 and 1280 px on each page for the analyst, the chair and the
// viewer.  The day is 23 November 2026 (run.sh).
const {
	test, run, assert, checkWidths, submit, errorAt,
} = require('./lib');

const YEAR = '2025-26';

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

test('the analyst reads the year and saves a section', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	assert.equal(await page.locator('nav a[href="/annual"]').count(), 1, 'linked in the navigation');
	let response = await page.goto('/annual');
	assert.equal(response.status(), 200, 'GET /annual');
	assert.equal(await page.locator(`a[href="/annual/${YEAR}"]`).count(), 1, `${YEAR} listed`);
	await checkWidths(page, 'the years for the analyst');

	response = await page.goto(`/annual/${YEAR}`);
	assert.equal(response.status(), 200, `GET /annual/${YEAR}`);
	for (const ext of ['html', 'pdf', 'docx', 'md']) {
		const href = `/annual/${YEAR}/annual-report.${ext}`;
		assert.equal(await page.locator(`a[href="${href}"]`).count(), 1, `the ${ext} download`);
		const file = await page.request.get(href);
		assert.equal(file.status(), 200, `GET ${href}`);
	}
	const md = await (await page.request.get(`/annual/${YEAR}/annual-report.md`)).text();
	assert.match(md, /^# Annual report 2025-26/, 'the Markdown report');
	assert.match(md, /Illustrative figures/, 'it says its figures are illustrative');
	assert.equal(await page.locator(`a[href="/annual/${YEAR}/foreword"]`).count(), 1,
		'a link to write the foreword');
	assert.equal(await page.locator('h2#plans').count(), 1, 'the report drafted on the page');
	assert.ok((await page.locator('main').innerText()).includes('Police single-agency neglect plan'),
		'the year\'s plan in it');
	await checkWidths(page, 'the year for the analyst');

	response = await page.goto(`/annual/${YEAR}/summary`);
	assert.equal(response.status(), 200, 'the summary\'s form');
	await checkWidths(page, 'the section form');
	const before = await page.locator('#text').inputValue();

	// Nothing written: said at its field.
	await page.fill('#text', '   ');
	response = await submit(page, 'Save a new version');
	assert.equal(response.status(), 422, 'a blank text');
	await errorAt(page, 'text', /write the section/i, 'a blank text');
	await checkWidths(page, 'the section form with an error');

	// A name: refused and not said back.
	await page.fill('#text', 'Jane Smith');
	response = await submit(page, 'Save a new version');
	assert.equal(response.status(), 422, 'a name');
	await errorAt(page, 'text', /looks like a person's name/, 'a name');
	assert.ok(!(await page.content()).includes('Jane Smith'), 'the name is nowhere on the page');

	const words = 'Illustrative: the partnership agreed three priorities for the year.';
	await page.fill('#text', `${before}\n\n${words}`);
	response = await submit(page, 'Save a new version');
	assert.equal(response.status(), 200, 'saved');
	assert.equal(new URL(page.url()).pathname, `/annual/${YEAR}`, 'back on the year');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /new version/);
	const md2 = await (await page.request.get(`/annual/${YEAR}/annual-report.md`)).text();
	assert.ok(md2.includes(words), 'the report has the new version');
	await page.goto(`/annual/${YEAR}/summary`);
	assert.ok((await page.locator('#text').inputValue()).includes(words), 'the form holds the latest');
	assert.match(await page.locator('.govuk-summary-list').first().innerText(),
		/Version \d+\s+By analyst@demo\.invalid/, 'the new version with who saved it');
});

test('the chair reads the report but writes none of it', async ({ signedIn }) => {
	const page = await signedIn('chair');
	let response = await page.goto(`/annual/${YEAR}`);
	assert.equal(response.status(), 200, 'the year');
	assert.equal(await page.locator(`a[href="/annual/${YEAR}/foreword"]`).count(), 0,
		'no link to write a section');
	await checkWidths(page, 'the year for the chair');
	response = await page.goto(`/annual/${YEAR}/foreword`);
	assert.equal(response.status(), 403, 'the form');
	const csrf = await csrfOf(page);
	response = await page.request.post(`/annual/${YEAR}/foreword`, { maxRedirects: 0,
		form: { csrf, text: 'Illustrative: by the chair' } });
	assert.equal(response.status(), 403, 'posting a section');
	const md = await (await page.request.get(`/annual/${YEAR}/annual-report.md`)).text();
	assert.ok(!md.includes('by the chair'), 'nothing saved');
});

test('a viewer has the published report', async ({ signedIn }) => {
	const page = await signedIn('viewer');
	assert.equal(await page.locator('nav a[href="/annual"]').count(), 1, 'linked in the navigation');
	let response = await page.goto('/annual');
	assert.equal(response.status(), 200);
	await checkWidths(page, 'the years for a viewer');
	response = await page.goto(`/annual/${YEAR}`);
	assert.equal(response.status(), 200);
	assert.match(await page.locator('main').innerText(), /published report/);
	assert.match(await page.locator('main').innerText(), /The report as published/);
	assert.ok((await page.locator('main').innerText()).includes('<5'),
		'small counts shown as <5');
	await checkWidths(page, 'the year for a viewer');
	const md = await (await page.request.get(`/annual/${YEAR}/annual-report.md`)).text();
	assert.match(md, /Published: counts from 1 to 4 are shown as \\<5/, 'the published report');
	response = await page.goto(`/annual/${YEAR}/foreword`);
	assert.equal(response.status(), 403, 'no form for a viewer');
	response = await page.goto('/annual/2025-27');
	assert.equal(response.status(), 404, 'a year that is none');
});

run();
