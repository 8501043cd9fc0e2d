/* vitals report: the quarterly vital-signs pack as HTML, Markdown, XLSX or PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/report.h"
#include "vitals/visibility.h"
#include "cli.h"

enum format { HTML, MARKDOWN, XLSX, PDF };

static int format_of(const char *name, enum format *f)
{
	if (!strcmp(name, "html"))
		*f = HTML;
	else if (!strcmp(name, "md"))
		*f = MARKDOWN;
	else if (!strcmp(name, "xlsx"))
		*f = XLSX;
	else if (!strcmp(name, "pdf"))
		*f = PDF;
	else
		return -1;
	return 0;
}

/* Written to a temporary name and renamed: a reader never sees half. */
static enum vt_err write_text(const struct vt_report *r, enum format f,
			      const char *path)
{
	char tmp[4096];
	enum vt_err result;
	FILE *out;

	if (!path || !strcmp(path, "-"))
		return f == HTML ? vt_report_html(r, stdout)
				 : vt_report_markdown(r, stdout);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	out = fopen(tmp, "w");
	if (!out)
		return VT_EIO;
	result = f == HTML ? vt_report_html(r, out)
			   : vt_report_markdown(r, out);
	if (fclose(out) && !result)
		result = VT_EIO;
	if (!result && rename(tmp, path))
		result = VT_EIO;
	if (result)
		unlink(tmp);
	return result;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *format = "html", *output = NULL;
	const char *today_opt = NULL, *extra = NULL;
	int publish = 0, status;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ "--format", &format, NULL },
		{ "-o", &output, NULL },
		{ "--today", &today_opt, NULL },
		{ "--publish", NULL, &publish },
		{ NULL, NULL, NULL },
	};
	struct vt_status_report returns;
	struct vt_report r;
	struct vt_store *store;
	struct vt_def def;
	enum vt_err result;
	enum format f;
	char today[11];

	if (cli_parse_options(argc, argv, 1, opts, &extra) || extra ||
	    !period)
		return cli_usage("report");
	if (format_of(format, &f)) {
		cli_error("'%s' is not a format of the report (html, md, "
			  "xlsx, pdf)", format);
		return EXIT_USAGE;
	}
	if ((f == XLSX || f == PDF) && (!output || !strcmp(output, "-"))) {
		cli_error("the %s needs a file: -o FILE.%s", f == XLSX ?
			  "workbook" : "PDF", f == XLSX ? "xlsx" : "pdf");
		return EXIT_USAGE;
	}
	if (cli_day(today_opt, today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	if (publish) {
		/* Published: approved figures only, as the viewer's pack. */
		struct vt_reader reader = VT_READER_PUBLISHED;

		result = vt_def_restrict(&def, &reader);
		if (result) {
			cli_error("cannot build the report: %s",
				  vt_strerror(result));
			status = EXIT_FAILURE_;
			goto out;
		}
	}
	result = vt_returns_status(store, period, today, &returns);
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
	result = f == XLSX ? vt_report_xlsx(&r, output)
		 : f == PDF ? vt_report_pdf(&r, output)
			    : write_text(&r, f, output);
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
