// Package inspect checks a built site as the county's inspector of
// government websites does, against the items of the State Council General
// Office's 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号) that fail a
// site outright (单项否决) and that a static site can see for itself:
//
//   - a section with nothing in it (空白栏目: 有栏目无内容);
//   - the notices section (通知公告) with no new item for six months;
//   - an item without a publication date (未注明信息发布时间的视为不更新);
//   - a link to a page that does not exist (链接不可用);
//   - a title that says its kind twice (老码头码头), a typo a reader sees.
//
// It takes the emitted site's outline (emit.Site.Outline), the records and
// the rendered folder, and returns what it finds as a diag.List, each at
// the record that causes it (or the page, for what no record gives): the
// build prints them as warnings, or with --strict refuses to publish.
package inspect
