'use strict';
// The action tracker as a table people can use without JavaScript: 25
// rows a page with "Showing 1 to 25 of N", headers that sort (aria-sort
// on the sorted one), filters and a search kept in every sort and page
// link, GOV.UK pagination, a 400 with an error summary for a sort or
// page that is not one, no empty table; axe finds nothing, and at 320 px
// the page does not scroll sideways.
const { test, run, assert, checkAxe } = require('./lib');

// Every action as the API gives it (the same filters as the page).
async function allActions(page, query = '') {
	const response = await page.goto(`/api/v1/actions${query}`);
	assert.equal(response.status(), 200, `GET /api/v1/actions${query}`);
	return response.json();
}

async function rows(page) {
	return page.locator('#actions tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

// A date as the page writes it, "5 December 2026", as YYYY-MM-DD ("" for
// none), to be compared.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
	'August', 'September', 'October', 'November', 'December'];
function iso(words) {
	const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(words);
	if (!words)
		return '';
	assert.ok(m && MONTHS.includes(m[2]), `a date in words: ${JSON.stringify(words)}`);
	const month = String(MONTHS.indexOf(m[2]) + 1).padStart(2, '0');
	return `${m[3]}-${month}-${m[1].padStart(2, '0')}`;
}

// Column places: Reference, Title, Agency, RAG, Due, Last update, State.
const REF = 0, RAG = 3, DUE = 4;

async function follow(page, locator) {
	const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
	return response;
}

test('25 rows a page, said in words, the rest a page away', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	const all = await allActions(page);
	assert.ok(all.length > 25, `more actions than a page (${all.length})`);
	const response = await page.goto('/actions');
	assert.equal(response.status(), 200, 'GET /actions');
	assert.equal((await rows(page)).length, 25, 'twenty-five rows');
	assert.equal(await page.locator('#showing').innerText(),
		`Showing 1 to 25 of ${all.length} actions`);
	assert.equal(await page.locator('.govuk-pagination__prev').count(), 0, 'no Previous on page 1');
	assert.equal(await page.locator('.govuk-pagination__item--current a').innerText(), '1');
	assert.equal(await page.locator('[aria-sort]').count(), 0, 'no column sorted yet');
	const axe = await signedIn('analyst');
	await axe.goto('/actions');
	await checkAxe(axe, 'the action tracker');
});

test('the Due header sorts by due date, then the other way', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	const latest = (await allActions(page)).map((a) => a.due || '').sort().pop();
	await page.goto('/actions');
	await follow(page, page.locator('#actions th a', { hasText: 'Due' }));
	assert.match(await page.locator('th[aria-sort="ascending"]').innerText(), /^Due/, 'Due is sorted ascending');
	let dates = (await rows(page)).map((r) => iso(r[DUE])).filter((d) => d);
	assert.ok(dates.every((d, i) => i === 0 || d >= dates[i - 1]), `earliest first (${dates.join(' ')})`);
	await follow(page, page.locator('#actions th a', { hasText: 'Due' }));
	assert.equal(new URL(page.url()).searchParams.get('dir'), 'desc', 'the second click turns it round');
	assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1, 'Due is sorted descending');
	assert.equal(await page.locator('th[aria-sort]').count(), 1, 'aria-sort on one column only');
	dates = (await rows(page)).map((r) => iso(r[DUE]));
	assert.equal(dates[0], latest, 'the latest due date first');
	assert.ok(dates.every((d, i) => i === 0 || !d || d <= dates[i - 1]), `latest first (${dates.join(' ')})`);
	const axe = await signedIn('analyst');
	await axe.goto(page.url());
	await checkAxe(axe, 'the tracker sorted by due date');
});

test('the RAG filter and the search box narrow the rows', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	const all = await allActions(page);
	const reds = all.filter((a) => a.rag === 'red');
	assert.ok(reds.length > 0 && reds.length < all.length, 'some red actions, not all');
	await page.goto('/actions');
	await page.selectOption('#rag', 'red');
	await follow(page, page.getByRole('button', { name: 'Filter' }));
	assert.equal(new URL(page.url()).searchParams.get('rag'), 'red', 'the filter is in the address');
	const red = await rows(page);
	assert.equal(red.length, Math.min(reds.length, 25), 'only the red ones');
	assert.ok(red.every((r) => r[RAG] === 'red'), 'every row red');
	assert.match(await page.locator('#showing').innerText(), new RegExp(` of ${reds.length} actions$`));

	// A word of one action's title found in no other's reference, title
	// or owner.
	const text = (a) => `${a.ref} ${a.title} ${a.owner || ''}`.toLowerCase();
	let word, only;
	for (const a of all) {
		word = a.title.split(/[^A-Za-z]+/).find((w) => w.length >= 5 &&
			all.filter((b) => text(b).includes(w.toLowerCase())).length === 1);
		if (word) {
			only = a;
			break;
		}
	}
	assert.ok(word, 'a word of one title alone');
	await page.goto('/actions');
	await page.fill('#q', word.toUpperCase());
	await follow(page, page.getByRole('button', { name: 'Filter' }));
	const found = await rows(page);
	assert.equal(found.length, 1, `one action has '${word}'`);
	assert.equal(found[0][REF], only.ref, 'the one whose title has it');
	assert.equal(await page.locator('#q').inputValue(), word.toUpperCase(), 'the search stays in its box');
	// The API searches the same way.
	const api = await allActions(page, `?q=${encodeURIComponent(word)}`);
	assert.equal(api.map((a) => a.ref).join(' '), only.ref, 'the API finds the same one');

	const axe = await signedIn('analyst');
	await axe.goto('/actions?q=nothing-has-this-title');
	assert.equal(await axe.locator('#no-actions').innerText(), 'No actions match these filters.');
	assert.equal(await axe.locator('#actions').count(), 0, 'no empty table');
	await checkAxe(axe, 'the tracker with nothing to show');
	await axe.goto('/actions?rag=red');
	await checkAxe(axe, 'the red actions');
});

