package wire

import "unicode/utf8"

// Clip returns s when it is at most max bytes long, else its first max bytes or fewer, cut
// before a rune start so a UTF-8 sequence is never split, followed by "…". It is the one
// helper that shortens a value quoted in an error message.
func Clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
