// Command ferretdb runs FerretDB's embeddable package with the SQLite backend,
// so Inkwell has a real MongoDB-protocol database without a separate server.
//
// It exists because `go install .../cmd/ferretdb` panics at start: the upstream
// command requires build/version/version.txt, which the published module lacks.
// Embedding the package skips that check.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // served only when -pprof is given, for profiling benchmarks
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (loopback only)")
	dataDir := flag.String("data", ".data/ferretdb", "directory for the SQLite files")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	pprofAddr := flag.String("pprof", "", "loopback host:port to serve Go's /debug/pprof on (off by default)")
	flag.Parse()

	if host, _, err := net.SplitHostPort(*listen); err != nil || !isLoopback(host) {
		fail("-listen must be a loopback host:port, got %q", *listen)
	}
	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		fail("cannot create data directory: %v", err)
	}

	if *pprofAddr != "" {
		if host, _, err := net.SplitHostPort(*pprofAddr); err != nil || !isLoopback(host) {
			fail("-pprof must be a loopback host:port, got %q", *pprofAddr)
		}
		go func() {
			if err := http.ListenAndServe(*pprofAddr, nil); err != nil {
				fmt.Fprintf(os.Stderr, "ferretdb: pprof listener stopped: %v\n", err)
			}
		}()
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	dir := strings.TrimSuffix(*dataDir, "/") + "/"
	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir,
		Logger:    logger,
	})
	if err != nil {
		fail("cannot configure FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		db.Run(ctx)
		close(done)
	}()

	// Announce readiness only once the port accepts connections, so the
	// Node side can wait for this line instead of polling.
	if err := waitForPort(*listen, 30*time.Second); err != nil {
		fail("FerretDB did not start listening: %v", err)
	}
	fmt.Printf("ready %s\n", db.MongoDBURI())

	go indexIDLookups(ctx, dir, logger)

	<-done
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func waitForPort(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		conn, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			return conn.Close()
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
