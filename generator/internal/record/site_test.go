package record

import "testing"

// TestFilingNumbersAreCheckedForTheirFormat decodes each filing number as
// the clerk might write it in township.yaml.
func TestFilingNumbersAreCheckedForTheirFormat(t *testing.T) {
	for _, tc := range []struct {
		name  string
		field string // icp, police or code
		value string // as written in the file
		ok    bool
	}{
		{"icp of a first site", "icp", "湘ICP备2026000123号", true},
		{"icp of a later site", "icp", "湘ICP备2026000123号-1", true},
		{"icp of an older filing", "icp", "京ICP备05004418号", true},
		{"icp without the province", "icp", "ICP备2026000123号", false},
		{"icp in lower case", "icp", "湘icp备2026000123号", false},
		{"icp without 号", "icp", "湘ICP备2026000123", false},
		{"icp of a licence, not a filing", "icp", "京ICP证030173号", false},
		{"police number", "police", "湘公网安备43122302000123号", true},
		{"police number short a digit", "police", "湘公网安备4312230200012号", false},
		{"police number without 号", "police", "湘公网安备43122302000123", false},
		{"police number of no province", "police", "港公网安备43122302000123号", false},
		{"local site code", "code", `"4312230011"`, true},
		{"department site code", "code", `"bm55000001"`, true},
		{"site code of 9 digits", "code", `"431223001"`, false},
		{"site code in upper case", "code", `"BM55000001"`, false},
		{"site code unquoted", "code", "4312230011", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := "name: 朝天镇\norgan: 朝天镇人民政府\naddress: 青江县朝天镇正街1号\n" +
				"objection: {office: 党政综合办公室, address: 二楼, phone: 0736-6621234}\n" +
				"site:\n  " + tc.field + ": " + tc.value + "\n"
			_, errs := Decode([]File{{Path: "records/township.yaml", Data: []byte(file)}})
			if got := len(errs) == 0; got != tc.ok {
				t.Errorf("decoding %s: %s: accepted %v; want %v (%v)", tc.field, tc.value, got, tc.ok, errs.Err())
			}
		})
	}
}

func TestSponsorIsTheOrganUnlessWritten(t *testing.T) {
	if got := (SiteIdentity{}).SponsorOr("朝天镇人民政府"); got != "朝天镇人民政府" {
		t.Errorf("SponsorOr with none written = %q; want the organ", got)
	}
	if got := (SiteIdentity{Sponsor: "青江县人民政府办公室"}).SponsorOr("朝天镇人民政府"); got != "青江县人民政府办公室" {
		t.Errorf("SponsorOr = %q; want the sponsor written", got)
	}
	if got := PoliceNumber("湘公网安备43122302000123号").Digits(); got != "43122302000123" {
		t.Errorf("Digits() = %q; want 43122302000123", got)
	}
}
