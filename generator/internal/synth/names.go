package synth

import (
	"fmt"
	"math/rand/v2"
)

// syllable is a character with its pinyin, for names and their ids.
type syllable struct{ han, pinyin string }

// Common surnames, most frequent first (the order a draw favours).
var surnames = []syllable{
	{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"},
	{"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"}, {"吴", "wu"}, {"周", "zhou"},
	{"徐", "xu"}, {"孙", "sun"}, {"马", "ma"}, {"朱", "zhu"}, {"胡", "hu"},
	{"郭", "guo"}, {"何", "he"}, {"高", "gao"}, {"林", "lin"}, {"罗", "luo"},
	{"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"}, {"宋", "song"}, {"唐", "tang"},
	{"许", "xu"}, {"韩", "han"}, {"冯", "feng"}, {"邓", "deng"}, {"曹", "cao"},
	{"彭", "peng"}, {"曾", "zeng"}, {"肖", "xiao"}, {"田", "tian"}, {"董", "dong"},
	{"袁", "yuan"}, {"潘", "pan"}, {"蒋", "jiang"}, {"蔡", "cai"}, {"杜", "du"},
	{"叶", "ye"}, {"程", "cheng"}, {"苏", "su"}, {"魏", "wei"}, {"丁", "ding"},
	{"任", "ren"}, {"沈", "shen"}, {"姚", "yao"}, {"廖", "liao"}, {"易", "yi"},
}

// Characters of given names.
var givens = []syllable{
	{"伟", "wei"}, {"芳", "fang"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"},
	{"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"},
	{"艳", "yan"}, {"杰", "jie"}, {"涛", "tao"}, {"明", "ming"}, {"超", "chao"},
	{"秀", "xiu"}, {"霞", "xia"}, {"平", "ping"}, {"刚", "gang"}, {"桂", "gui"},
	{"英", "ying"}, {"华", "hua"}, {"建", "jian"}, {"国", "guo"}, {"志", "zhi"},
	{"红", "hong"}, {"文", "wen"}, {"辉", "hui"}, {"玲", "ling"}, {"斌", "bin"},
	{"鹏", "peng"}, {"宇", "yu"}, {"浩", "hao"}, {"凯", "kai"}, {"晨", "chen"},
	{"欣", "xin"}, {"婷", "ting"}, {"雪", "xue"}, {"琳", "lin"}, {"海", "hai"},
	{"波", "bo"}, {"峰", "feng"}, {"春", "chun"}, {"燕", "yan"}, {"兰", "lan"},
	{"梅", "mei"}, {"云", "yun"}, {"德", "de"}, {"清", "qing"}, {"松", "song"},
}

// Characters of place names: a township or village is two of them.
var placeFirst = []syllable{
	{"白", "bai"}, {"青", "qing"}, {"龙", "long"}, {"石", "shi"}, {"新", "xin"},
	{"桃", "tao"}, {"金", "jin"}, {"黄", "huang"}, {"双", "shuang"}, {"马", "ma"},
	{"长", "chang"}, {"大", "da"}, {"杨", "yang"}, {"高", "gao"}, {"东", "dong"},
	{"西", "xi"}, {"南", "nan"}, {"北", "bei"}, {"花", "hua"}, {"云", "yun"},
}

var placeSecond = []syllable{
	{"河", "he"}, {"山", "shan"}, {"潭", "tan"}, {"桥", "qiao"}, {"田", "tian"},
	{"坪", "ping"}, {"溪", "xi"}, {"湾", "wan"}, {"岭", "ling"}, {"塘", "tang"},
	{"口", "kou"}, {"冲", "chong"}, {"洲", "zhou"}, {"源", "yuan"}, {"林", "lin"},
	{"峰", "feng"}, {"江", "jiang"}, {"坡", "po"}, {"湖", "hu"}, {"铺", "pu"},
}

// places returns n two-character place names with distinct ids, in an
// order fixed by the rng.
func places(rng *rand.Rand, n int, skip map[string]bool) []syllable {
	var all []syllable
	for _, a := range placeFirst {
		for _, b := range placeSecond {
			if a.han == b.han {
				continue
			}
			all = append(all, syllable{a.han + b.han, a.pinyin + b.pinyin})
		}
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	var out []syllable
	seen := map[string]bool{}
	for _, p := range all {
		if len(out) == n {
			break
		}
		if seen[p.pinyin] || skip[p.pinyin] {
			continue
		}
		seen[p.pinyin] = true
		out = append(out, p)
	}
	for len(out) < n { // more than the table holds: number them
		p := all[len(out)%len(all)]
		out = append(out, syllable{p.han, fmt.Sprintf("%s%d", p.pinyin, len(out))})
	}
	return out
}

// name draws a person's name: a surname, favouring the common ones, and a
// given name of one or two characters.
func name(rng *rand.Rand) (han, pinyin string) {
	s := surnames[min(rng.IntN(len(surnames)), rng.IntN(len(surnames)))]
	g1 := givens[rng.IntN(len(givens))]
	if rng.IntN(3) == 0 {
		return s.han + g1.han, s.pinyin + "-" + g1.pinyin
	}
	g2 := givens[rng.IntN(len(givens))]
	return s.han + g1.han + g2.han, s.pinyin + "-" + g1.pinyin + g2.pinyin
}

// idNumber makes a valid resident ID number (GB 11643-1999: region, birth
// date, sequence, ISO 7064 MOD 11-2 check character).
func idNumber(rng *rand.Rand, region string, birth day, male bool) string {
	seq := rng.IntN(500) * 2
	if male {
		seq++
	}
	s := fmt.Sprintf("%s%s%03d", region, birth.t.Format("20060102"), seq)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return s + string("10X98765432"[sum%11])
}

// mobile draws a mainland mobile number.
func mobile(rng *rand.Rand) string {
	prefixes := []string{"139", "138", "137", "136", "135", "150", "151", "158", "159", "181", "186", "187", "189", "199"}
	return fmt.Sprintf("%s%08d", prefixes[rng.IntN(len(prefixes))], rng.IntN(100000000))
}
