'use strict';
// The challenge log, the users on /admin and the measures, usable without
// JavaScript as the action tracker is: headers that sort (aria-sort on
// the sorted one), 25 rows a page with "Showing 1 to 25 of N" and GOV.UK
// pagination, search boxes, a message in place of an empty table, a 400
// with an error summary for a sort or page that is not one; axe finds
// nothing, and at 320 px no page scrolls sideways.
const { test, run, assert, checkAxe } = require('./lib');

async function follow(page, locator) {
	const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
	return response;
}

async function rows(page, table) {
	return page.locator(`#${table} tbody tr`).evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

// A date as the page writes it, "5 December 2026", as YYYY-MM-DD.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
	'August', 'September', 'October', 'November', 'December'];
function iso(words) {
	const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(words);
	assert.ok(m && MONTHS.includes(m[2]), `a date in words: ${JSON.stringify(words)}`);
	return `${m[3]}-${String(MONTHS.indexOf(m[2]) + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

async function narrow(page, label) {
	await page.setViewportSize({ width: 320, height: 640 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `${label} is ${width} px wide at 320 px`);
	await checkAxe(page, `${label} at 320 px`);
	await page.setViewportSize({ width: 1280, height: 720 });
}

// Challenge log columns: Number (with the text), Subject, Status, Raised,
// Waiting (days).
const NUMBER = 0, SUBJECT = 1, RAISED = 3;
const SUBJECTS = ['action:pol-a1', 'measure:pol-m1', 'return:police/2026Q3'];
const RAISE = 27;

test('the challenge log says when none has been raised, then pages and sorts', async ({ signedIn }) => {
	const page = await signedIn('scrutineer', { javaScriptEnabled: false });
	let response = await page.goto('/challenges');
	assert.equal(response.status(), 200, 'GET /challenges');
	assert.equal(await page.locator('#no-challenges').innerText(), 'No challenges have been raised.');
	assert.equal(await page.locator('#challenges').count(), 0, 'no empty table');
	// (axe needs scripts: a page of its own checks.)
	const axe = await signedIn('scrutineer');
	await axe.goto('/challenges');
	await checkAxe(axe, 'the empty challenge log');

	// More than a page of them: the first through the page's own form,
	// the rest posted as that form posts them (quicker than drawing it).
	await page.fill('#on', SUBJECTS[0]);
	await page.fill('#text', 'Question 1 on this subject');
	response = await follow(page, page.getByRole('button', { name: 'Raise challenge' }));
	assert.equal(response.status(), 200, 'challenge 1 raised');
	await page.goto('/challenges');
	const csrf = await page.locator('#main-content form[action="/challenges"] input[name="csrf"]').inputValue();
	for (let i = 1; i < RAISE; i++) {
		response = await page.request.post('/challenges', { maxRedirects: 0, form: {
			csrf, on: SUBJECTS[i % SUBJECTS.length], text: `Question ${i + 1} on this subject` } });
		assert.equal(response.status(), 303, `challenge ${i + 1} raised`);
	}
	response = await page.goto('/challenges');
	assert.equal(response.status(), 200, 'GET /challenges');
	let got = await rows(page, 'challenges');
	assert.equal(got.length, 25, 'twenty-five rows');
	assert.equal(await page.locator('#showing').innerText(), `Showing 1 to 25 of ${RAISE} challenges`);
	assert.ok(got.every((r) => iso(r[RAISED]) === '2026-11-23'), 'raised today, in words');
	assert.equal(await page.locator('.govuk-pagination__prev').count(), 0, 'no Previous on page 1');
	await follow(page, page.locator('.govuk-pagination__next a'));
	assert.equal(new URL(page.url()).searchParams.get('page'), '2', 'page 2');
	assert.equal(await page.locator('#showing').innerText(), `Showing 26 to ${RAISE} of ${RAISE} challenges`);
	assert.equal((await rows(page, 'challenges')).length, RAISE - 25, 'the rest');

	// Number sorts as numbers, the second click the other way.
	await page.goto('/challenges?open=1');
	await follow(page, page.locator('#challenges th a', { hasText: 'Number' }));
	assert.equal(new URL(page.url()).searchParams.get('open'), '1', 'the sort keeps the filter');
	assert.match(await page.locator('th[aria-sort="ascending"]').innerText(), /^Number/);
	await follow(page, page.locator('#challenges th a', { hasText: 'Number' }));
	assert.equal(new URL(page.url()).searchParams.get('dir'), 'desc', 'the second click turns it round');
	assert.equal(await page.locator('th[aria-sort]').count(), 1, 'aria-sort on one column only');
	got = (await rows(page, 'challenges')).map((r) => parseInt(r[NUMBER], 10));
	assert.equal(got[0], RAISE, 'the newest first');
	assert.ok(got.every((n, i) => i === 0 || n < got[i - 1]), `numbers descending (${got.join(' ')})`);

	// By subject: every row in order, and page 2 carries on from page 1.
	await page.goto('/challenges?sort=subject');
	const first = (await rows(page, 'challenges')).map((r) => r[SUBJECT]);
	await follow(page, page.locator('.govuk-pagination__next a'));
	assert.equal(new URL(page.url()).searchParams.get('sort'), 'subject', 'Next keeps the sort');
	const subjects = first.concat((await rows(page, 'challenges')).map((r) => r[SUBJECT]));
	assert.equal(subjects.length, RAISE, 'every challenge once');
	assert.equal(JSON.stringify(subjects), JSON.stringify([...subjects].sort()), 'subjects in order across the pages');

	// A filter that leaves none.
	await page.goto('/challenges?on=action:csc-a01');
	assert.equal(await page.locator('#no-challenges').innerText(), 'No challenges match these filters.');
	assert.equal(await page.locator('#challenges').count(), 0, 'no empty table');

	await axe.goto('/challenges?sort=waiting&dir=desc&page=2');
	await checkAxe(axe, 'page 2 of the challenge log');
	await narrow(axe, 'the challenge log');
});

test('a challenge log sort or page that is not one is a 400 said against its field', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	for (const [query, field] of [['sort=colour', 'sort'], ['dir=sideways', 'dir'],
		['page=0', 'page'], ['page=9', 'page'], ['page=two', 'page'], ['on=nonsense', 'filter-on']]) {
		const response = await page.goto(`/challenges?${query}`);
		assert.equal(response.status(), 400, `GET /challenges?${query}`);
		assert.equal(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1,
			`${query}: the summary links to #${field}`);
		assert.equal(await page.locator(`#${field}`).count(), 1, `${query}: the field is there`);
		assert.equal(await page.locator('#challenges').count(), 0, `${query}: no table`);
		await checkAxe(page, `the challenge log refusing ${query}`);
	}
});

