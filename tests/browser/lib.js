// Shared by the browser tests (tests/browser/*.test.js, run by run.sh):
// a `vitals serve` on the test's database, headless Chromium, signing in
// with the keyboard, axe-core checks, assertions and a small TAP runner.
//
//   const { test, run, signIn, checkAxe, assert } = require('./lib');
//   test('the dashboard shows', async ({ newPage, users }) => { ... });
//   run();
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

function env(name) {
	const value = process.env[name];
	if (!value)
		throw new Error(`${name} is not set: run the tests through tests/browser/run.sh`);
	return value;
}

const sourceDir = process.env.VT_SOURCE_DIR || path.resolve(__dirname, '../..');
const modules = path.join(sourceDir, 'tools/node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));
const axePath = process.env.VT_AXE || path.join(modules, 'axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// ------------------------------------------------------------------
// The server

// A `vitals serve` on DB at a free port of 127.0.0.1: { url, stop() }.
// url has no trailing slash.  stop() ends it with SIGTERM and fails when
// it does not exit cleanly.
function startServer(db = env('DB')) {
	const child = spawn(env('VITALS'), ['--db', db, 'serve', '--listen', '127.0.0.1:0'],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	const killOnExit = () => child.kill('SIGKILL');
	process.on('exit', killOnExit);
	// run.sh kills what is listed here should this process die first.
	if (process.env.VT_BROWSER_PIDS)
		fs.appendFileSync(process.env.VT_BROWSER_PIDS, `${child.pid}\n`);

	const stop = async () => {
		process.off('exit', killOnExit);
		if (child.exitCode === null && child.signalCode === null)
			child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
		const { code, signal } = await exited;
		clearTimeout(timer);
		if (code !== 0)
			throw new Error(`vitals serve exited with ${signal || code}:\n${output}`);
		if (/Sanitizer|runtime error/.test(output))
			throw new Error(`vitals serve reported:\n${output}`);
	};

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => fail('did not say where it listens within 10 s'), 10000);
		const fail = (why) => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(`vitals serve ${why}:\n${output}`));
		};
		child.stderr.on('data', (chunk) => { output += chunk; });
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const m = /^vitals serve: listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve({ url: m[1], stop, output: () => output });
			}
		});
		exited.then(({ code, signal }) => fail(`exited with ${signal || code} before listening`));
	});
}

// ------------------------------------------------------------------
// The browser

function launchBrowser() {
	return chromium.launch({
		executablePath: process.env.VT_CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox'],	// the tests run as root
		headless: true,
	});
}

// A new context (its own cookies) on the server.  bypassCSP: axe-core is
// injected with page.addScriptTag, which puts its source in an inline
// <script>, and the server's Content-Security-Policy (script-src 'self',
// no inline code) would block it.  The header itself is tested by
// tests/cli/t_serve.sh.  Pass { javaScriptEnabled: false } for a browser
// without JavaScript (axe cannot run there).
async function newContext(browser, baseURL, { javaScriptEnabled = true } = {}) {
	// The site's Content-Security-Policy applies, as for its users: axe
	// goes in through the debugging protocol, which the policy does not
	// govern, not through a script tag it would refuse.
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	context.setDefaultTimeout(15000);
	return context;
}

// Run ACTION (say, a key press that submits a form) and wait for the page
// it leads to: the response of the last document after any redirects.
async function navigating(page, action) {
	const [response] = await Promise.all([page.waitForNavigation(), action()]);
	return response;
}

// Press Tab until the element matching SELECTOR has the focus, as someone
// with a keyboard would; fails after LIMIT presses.
async function tabTo(page, selector, limit = 20) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (await page.locator(selector).evaluate((el) => el === document.activeElement))
			return;
	}
	throw new Error(`${selector} did not get the focus after ${limit} presses of Tab on ${page.url()}`);
}

// Fill in the sign-in form with the keyboard only and press Enter: the
// response of the page it leads to.
async function submitSignIn(page, email, password) {
	await page.goto('/login');
	await tabTo(page, '#email');
	await page.keyboard.type(email);
	await page.keyboard.press('Tab');
	assert.ok(await page.locator('#password').evaluate((el) => el === document.activeElement),
		'Tab from the email address does not go to the password');
	await page.keyboard.type(password);
	return navigating(page, () => page.keyboard.press('Enter'));
}

// Sign in with the keyboard only and check that the dashboard shows.
async function signIn(page, email, password) {
	const response = await submitSignIn(page, email, password);
	assert.equal(new URL(page.url()).pathname, '/', `after signing in as ${email}, the address`);
	assert.equal(response.status(), 200, `after signing in as ${email}, the status`);
	assert.match(await page.locator('h1').innerText(), /^Vital signs/, `the dashboard's heading for ${email}`);
	return response;
}

// Sign out with the "Sign out" button, by the keyboard: the response.
async function signOut(page) {
	await page.getByRole('button', { name: 'Sign out' }).focus();
	return navigating(page, () => page.keyboard.press('Enter'));
}

// ------------------------------------------------------------------
// Accessibility

