/* The pack written to a file in any of its formats, whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "vitals/report.h"
#include "report/assurance.h"

const struct vt_report_format_info vt_report_formats[VT_REPORT__MAX] = {
	[VT_REPORT_HTML] = { "html", "Web page (HTML, one self-contained "
			     "file)", "text/html; charset=utf-8" },
	[VT_REPORT_PDF] = { "pdf", "PDF (A4, for printing)",
			    "application/pdf" },
	[VT_REPORT_XLSX] = { "xlsx", "Excel workbook (the dataset, a sheet "
			     "per plan)", "application/vnd.openxmlformats-"
			     "officedocument.spreadsheetml.sheet" },
	[VT_REPORT_MARKDOWN] = { "md", "Markdown (for board papers)",
				 "text/markdown; charset=utf-8" },
};

int vt_report_format_of(const char *ext)
{
	int i;

	for (i = 0; ext && i < VT_REPORT__MAX; i++)
		if (!strcmp(ext, vt_report_formats[i].ext))
			return i;
	return -1;
}

/* One renderer into 'path' (the PDF and workbook writers want a file). */
static enum vt_err render(const struct vt_report *r,
			  enum vt_report_format format, const char *path)
{
	enum vt_err result;
	FILE *f;

	if (format == VT_REPORT_PDF)
		return vt_report_pdf(r, path);
	if (format == VT_REPORT_XLSX)
		return vt_report_xlsx(r, path);
	f = fopen(path, "wb");
	if (!f)
		return VT_EIO;
	result = format == VT_REPORT_MARKDOWN ? vt_report_markdown(r, f)
					      : vt_report_html(r, f);
	if (fclose(f) && !result)
		result = VT_EIO;
	return result;
}

enum vt_err vt_report_write_whole(const char *path, vt_report_render_fn to,
				  const void *report, int format)
{
	size_t n = strlen(path) + sizeof(".tmp");
	enum vt_err result;
	struct stat st;
	char *tmp;

	/* A device or a pipe (/dev/null, /dev/stdout) is written to, never
	   renamed over: renaming would put a file in its place. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return to(report, format, path);
	tmp = malloc(n);
	if (!tmp)
		return VT_ENOMEM;
	snprintf(tmp, n, "%s.tmp", path);
	result = to(report, format, tmp);
	if (!result && rename(tmp, path))
		result = VT_EIO;
	if (result)
		unlink(tmp);
	free(tmp);
	return result;
}

static enum vt_err render_pack(const void *report, int format,
			       const char *path)
{
	return render(report, (enum vt_report_format)format, path);
}

enum vt_err vt_report_write(const struct vt_report *r,
			    enum vt_report_format format, const char *path)
{
	if ((unsigned)format >= VT_REPORT__MAX)
		return VT_EINVAL;
	return vt_report_write_whole(path, render_pack, r, format);
}
