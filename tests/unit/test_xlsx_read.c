/* Unit tests for the .xlsx reader, on workbooks built by the tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "vitals/buf.h"
#include "vitals/xlsx.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Reading a sheet into a text dump: "B3 D 2024-01-15 45306" a line    */

struct dump {
	struct vt_buf b;
	int stop_after;	/* > 0: refuse the cell after this many */
	int seen;
};

static void col_letters(long col, char out[4])
{
	char tmp[4];
	int n = 0, i;

	while (col > 0 && n < 3) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

static enum vt_err dump_cell(void *arg, const struct vt_xlsx_cell *cell)
{
	static const char types[] = { [VT_XLSX_NUMBER] = 'N',
				      [VT_XLSX_TEXT] = 'T',
				      [VT_XLSX_BOOL] = 'B',
				      [VT_XLSX_ERROR] = 'E',
				      [VT_XLSX_DATE] = 'D' };
	struct dump *d = arg;
	char ref[4];

	if (d->stop_after && d->seen == d->stop_after)
		return VT_ECONFLICT;
	d->seen++;
	col_letters(cell->col, ref);
	assert_non_null(cell->text);
	assert_int_equal(vt_buf_addf(&d->b, "%s%ld %c [%s]", ref, cell->row,
				     types[cell->type], cell->text),
			 VT_OK);
	if (cell->type != VT_XLSX_TEXT && cell->type != VT_XLSX_ERROR)
		assert_int_equal(vt_buf_addf(&d->b, " %.10g", cell->number),
				 VT_OK);
	assert_int_equal(vt_buf_addc(&d->b, '\n'), VT_OK);
	return VT_OK;
}

/* Reads sheet 'name' of 'x'; the dump is left in 'd' (release it). */
static enum vt_err read_dump(struct vt_xlsx *x, const char *name,
			     struct dump *d, int stop_after)
{
	vt_buf_init(&d->b, 1024 * 1024);
	d->stop_after = stop_after;
	d->seen = 0;
	return vt_xlsx_read_sheet(x, name, dump_cell, d);
}

/* ------------------------------------------------------------------ */
/* Hand-made workbooks: zips assembled in memory from XML texts        */

struct part {
	const char *name;
	const char *text;
	size_t len;	/* 0: strlen(text) */
};

static void *zip_parts(const struct part *parts, size_t n, size_t *len)
{
	zip_source_t *src, *ps;
	zip_error_t ze;
	zip_stat_t st;
	zip_t *za;
	void *out;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n && parts[i].name; i++) {
		ps = zip_source_buffer(za, parts[i].text,
				       parts[i].len ? parts[i].len
						    : strlen(parts[i].text),
				       0);
		assert_non_null(ps);
		assert_true(zip_file_add(za, parts[i].name, ps,
					 ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	zip_stat_init(&st);
	assert_int_equal(zip_source_stat(src, &st), 0);
	out = malloc(st.size ? st.size : 1);
	assert_non_null(out);
	assert_int_equal(zip_source_open(src), 0);
	assert_true(zip_source_read(src, out, st.size) ==
		    (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return out;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_R                                                    \
	"http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_STRICT_R "http://purl.oclc.org/ooxml/officeDocument/relationships"

#define WORKBOOK_OPEN                                                    \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">"
#define SHEET_S "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
#define WORKBOOK WORKBOOK_OPEN "<sheets>" SHEET_S "</sheets></workbook>"
#define REL(id, type, target)                                   \
	"<Relationship Id=\"" id "\" Type=\"" NS_R "/" type "\" " \
	"Target=\"" target "\"/>"
#define RELS_OPEN "<Relationships xmlns=\"" NS_PKG "\">"
#define RELS                                                   \
	RELS_OPEN REL("rId1", "worksheet", "worksheets/sheet1.xml") \
		REL("rId2", "sharedStrings", "sharedStrings.xml")   \
		REL("rId3", "styles", "styles.xml") "</Relationships>"
#define SHEET(rows)                                                   \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                \
	"<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_R "\">"      \
	"<dimension ref=\"A1\"/><sheetData>" rows "</sheetData>"      \
	"<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" "       \
	"bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
#define SST(items) "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"

#define P_WORKBOOK { "xl/workbook.xml", WORKBOOK, 0 }
#define P_RELS { "xl/_rels/workbook.xml.rels", RELS, 0 }
#define P_SHEET(rows) { "xl/worksheets/sheet1.xml", SHEET(rows), 0 }
#define P_SST(items) { "xl/sharedStrings.xml", SST(items), 0 }

/*
 * Styles for the date cases.  cellXfs: 0 General, 1 custom dd/mm/yyyy,
 * 2 built-in 14, 3 built-in 22 (m/d/yy h:mm), 4 custom "0.00 days"
 * (quoted: not a date), 5 custom [Red]0.00, 6 custom 165, a date only in
 * a differential format, which must not count, 7 custom escaped \d0.
 * cellStyleXfs come first with a date id to prove they are not counted.
 */
#define STYLES                                                          \
	"<styleSheet xmlns=\"" NS_MAIN "\">"                            \
	"<numFmts count=\"5\">"                                         \
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"          \
	"<numFmt numFmtId=\"166\" formatCode=\"0.00&quot; days&quot;\"/>" \
	"<numFmt numFmtId=\"167\" formatCode=\"[Red]0.00\"/>"           \
	"<numFmt numFmtId=\"168\" formatCode=\"\\d0\"/>"                \
	"<numFmt numFmtId=\"165\" formatCode=\"0.0\"/>"                 \
	"</numFmts>"                                                    \
	"<fonts count=\"1\"><font><sz val=\"11\"/></font></fonts>"      \
	"<cellStyleXfs count=\"2\"><xf numFmtId=\"14\"/>"               \
	"<xf numFmtId=\"14\"/></cellStyleXfs>"                          \
	"<cellXfs count=\"8\">"                                         \
	"<xf numFmtId=\"0\" xfId=\"0\"/>"                               \
	"<xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/>"     \
	"<xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/>"      \
	"<xf numFmtId=\"22\" xfId=\"0\" applyNumberFormat=\"1\"/>"      \
	"<xf numFmtId=\"166\" xfId=\"0\" applyNumberFormat=\"1\"/>"     \
	"<xf numFmtId=\"167\" xfId=\"0\" applyNumberFormat=\"1\"/>"     \
	"<xf numFmtId=\"165\" xfId=\"0\" applyNumberFormat=\"1\"/>"     \
	"<xf numFmtId=\"168\" xfId=\"0\" applyNumberFormat=\"1\"/>"     \
	"</cellXfs>"                                                    \
	"<dxfs count=\"1\"><dxf><numFmt numFmtId=\"165\" "              \
	"formatCode=\"yyyy\"/></dxf></dxfs>"                            \
	"</styleSheet>"
#define P_STYLES { "xl/styles.xml", STYLES, 0 }

#define NEST8 "<a><b><a><b><a><b><a><b>"

struct wb_case {
	const char *name;
	struct part parts[8];
	const char *sheet;	/* to read; NULL: the first */
	enum vt_err open_err;
	enum vt_err read_err;
	const char *expect;	/* the dump, or a piece of the message */
};

static const struct wb_case wb_cases[] = {
	{
		"inline strings, plain and rich",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\">"
			  "<c r=\"A1\" t=\"inlineStr\"><is><t>hello</t></is>"
			  "</c><c r=\"B1\" t=\"inlineStr\"><is><r><t>ri</t>"
			  "</r><r><rPr><b/></rPr><t xml:space=\"preserve\">"
			  "ch </t></r><rPh sb=\"0\" eb=\"1\"><t>no</t></rPh>"
			  "</is></c><c r=\"C1\" t=\"inlineStr\"><is><t>a&amp;"
			  "b_x000D__x000A_c</t></is></c></row>") },
		NULL, VT_OK, VT_OK,
		"A1 T [hello]\nB1 T [rich ]\nC1 T [a&b\r\nc]\n",
	},
	{
		"shared strings: rich, phonetic, escapes, number as text",
		{ P_WORKBOOK, P_RELS,
		  P_SST("<si><t>plain</t></si>"
			"<si><r><t>Bo</t></r><r><rPr><b/></rPr><t>ld</t></r>"
			"<rPh sb=\"0\" eb=\"1\"><t>PHON</t></rPh>"
			"<phoneticPr fontId=\"1\"/></si>"
			"<si><t>a_x000D_b</t></si>"
			"<si><t>_x005F_x000D_</t></si>"
			"<si><t>12</t></si>"
			"<si><t xml:space=\"preserve\"> sp </t></si>"
			"<si/>"
			"<si><t>_x00e9__xD83D__xDE00_ _x0000_ _xZZ_</t></si>"),
		  P_SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
			  "<c r=\"B1\" t=\"s\"><v>1</v></c>"
			  "<c r=\"C1\" t=\"s\"><v>2</v></c>"
			  "<c r=\"D1\" t=\"s\"><v>3</v></c>"
			  "<c r=\"E1\" t=\"s\"><v>4</v></c>"
			  "<c r=\"F1\" t=\"s\"><v>5</v></c>"
			  "<c r=\"G1\" t=\"s\"><v>6</v></c>"
			  "<c r=\"H1\" t=\"s\"><v>7</v></c></row>") },
		NULL, VT_OK, VT_OK,
		"A1 T [plain]\nB1 T [Bold]\nC1 T [a\rb]\nD1 T [_x000D_]\n"
		"E1 T [12]\nF1 T [ sp ]\nG1 T []\n"
		"H1 T [\xc3\xa9\xf0\x9f\x98\x80 \xef\xbf\xbd _xZZ_]\n",
	},
	{
		"missing r attributes on rows and cells",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row><c><v>1</v></c><c><v>2</v></c></row>"
			  "<row/>"
			  "<row><c r=\"C5\"><v>3</v></c><c><v>4</v></c></row>"
			  "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
			  "<row r=\"9\"><c r=\"B\"><v>5</v></c><c><v>6</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_OK,
		"A1 N [1] 1\nB1 N [2] 2\nC5 N [3] 3\nD5 N [4] 4\nA6 T [x]\n"
		"B9 N [5] 5\nC9 N [6] 6\n",
	},
	{
		"cell types; formulas give their cached value",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"2\" spans=\"1:9\">"
			  "<c r=\"A2\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f>"
			  "<v>ab_x000D_</v></c>"
			  "<c r=\"B2\" t=\"b\"><v>1</v></c>"
			  "<c r=\"C2\" t=\"b\"><v>0</v></c>"
			  "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
			  "<c r=\"E2\" t=\"n\"><v>-3.5e2</v></c>"
			  "<c r=\"F2\"><v> 12 </v></c>"
			  "<c r=\"G2\" s=\"1\"/>"
			  "<c r=\"H2\"><f>1+1</f></c>"
			  "<c r=\"I2\" t=\"e\"><v>#N/A</v></c>"
			  "<c r=\"J2\" t=\"str\"><f>A1</f><v></v></c>"
			  "<c r=\"K2\"><f>2*3</f><v>6</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_OK,
		"A2 T [ab\r]\nB2 B [TRUE] 1\nC2 B [FALSE] 0\nD2 E [#DIV/0!]\n"
		"E2 N [-3.5e2] -350\nF2 N [ 12 ] 12\nI2 E [#N/A]\nJ2 T []\n"
		"K2 N [6] 6\n",
	},
	{
		"dates by number format, built-in and custom",
		{ P_WORKBOOK, P_RELS, P_STYLES,
		  P_SHEET("<row r=\"1\">"
			  "<c r=\"A1\" s=\"1\"><v>45306</v></c>"
			  "<c r=\"B1\" s=\"2\"><v>60</v></c>"
			  "<c r=\"C1\" s=\"2\"><v>61</v></c>"
			  "<c r=\"D1\" s=\"2\"><v>59</v></c>"
			  "<c r=\"E1\" s=\"3\"><v>45306.572916666664</v></c>"
			  "<c r=\"F1\" s=\"4\"><v>3</v></c>"
			  "<c r=\"G1\" s=\"0\"><v>45306</v></c>"
			  "<c r=\"H1\" s=\"2\"><v>1</v></c>"
			  "<c r=\"I1\" s=\"5\"><v>45306</v></c>"
			  "<c r=\"J1\" s=\"6\"><v>45306</v></c>"
			  "<c r=\"K1\" s=\"7\"><v>45306</v></c>"
			  "<c r=\"L1\" s=\"3\"><v>45306.99999999</v></c>"
			  "<c r=\"M1\" s=\"2\"><v>-1</v></c>"
			  "<c r=\"N1\" s=\"2\"><v>2958465</v></c>"
			  "<c r=\"O1\" s=\"2\"><v>2958466</v></c>"
			  "<c r=\"P1\" s=\"99\"><v>45306</v></c>"
			  "<c r=\"Q1\" s=\"2\" t=\"s\"><v>0</v></c>"
			  "<c r=\"R1\" t=\"d\"><v>2024-02-29T10:30:00</v></c>"
			  "<c r=\"S1\" t=\"d\"><v>2024-02-29</v></c>"
			  "<c r=\"T1\" s=\"3\"><v>0.5</v></c>"
			  "</row>"),
		  P_SST("<si><t>t</t></si>") },
		NULL, VT_OK, VT_OK,
		"A1 D [2024-01-15] 45306\nB1 N [60] 60\nC1 D [1900-03-01] 61\n"
		"D1 D [1900-02-28] 59\nE1 D [2024-01-15T13:45:00] 45306.57292\n"
		"F1 N [3] 3\nG1 N [45306] 45306\nH1 D [1900-01-01] 1\n"
		"I1 N [45306] 45306\nJ1 N [45306] 45306\nK1 N [45306] 45306\n"
		"L1 D [2024-01-16] 45307\nM1 N [-1] -1\n"
		"N1 D [9999-12-31] 2958465\nO1 N [2958466] 2958466\n"
		"P1 N [45306] 45306\nQ1 T [t]\n"
		"R1 D [2024-02-29T10:30:00] 45351.4375\n"
		"S1 D [2024-02-29] 45351\n"
		"T1 D [1899-12-31T12:00:00] 0.5\n",
	},
	{
		"date1904",
		{ { "xl/workbook.xml",
		    WORKBOOK_OPEN "<workbookPr date1904=\"true\"/><sheets>"
				  SHEET_S
				  "</sheets></workbook>", 0 },
		  P_RELS, P_STYLES,
		  P_SHEET("<row r=\"1\"><c r=\"A1\" s=\"2\"><v>0</v></c>"
			  "<c r=\"B1\" s=\"2\"><v>43844</v></c>"
			  "<c r=\"C1\" s=\"2\"><v>60</v></c>"
			  "<c r=\"D1\" t=\"d\"><v>2024-01-15</v></c></row>") },
		NULL, VT_OK, VT_OK,
		"A1 D [1904-01-01] 0\nB1 D [2024-01-15] 43844\n"
		"C1 D [1904-03-01] 60\nD1 D [2024-01-15] 43844\n",
	},
	{
		"date1904 as 1; 0 is the 1900 system",
		{ { "xl/workbook.xml",
		    WORKBOOK_OPEN "<workbookPr date1904=\"1\"/><sheets>"
				  SHEET_S
				  "</sheets></workbook>", 0 },
		  P_RELS, P_STYLES,
		  P_SHEET("<row r=\"1\"><c r=\"A1\" s=\"2\"><v>1</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_OK,
		"A1 D [1904-01-02] 1\n",
	},
	{
		"date1904=\"0\"",
		{ { "xl/workbook.xml",
		    WORKBOOK_OPEN "<workbookPr date1904=\"0\"/><sheets>"
				  SHEET_S
				  "</sheets></workbook>", 0 },
		  P_RELS, P_STYLES,
		  P_SHEET("<row r=\"1\"><c r=\"A1\" s=\"2\"><v>1</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_OK,
		"A1 D [1900-01-01] 1\n",
	},
	{
		"Strict OOXML with prefixes, found through _rels/.rels",
		{ { "_rels/.rels",
		    RELS_OPEN "<Relationship Id=\"rId1\" Type=\"" NS_STRICT_R
			      "/officeDocument\" Target=\"/xl/book.xml\"/>"
			      "</Relationships>", 0 },
		  { "xl/book.xml",
		    "<x:workbook xmlns:x=\"" NS_STRICT "\" xmlns:rel=\""
		    NS_STRICT_R "\"><x:workbookPr/><x:sheets>"
		    "<x:sheet name=\"Strict\" sheetId=\"1\" rel:id=\"R9\"/>"
		    "</x:sheets></x:workbook>", 0 },
		  { "xl/_rels/book.xml.rels",
		    RELS_OPEN "<Relationship Id=\"R9\" Type=\"" NS_STRICT_R
			      "/worksheet\" Target=\"/xl/ws/one.xml\"/>"
			      "<Relationship Id=\"R8\" Type=\"" NS_STRICT_R
			      "/sharedStrings\" Target=\"/xl/strings.xml\"/>"
			      "</Relationships>", 0 },
		  { "xl/strings.xml",
		    "<x:sst xmlns:x=\"" NS_STRICT "\"><x:si><x:t>strict</x:t>"
		    "</x:si></x:sst>", 0 },
		  { "xl/ws/one.xml",
		    "<x:worksheet xmlns:x=\"" NS_STRICT "\"><x:sheetData>"
		    "<x:row x:r=\"3\"><x:c r=\"B3\" t=\"s\"><x:v>0</x:v></x:c>"
		    "<x:c r=\"C3\"><x:v>7</x:v></x:c></x:row>"
		    "</x:sheetData></x:worksheet>", 0 } },
		"Strict", VT_OK, VT_OK,
		"B3 T [strict]\nC3 N [7] 7\n",
	},
	{
		"absolute and relative targets, parts in other places",
		{ { "xl/workbook.xml",
		    WORKBOOK_OPEN "<sheets>"
				  "<sheet name=\"One\" sheetId=\"1\" "
				  "r:id=\"rId7\"/>"
				  "<sheet name=\"Two\" sheetId=\"2\" "
				  "r:id=\"rId8\"/>"
				  "</sheets></workbook>", 0 },
		  { "xl/_rels/workbook.xml.rels",
		    RELS_OPEN REL("rId8", "worksheet",
				  "./sheets/../sheets/two%20b.xml")
			REL("rId7", "worksheet", "/xl/worksheets/sheet1.xml")
			REL("rId9", "hyperlink", "http://example.org/")
			"</Relationships>", 0 },
		  P_SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
		  { "xl/sheets/two b.xml",
		    SHEET("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>"), 0 } },
		"Two", VT_OK, VT_OK,
		"A1 N [2] 2\n",
	},
	{
		"part names match whatever their case",
		{ { "XL/Workbook.xml", WORKBOOK, 0 },
		  { "xl/_rels/workbook.xml.rels", RELS, 0 },
		  { "xl/worksheets/Sheet1.xml",
		    SHEET("<row r=\"1\"><c r=\"a1\"><v>1</v></c></row>"),
		    0 } },
		NULL, VT_OK, VT_OK,
		"A1 N [1] 1\n",
	},
	{
		"the caller stops the read",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c>"
			  "<c r=\"B1\"><v>2</v></c></row>") },
		NULL, VT_OK, VT_ECONFLICT,
		"stopped by the caller",
	},
	/* Refusals. */
	{
		"a DOCTYPE in a sheet",
		{ P_WORKBOOK, P_RELS,
		  { "xl/worksheets/sheet1.xml",
		    "<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [\n"
		    "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">\n"
		    "]>\n<worksheet><sheetData><row><c t=\"inlineStr\"><is>"
		    "<t>&b;</t></is></c></row></sheetData></worksheet>", 0 } },
		NULL, VT_OK, VT_EINVAL,
		"xl/worksheets/sheet1.xml: line 2: a DOCTYPE is not allowed",
	},
	{
		"an external entity in the shared strings",
		{ P_WORKBOOK, P_RELS,
		  { "xl/sharedStrings.xml",
		    "<!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst><si><t>"
		    "x</t></si></sst>", 0 } },
		NULL, VT_EINVAL, VT_OK,
		"xl/sharedStrings.xml: line 1: a DOCTYPE is not allowed",
	},
	{
		"no workbook part",
		{ P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>") },
		NULL, VT_EINVAL, VT_OK,
		"not an Excel workbook: xl/workbook.xml is missing",
	},
	{
		"workbook XML that is not well-formed",
		{ { "xl/workbook.xml", WORKBOOK_OPEN "\n<sheets></workbook>",
		    0 },
		  P_RELS },
		NULL, VT_EINVAL, VT_OK,
		"xl/workbook.xml: line 3: mismatched tag",
	},
	{
		"a sheet without a part",
		{ P_WORKBOOK,
		  { "xl/_rels/workbook.xml.rels",
		    RELS_OPEN REL("rId1", "worksheet", "worksheets/nope.xml")
			"</Relationships>", 0 } },
		NULL, VT_OK, VT_EINVAL,
		"sheet 'S': xl/worksheets/nope.xml is missing",
	},
	{
		"a row past the last",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c>"
			  "</row><row r=\"1048577\"/>") },
		NULL, VT_OK, VT_EINVAL,
		"row 1048577 is past the last row (1048576)",
	},
	{
		"a row past the last, counted",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1048576\"/><row/>") },
		NULL, VT_OK, VT_EINVAL,
		"a row past the last row (1048576)",
	},
	{
		"a column past XFD",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c>"
			  "<c r=\"XFE1\"><v>1</v></c></row>") },
		NULL, VT_OK, VT_EINVAL,
		"line 2: cell reference 'XFE1' is past the last column (XFD)",
	},
	{
		"a column past XFD, counted",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v>"
			  "</c></row>") },
		NULL, VT_OK, VT_EINVAL,
		"a cell past the last column (XFD)",
	},
	{
		"a bad cell reference",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>") },
		NULL, VT_OK, VT_EINVAL,
		"cell reference 'A0' is not valid",
	},
	{
		"a shared string that does not exist",
		{ P_WORKBOOK, P_RELS, P_SST("<si><t>only</t></si>"),
		  P_SHEET("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>1</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_EINVAL,
		"cell B4: shared string '1' does not exist "
		"(the workbook has 1)",
	},
	{
		"a number that is not one",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"A1\"><v>1,5</v></c></row>") },
		NULL, VT_OK, VT_EINVAL,
		"cell A1: '1,5' is not a number",
	},
	{
		"an unknown cell type",
		{ P_WORKBOOK, P_RELS,
		  P_SHEET("<row r=\"1\"><c r=\"A1\" t=\"q\"><v>1</v></c>"
			  "</row>") },
		NULL, VT_OK, VT_EINVAL,
		"cell type 'q' is unknown",
	},
	{
		"elements nested too deep",
		{ P_WORKBOOK, P_RELS,
		  { "xl/worksheets/sheet1.xml",
		    "<worksheet>" NEST8 NEST8 NEST8 NEST8 NEST8 NEST8 NEST8
		    NEST8 "</worksheet>", 0 } },
		NULL, VT_OK, VT_EINVAL,
		"xl/worksheets/sheet1.xml: line 1: elements nested more than "
		"64 deep",
	},
	{
		"no such sheet",
		{ P_WORKBOOK, P_RELS, P_SHEET("") },
		"Nope", VT_OK, VT_ENOTFOUND,
		"no sheet named 'Nope'",
	},
};

