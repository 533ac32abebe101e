package changelog

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

var messages = []struct {
	name string
	msg  string
}{
	{"subject only", "更正张三出勤分\n"},
	{"change type in the last paragraph", "更正张三出勤分\n\n原录入时将9分误录为10分。\n\nChange-Type: 更正\n"},
	{"several trailers, a continuation line", "调整包船责任人\n\nChange-Type: 实质变更\nBasis: 朝委〔2026〕12号\n  关于调整包船责任人的通知\n"},
	{"key with a space before the colon", "录入\n\nChange-Type : correction\n"},
	{"trailers only after the subject", "录入\nChange-Type: 更正\n"},
	{"a paragraph that is not all trailers", "更正\n\n说明：见附件\nChange-Type: 更正\n"},
	{"a quarter of trailers with a git-generated one", "更正\n\nsee below\nmore text\nChange-Type: 更正\nSigned-off-by: 王文书 <clerk@chaotian.example>\n"},
	{"Chinese key is not a trailer", "更正\n\n变更类型: 更正\n"},
	{"full-width colon is not a trailer", "更正\n\nChange-Type：更正\n"},
	{"comment lines are ignored", "更正\n\nChange-Type: 更正\n# a comment\n"},
	{"trailing blank lines", "更正\n\nChange-Type: 实质变更\n\n\n"},
	{"no final newline", "更正\n\nChange-Type: 更正"},
	{"body and trailers separated by blank lines", "更正\n\n第一段\n\n第二段\n\nChange-Type: 更正\nReviewed-by: 李四\n"},
}

// TestParseMessageReadsTrailersAsGitDoes compares the trailers with what
// `git interpret-trailers --parse --no-divider` prints for each message.
func TestParseMessageReadsTrailersAsGitDoes(t *testing.T) {
	for _, tt := range messages {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command("git", "interpret-trailers", "--parse", "--no-divider")
			cmd.Env = []string{"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME=/nonexistent"}
			cmd.Stdin = strings.NewReader(tt.msg)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
			if want[0] == "" {
				want = nil
			}
			var got []string
			for _, tr := range ParseMessage(tt.msg).Trailers {
				got = append(got, tr.Key+": "+tr.Value)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ParseMessage(%q).Trailers = %q; git says %q", tt.msg, got, want)
			}
		})
	}
}

func TestParseMessageSplitsSubjectBodyAndChangeType(t *testing.T) {
	tests := []struct {
		name, msg     string
		subject, body string
		typ           ChangeType
		problems      int
	}{
		{"correction", "更正张三出勤分\n\n原录入时将9分误录为10分。\n\nChange-Type: 更正\n", "更正张三出勤分", "原录入时将9分误录为10分。", TypeCorrection, 0},
		{"substantive in English, any case", "调整责任人\n\nchange-type: Substantive\n", "调整责任人", "", TypeSubstantive, 0},
		{"unstated", "录入2026年第一季度考核评分\n", "录入2026年第一季度考核评分", "", TypeUnstated, 0},
		{"subject over two lines is joined", "录入\n第一季度\n\n正文\n", "录入 第一季度", "正文", TypeUnstated, 0},
		{"unknown value", "更正\n\nChange-Type: 小改\n", "更正", "", TypeInvalid, 0},
		{"two trailers disagree", "更正\n\nChange-Type: 更正\nChange-Type: 实质变更\n", "更正", "", TypeInvalid, 0},
		{"Chinese key is flagged, not read", "更正\n\n变更类型: 更正\n", "更正", "变更类型: 更正", TypeUnstated, 1},
		{"full-width colon is flagged", "更正\n\nChange-Type：更正\n", "更正", "Change-Type：更正", TypeUnstated, 1},
		{"trailer not in the last paragraph is flagged", "更正\n\nChange-Type: 更正\n\n补充说明\n", "更正", "Change-Type: 更正\n\n补充说明", TypeUnstated, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ParseMessage(tt.msg)
			if m.Subject != tt.subject || m.Body != tt.body || m.Type() != tt.typ || len(m.Problems) != tt.problems {
				t.Errorf("ParseMessage(%q) = %q, %q, %v, %q; want %q, %q, %v, %d problems",
					tt.msg, m.Subject, m.Body, m.Type(), m.Problems, tt.subject, tt.body, tt.typ, tt.problems)
			}
		})
	}
}