test('Next goes to page 2 keeping the filter and the sort', async ({ signedIn }) => {
	const page = await signedIn('analyst', { javaScriptEnabled: false });
	// Every plan's, closed ones too: the tracker's 32 amber of 2017 page.
	const all = await allActions(page, '?closed=1');
	const rag = ['red', 'amber', 'green', 'blue'].find((r) =>
		all.filter((a) => a.rag === r).length > 25);
	assert.ok(rag, 'a rating with more than a page of actions');
	const n = all.filter((a) => a.rag === rag).length;
	await page.goto(`/actions?rag=${rag}&closed=1&sort=ref&dir=desc`);
	const first = await rows(page);
	await follow(page, page.locator('.govuk-pagination__next a'));
	const next = new URL(page.url());
	assert.equal(next.searchParams.get('page'), '2', 'page 2');
	assert.equal(next.searchParams.get('rag'), rag, 'the filter kept');
	assert.equal(next.searchParams.get('sort'), 'ref', 'the sort kept');
	assert.equal(next.searchParams.get('dir'), 'desc', 'the order kept');
	assert.equal(await page.locator('#showing').innerText(),
		`Showing 26 to ${Math.min(50, n)} of ${n} actions`);
	const second = await rows(page);
	// The API gives the same page, in the same order.
	const api = await allActions(page, `?rag=${rag}&closed=1&sort=ref&dir=desc&page=2`);
	assert.equal(api.map((a) => a.ref).join(' '), second.map((r) => r[REF]).join(' '), 'the API\'s page 2 is the page\'s');
	const bad = await page.goto('/api/v1/actions?page=99');
	assert.equal(bad.status(), 400, 'a page past the last');
	assert.equal((await bad.json()).field, 'page', 'the refusal names its field');
	await page.goto(`/actions?rag=${rag}&closed=1&sort=ref&dir=desc&page=2`);
	assert.ok(second.every((r) => r[RAG] === rag), 'still filtered');
	assert.ok(second[0][REF].toLowerCase() <= first[first.length - 1][REF].toLowerCase(),
		'page 2 carries on where page 1 ended');
	assert.equal(await page.locator('.govuk-pagination__prev a').count(), 1, 'a Previous link');
	assert.match(await page.locator('th[aria-sort="descending"]').innerText(), /^Reference/,
		'the sorted header says so');
	// A sort link keeps the filter and search, and starts at page 1.
	const href = new URL(await page.locator('#actions th a', { hasText: 'Title' }).getAttribute('href'), next);
	assert.equal(href.searchParams.get('rag'), rag, 'a sort link keeps the filter');
	assert.equal(href.searchParams.get('page'), null, 'a new sort starts at page 1');
	const axe = await signedIn('analyst');
	await axe.goto(page.url());
	await checkAxe(axe, 'page 2 of the tracker');
});

test('a sort or page that is not one is a 400 said against its field', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	for (const [query, field] of [['sort=colour', 'sort'], ['dir=sideways', 'dir'],
		['page=0', 'page'], ['page=99', 'page'], ['page=two', 'page']]) {
		const response = await page.goto(`/actions?${query}`);
		assert.equal(response.status(), 400, `GET /actions?${query}`);
		const link = page.locator(`.govuk-error-summary a[href="#${field}"]`);
		assert.equal(await link.count(), 1, `${query}: the summary links to #${field}`);
		assert.equal(await page.locator(`#${field}`).count(), 1, `${query}: the field is there`);
		assert.equal(await page.locator('#actions').count(), 0, `${query}: no table`);
		await checkAxe(page, `the tracker refusing ${query}`);
	}
	assert.equal(await page.goto('/actions?page=1&q=nothing-has-this').then((r) => r.status()), 200,
		'page 1 of nothing is no error');
});

test('at 320 px the tracker does not scroll sideways', async ({ signedIn }) => {
	const page = await signedIn('analyst');
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/actions?sort=due&dir=desc&page=2');
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `the page is ${width} px wide`);
	await checkAxe(page, 'the action tracker at 320 px');
});

run();