// Users columns: Email, Name, Role, Agency, ...
const EMAIL = 0, ROLE = 2;

test('an administrator searches and sorts the users', async ({ signedIn, users }) => {
	const page = await signedIn('admin', { javaScriptEnabled: false });
	let response = await page.goto('/admin');
	assert.equal(response.status(), 200, 'GET /admin');
	let got = await rows(page, 'users');
	assert.ok(got.length >= users.length && got.length <= 25, `every user on a page (${got.length})`);
	assert.match(await page.locator('#showing').innerText(), new RegExp(`^Showing 1 to ${got.length} of ${got.length} users$`));

	await follow(page, page.locator('#users th a', { hasText: 'Role' }));
	assert.match(await page.locator('th[aria-sort="ascending"]').innerText(), /^Role/);
	let roles = (await rows(page, 'users')).map((r) => r[ROLE]);
	assert.equal(JSON.stringify(roles), JSON.stringify([...roles].sort()), `roles in order (${roles.join(' ')})`);
	await follow(page, page.locator('#users th a', { hasText: 'Role' }));
	roles = (await rows(page, 'users')).map((r) => r[ROLE]);
	assert.equal(JSON.stringify(roles), JSON.stringify([...roles].sort().reverse()), 'roles the other way');

	// Searched by a part of one address, in capitals, the sort kept.
	const one = users.find((u) => u.role === 'scrutineer');
	const part = one.email.split('@')[0].toUpperCase();
	assert.equal(users.filter((u) => u.email.toUpperCase().includes(part)).length, 1, `${part} is one user's`);
	await page.fill('#q', part);
	await follow(page, page.getByRole('button', { name: 'Search' }));
	const address = new URL(page.url());
	assert.equal(address.searchParams.get('q'), part, 'the search is in the address');
	assert.equal(address.searchParams.get('sort'), 'role', 'the sort kept');
	got = await rows(page, 'users');
	assert.equal(got.length, 1, `one user has '${part}'`);
	assert.equal(got[0][EMAIL], one.email, 'the one whose address has it');
	assert.equal(await page.locator('#q').inputValue(), part, 'the search stays in its box');
	const href = new URL(await page.locator('#users th a', { hasText: 'Name' }).getAttribute('href'), address);
	assert.equal(href.searchParams.get('q'), part, 'a sort link keeps the search');

	await page.goto('/admin?q=nobody-is-called-this');
	assert.equal(await page.locator('#no-users').innerText(), 'No user matches that search.');
	assert.equal(await page.locator('#users').count(), 0, 'no empty table');

	const axe = await signedIn('admin');
	response = await axe.goto('/admin?sort=agency&dir=desc');
	assert.equal(response.status(), 200, 'sorted by agency');
	await checkAxe(axe, 'the users sorted by agency');
	for (const [query, field] of [['sort=colour', 'sort'], ['dir=up', 'dir'], ['page=2', 'page'], ['page=0', 'page']]) {
		response = await axe.goto(`/admin?${query}`);
		assert.equal(response.status(), 400, `GET /admin?${query}`);
		assert.equal(await axe.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1,
			`${query}: the summary links to #${field}`);
		assert.equal(await axe.locator(`#${field}`).count(), 1, `${query}: the field is there`);
		await checkAxe(axe, `the users refusing ${query}`);
	}
	await axe.goto('/admin');
	await narrow(axe, 'the administration page');
});

