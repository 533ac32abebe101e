package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
)

// result is a quarter as assess returns it: three paid (one of them
// 1234.56, which binary floating point cannot hold exactly) and one
// unqualified.
func result() *assess.Result {
	r := &assess.Result{Notice: assess.Notice{Title: "朝天镇2026年第一季度绩效考核结果公示", Organ: "朝天镇人民政府"}}
	for _, p := range []struct {
		name string
		pay  assess.Fen
	}{{"张三", 170250}, {"李四", 0}, {"王五", 123456}, {"赵六", 120001}} {
		r.People = append(r.People, &assess.Assessee{Person: &record.Person{Name: p.name}, Pay: p.pay, Qualified: p.pay > 0})
		r.Paid += p.pay
	}
	return r
}

func TestPayrollListsThePaidAndTotalsTheNotice(t *testing.T) {
	r := result()
	p := FromAssess(r)
	if p.Title != "朝天镇2026年第一季度绩效工资发放表" || len(p.Rows) != 3 || p.Total != r.Paid {
		t.Errorf("FromAssess = %q, %d rows, total %s; want the 发放表 of 3 people paid, total %s", p.Title, len(p.Rows), p.Total.Plain(), r.Paid.Plain())
	}
}

func TestCSVOpensInExcelWithChineseAndExactAmounts(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, FromAssess(result())); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF序号,姓名,金额（元）\r\n1,张三,1702.50\r\n2,王五,1234.56\r\n3,赵六,1200.01\r\n,合计,4137.07\r\n"
	if got := b.String(); got != want {
		t.Errorf("WriteCSV =\n%q\nwant\n%q", got, want)
	}
}

func TestXLSXHoldsAmountsAsExactNumbersAndTheTotal(t *testing.T) {
	r := result()
	var b bytes.Buffer
	if err := WriteXLSX(&b, FromAssess(r)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if names := f.GetSheetList(); len(names) != 1 || names[0] != "绩效工资" {
		t.Fatalf("sheets = %v; want [绩效工资]", names)
	}
	raw := func(ref string) string {
		t.Helper()
		v, err := f.GetCellValue("绩效工资", ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := raw("A1"); got != "朝天镇2026年第一季度绩效工资发放表" {
		t.Errorf("A1 = %q; want the title", got)
	}
	sum := decimal.Zero
	for i, want := range []struct{ name, amount string }{{"张三", "1702.50"}, {"王五", "1234.56"}, {"赵六", "1200.01"}} {
		row := string(rune('3' + i))
		if got := raw("B" + row); got != want.name {
			t.Errorf("B%s = %q; want %q", row, got, want.name)
		}
		if got := raw("C" + row); got != want.amount {
			t.Errorf("C%s = %q; want the exact amount %q", row, got, want.amount)
		}
		typ, err := f.GetCellType("绩效工资", "C"+row)
		if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
			t.Errorf("C%s has type %v; want a number, not text", row, typ)
		}
		sum = sum.Add(decimal.RequireFromString(raw("C" + row)))
	}
	if raw("B6") != "合计" || raw("C6") != r.Paid.Plain() || !sum.Equal(r.Paid.Decimal()) {
		t.Errorf("total row %q %q, rows sum to %s; want 合计 %s equal to the notice", raw("B6"), raw("C6"), sum, r.Paid.Plain())
	}
	shown, _ := f.GetCellValue("绩效工资", "C3")
	if shown != "1,702.50" {
		t.Errorf("C3 shows %q; want 1,702.50", shown)
	}
}

func TestXLSXIsByteIdenticalForTheSamePayroll(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteXLSX(&a, FromAssess(result())); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&b, FromAssess(result())); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same payroll differ")
	}
	if !strings.HasPrefix(a.String(), "PK") {
		t.Error("not a zip file")
	}
}

// TestCSVCellsThatReadAsFormulasAreText: a name Excel or WPS would run as
// a formula (=HYPERLINK(…) sends the finance bureau's clerk to any site)
// is written so that it shows as text.
func TestCSVCellsThatReadAsFormulasAreText(t *testing.T) {
	p := Payroll{Rows: []Row{
		{Name: `=HYPERLINK("https://evil.example","点击")`, Amount: 100},
		{Name: "+1+2", Amount: 100}, {Name: "-2+3", Amount: 100}, {Name: "@SUM(A1)", Amount: 100},
		{Name: "\t=1", Amount: 100}, {Name: "\r=1", Amount: 100}, {Name: "张三", Amount: 100},
	}}
	var b bytes.Buffer
	if err := WriteCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A CR within a cell is dropped by the writer (CRLF line ends).
	want := []string{`'=HYPERLINK("https://evil.example","点击")`, "'+1+2", "'-2+3", "'@SUM(A1)", "'\t=1", "'=1", "张三"}
	for i, w := range want {
		if got := rows[i+1][1]; got != w {
			t.Errorf("row %d name = %q; want %q", i+1, got, w)
		}
	}
}
