// Command timconvsyncd is the reference sync backend of timconvgroup: an HTTP service over
// PostgreSQL that applies the push documents of a user's devices with the rules of core/roam
// and answers the state document. It keeps no state of its own, so several instances can serve
// one database behind a load balancer. See README.md beside this file and docs/sync.md.
//
//	timconvsyncd -config /etc/timconvsyncd.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfgPath := flag.String("config", "timconvsyncd.json", "configuration file (JSON)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file until the service stops")
	flag.Parse()
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			log.Error("start", "error", "cpuprofile: "+err.Error())
			return 2
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if os.Getenv("GOGC") == "" {
		// The live heap is small (the states of the requests in flight) and every push
		// allocates its user's decoded state: a GC target of 4× the live heap instead of 2×
		// costs a few MB and halves the collector's share of the CPU. GOGC overrides it.
		debug.SetGCPercent(400)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		log.Error("start", "error", err.Error())
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, log, nil); err != nil {
		log.Error("stopped", "error", err.Error())
		return 1
	}
	log.Info("stopped")
	return 0
}

// serve connects, migrates and serves until ctx ends. ready (if not nil) receives the
// listening address.
func serve(ctx context.Context, cfg *Config, log *slog.Logger, ready chan<- string) error {
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("database_url: %w", err)
	}
	pcfg.MaxConns = cfg.MaxDBConns
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	defer pool.Close()
	mctx, cancel := context.WithTimeout(ctx, time.Minute)
	err = migrate(mctx, pool, log)
	cancel()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newServer(pool, cfg, log).handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "max_body_bytes", cfg.MaxBodyBytes, "users", len(cfg.Tokens))
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
