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
	"os"
	"path/filepath"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses
)

// idIndexSuffix names the added index "<table>_inkwell_id".
const idIndexSuffix = "_inkwell_id"

type openDatabase struct {
	db    *sql.DB
	inode uint64
}

type idIndexer struct {
	dataDir string
	logger  *slog.Logger
	open    map[string]openDatabase
}

func indexIDLookups(ctx context.Context, dataDir string, logger *slog.Logger) {
	ix := &idIndexer{dataDir: dataDir, logger: logger, open: map[string]openDatabase{}}
	defer ix.closeAll()

	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		ix.sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func (ix *idIndexer) sweep(ctx context.Context) {
	files, err := filepath.Glob(filepath.Join(ix.dataDir, "*.sqlite"))
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, file := range files {
		seen[file] = true
		db := ix.database(file)
		if db == nil {
			continue
		}
		if err := addMissingIDIndexes(ctx, db); err != nil {
			// A database being created or dropped right now; the next sweep retries.
			ix.logger.Debug("id index sweep", slog.String("file", file), slog.Any("error", err))
		}
	}
	// Dropped databases: let go of their files.
	for file, open := range ix.open {
		if !seen[file] {
			_ = open.db.Close()
			delete(ix.open, file)
		}
	}
}

// database returns a connection to file, reopening it when the file was
// replaced (a database dropped and created again under the same name).
func (ix *idIndexer) database(file string) *sql.DB {
	info, err := os.Stat(file)
	if err != nil {
		return nil
	}
	var inode uint64
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		inode = st.Ino
	}
	if open, ok := ix.open[file]; ok {
		if open.inode == inode {
			return open.db
		}
		_ = open.db.Close()
		delete(ix.open, file)
	}
	// mode=rw: never create a file FerretDB has not created.
	db, err := sql.Open("sqlite", "file:"+file+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil
	}
	db.SetMaxOpenConns(1)
	ix.open[file] = openDatabase{db: db, inode: inode}
	return db
}

func (ix *idIndexer) closeAll() {
	for _, open := range ix.open {
		_ = open.db.Close()
	}
}

func addMissingIDIndexes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)
		  AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = c.table_name || ?)`,
		idIndexSuffix)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			_ = rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	for _, table := range tables {
		// The expression must be written exactly as FerretDB's queries write it.
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