static void check_case(const struct wb_case *c, const void *data, size_t len)
{
	struct vt_xlsx *x = NULL;
	struct dump d;
	enum vt_err result;
	const char *sheet;

	result = vt_xlsx_open_mem(data, len, &x);
	assert_non_null(x);
	if (result != c->open_err)
		fail_msg("%s: open gave %d (%s), not %d", c->name, result,
			 vt_xlsx_error(x), c->open_err);
	if (c->open_err) {
		if (!strstr(vt_xlsx_error(x), c->expect))
			fail_msg("%s: message '%s' lacks '%s'", c->name,
				 vt_xlsx_error(x), c->expect);
		assert_int_equal(vt_xlsx_sheet_count(x), 0);
		vt_xlsx_close(x);
		return;
	}
	sheet = c->sheet ? c->sheet : vt_xlsx_sheet_name(x, 0);
	assert_non_null(sheet);
	result = read_dump(x, sheet, &d, c->read_err == VT_ECONFLICT ? 1 : 0);
	if (result != c->read_err)
		fail_msg("%s: read gave %d (%s), not %d", c->name, result,
			 vt_xlsx_error(x), c->read_err);
	if (c->read_err) {
		if (!strstr(vt_xlsx_error(x), c->expect))
			fail_msg("%s: message '%s' lacks '%s'", c->name,
				 vt_xlsx_error(x), c->expect);
	} else if (strcmp(vt_buf_str(&d.b), c->expect) != 0) {
		fail_msg("%s: cells\n%s\nnot\n%s", c->name, vt_buf_str(&d.b),
			 c->expect);
	}
	if (c->read_err == VT_ECONFLICT)
		assert_int_equal(d.seen, 1);
	vt_buf_release(&d.b);
	vt_xlsx_close(x);
}

