package engine

import (
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
// directory is missing or empty.
func ParseConfig(s string) (Config, int) {
	cfg := Config{DispatchMode: DispatchLibrary}
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
		return cfg, tim.ErrParam
	}
	return cfg, tim.Succ
}
