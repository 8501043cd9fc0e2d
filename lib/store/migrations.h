/* Numbered schema migrations compiled into the binary (internal). */
#ifndef VT_STORE_MIGRATIONS_H
#define VT_STORE_MIGRATIONS_H

#include <stddef.h>

struct vt_migration {
	int number;		/* from the file name: 001_init.sql is 1 */
	const char *name;
	const char *sql;
};

/* Ends with an entry whose 'sql' is NULL; generated from sql/sqlite/. */
extern const struct vt_migration vt_migrations_sqlite[];
extern const struct vt_migration vt_migrations_postgres[];

#endif