static void test_hand_made(void **state)
{
	size_t i, len;
	void *data;

	(void)state;
	for (i = 0; i < COUNT(wb_cases); i++) {
		data = zip_parts(wb_cases[i].parts, COUNT(wb_cases[i].parts),
				 &len);
		check_case(&wb_cases[i], data, len);
		free(data);
	}
}

/* A sheet can be read again, and the sheets are listed in order. */
static void test_sheet_list(void **state)
{
	static const struct part parts[] = {
		{ "xl/workbook.xml",
		  WORKBOOK_OPEN "<sheets>"
				"<sheet name=\"A_x005F_x0041_\" sheetId=\"1\" "
				"r:id=\"rId1\"/>"
				"<sheet name=\"H\" sheetId=\"2\" "
				"state=\"hidden\" r:id=\"rId1\"/>"
				"<sheet name=\"V\" sheetId=\"3\" "
				"state=\"veryHidden\" r:id=\"rId1\"/>"
				"<sheet name=\"W\" sheetId=\"4\" "
				"state=\"visible\" r:id=\"rId1\"/>"
				"</sheets></workbook>", 0 },
		P_RELS,
		P_SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
	};
	static const struct {
		const char *name;
		bool hidden;
	} expect[] = {
		{ "A_x0041_", false }, { "H", true }, { "V", true },
		{ "W", false },
	};
	struct vt_xlsx *x;
	struct dump d;
	size_t i, len;
	void *data;

	(void)state;
	data = zip_parts(parts, COUNT(parts), &len);
	assert_int_equal(vt_xlsx_open_mem(data, len, &x), VT_OK);
	assert_int_equal(vt_xlsx_sheet_count(x), COUNT(expect));
	for (i = 0; i < COUNT(expect); i++) {
		assert_string_equal(vt_xlsx_sheet_name(x, i), expect[i].name);
		assert_int_equal(vt_xlsx_sheet_hidden(x, i), expect[i].hidden);
	}
	assert_null(vt_xlsx_sheet_name(x, COUNT(expect)));
	for (i = 0; i < 2; i++) {
		assert_int_equal(read_dump(x, "V", &d, 0), VT_OK);
		assert_string_equal(vt_buf_str(&d.b), "A1 N [1] 1\n");
		vt_buf_release(&d.b);
	}
	vt_xlsx_close(x);
	free(data);
}

