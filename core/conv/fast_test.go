package conv

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"
)

// Strings with the characters that matter to a JSON writer and reader.
var testStrings = []string{"", "a", "User 7", "名字", "x\"y", `back\slash`, "tab\tnl\n", "\x01", "\u2028", "\u2029",
	"e\u0301", "🙂", "\xff", "a\xc3", "}", "]", ",", ":", `{"k":1}`, "  spaced  "}

var testObjects = []string{`{}`, `{"a":1}`, `{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello 5"}]}`,
	`{"s":"a b\" }{]"}`, `{"n":[1,-2.5e+3,0.1,true,false,null,{"x":{}}]}`, `{"u":"\u00e9\ud83d\ude00"}`, `{"e":"\\"}`}

func randConv(r *rand.Rand) *Conv {
	pick := func(v []string) string { return v[r.Intn(len(v))] }
	num := func() uint64 {
		switch r.Intn(5) {
		case 0:
			return 0
		case 1:
			return 1<<64 - 1
		case 2:
			return uint64(r.Intn(10))
		case 3:
			return 1 << uint(r.Intn(64))
		}
		return r.Uint64() >> uint(r.Intn(64))
	}
	small := func() int32 {
		switch r.Intn(4) {
		case 0:
			return 0
		case 1:
			return 1<<31 - 1
		case 2:
			return -1 << 31
		}
		return int32(r.Intn(7)) - 2
	}
	c := &Conv{Type: small(), ID: pick(testStrings), ShowName: pick(testStrings), FaceURL: pick(testStrings),
		Unread: num(), ActiveTime: num(), RecvOpt: small(), GroupType: small(), Pinned: r.Intn(2) == 0,
		CustomData: pick(testStrings)}
	if r.Intn(2) == 0 {
		c.LastMsg = pick(testObjects)
	}
	if r.Intn(3) == 0 {
		c.Draft = pick(testObjects)
	}
	for i := r.Intn(3); i > 0; i-- {
		c.AtInfo = append(c.AtInfo, AtInfo{Seq: num(), AtType: small()})
	}
	for i := r.Intn(4); i > 0; i-- {
		c.Marks |= 1 << uint(r.Intn(64))
	}
	for i := r.Intn(3); i > 0; i-- {
		c.Groups = append(c.Groups, pick(testStrings))
	}
	if r.Intn(2) == 0 {
		c.C2CReadTimestamp = num()
	}
	if r.Intn(2) == 0 {
		c.GroupReadSequence = num()
	}
	return c
}

// mutate damages or respells a stored form a little.
func mutate(r *rand.Rand, s string) string {
	b := []byte(s)
	for n := 1 + r.Intn(2); n > 0 && len(b) > 0; n-- {
		i := r.Intn(len(b))
		switch r.Intn(6) {
		case 0:
			b = append(b[:i], b[i+1:]...)
		case 1:
			b = append(b[:i], append([]byte{" \t\\\"0-,:{}[]e.1"[r.Intn(15)]}, b[i:]...)...)
		case 2:
			b[i] = "0123456789\"\\ ,:{}[]truefalsnl-"[r.Intn(30)]
		case 3: // a duplicate of a key's member
			t := string(b)
			j := strings.Index(t[i:], `,"`)
			if j >= 0 {
				k := strings.Index(t[i+j+1:], `,"`)
				if k > 0 {
					member := t[i+j : i+j+1+k]
					b = []byte(t[:i+j] + member + t[i+j:])
				}
			}
		case 4: // an escape where there was none
			b = []byte(strings.Replace(string(b), "a", `\u0061`, 1))
		case 5: // a number respelt
			b = []byte(strings.Replace(string(b), ":1", ":1.0", 1))
		}
	}
	return string(b)
}

