package roam

import (
	"strings"
	"testing"
)

// A state document that says the client is stale (sync_state_is_client_stale: the backend
// answered a push whose op ids went backwards) makes the device renew its client id, whatever
// the version and last op id it carries; a document naming no client cannot say so.
func TestClientStaleFlag(t *testing.T) {
	dev := &Device{ClientID: "devA", Version: 7, Confirmed: NewState(), HighestOpID: 5,
		Outbox: []Op{{ID: 4, Type: OpPin, ConvID: "c2c_a", Pinned: true}, {ID: 5, Type: OpPin, ConvID: "c2c_b", Pinned: true}}}
	for _, d := range []*StateDoc{
		{Version: 7, ClientID: "devA", LastOpID: 5, Unchanged: true, ClientStale: true},
		{Version: 3, ClientID: "devA", LastOpID: 5, Unchanged: true, ClientStale: true}, // older
		{Version: 9, ClientID: "devA", LastOpID: 2, State: NewState(), ClientStale: true},
	} {
		doc := string(EncodeState(d))
		if !strings.Contains(doc, `"sync_state_is_client_stale":true`) {
			t.Fatal(doc)
		}
		back, derr := DecodeState(doc)
		if derr != nil || !back.ClientStale {
			t.Fatalf("%s: %v", doc, derr)
		}
		p, derr := PlanApply(dev, back)
		if derr != nil || !p.Stale || p.Ignore || len(p.Acked) != 0 {
			t.Fatalf("%s: %+v %v", doc, p, derr)
		}
	}
	if _, derr := DecodeState(`{"sync_state_version":1,"sync_state_is_unchanged":true,"sync_state_is_client_stale":true}`); derr == nil || derr.Code != 6017 {
		t.Fatalf("stale flag without a client: %v", derr)
	}
	if _, derr := PlanApply(dev, &StateDoc{Version: 7, ClientID: "devB", Unchanged: true, ClientStale: true}); derr == nil {
		t.Fatal("another client's stale document accepted")
	}
	// Absent: false, and not written.
	if doc := string(EncodeState(&StateDoc{Version: 1, ClientID: "devA", State: NewState()})); strings.Contains(doc, "stale") {
		t.Fatal(doc)
	}
}