/* ------------------------------------------------------------------ */
/* Files that are not workbooks, and bombs                            */

static void expect_refused(const void *data, size_t len, enum vt_err err,
			   const char *msg)
{
	struct vt_xlsx *x = NULL;

	assert_int_equal(vt_xlsx_open_mem(data, len, &x), err);
	assert_non_null(x);
	if (!strstr(vt_xlsx_error(x), msg))
		fail_msg("message '%s' lacks '%s'", vt_xlsx_error(x), msg);
	assert_int_equal(vt_xlsx_sheet_count(x), 0);
	vt_xlsx_close(x);
}

static void test_not_workbooks(void **state)
{
	static const unsigned char cfb[16] = { 0xd0, 0xcf, 0x11, 0xe0,
					       0xa1, 0xb1, 0x1a, 0xe1 };
	static const struct {
		const void *data;
		size_t len;
		const char *msg;
	} cases[] = {
		{ cfb, sizeof(cfb), "password-protected or .xls" },
		{ "name,value\n1,2\n", 16,
		  "not an Excel workbook (not a zip archive)" },
		{ "PK\x03\x04garbage", 11, "not an Excel workbook" },
		{ "", 0, "not an Excel workbook" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		expect_refused(cases[i].data, cases[i].len, VT_EINVAL,
			       cases[i].msg);
}

static const char *tmp_dir(void)
{
	const char *dir = getenv("VT_TEST_TMP");

	return dir && *dir ? dir : "/tmp";
}

static void tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/test_xlsx_read_%ld_%s", tmp_dir(),
		 (long)getpid(), name);
}

