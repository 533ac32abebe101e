package guard

import "testing"

func TestHygieneRefusesWhatCannotBePublished(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, text string
		offset     int
	}{
		{"not UTF-8", "河西\xff村", 6},
		{"GBK bytes", "\xba\xd3\xce\xf7", 0},
		{"NUL", "河西\x00村", 6},
		{"escape", "河西\x1b[31m村", 6},
		{"delete", "a\x7f", 1},
		{"C1 control", "a\u0085", 1},
		{"carriage return", "a\rb", 1},
		{"right-to-left override", "河西\u202e村", 6},
		{"left-to-right isolate", "\u2066村", 0},
		{"right-to-left mark", "a\u200fb", 1},
		{"zero-width space", "a\u200bb", 1},
		{"zero-width joiner", "a\u200db", 1},
		{"word joiner", "a\u2060b", 1},
		{"byte order mark", "a\ufeffb", 1},
		{"soft hyphen", "a\u00adb", 1},
		{"Hangul filler", "a\u3164b", 1},
		{"line separator", "a\u2028b", 1},
	} {
		ps := Hygiene(c.text)
		if len(ps) == 0 {
			t.Errorf("%s: Hygiene(%q) = none; want a problem at %d", c.name, c.text, c.offset)
			continue
		}
		if ps[0].Offset != c.offset {
			t.Errorf("%s: Hygiene(%q) at %d (%s); want at %d", c.name, c.text, ps[0].Offset, ps[0].What, c.offset)
		}
		if cl := Clean(c.text); len(Hygiene(cl)) > 0 {
			t.Errorf("%s: Clean(%q) = %q, which still has %s", c.name, c.text, cl, Hygiene(cl)[0].What)
		}
	}
	for _, ok := range []string{"朝天镇人民政府", "第一行\n第二行", "名称\t说明", "Ａ１　全角", "〔2026〕", "😀"} {
		if ps := Hygiene(ok); len(ps) > 0 {
			t.Errorf("Hygiene(%q) = %s; want none", ok, ps[0].What)
		}
	}
}

func TestInvisibleTextIsNoValue(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " ", "\u200b", "\u3000", "\u00a0\u200d", "\ufeff", "\u3164", "\u2800", "\t\n"} {
		if Visible(s) {
			t.Errorf("Visible(%q) = true; want false", s)
		}
	}
	for _, s := range []string{"a", "\u200b考勤表", "〇"} {
		if !Visible(s) {
			t.Errorf("Visible(%q) = false; want true", s)
		}
	}
}