test('the measures search finds one measure by a word of its title', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	let response = await page.goto('/measures');
	assert.equal(response.status(), 200, 'GET /measures');
	const links = () => page.locator('main a[href^="/measures/"]').evaluateAll((as) =>
		as.map((a) => a.innerText.trim()));
	const all = await links();
	assert.ok(all.length > 1, `measures listed (${all.length})`);
	// "CODE: title": a word of one title in no other code or title.
	let word, only;
	for (const m of all) {
		word = m.split(': ').slice(1).join(': ').split(/[^A-Za-z]+/).find((w) => w.length >= 5 &&
			all.filter((n) => n.toLowerCase().includes(w.toLowerCase())).length === 1);
		if (word) {
			only = m;
			break;
		}
	}
	assert.ok(word, 'a word of one title alone');
	await page.locator('summary', { hasText: 'filter the measures' }).click();
	await page.fill('#q', word.toUpperCase());
	await follow(page, page.getByRole('button', { name: 'Show' }));
	assert.equal(new URL(page.url()).searchParams.get('q'), word.toUpperCase(), 'the search is in the address');
	assert.equal(JSON.stringify(await links()), JSON.stringify([only]), `only the measure with '${word}'`);
	assert.equal(await page.locator('#q').inputValue(), word.toUpperCase(), 'the search stays in its box');

	// Two words: both must be there.
	response = await page.goto(`/measures?q=${encodeURIComponent(`${word} nothing-has-this`)}`);
	assert.equal(response.status(), 200, 'a search that finds none');
	assert.match(await page.locator('main').innerText(), /No measure matches those filters\./);

	const axe = await signedIn('analyst');
	await axe.goto(`/measures?q=${encodeURIComponent(word)}`);
	await checkAxe(axe, 'the measures searched');
	await narrow(axe, 'the measures searched');
	response = await axe.goto('/measures?period=Q3&q=x');
	assert.equal(response.status(), 400, 'a refused quarter with a search');
	assert.equal(await axe.locator('#q').inputValue(), 'x', 'the search kept in the refused form');
	await checkAxe(axe, 'the measures refusing a quarter');
});

run();