static void test_open_file_refusals(void **state)
{
	static const unsigned char cfb[8] = { 0xd0, 0xcf, 0x11, 0xe0,
					      0xa1, 0xb1, 0x1a, 0xe1 };
	struct vt_xlsx *x = NULL;
	char path[512];
	FILE *f;

	(void)state;
	tmp_path(path, sizeof(path), "missing.xlsx");
	assert_int_equal(vt_xlsx_open_file(path, &x), VT_EIO);
	assert_non_null(strstr(vt_xlsx_error(x), "cannot open"));
	vt_xlsx_close(x);

	tmp_path(path, sizeof(path), "enc.xlsx");
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(cfb, 1, sizeof(cfb), f), sizeof(cfb));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(vt_xlsx_open_file(path, &x), VT_EINVAL);
	assert_non_null(strstr(vt_xlsx_error(x), "password-protected"));
	vt_xlsx_close(x);
	unlink(path);
}

/*
 * 70 MB of zeros deflates to about 70 KB: past the part cap, and the
 * ratio cap.  The sheet is only inflated when read.
 */
static void test_bomb_sheet(void **state)
{
	size_t big = 70u * 1000 * 1000, len;
	struct part parts[3] = { P_WORKBOOK, P_RELS,
				 { "xl/worksheets/sheet1.xml", NULL, 0 } };
	struct vt_xlsx *x;
	struct dump d;
	char *zeros;
	void *data;

	(void)state;
	zeros = calloc(1, big);
	assert_non_null(zeros);
	parts[2].text = zeros;
	parts[2].len = big;
	data = zip_parts(parts, COUNT(parts), &len);
	free(zeros);
	assert_true(len < 1024 * 1024);
	assert_int_equal(vt_xlsx_open_mem(data, len, &x), VT_OK);
	assert_int_equal(read_dump(x, "S", &d, 0), VT_EINVAL);
	assert_string_equal(vt_xlsx_error(x),
			    "xl/worksheets/sheet1.xml: inflates past the cap "
			    "of 64 MiB");
	assert_int_equal(d.seen, 0);
	vt_buf_release(&d.b);
	vt_xlsx_close(x);
	free(data);
}

