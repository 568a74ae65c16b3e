package store

import (
	"fmt"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// BenchmarkPage measures one page of 100 from 100,000 conversations, straight on the store.
func BenchmarkPage(b *testing.B) {
	s, err := Open(b.TempDir(), false)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.Begin()
	for n := 0; n < 100000; n++ {
		c := &conv.Conv{Type: int32(1 + n%2), ID: fmt.Sprintf("u%06d", n), ShowName: fmt.Sprintf("User %d", n), ActiveTime: uint64(1700000000 + n),
			LastMsg: fmt.Sprintf(`{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}`, n)}
		if n%10 == 0 {
			c.Unread = uint64(1 + n%7)
		}
		if err := s.PutConv(c, c.JSON()); err != nil {
			b.Fatal(err)
		}
	}
	s.Commit()
	yes := true
	f := conv.Filter{ConvType: 1, HasUnread: &yes}
	buf := make([]byte, 0, 1<<16)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, n, _, _, err := s.Page(&f, 0, nil, 100, buf[:0])
		if err != nil || n != 100 {
			b.Fatal(n, err)
		}
	}
}
