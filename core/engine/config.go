package engine

import (
	"os"
	"path/filepath"
	"runtime"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// Config is a parsed TIMInit config.
type Config struct {
	DataDir      string // sdk_config_config_file_path (required)
	LogDir       string // sdk_config_log_file_path ("" = no log file)
	DispatchMode string // "library" (default) or "host"
	FullSync     bool   // sdk_config_durability == "full"
}

// Dispatch modes.
const (
	DispatchLibrary = "library"
	DispatchHost    = "host"
)

// ParseConfig decodes a TIMInit JSON config. It returns tim.ErrJSON when it does not parse, is
// not an object, or a key has the wrong type or an unknown value; tim.ErrParam when the data
// directory is missing or empty and no default can be built. NULL (""), "{}" and a config without
// a data directory take the defaults, as Tencent's TIMInit does (DefaultDataDir).
func ParseConfig(s string) (Config, int) {
	cfg := Config{DispatchMode: DispatchLibrary}
	if s == "" {
		s = "{}" // NULL or "": every default (Tencent's TIMInit)
	}
	root, err := wire.Parse(s)
	if err != nil || !root.IsObject() {
		return cfg, tim.ErrJSON
	}
	str := func(key string, dst *string) bool {
		v := root.Get(key)
		if !v.Exists() || v.Type == gjson.Null {
			return true
		}
		x, ok := wire.Str(v)
		*dst = x
		return ok
	}
	var durability string
	if !str("sdk_config_config_file_path", &cfg.DataDir) || !str("sdk_config_log_file_path", &cfg.LogDir) ||
		!str("sdk_config_dispatch_mode", &cfg.DispatchMode) || !str("sdk_config_durability", &durability) {
		return cfg, tim.ErrJSON
	}
	switch cfg.DispatchMode {
	case DispatchLibrary, DispatchHost:
	default:
		return cfg, tim.ErrJSON
	}
	switch durability {
	case "", "normal":
	case "full":
		cfg.FullSync = true
	default:
		return cfg, tim.ErrJSON
	}
	if cfg.DataDir == "" {
		dir, ok := DefaultDataDir()
		if !ok {
			return cfg, tim.ErrParam
		}
		cfg.DataDir = dir
	}
	return cfg, tim.Succ
}

// DefaultDataDir is the data directory of a config without one: the per-user application-data
// folder "timconvgroup" of the platform ($XDG_DATA_HOME or ~/.local/share on Linux and other
// Unix, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows). false when the
// environment it is built from is unset.
func DefaultDataDir() (string, bool) {
	const name = "timconvgroup"
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, name), true
		}
		return "", false
	case "darwin", "ios":
		if h := os.Getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", name), true
		}
		return "", false
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, name), true
	}
	if h := os.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", name), true
	}
	return "", false
}