/*
 * 10 MB of blanks inside well-formed shared strings: under the size cap
 * but a thousand times its compressed size, refused at open.
 */
static void test_bomb_ratio(void **state)
{
	static const char head[] = "<sst><si><t>";
	static const char tail[] = "</t></si></sst>";
	size_t big = 10u * 1000 * 1000, len;
	struct part parts[3] = { P_WORKBOOK, P_RELS,
				 { "xl/sharedStrings.xml", NULL, 0 } };
	char *text;
	void *data;

	(void)state;
	text = malloc(big);
	assert_non_null(text);
	memset(text, ' ', big);
	memcpy(text, head, strlen(head));
	memcpy(text + big - strlen(tail), tail, strlen(tail));
	parts[2].text = text;
	parts[2].len = big;
	data = zip_parts(parts, COUNT(parts), &len);
	free(text);
	expect_refused(data, len, VT_EINVAL,
		       "xl/sharedStrings.xml: inflates more than 200 times "
		       "its size");
	free(data);
}

/* A string past Excel's limit is refused, not cut. */
static void test_long_string(void **state)
{
	static const char head[] = "<sst><si><t>";
	static const char tail[] = "</t></si></sst>";
	size_t body = 300u * 1024, len;
	struct part parts[3] = { P_WORKBOOK, P_RELS,
				 { "xl/sharedStrings.xml", NULL, 0 } };
	char *text;
	void *data;

	(void)state;
	text = malloc(strlen(head) + body + strlen(tail));
	assert_non_null(text);
	memcpy(text, head, strlen(head));
	memset(text + strlen(head), 'x', body);
	memcpy(text + strlen(head) + body, tail, strlen(tail));
	parts[2].text = text;
	parts[2].len = strlen(head) + body + strlen(tail);
	data = zip_parts(parts, COUNT(parts), &len);
	free(text);
	expect_refused(data, len, VT_EINVAL,
		       "xl/sharedStrings.xml: line 1: a shared string is "
		       "longer than 32767 characters");
	free(data);
}

/* Opens a workbook of the default parts around sheet text 'sheet'. */
static struct vt_xlsx *open_sheet(const char *sheet, size_t sheet_len,
				  void **data)
{
	struct part parts[3] = { P_WORKBOOK, P_RELS,
				 { "xl/worksheets/sheet1.xml", sheet,
				   sheet_len } };
	struct vt_xlsx *x;
	size_t len;

	*data = zip_parts(parts, COUNT(parts), &len);
	assert_int_equal(vt_xlsx_open_mem(*data, len, &x), VT_OK);
	return x;
}

/*
 * Markup with '<', '>' and quotes inside comments, CDATA, processing
 * instructions and attribute values, over many rows of varying length:
 * the reader cuts its input between tokens, and megabytes of this put
 * the cuts everywhere.
 */
