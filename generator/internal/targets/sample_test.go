package targets

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/record"
)

// sample computes this repository's sample records (records/, as in the
// working tree).
func sample(t *testing.T) *Result {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	var files []record.File
	err := filepath.WalkDir(filepath.Join(root, record.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, record.File{Path: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, errs := computeFiles(t, files)
	if len(errs) > 0 {
		t.Fatalf("sample records have mistakes:\n%v", errs)
	}
	return r
}

// TestSampleRecordsScoreAndGrade checks the sample township's 2025 results
// against figures worked by hand.
func TestSampleRecordsScoreAndGrade(t *testing.T) {
	r := sample(t)
	y := r.Year(2025)
	if y == nil || !y.Final {
		t.Fatal("no posted 2025 results in the sample")
	}
	wsy := unitOf(t, y, "wsy")
	if x := wsy.Indicator("W01"); x.Shown != "94.4%" || !x.Achieved || x.TargetShown != "≥80%" {
		t.Errorf("elderly check-ups = %s against %s, achieved %v; want 94.4%% against ≥80%%, achieved", x.Shown, x.TargetShown, x.Achieved)
	}
	if x := wsy.Indicator("W06"); x.Shown != "55.9%" || x.Achieved || x.Points.String() != "7.95" {
		t.Errorf("diabetes = %s, achieved %v, %s points; want 55.9%%, not achieved, 7.95 (linear from 40%% to 60%%)", x.Shown, x.Achieved, x.Points)
	}
	hexi := unitOf(t, y, "hexi")
	if !hexi.Vetoed() || hexi.Rank != 0 || hexi.Grade != "" || hexi.Score.String() != "80" {
		t.Errorf("河西村: vetoed %v, rank %d, grade %q, score %s; want vetoed, unranked, ungraded, 80", hexi.Vetoed(), hexi.Rank, hexi.Grade, hexi.Score)
	}
	var ranks []string
	for _, u := range y.Groups[0].Units {
		ranks = append(ranks, fmt.Sprintf("%s%d", u.Unit.ID, u.Rank))
	}
	want := "zhengjie1 longtan1 xinmin1 chaotian4 yangliu5 shuikou6 qingshan7 shiqiao8 taohua9 baisha10 hexi0"
	if got := strings.Join(ranks, " "); got != want {
		t.Errorf("villages ranked %s; want %s", got, want)
	}

	g := r.Grades[0]
	var excellent []string
	for _, p := range g.People {
		if p.Grade == record.GradeExcellent {
			excellent = append(excellent, p.Person.Name)
		}
	}
	if len(g.People) != 26 || g.Places != 3 || strings.Join(excellent, "、") != "李红梅、郑伟、周丽" {
		t.Errorf("%d graded, %d places, 优秀 %v; want 26, 3, 李红梅、郑伟、周丽", len(g.People), g.Places, excellent)
	}
	for id, want := range map[string]string{
		"wu-fang":    "称职 1 河西村包村领导",
		"liang-chen": "称职 4 河西村驻村干部",
		"zhao-ming":  "称职 5 比较平均基础分（99分对100分）列后",
		"cao-yang":   "基本称职 26 ",
		"deng-yong":  "称职 25 第二季度考核不合格",
	} {
		p := gradedOf(t, g, id)
		grade, pos, reason := p.Grade, p.Position, strings.Join(append(p.Barred, p.Tie), " ")
		wg, rest, _ := strings.Cut(want, " ")
		wp, wr, _ := strings.Cut(rest, " ")
		if grade != wg || fmt.Sprint(pos) != wp || !strings.Contains(reason, wr) {
			t.Errorf("%s: %s at %d, %q; want %s at %s, with %q", id, grade, pos, reason, wg, wp, wr)
		}
	}
}
