/* vitals report: the quarterly vital-signs pack as HTML, Markdown, XLSX or PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/report.h"
#include "vitals/visibility.h"
#include "cli.h"

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
	int f;
	char today[11], period_id[16];

	if (cli_parse_options(argc, argv, 1, opts, &extra) || extra ||
	    !period)
		return cli_usage("report");
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
