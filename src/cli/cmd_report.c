/* vitals report: the quarterly vital-signs pack as HTML, Markdown, XLSX or PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/annual.h"
#include "vitals/narrative.h"
#include "vitals/report.h"
#include "vitals/visibility.h"
#include "cli.h"


/* Everything in the store, and published: approved figures only, as the
   viewer's pack.  On failure nothing is left open. */
static int read_for_report(struct cli *cli, bool publish,
			   struct vt_store **store, struct vt_def *def)
{
	struct vt_reader reader = VT_READER_PUBLISHED;
	enum vt_err result;
	int status = cli_read_all(cli, store, def);

	if (status || !publish)
		return status;
	result = vt_def_restrict(def, &reader);
	if (!result)
		return EXIT_OK;
	cli_error("cannot build the report: %s", vt_strerror(result));
	vt_def_release(def);
	vt_store_close(*store);
	return EXIT_FAILURE_;
}
/* The annual report of financial year 'year' in 'format'. */
static int annual(struct cli *cli, const char *year, const char *format,
		  const char *output, const char *today_opt, int publish)
{
	struct vt_store *store;
	struct vt_annual a;
	struct vt_def def;
	enum vt_err result;
	char today[11];
	int f, status, first;

	if (vt_annual_year(year, &first)) {
		cli_error("year: '%s' is not a financial year (2025-26)",
			  year);
		return EXIT_REFUSED;
	}
	f = vt_annual_format_of(format);
	if (f < 0) {
		cli_error("'%s' is not a format of the annual report (html, "
			  "md, docx, pdf)", format);
		return EXIT_USAGE;
	}
	if ((f == VT_ANNUAL_DOCX || f == VT_ANNUAL_PDF) &&
	    (!output || !strcmp(output, "-"))) {
		cli_error("the %s needs a file: -o FILE.%s", f ==
			  VT_ANNUAL_DOCX ? "Word document" : "PDF",
			  vt_annual_formats[f].ext);
		return EXIT_USAGE;
	}
	if (cli_day(today_opt, today))
		return EXIT_USAGE;
	status = read_for_report(cli, publish, &store, &def);
	if (status)
		return status;
	result = vt_annual_build(&def, year, today, publish, &a);
	if (result) {
		cli_error("cannot build the annual report: %s",
			  vt_strerror(result));
		status = EXIT_FAILURE_;
		goto out;
	}
	errno = 0;
	if (!output || !strcmp(output, "-"))
		result = f == VT_ANNUAL_MARKDOWN ? vt_annual_markdown(&a, stdout)
						 : vt_annual_html(&a, stdout);
	else
		result = vt_annual_write(&a, (enum vt_annual_format)f, output);
	if (result) {
		cli_error("cannot write '%s': %s", output ? output : "-",
			  errno ? strerror(errno) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (output && strcmp(output, "-")) {
		printf("annual report %s written to '%s'\n", a.year, output);
	}
	vt_annual_release(&a);
out:
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

/* A new version of a section of the annual report's narrative, its text
   read from 'file' ("-": standard input). */
static int narrative(struct cli *cli, const char *year, const char *section,
		     const char *file)
{
	struct vt_store *store;
	char why[512], *text = NULL;
	size_t len = 0, cap = 0, got;
	int64_t version = 0;
	enum vt_err result;
	int status;
	FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;

	if (!f) {
		cli_error("cannot read '%s': %s", file, strerror(errno));
		return EXIT_FAILURE_;
	}
	do {
		if (len + 4096 + 1 > cap) {
			char *grown = realloc(text, cap + 8192);

			if (!grown) {
				free(text);
				if (f != stdin)
					fclose(f);
				return EXIT_FAILURE_;
			}
			text = grown;
			cap += 8192;
		}
		got = fread(text + len, 1, 4096, f);
		len += got;
	} while (got && len < 100000);
	text[len] = '\0';
	if (f != stdin)
		fclose(f);
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status) {
		free(text);
		return status;
	}
	result = vt_narrative_save(store, year, section, text, cli->who,
				   &version, why, sizeof(why));
	if (result == VT_EINVAL) {
		cli_error("%s; nothing was changed", why);
		status = EXIT_REFUSED;
	} else if (result) {
		cli_error("cannot save the narrative: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		printf("%s of the annual report %s saved as version %lld\n",
		       section, year, (long long)version);
	}
	free(text);
	vt_store_close(store);
	return status;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *format = "html", *output = NULL;
	const char *today_opt = NULL, *extra = NULL, *year = NULL;
	const char *section = NULL, *text = NULL;
	int publish = 0, status;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ "--format", &format, NULL },
		{ "-o", &output, NULL },
		{ "--today", &today_opt, NULL },
		{ "--publish", NULL, &publish },
		{ "--year", &year, NULL },
		{ "--section", &section, NULL },
		{ "--text", &text, NULL },
		{ NULL, NULL, NULL },
	};
	struct vt_status_report returns;
	struct vt_report r;
	struct vt_store *store;
	struct vt_def def;
	enum vt_err result;
	int f;
	char today[11], period_id[16];

	if (cli_parse_options(argc, argv, 1, opts, &extra) || extra ||
	    !period == !year || (section && !text) || (text && !section))
		return cli_usage("report");
	if (year && section)
		return narrative(cli, year, section, text);
	if (year)
		return annual(cli, year, format, output, today_opt, publish);
	if ((status = cli_period(cli, &period, period_id)))
		return status;
	f = vt_report_format_of(format);
	if (f < 0) {
		cli_error("'%s' is not a format of the report (html, md, "
			  "xlsx, pdf)", format);
		return EXIT_USAGE;
	}
	if ((f == VT_REPORT_XLSX || f == VT_REPORT_PDF) &&
	    (!output || !strcmp(output, "-"))) {
		cli_error("the %s needs a file: -o FILE.%s", f ==
			  VT_REPORT_XLSX ? "workbook" : "PDF",
			  vt_report_formats[f].ext);
		return EXIT_USAGE;
	}
	if (cli_day(today_opt, today))
		return EXIT_USAGE;
	status = read_for_report(cli, publish, &store, &def);
	if (status)
		return status;
	/* A published pack's 'def' is restricted: the returns are read
	   from the store as they are. */
	result = publish ? vt_returns_status(store, period, today, &returns)
			 : vt_returns_status_of(store, &def, period, today,
						&returns);
	if (result == VT_EINVAL) {
		cli_error("'%s' is not a period (2024, 2024Q3 or 2024-07)",
			  period);
		status = EXIT_USAGE;
		goto out;
	}
	result = result ? result : vt_report_build(&def, &returns, period,
						   today, publish, &r);
	if (result) {
		cli_error("cannot build the report: %s", result == VT_EDB ?
			  vt_store_errmsg(store) : vt_strerror(result));
		status = result == VT_EINVAL ? EXIT_USAGE : EXIT_FAILURE_;
		vt_status_report_release(&returns);
		goto out;
	}
	errno = 0;
	if (!output || !strcmp(output, "-"))
		result = f == VT_REPORT_MARKDOWN
			? vt_report_markdown(&r, stdout)
			: vt_report_html(&r, stdout);
	else
		result = vt_report_write(&r, (enum vt_report_format)f, output);
	if (result) {
		cli_error("cannot write '%s': %s", output ? output : "-",
			  errno ? strerror(errno) : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (output && strcmp(output, "-")) {
		printf("vital signs for %s written to '%s'\n", r.label,
		       output);
	}
	vt_report_release(&r);
	vt_status_report_release(&returns);
out:
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}