static void test_markup_edges(void **state)
{
	struct vt_buf sheet = VT_BUF_INIT(16 * 1024 * 1024);
	struct vt_buf expect = VT_BUF_INIT(16 * 1024 * 1024);
	struct vt_xlsx *x;
	struct dump d;
	void *data;
	long r;

	(void)state;
	assert_int_equal(vt_buf_adds(&sheet, "<?xml version=\"1.0\"?>\n"
				     "<worksheet><sheetData>"), VT_OK);
	for (r = 1; r <= 30000; r++) {
		assert_int_equal(vt_buf_addf(&sheet,
			"<row r=\"%ld\" pad=\"%.*s\"><!-- a > b - <c> - -->"
			"<c r=\"B%ld\" t=\"inlineStr\" x=\"a>b'\" "
			"y='c\"d>'><is><t>%ld&amp;y&#x3E;"
			"<![CDATA[<z>]]]></t></is></c>"
			"<?pi a>b ? ?>\n</row>", r, (int)(r % 7), "-->>>>>",
			r, r), VT_OK);
		assert_int_equal(vt_buf_addf(&expect, "B%ld T [%ld&y><z>]]\n",
					     r, r), VT_OK);
	}
	assert_int_equal(vt_buf_adds(&sheet, "</sheetData></worksheet>"),
			 VT_OK);
	x = open_sheet(sheet.ptr, sheet.len, &data);
	if (read_dump(x, "S", &d, 0) != VT_OK)
		fail_msg("%s", vt_xlsx_error(x));
	assert_string_equal(vt_buf_str(&d.b), vt_buf_str(&expect));
	vt_buf_release(&d.b);
	vt_xlsx_close(x);
	free(data);
	vt_buf_release(&sheet);
	vt_buf_release(&expect);
}

/* Letters that deflate no better than the ratio cap allows. */
static void fill_letters(char *p, size_t n)
{
	uint32_t seed = 7;
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (char)('a' + (seed >> 16) % 26);
	}
}

/*
 * Expat rescans an unfinished token each time input comes, so a huge
 * tag costs quadratic time: markup past 1 MiB is refused.  Long text
 * is content and streams; a long attribute under the cap is fine.
 */
static void test_long_markup(void **state)
{
	static const struct {
		const char *head;
		size_t fill;
		const char *tail;
		const char *msg;	/* NULL: read, one cell */
	} cases[] = {
		{ "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
		  "</row></sheetData><!--", 2u << 20, "--></worksheet>",
		  "xl/worksheets/sheet1.xml: line 1: markup longer than "
		  "1024 KiB" },
		{ "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" x=\"",
		  2u << 20,
		  "\"><v>1</v></c></row></sheetData></worksheet>",
		  "markup longer than 1024 KiB" },
		{ "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" x=\"",
		  900u << 10,
		  "\"><v>1</v></c></row></sheetData></worksheet>", NULL },
		{ "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
		  "</row></sheetData><extLst>", 8u << 20,
		  "</extLst></worksheet>", NULL },
	};
	struct vt_xlsx *x;
	struct dump d;
	size_t i, hl, tl;
	char *text;
	void *data;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		hl = strlen(cases[i].head);
		tl = strlen(cases[i].tail);
		text = malloc(hl + cases[i].fill + tl);
		assert_non_null(text);
		memcpy(text, cases[i].head, hl);
		fill_letters(text + hl, cases[i].fill);
		memcpy(text + hl + cases[i].fill, cases[i].tail, tl);
		x = open_sheet(text, hl + cases[i].fill + tl, &data);
		free(text);
		if (cases[i].msg) {
			assert_int_equal(read_dump(x, "S", &d, 0), VT_EINVAL);
			if (!strstr(vt_xlsx_error(x), cases[i].msg))
				fail_msg("case %zu: '%s' lacks '%s'", i,
					 vt_xlsx_error(x), cases[i].msg);
		} else {
			assert_int_equal(read_dump(x, "S", &d, 0), VT_OK);
			assert_string_equal(vt_buf_str(&d.b), "A1 N [1] 1\n");
		}
		vt_buf_release(&d.b);
		vt_xlsx_close(x);
		free(data);
	}
}

/*
 * Zip entries can share one compressed stream, and sheets one part, so
 * a small archive can make the reader inflate without end while every
 * part passes its caps.  All reads of a workbook share a budget of
 * 256 MiB (or 200 times the archive): a sheet of 8 MB, deflated about
 * 150 times, can be read 33 times and no more.
 */
static void test_budget(void **state)
{
	size_t size = 8u * 1000 * 1000, i, len;
	uint32_t seed = 1;
	struct vt_xlsx *x;
	struct dump d;
	enum vt_err result = VT_OK;
	char *text;
	void *data;
	int reads;

	(void)state;
	text = malloc(size);
	assert_non_null(text);
	memset(text, ' ', size);
	len = strlen("<worksheet><sheetData><row><c><v>1</v></c></row>"
		     "</sheetData><extLst>");
	memcpy(text, "<worksheet><sheetData><row><c><v>1</v></c></row>"
		     "</sheetData><extLst>", len);
	/* A letter every 500 bytes keeps the ratio under the cap. */
	for (i = len; i + 500 < size; i += 500) {
		seed = seed * 1103515245u + 12345u;
		text[i] = (char)('a' + (seed >> 16) % 16);
	}
	memcpy(text + size - strlen("</extLst></worksheet>"),
	       "</extLst></worksheet>", strlen("</extLst></worksheet>"));
	x = open_sheet(text, size, &data);
	free(text);
	for (reads = 0; reads < 40; reads++) {
		result = read_dump(x, "S", &d, 0);
		vt_buf_release(&d.b);
		if (result)
			break;
	}
	assert_int_equal(result, VT_EINVAL);
	assert_int_equal(reads, 33);
	assert_string_equal(vt_xlsx_error(x),
			    "xl/worksheets/sheet1.xml: the workbook inflates "
			    "to too much in all (a zip bomb?)");
	vt_xlsx_close(x);
	free(data);
}

