package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"unicode/utf8"
)

// Config is the service's configuration file (JSON).
type Config struct {
	// Listen is the address to serve HTTP on, e.g. "127.0.0.1:8080" or ":8080".
	Listen string `json:"listen"`
	// DatabaseURL is a libpq/pgx connection string, e.g.
	// "postgres://timconvsync@/timconvsync?host=/var/run/postgresql".
	DatabaseURL string `json:"database_url"`
	// Tokens maps a bearer token to the user it authenticates. An example to replace with the
	// app's own authentication: each token reaches exactly one user's state.
	Tokens map[string]string `json:"tokens"`
	// MaxBodyBytes bounds a request body (default 1 MiB).
	MaxBodyBytes int64 `json:"max_body_bytes"`
	// MaxDBConns bounds the connection pool (default 8).
	MaxDBConns int32 `json:"max_db_conns"`
	// StateCacheBytes bounds the decoded users' states kept in memory (default 64 MiB; -1:
	// none). A push whose user's state is cached at the stored version neither reads nor
	// decodes it.
	StateCacheBytes int64 `json:"state_cache_bytes"`
	// TestHoldPushMs keeps every push transaction open that long after applying, before its
	// commit (for fault tests that kill the service mid-push; leave it 0).
	TestHoldPushMs int `json:"test_hold_push_ms"`
}

func loadConfig(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	var c Config
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return &c, nil
}

func (c *Config) check() error {
	if c.Listen == "" {
		c.Listen = "127.0.0.1:8080"
	}
	if c.DatabaseURL == "" {
		return fmt.Errorf("database_url is missing")
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.MaxDBConns <= 0 {
		c.MaxDBConns = 8
	}
	if c.StateCacheBytes == 0 {
		c.StateCacheBytes = 64 << 20
	}
	if len(c.Tokens) == 0 {
		return fmt.Errorf("tokens is empty: no user could authenticate")
	}
	for tok, user := range c.Tokens {
		if len(tok) < 16 {
			return fmt.Errorf("a token is shorter than 16 bytes")
		}
		if user == "" || len(user) > 128 || !utf8.ValidString(user) {
			return fmt.Errorf("user id %q is not 1..128 bytes of UTF-8", user)
		}
	}
	return nil
}

// tokenTable maps the SHA-256 of a token to its user (the tokens themselves are not kept).
type tokenTable map[[32]byte]string

func newTokenTable(tokens map[string]string) tokenTable {
	t := make(tokenTable, len(tokens))
	for tok, user := range tokens {
		t[sha256.Sum256([]byte(tok))] = user
	}
	return t
}

func (t tokenTable) user(token string) (string, bool) {
	u, ok := t[sha256.Sum256([]byte(token))]
	return u, ok
}
