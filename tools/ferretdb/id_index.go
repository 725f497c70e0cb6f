package main

// FerretDB 1.24's SQLite backend looks documents up by `_id` (find, update,
// delete, findAndModify) with `WHERE _ferretdb_sjson->'$._id' = ?`, but the
// unique index it creates is on `_ferretdb_sjson->"_id"`. SQLite only uses an
// expression index when the expressions match, so every `_id` look-up scans the
// whole table and parses every document's JSON (EXPLAIN QUERY PLAN says SCAN).
// With essays in a collection that makes each look-up cost milliseconds, and
// the cost grows with the class.
//
// The upstream code cannot change here, so this file adds, next to FerretDB's
// own index, a plain index on exactly the expression its queries use. FerretDB
// never lists or drops it (its metadata does not know it); SQLite drops it with
// the table. New collections are picked up by a sweep every second.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses
)

// idIndexSuffix names the added index "<table>_inkwell_id".
const idIndexSuffix = "_inkwell_id"

func indexIDLookups(ctx context.Context, dataDir string, logger *slog.Logger) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dataDir, "*.sqlite"))
		for _, file := range files {
			if err := addMissingIDIndexes(ctx, file); err != nil {
				// A database being created or dropped right now; the next sweep retries.
				logger.Debug("id index sweep", slog.String("file", file), slog.Any("error", err))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Connections are opened per sweep and closed at once, never kept: a connection kept open on a
// database that FerretDB drops and creates again could, when it closes as the file's "last"
// connection, remove the new database's write-ahead log by name. The frequent look-up is
// read-only (a read-only connection never checkpoints or removes the log); a writer is opened
// only for a missing index, while FerretDB has the database open.
func addMissingIDIndexes(ctx context.Context, file string) error {
	tables, err := tablesWithoutIDIndex(ctx, file)
	if err != nil || len(tables) == 0 {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, table := range tables {
		// The expression must be written exactly as FerretDB's queries write it.
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func tablesWithoutIDIndex(ctx context.Context, file string) ([]string, error) {
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)
		  AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = c.table_name || ?)`,
		idIndexSuffix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return nil, err
		}
		tables = append(tables, table)
	}
	return tables, rows.Err()
}
