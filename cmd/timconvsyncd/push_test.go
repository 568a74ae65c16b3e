package main

import (
	"testing"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

// The answer to a push carries the stored state as it is: byte for byte the document that
// encoding the decoded state gives.
func TestEncodeStateStored(t *testing.T) {
	st := roam.NewState()
	st.Apply(roam.Op{Type: roam.OpGroupCreate, GroupID: "g1", Name: "Work", ConvIDs: []string{"c2c_b", "c2c_a"}})
	st.Apply(roam.Op{Type: roam.OpMark, Marks: 1, Enable: true, ConvIDs: []string{"c2c_a"}})
	st.Apply(roam.Op{Type: roam.OpPin, Pinned: true, ConvID: "group_x"})
	for _, s := range []*roam.State{roam.NewState(), st} {
		rej := []string{`{"sync_rejected_op_id":3}`}
		hash := []byte{1, 2, 3}
		want := string(encodeState(7, "dev", 3, hash, false, rej, s))
		if got := string(encodeStateStored(7, "dev", 3, hash, rej, string(roam.EncodeStateOnly(s)))); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	}
}
