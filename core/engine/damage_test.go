package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// A big cache is not read whole at login: damage away from what login reads lets the login
// succeed; the first call that meets it fails with 6019, and from then on no call writes the
// file (6019), which is left exactly as it was.
func TestDamageMetAfterLogin(t *testing.T) {
	dir := tempDir(t)
	x := startH(t, dir)
	x.login("big")
	for b := 0; b < 8; b++ {
		var items []string
		for i := 0; i < 1000; i++ {
			n := b*1000 + i
			items = append(items, fmt.Sprintf(`{"conv_id":"u%05d","conv_type":1,"conv_active_time":%d,"conv_show_name":"a longer show name for user %d"}`, n, 1000+n, n))
		}
		x.upsert(items...)
	}
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	path := filepath.Join(store.UserDir(dir, 7, "big"), store.DBFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if len(good)/page <= store.SyncCheckPages {
		t.Fatalf("cache of %d pages, want more than %d", len(good)/page, store.SyncCheckPages)
	}
	at := bytes.Index(good, []byte(`"conv_id":"u00010"`))
	if at < 0 {
		t.Fatal("u00010 not in the file")
	}
	bad := append([]byte(nil), good...)
	for i := at / page * page; i < (at/page+1)*page; i++ {
		bad[i] = byte(i*131 + 7)
	}
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	x.login("big")
	if c := x.code(func(cb Callback) int { return x.e.GetConvList(cb) }); c != tim.CodeStorage {
		t.Fatalf("reading the damaged page: %d, want 6019", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.UpsertConversations(`[`+item(1, "fresh", 5, 0)+`]`, cb) }); c != tim.CodeStorage {
		t.Fatalf("a write after damage was found: %d, want 6019", c)
	}
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	if got, _ := os.ReadFile(path); !bytes.Equal(got, bad) {
		t.Error("the damaged cache was modified")
	}
	if strings.Contains(string(bad), `"conv_id":"fresh"`) {
		t.Error("the refused write reached the file")
	}
}
