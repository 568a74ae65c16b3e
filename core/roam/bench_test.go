package roam

import (
	"fmt"
	"testing"
)

// benchState is the roaming state of the sync benchmark: 20 groups of 50, marks on 200,
// custom data on 100, 100 pinned elsewhere.
func benchState() *State {
	s := NewState()
	for g := 0; g < 20; g++ {
		var ids []string
		for m := 0; m < 50; m++ {
			ids = append(ids, fmt.Sprintf("c2c_u%06d", (g*50+m)*100))
		}
		s.Apply(Op{Type: OpGroupCreate, GroupID: fmt.Sprintf("%032x", g+1), Name: fmt.Sprintf("group%02d", g), ConvIDs: ids})
	}
	for i := 0; i < 200; i++ {
		s.Apply(Op{Type: OpMark, Marks: 1, Enable: true, ConvIDs: []string{fmt.Sprintf("c2c_u%06d", i*500)}})
	}
	for i := 0; i < 100; i++ {
		s.Apply(Op{Type: OpCustomData, CustomData: "vip", ConvIDs: []string{fmt.Sprintf("c2c_u%06d", i*1000+100)}})
		s.Apply(Op{Type: OpPin, Pinned: true, ConvID: fmt.Sprintf("c2c_u%06d", i*1000+1)})
	}
	return s
}

func BenchmarkDecodeState(b *testing.B) {
	doc := string(EncodeState(&StateDoc{Version: 7, ClientID: "abc", LastOpID: 3, State: benchState()}))
	b.SetBytes(int64(len(doc)))
	for i := 0; i < b.N; i++ {
		if _, err := DecodeState(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanApply(b *testing.B) {
	s := benchState()
	other := s.Clone()
	for i := 0; i < 100; i++ {
		other.Apply(Op{Type: OpMark, Marks: 2, Enable: true, ConvIDs: []string{fmt.Sprintf("c2c_u%06d", i*700%100000/100*100)}})
	}
	doc := &StateDoc{Version: 2, State: other}
	dev := &Device{ClientID: "abc", Version: 1, Confirmed: s, View: s.Clone()}
	for i := 0; i < b.N; i++ {
		if _, err := PlanApply(dev, doc); err != nil {
			b.Fatal(err)
		}
	}
}