// decodeCanonical accepts only what AppendJSON writes back unchanged, and reads it exactly as
// the general reader does; it accepts AppendJSON's output whenever no string needs an escape.
func TestDecodeCanonicalSameAsGeneral(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	accepted, plain := 0, 0
	check := func(info string) {
		t.Helper()
		fast, ok := decodeCanonical(info)
		if !ok {
			return
		}
		accepted++
		gen, err := decodeGeneral(info)
		if err != nil {
			t.Fatalf("%s: the general reader fails (%v), the fast one accepts", info, err)
		}
		if !reflect.DeepEqual(fast, gen) {
			t.Fatalf("%s:\n fast    %+v\n general %+v", info, fast, gen)
		}
		if got := fast.JSON(); got != info {
			t.Fatalf("accepted a form AppendJSON does not write:\n in  %s\n out %s", info, got)
		}
	}
	for i := 0; i < 30000; i++ {
		c := randConv(r)
		info := c.JSON()
		n := accepted
		check(info)
		if !strings.Contains(info, `\`) && !strings.ContainsAny(info, "\u2028\u2029\xff") && !strings.Contains(info, "a\xc3") {
			plain++
			if accepted == n {
				t.Fatalf("plain stored form refused: %s", info)
			}
		}
		for j := 0; j < 3; j++ {
			check(mutate(r, info))
		}
	}
	if plain < 1000 {
		t.Fatalf("only %d plain forms", plain)
	}
	t.Logf("%d accepted, %d of them plain AppendJSON forms", accepted, plain)
}

// Decode gives what the general reader gives, for every input.
func TestDecodeSameAsGeneral(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		info := randConv(r).JSON()
		if i%2 == 1 {
			info = mutate(r, info)
		}
		a, errA := Decode(info)
		b, errB := decodeGeneral(info)
		if (errA == nil) != (errB == nil) || errA == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("%s:\n Decode  %+v %v\n general %+v %v", info, a, errA, b, errB)
		}
	}
}

// isCompact says exactly whether pretty.Ugly changes its input.
func TestIsCompact(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	const alphabet = " \t\n\"\\ab{}[]:,\x00\x1f"
	for i := 0; i < 200000; i++ {
		b := make([]byte, r.Intn(12))
		for j := range b {
			b[j] = alphabet[r.Intn(len(alphabet))]
		}
		want := string(pretty.Ugly(b)) == string(b)
		if got := isCompact(string(b)); got != want {
			t.Fatalf("isCompact(%q) = %v, Ugly says %v", b, got, want)
		}
	}
}

// An upsert item decodes and applies exactly as with the decoder of closures it replaced: same
// error (text), same conversation after Apply.
func TestUpsertItemSameAsBefore(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	values := []string{`"x"`, `"名"`, `"a\u0041"`, "\"\xff\"", `""`, `0`, `1`, `-1`, `1.5`, `1e3`, `18446744073709551615`,
		`18446744073709551616`, `2147483647`, `2147483648`, `null`, `true`, `[]`, `{}`, `{"a":1}`, `{ "a" : [1, 2] }`,
		"{\"k\":\"\xff\"}", `{"s":"a b\" }{"}`, `{"draft_msg":{"m":1},"draft_user_define":"u","draft_edit_time":9}`,
		`{"draft_user_define":5}`, `{"draft_msg":null}`, `{"draft_edit_time":-1}`, `[{"conv_group_at_info_seq":3,"conv_group_at_info_at_type":2}]`,
		`[{"conv_group_at_info_at_type":1}]`, `[{"conv_group_at_info_seq":3,"conv_group_at_info_at_type":4}]`, `[1]`, `"7"`}
	keys := append(oldUpsertKeys[2:], "conv_is_pinned", "x", "conv_mark_array")
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		b.WriteString("{")
		members := []string{}
		if r.Intn(10) > 0 {
			members = append(members, fmt.Sprintf(`"conv_id":%s`, []string{`"id"`, `""`, `1`, "\"\xff\"", `"名"`}[r.Intn(5)]))
		}
		if r.Intn(10) > 0 {
			members = append(members, fmt.Sprintf(`"conv_type":%s`, []string{`1`, `2`, `3`, `"1"`, `1.0`}[r.Intn(5)]))
		}
		for n := r.Intn(8); n > 0; n-- {
			members = append(members, fmt.Sprintf(`%q:%s`, keys[r.Intn(len(keys))], values[r.Intn(len(values))]))
		}
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		b.WriteString(strings.Join(members, ","))
		b.WriteString("}")
		js := b.String()
		v := gjson.Parse(js)
		if r.Intn(20) == 0 {
			v = gjson.Parse(`[` + js + `]`)
		}
		nu, nerr := DecodeUpsertItem(v)
		ou, oerr := oldDecodeUpsertItem(v)
		if (nerr == nil) != (oerr == nil) || nerr != nil && nerr.Error() != oerr.Error() {
			t.Fatalf("%s: error %v, before %v", js, nerr, oerr)
		}
		if nerr != nil {
			continue
		}
		if nu.Type != ou.Type || nu.ID != ou.ID {
			t.Fatalf("%s: identity %d %q, before %d %q", js, nu.Type, nu.ID, ou.Type, ou.ID)
		}
		base := randConv(r)
		a, o := base.Clone(), base.Clone()
		nu.Apply(a)
		ou.Apply(o)
		if !reflect.DeepEqual(a, o) || a.JSON() != o.JSON() {
			t.Fatalf("%s: applied\n %+v\nbefore\n %+v", js, a, o)
		}
	}
}