/* ------------------------------------------------------------------ */
/* A workbook written by libxlsxwriter                                 */

static void write_lxw(const char *path, bool constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = constant_memory,
				     .tmpdir = NULL,
				     .use_zip64 = 0 };
	lxw_datetime day = { 2024, 1, 15, 0, 0, 0 };
	lxw_datetime moment = { 2023, 12, 31, 13, 45, 30 };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *data, *hidden, *extra;
	lxw_format *date, *stamp, *bold, *money;
	lxw_rich_string_tuple f1, f2;
	lxw_rich_string_tuple *rich[3];

	assert_non_null(wb);
	data = workbook_add_worksheet(wb, "Data");
	hidden = workbook_add_worksheet(wb, "Hidden");
	extra = workbook_add_worksheet(wb, "Extra & more");
	assert_non_null(data);
	assert_non_null(hidden);
	assert_non_null(extra);
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	stamp = workbook_add_format(wb);
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm:ss");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00 \"GBP\"");

	worksheet_write_string(data, 0, 0, "name", bold);
	worksheet_write_string(data, 0, 1, "value", bold);
	worksheet_write_string(data, 1, 0, "alpha", NULL);
	worksheet_write_number(data, 1, 1, 12.5, money);
	worksheet_write_blank(data, 1, 2, bold);
	/* Row 3 is empty but formatted; row 4 is missing. */
	worksheet_set_row(data, 2, 30, bold);
	worksheet_write_datetime(data, 4, 0, &day, date);
	worksheet_write_formula_num(data, 4, 1, "=B2*2", NULL, 25);
	worksheet_write_boolean(data, 4, 2, 1, NULL);
	worksheet_write_formula_str(data, 4, 3, "=A2&\"!\"", NULL, "alpha!");
	worksheet_write_datetime(data, 5, 0, &moment, stamp);
	worksheet_write_string(data, 5, 1, "line\r\nbreak", NULL);
	f1.format = bold;
	f1.string = "bo";
	f2.format = NULL;
	f2.string = "ld";
	rich[0] = &f1;
	rich[1] = &f2;
	rich[2] = NULL;
	worksheet_write_rich_string(data, 5, 2, rich, NULL);
	worksheet_write_number(data, 6, 16383, -0.25, NULL);

	worksheet_write_string(hidden, 0, 0, "secret", NULL);
	worksheet_hide(hidden);
	worksheet_write_number(extra, 9, 3, 1e-3, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_libxlsxwriter(void **state)
{
	static const struct {
		const char *name;
		bool hidden;
		const char *cells;
	} sheets[] = {
		{ "Data", false,
		  "A1 T [name]\nB1 T [value]\nA2 T [alpha]\nB2 N [12.5] 12.5\n"
		  "A5 D [2024-01-15] 45306\nB5 N [25] 25\nC5 B [TRUE] 1\n"
		  "D5 T [alpha!]\nA6 D [2023-12-31T13:45:30] 45291.57326\n"
		  "B6 T [line\r\nbreak]\nC6 T [bold]\n"
		  "XFD7 N [-0.25] -0.25\n" },
		{ "Hidden", true, "A1 T [secret]\n" },
		{ "Extra & more", false, "D10 N [0.001] 0.001\n" },
	};
	struct vt_xlsx *x;
	struct dump d;
	char path[512];
	size_t i;
	int mode;

	(void)state;
	/* Shared strings, then inline strings (constant memory mode). */
	for (mode = 0; mode < 2; mode++) {
		tmp_path(path, sizeof(path), mode ? "lxw_cm.xlsx" : "lxw.xlsx");
		write_lxw(path, mode == 1);
		if (vt_xlsx_open_file(path, &x) != VT_OK)
			fail_msg("%s: %s", path, vt_xlsx_error(x));
		assert_int_equal(vt_xlsx_sheet_count(x), COUNT(sheets));
		for (i = 0; i < COUNT(sheets); i++) {
			assert_string_equal(vt_xlsx_sheet_name(x, i),
					    sheets[i].name);
			assert_int_equal(vt_xlsx_sheet_hidden(x, i),
					 sheets[i].hidden);
			assert_int_equal(read_dump(x, sheets[i].name, &d, 0),
					 VT_OK);
			if (strcmp(vt_buf_str(&d.b), sheets[i].cells) != 0)
				fail_msg("mode %d sheet %s:\n%s\nnot\n%s", mode,
					 sheets[i].name, vt_buf_str(&d.b),
					 sheets[i].cells);
			vt_buf_release(&d.b);
		}
		vt_xlsx_close(x);
		unlink(path);
	}
}

static void test_null_arguments(void **state)
{
	struct vt_xlsx *x = NULL;

	(void)state;
	assert_int_equal(vt_xlsx_open_mem(NULL, 3, &x), VT_EINVAL);
	assert_null(x);
	assert_int_equal(vt_xlsx_open_file(NULL, &x), VT_EINVAL);
	assert_int_equal(vt_xlsx_read_sheet(NULL, "S", dump_cell, NULL),
			 VT_EINVAL);
	assert_int_equal(vt_xlsx_sheet_count(NULL), 0);
	assert_null(vt_xlsx_sheet_name(NULL, 0));
	assert_non_null(vt_xlsx_error(NULL));
	vt_xlsx_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_made),
		cmocka_unit_test(test_sheet_list),
		cmocka_unit_test(test_not_workbooks),
		cmocka_unit_test(test_open_file_refusals),
		cmocka_unit_test(test_bomb_sheet),
		cmocka_unit_test(test_bomb_ratio),
		cmocka_unit_test(test_long_string),
		cmocka_unit_test(test_markup_edges),
		cmocka_unit_test(test_long_markup),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_libxlsxwriter),
		cmocka_unit_test(test_null_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