// axe-core on the page as it is: fails with a list of the violations.
let axeSource;
async function checkAxe(page, label) {
	axeSource = axeSource || fs.readFileSync(axePath, 'utf8');
	await page.evaluate(axeSource);
	const result = await page.evaluate((tags) =>
		window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
	if (!result.violations.length)
		return;
	const lines = result.violations.map((v) =>
		`  ${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.map((n) => `      at ${n.target.join(' ')}`).join('\n'));
	throw new Error(`axe: ${result.violations.length} violation(s) on ${label} (${page.url()}):\n` +
		lines.join('\n'));
}

// ------------------------------------------------------------------
// Assertions: each throws with WHAT, what came and what was wanted.

const assert = {
	ok(value, what) {
		if (!value)
			throw new Error(what);
	},
	equal(actual, expected, what) {
		if (actual !== expected)
			throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
	},
	match(actual, pattern, what) {
		if (!pattern.test(actual))
			throw new Error(`${what}: got ${JSON.stringify(actual)}, expected to match ${pattern}`);
	},
};

// ------------------------------------------------------------------
// The runner

// The demo users run.sh wrote: [{ email, role, password }], one per line
// of `vitals demo --passwords`.
// axe at 1280 and 320 px, and nothing wider than a phone at 320 px.
async function checkWidths(page, label) {
	await page.setViewportSize({ width: 1280, height: 720 });
	await checkAxe(page, `${label} at 1280 px`);
	await page.setViewportSize({ width: 320, height: 640 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 320, `${label} is ${width} px wide at 320 px`);
	await checkAxe(page, `${label} at 320 px`);
	await page.setViewportSize({ width: 1280, height: 720 });
}

// Press the button named NAME (exactly so, when 'exact') and wait for the
// page it leads to.
async function submit(page, name, { exact = false } = {}) {
	return navigating(page, () => page.getByRole('button', { name, exact }).click());
}

// The error summary links to FIELD, whose group says MESSAGE.
async function errorAt(page, field, message, label) {
	assert.equal(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count(), 1,
		`${label}: the summary links to #${field}`);
	const group = page.locator('.govuk-form-group--error', { has: page.locator(`#${field}`) });
	assert.equal(await group.count(), 1, `${label}: #${field}'s group is marked`);
	assert.match(await group.locator('.govuk-error-message').innerText(), message,
		`${label}: the message at #${field}`);
}

// A new page of 'ctx' signed in as the demo user EMAIL.
async function signedInAs(ctx, email) {
	const u = ctx.users.find((x) => x.email === email);
	assert.ok(u, `a demo user ${email}`);
	const page = await ctx.newPage();
	await signIn(page, u.email, u.password);
	return page;
}

function demoUsers() {
	return JSON.parse(fs.readFileSync(env('VT_BROWSER_USERS'), 'utf8'));
}

const tests = [];

// test(NAME, async (ctx) => ...): ctx has server (url, stop), browser,
// users (the demo users), user(role) (the first with that role),
// newPage(options) (a page in a fresh context, closed after the test;
// options as for newContext) and signedIn(role, options) (such a page,
// signed in as user(role), on the dashboard).
function test(name, fn) {
	tests.push({ name, fn });
}

// Run the tests in order against one server and one browser; print TAP;
// exit non-zero when any fails.  A failing test leaves a screenshot of
// each of its pages in $VT_BROWSER_OUT (or the current directory).
async function run() {
	let failed = 0;
	let server;
	let browser;
	console.log(`1..${tests.length}`);
	try {
		server = await startServer();
		browser = await launchBrowser();
		const users = demoUsers();
		for (const [i, { name, fn }] of tests.entries()) {
			const contexts = [];
			const ctx = {
				server, browser, users,
				user(role) {
					const u = users.find((x) => x.role === role);
					if (!u)
						throw new Error(`no demo user has the role ${role}`);
					return u;
				},
				async newPage(options) {
					const context = await newContext(browser, server.url, options);
					contexts.push(context);
					return context.newPage();
				},
				async signedIn(role, options) {
					const { email, password } = ctx.user(role);
					const page = await ctx.newPage(options);
					await signIn(page, email, password);
					return page;
				},
			};
			try {
				await fn(ctx);
				console.log(`ok ${i + 1} - ${name}`);
			} catch (err) {
				failed++;
				console.log(`not ok ${i + 1} - ${name}`);
				console.log(describe(err));
				await screenshots(contexts, i + 1);
			}
			for (const context of contexts)
				await context.close().catch(() => {});
		}
	} catch (err) {
		failed++;
		console.log(`not ok - setting up or tearing down\n${describe(err)}`);
	} finally {
		if (browser)
			await browser.close().catch(() => {});
		if (server)
			await server.stop().catch((err) => {
				failed++;
				console.log(`not ok - stopping the server\n${String(err.message).replace(/^/gm, '# ')}`);
			});
	}
	if (failed)
		console.log(`# ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

// An error as TAP comments, without node's own stack frames.
function describe(err) {
	return String(err.stack || err).split('\n')
		.filter((line) => !/\(node:internal|^\s+at .*node:internal/.test(line))
		.map((line) => `# ${line}`).join('\n');
}

async function screenshots(contexts, n) {
	const dir = process.env.VT_BROWSER_OUT || '.';
	const script = path.basename(process.argv[1] || 'test', '.js');
	let k = 0;
	for (const context of contexts) {
		for (const page of context.pages()) {
			const file = path.join(dir, `${script}-${n}-${++k}.png`);
			try {
				await page.screenshot({ path: file, fullPage: true });
				console.log(`# screenshot of ${page.url()}: ${file}`);
			} catch {
				/* a closed page: nothing to show */
			}
		}
	}
}

module.exports = {
	test, run, assert,
	startServer, launchBrowser, newContext,
	navigating, tabTo, submitSignIn, signIn, signOut, checkAxe,
	checkWidths, submit, errorAt, signedInAs,
};
