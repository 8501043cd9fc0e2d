'use strict';
// A priority's page: reached from the measures list, its text, then each
// objective with its measures' readings (linked to the measure) and its
// actions' RAG in words on their colour, and an objective with neither
// said plainly; read by the chair, the analyst and an agency lead at 320
// and 1280 px; the analyst links an action to an objective and takes the
// link away through the form, a refusal said at its field; the chair
// has no form and is refused by posting it.
const {
	test, run, assert, navigating, checkWidths, submit, errorAt, signedInAs,
} = require('./lib');

const PRIORITY = 'ns-p3';	// Early Identification, of the neglect strategy
const NEITHER = 'ns-p3-o3';	// Information sharing: nothing serves it

async function csrfOf(page) {
	return page.locator('form[action="/logout"] input[name="csrf"]').inputValue();
}

// Each objective's section as one line of its words.
async function objectives(page) {
	return (await page.locator('section.vt-objective').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

async function readsThePriority(page, who) {
	let response = await page.goto('/measures');
	assert.equal(response.status(), 200, `${who}: GET /measures`);
	const link = page.locator(`a[href="/priorities/${PRIORITY}"]`).first();
	assert.ok(await link.count() >= 1, `${who}: /measures links to the priority`);
	response = await navigating(page, () => link.click());
	assert.equal(response.status(), 200, `${who}: GET /priorities/${PRIORITY}`);
	assert.match(await page.locator('h1').innerText(), /Priority 3: Early Identification/);
	const all = await objectives(page);
	assert.equal(all.length, 4, `${who}: the four objectives of Early Identification`);
	assert.match(all[0], /^Objective 3\.1 Assessment Measures ns-m5: /, `${who}: 3.1 and its measures`);
	assert.match(all[2], /^Objective 3\.3 Information sharing No measure or action is linked to this objective\.$/,
		`${who}: 3.3 says it has neither`);
	// A measure links to its page; its reading is in words.
	assert.equal(await page.locator(`#objective-ns-p3-o1 a[href="/measures/ns-m5"]`).count(), 1,
		`${who}: ns-m5 links to its page`);
	assert.match(await page.locator('#objective-ns-p3-o1').innerText(),
		/(improving|deteriorating|no significant change)/, `${who}: a reading in words`);
	// An action's RAG in words, on its colour.
	const tag = page.locator('#objective-ns-p3-o1 .govuk-tag').first();
	assert.match(await tag.innerText(), /^(red|amber|green|blue \(complete\))$/i, `${who}: the RAG in words`);
	assert.match(await tag.getAttribute('class'), /govuk-tag--(red|orange|green|blue)/, `${who}: on its colour`);
	await checkWidths(page, `${who}'s priority page`);
}

test('the chair, the analyst and an agency lead read a priority\'s objectives', async (ctx) => {
	const chair = await ctx.signedIn('chair');
	await readsThePriority(chair, 'the chair');
	assert.equal(await chair.locator('form[action$="/link"]').count(), 0, 'the chair has no link form');

	const lead = await signedInAs(ctx, 'police-lead@demo.invalid');
	await readsThePriority(lead, 'an agency lead');
	assert.equal(await lead.locator('form[action$="/link"]').count(), 0, 'a lead has no link form');

	const analyst = await ctx.signedIn('analyst');
	await readsThePriority(analyst, 'the analyst');
	assert.equal(await analyst.locator('form[action$="/link"]').count(), 1, 'the analyst has the form');

	// A priority without objectives says so, and lists its actions.
	const response = await chair.goto('/priorities/ppip-p1');
	assert.equal(response.status(), 200, 'a PPIP priority');
	assert.match(await chair.locator('main').innerText(), /This priority has no objectives\./);
	assert.match(await chair.locator('main').innerText(), /Actions under this priority/);
	await checkWidths(chair, 'a priority without objectives');
	assert.equal((await chair.goto('/priorities/nope')).status(), 404, 'no such priority');
});

test('the analyst links an action to an objective and takes the link away', async (ctx) => {
	const page = await ctx.signedIn('analyst');
	await page.goto(`/priorities/${PRIORITY}`);

	// Both a measure and an action: said at the measure.
	await page.selectOption('#objective', NEITHER);
	await page.selectOption('#measure', 'ns-m5');
	await page.selectOption('#action', 'ns-a05');
	let response = await submit(page, 'Save', { exact: true });
	assert.equal(response.status(), 422, 'a measure and an action');
	await errorAt(page, 'measure', /not both/, 'both');
	await checkWidths(page, 'the form with an error');

	// Already linked: said at the objective.
	await page.selectOption('#objective', 'ns-p3-o1');
	await page.selectOption('#measure', 'ns-m5');
	await page.selectOption('#action', '');
	response = await submit(page, 'Save', { exact: true });
	assert.equal(response.status(), 422, 'a link made already');
	await errorAt(page, 'objective', /already linked to objective 'ns-p3-o1'/, 'twice');

	// Linked: the objective lists the action with its RAG.
	await page.selectOption('#objective', NEITHER);
	await page.selectOption('#measure', '');
	await page.selectOption('#action', 'ns-a05');
	response = await submit(page, 'Save', { exact: true });
	assert.equal(response.status(), 200, 'linked');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Link saved/);
	let all = await objectives(page);
	assert.match(all[2], /^Objective 3\.3 Information sharing Actions \S+ ns-a05: /, 'the action under 3.3');

	// Taken away: the objective says it has neither again.
	await page.selectOption('#objective', NEITHER);
	await page.selectOption('#action', 'ns-a05');
	await page.check('input[name="change"][value="unlink"]');
	response = await submit(page, 'Save', { exact: true });
	assert.equal(response.status(), 200, 'unlinked');
	assert.match(await page.locator('.govuk-notification-banner').innerText(), /Link taken away/);
	all = await objectives(page);
	assert.match(all[2], /No measure or action is linked to this objective\./, '3.3 has neither again');
});

test('the chair cannot link by posting the form', async (ctx) => {
	const page = await ctx.signedIn('chair');
	await page.goto(`/priorities/${PRIORITY}`);
	const csrf = await csrfOf(page);
	const response = await page.request.post(`/priorities/${PRIORITY}/link`, { maxRedirects: 0, form: {
		csrf, objective: NEITHER, action: 'ns-a05', change: 'link' } });
	assert.equal(response.status(), 403, 'the chair posting the form');
	await page.goto(`/priorities/${PRIORITY}`);
	assert.match((await objectives(page))[2], /No measure or action is linked/, 'nothing linked');
});

run();
