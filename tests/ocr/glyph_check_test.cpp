// The shape check that re-chooses a voted character among the passes' readings
// (ocr/fields/glyph_check.h), on name lines rendered as the specimens print them.
#include <catch2/catch.hpp>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/glyph_check.h"
#include "ocr/fields/text_field.h"
#include "ocr/validators/regions.h"

using namespace beian;

namespace {

const std::vector<std::string> kFonts = {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"};

struct Line {
  cv::Mat ink;   // dark text on light paper, 8-bit
  cv::Rect box;  // the line, with a little margin
};

// `text` printed at `px` in `font`, softened like a scan.
Line printed(const std::string& text, const std::string& font, int px) {
  cv::Mat canvas(3 * px, px * (4 + static_cast<int>(text.size()) / 2), CV_8UC3, cv::Scalar::all(245));
  auto ft = cv::freetype::createFreeType2();
  ft->loadFontData(font, 0);
  ft->putText(canvas, text, cv::Point(px, 2 * px), px, cv::Scalar::all(20), -1, cv::LINE_AA, true);
  Line l;
  cv::cvtColor(canvas, l.ink, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(l.ink, l.ink, cv::Size(0, 0), 0.7);
  std::vector<cv::Point> points;
  cv::findNonZero(l.ink < 128, points);
  l.box = cv::boundingRect(points);
  l.box = cv::Rect(l.box.x - 4, l.box.y - 4, l.box.width + 8, l.box.height + 8);
  return l;
}

// `first` with `second` printed under it: the page's ink and the second line's box on it
// (the first's box is its own).
std::pair<cv::Mat, cv::Rect> stacked(const Line& first, const Line& second) {
  cv::Mat ink(first.ink.rows + second.ink.rows, std::max(first.ink.cols, second.ink.cols), CV_8U, cv::Scalar(245));
  first.ink.copyTo(ink(cv::Rect(0, 0, first.ink.cols, first.ink.rows)));
  second.ink.copyTo(ink(cv::Rect(0, first.ink.rows, second.ink.cols, second.ink.rows)));
  return {ink, second.box + cv::Point(0, first.ink.rows)};
}

ocr::OcrSymbol symbol(const std::string& text, double confidence, cv::Rect box = {}) {
  ocr::OcrSymbol s;
  s.text = text;
  s.confidence = confidence;
  s.box = box;
  return s;
}

const std::string kOtherFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";  // not among kFonts

ocr::GlyphCheckSettings settings() {
  ocr::GlyphCheckSettings s;
  s.fonts = kFonts;
  s.min_gain = 0.05;
  s.shape_confidence = 0.8;
  return s;
}

// With the words of chi_sim's dictionary over GB 2312 (as the addresses use them).
ocr::GlyphCheckSettings with_lexicon() {
  ocr::GlyphCheckSettings s = settings();
  s.lexicon.charset = "GB2312";
  s.lexicon.characters = ocr::charset_characters("GB2312");
  return s;
}

std::string text_of(const std::vector<ocr::OcrSymbol>& symbols) {
  std::string t;
  for (const auto& c : symbols) t += c.text;
  return t;
}

// As the ID name and address use them (templates/ocr/id_card.json).
ocr::GlyphCheckSettings with_vocabulary() {
  ocr::GlyphCheckSettings s = settings();
  s.vocabulary.charset = "GB2312";
  s.vocabulary.characters = ocr::charset_characters("GB2312");
  s.vocabulary.min_match = 0.7;
  s.vocabulary.unsure_min_match = 0.65;
  s.vocabulary.min_gain = 0.1;
  s.vocabulary.min_margin = 0.05;
  return s;
}

std::vector<ocr::OcrSymbol> symbols_of(const std::vector<std::string>& texts, double confidence) {
  std::vector<ocr::OcrSymbol> out;
  for (const auto& t : texts) out.push_back(symbol(t, confidence));
  return out;
}

std::vector<std::vector<std::string>> each_alone(const std::vector<ocr::OcrSymbol>& symbols) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : symbols) out.push_back({s.text});
  return out;
}

// The character at `at` of `read` once checked on `line`, each reading its own candidate.
std::string checked_at(const Line& line, const std::vector<ocr::OcrSymbol>& read, size_t at,
                       const ocr::GlyphCheckSettings& s) {
  return ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), s).at(at).text;
}

// `printed_text` printed in a font the check does not compare, read as `read` by every pass
// at 0.95, once checked: sure readings, each its own candidate.
std::string checked_print(const ocr::GlyphCheckSettings& s, const std::string& printed_text,
                          const std::vector<std::string>& read) {
  const Line line = printed(printed_text, kOtherFont, 30);
  const auto symbols = symbols_of(read, 0.95);
  return text_of(ocr::check_glyphs(line.ink, {line.box}, symbols, each_alone(symbols), s));
}

}  // namespace

TEST_CASE("glyph check: the passes' character that has the printed shape wins over the vote", "[ocr][glyphs]") {
  // Printed in a font the check does not render with, so the match is by shape, not by pixels.
  const Line line = printed("潘文", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 34);
  const auto out = ocr::check_glyphs(line.ink, {line.box}, {symbol("肖", 0.6), symbol("文", 0.95)},
                                     {{"肖", "汤", "潘", "渗"}, {"文"}}, settings());
  REQUIRE(out.size() == 2);
  CHECK(out[0].text == "潘");
  CHECK(out[0].confidence == Approx(0.8));
  // One candidate only: nothing to choose between, nothing changed.
  CHECK(out[1].text == "文");
  CHECK(out[1].confidence == Approx(0.95));
}

TEST_CASE("glyph check: a right vote is kept, and held at the shape confidence when it was split", "[ocr][glyphs]") {
  const Line line = printed("何璐婷", kFonts[0], 30);
  const auto out = ocr::check_glyphs(line.ink, {line.box}, {symbol("何", 0.97), symbol("璐", 0.45), symbol("婷", 0.9)},
                                     {{"何"}, {"璐", "瑞"}, {"婷", "停"}}, settings());
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "何");
  CHECK(out[1].text == "璐");
  CHECK(out[1].confidence == Approx(0.8));
  CHECK(out[2].text == "婷");
  CHECK(out[2].confidence == Approx(0.9));  // already above the shape confidence
}

TEST_CASE("glyph check: character cells follow the printed characters; no ink, no change", "[ocr][glyphs]") {
  const Line line = printed("顾家睿", kFonts[1], 32);
  const auto cells = ocr::character_cells(line.ink, line.box, {"顾", "家", "睿"});
  REQUIRE(cells.size() == 3);
  for (size_t i = 0; i < cells.size(); ++i) {
    INFO(i);
    CHECK(cells[i].height > 20);
    CHECK(cells[i].width > 15);
    if (i > 0) CHECK(cells[i].x >= cells[i - 1].br().x);
  }
  const cv::Mat blank(100, 300, CV_8U, cv::Scalar(245));
  const auto same = ocr::check_glyphs(blank, {cv::Rect(10, 10, 200, 50)}, {symbol("肖", 0.6)}, {{"肖", "潘"}}, with_vocabulary());
  CHECK(same.front().text == "肖");
  CHECK(same.front().confidence == Approx(0.6));
}

TEST_CASE("glyph check: an ethnic group the recogniser cannot read is found by its shape in the closed list", "[ocr][glyphs]") {
  // chi_sim reads 傈僳, 彝 and 佤 of this print as nothing it knows; the 56 names are a closed list.
  for (const std::string group : {"傈僳", "彝", "佤", "汉"}) {
    INFO(group);
    const Line line = printed(group, "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 32);
    CHECK(ocr::closest_by_shape(line.ink, line.box, validators::ethnicities(), settings()) == group);
  }
  const cv::Mat blank(100, 300, CV_8U, cv::Scalar(245));
  CHECK(ocr::closest_by_shape(blank, cv::Rect(10, 10, 200, 50), validators::ethnicities(), settings()).empty());
}

TEST_CASE("glyph check: character cells of a line that mixes digits with Chinese characters", "[ocr][glyphs]") {
  // Digits are half as wide and the ink runs of 路 and 翠 do not match the characters one to one.
  const std::vector<std::string> texts = {"和", "平", "路", "3", "1", "9", "号", "翠", "苑"};
  const Line line = printed("和平路319号翠苑", kOtherFont, 30);
  const auto cells = ocr::character_cells(line.ink, line.box, texts);
  REQUIRE(cells.size() == texts.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    INFO(texts[i]);
    if (i > 0) CHECK(cells[i].x >= cells[i - 1].br().x);
    if (texts[i].size() > 1) CHECK(ocr::glyph_match(line.ink(cells[i]), texts[i], kFonts) > 0.7);
  }
}

TEST_CASE("glyph check: a radical that joins the previous character's ink run is cut back to its character", "[ocr][glyphs]") {
  // Three characters as ink blocks, the third left-right (a narrow radical, then its body):
  // the radical lies 2 px after the second character and 6 px before its own body, so the
  // line has three ink runs, but the middle one holds a character and a half (seed 85's
  // 肖琴洁, whose 洁 was cut down to 吉 and then "repaired" to it).
  cv::Mat ink(40, 130, CV_8U, cv::Scalar(245));
  for (const auto& [x0, x1] : std::vector<std::pair<int, int>>{{10, 40}, {46, 76}, {78, 90}, {96, 114}})
    ink(cv::Rect(x0, 5, x1 - x0, 30)).setTo(20);
  const auto cells = ocr::character_cells(ink, cv::Rect(0, 0, ink.cols, ink.rows), {"肖", "琴", "洁"});
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].x == 10);
  CHECK(cells[1].x == 46);
  CHECK(cells[1].br().x <= 78);  // the second character ends before the radical
  CHECK(cells[2].x == 78);       // the third starts with it
  CHECK(cells[2].br().x == 114);
}

TEST_CASE("glyph check: a punctuation mark blurred away leaves an empty cell, a character does not", "[ocr][glyphs]") {
  // 市、自 as ink blocks with a character's width of paper where the 、 was printed (on a
  // small photo it falls below the threshold): the characters keep their cells.
  cv::Mat ink(40, 140, CV_8U, cv::Scalar(245));
  for (const auto& [x0, x1] : std::vector<std::pair<int, int>>{{10, 40}, {90, 120}}) ink(cv::Rect(x0, 5, x1 - x0, 30)).setTo(20);
  const cv::Rect line(0, 0, ink.cols, ink.rows);
  const auto cells = ocr::character_cells(ink, line, {"市", "、", "自"});
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].x == 10);
  CHECK(cells[1].empty());
  CHECK(cells[2].x == 90);
  // Where a character should stand there is nothing to match: no cells at all.
  CHECK(ocr::character_cells(ink, line, {"市", "上", "自"}).empty());
}

TEST_CASE("glyph check: after a number, the characters an address prints there are compared too", "[ocr][glyphs]") {
  // 26层402室 read 26民402宣 by every pass (hard licences: 层 read 民/尼/良, 室 read 宣/富):
  // no pass offers 层 or 室, the field's after_number list does.
  ocr::GlyphCheckSettings s = settings();
  s.after_number = {"号", "层", "楼", "室"};
  const std::vector<std::string> read = {"大", "厦", "2", "6", "民", "4", "0", "2", "宣"};
  const auto voted = symbols_of(read, 0.7);
  const auto candidates = ocr::glyph_candidates({voted, voted}, voted, s);
  REQUIRE(candidates.size() == read.size());
  CHECK(candidates[4] == std::vector<std::string>{"民", "号", "层", "楼", "室"});
  CHECK(candidates[8] == std::vector<std::string>{"宣", "号", "层", "楼", "室"});
  CHECK(candidates[1] == std::vector<std::string>{"厦"});  // not after a digit
  const Line line = printed("大厦26层402室", kOtherFont, 30);
  std::string text;
  for (const auto& c : ocr::check_glyphs(line.ink, {line.box}, voted, candidates, s)) text += c.text;
  CHECK(text == "大厦26层402室");
  // A character between numbers or closing the field after one can only be one of the list:
  // 富 for 室, even where nothing offered 室 and the cell would not make it beat 富 by min_gain.
  const auto closing = symbols_of({"大", "厦", "1", "2", "0", "5", "富"}, 0.95);
  const Line room = printed("大厦1205室", kOtherFont, 30);
  std::vector<std::vector<std::string>> as_read;
  for (const auto& c : closing) as_read.push_back({c.text});
  const auto settled = ocr::check_glyphs(room.ink, {room.box}, closing, as_read, s);
  CHECK(settled.back().text == "室");
  CHECK(settled.back().confidence == Approx(s.shape_confidence));
  CHECK(settled.front().text == "大");  // not after a number: left alone
  // Without the list the passes' readings are all there is.
  text.clear();
  for (const auto& c : ocr::check_glyphs(line.ink, {line.box}, voted, ocr::glyph_candidates({voted}, voted, settings()), settings()))
    text += c.text;
  CHECK(text == "大厦26民402宣");
}

TEST_CASE("glyph check: before a number, the characters that end a road's or building's name are compared too",
          "[ocr][glyphs]") {
  // 创业路131号产业园28层 read 创业洛131号产业欧28层 (hard licences, seeds 89 and 84): no pass
  // offers 路 or 园; the field's before_number list does, between a Chinese character and a digit.
  ocr::GlyphCheckSettings s = settings();
  s.before_number = {"路", "街", "园", "港"};
  const std::vector<std::string> read = {"创", "业", "洛", "1", "3", "1", "号", "产", "业", "欧", "2", "8", "层"};
  const auto voted = symbols_of(read, 0.7);
  const auto candidates = ocr::glyph_candidates({voted, voted}, voted, s);
  REQUIRE(candidates.size() == read.size());
  CHECK(candidates[2] == std::vector<std::string>{"洛", "路", "街", "园", "港"});
  CHECK(candidates[9] == std::vector<std::string>{"欧", "路", "街", "园", "港"});
  CHECK(candidates[1] == std::vector<std::string>{"业"});  // no digit after it
  CHECK(candidates[6] == std::vector<std::string>{"号"});  // a digit before it: no name's end
  const Line line = printed("创业路131号产业园28层", kOtherFont, 30);
  std::string text;
  for (const auto& c : ocr::check_glyphs(line.ink, {line.box}, voted, candidates, s)) text += c.text;
  CHECK(text == "创业路131号产业园28层");
  // Not forced to one of them: a name may end otherwise (甲6号), and a reading that matches
  // its cell better than every listed ending stays.
  const auto own = symbols_of({"大", "街", "甲", "6", "号"}, 0.95);
  const Line jia = printed("大街甲6号", kOtherFont, 30);
  text.clear();
  for (const auto& c : ocr::check_glyphs(jia.ink, {jia.box}, own, ocr::glyph_candidates({own}, own, s), s)) text += c.text;
  CHECK(text == "大街甲6号");
}

TEST_CASE("glyph check: the GB 2312 character set, decoded by iconv", "[ocr][glyphs]") {
  const auto characters = ocr::charset_characters("GB2312");
  CHECK(characters.size() == 6763);
  for (const std::string c : {"翠", "碧", "侯", "闫", "鑫", "璐"}) {
    INFO(c);
    CHECK(std::find(characters.begin(), characters.end(), c) != characters.end());
  }
  CHECK_THROWS_WITH(ocr::charset_characters("NO-SUCH-SET"), Catch::Contains("NO-SUCH-SET"));
}

TEST_CASE("glyph check: a character every pass misread is found in the vocabulary by its shape", "[ocr][glyphs]") {
  // chi_sim's fast model reads 侯 as 修 at 0.93-0.97 by every pass; nothing else is offered.
  const Line line = printed("侯丽娜", kOtherFont, 34);
  auto read = symbols_of({"修", "丽", "娜"}, 0.96);
  auto out = ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), with_vocabulary());
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "侯");
  CHECK(out[0].confidence == Approx(0.8));  // decided by shape: never sure
  CHECK(out[1].text == "丽");
  CHECK(out[1].confidence == Approx(0.96));
  // Without a vocabulary only the passes' readings are candidates.
  out = ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), settings());
  CHECK(out[0].text == "修");
}

TEST_CASE("glyph check: on a two-line field each character is checked in its own line", "[ocr][glyphs]") {
  // An address wrapping after 翠: the passes read it 浴, 避 and 蔡, none of them right.
  const Line first = printed("路386号翠", kOtherFont, 30);
  const auto [ink, line2] = stacked(first, printed("苑2栋5单元", kOtherFont, 30));
  std::vector<ocr::OcrSymbol> read;
  for (const std::string c : {"路", "3", "8", "6", "号", "浴"}) read.push_back(symbol(c, 0.97, first.box));
  for (const std::string c : {"苑", "2", "栋", "5", "单", "元"}) read.push_back(symbol(c, 0.97, line2));
  auto candidates = each_alone(read);
  candidates[5] = {"浴", "避", "蔡"};
  const auto out = ocr::check_glyphs(ink, {first.box, line2}, read, candidates, with_vocabulary());
  REQUIRE(out.size() == read.size());
  CHECK(out[5].text == "翠");
  for (size_t i = 0; i < out.size(); ++i)
    if (i != 5) CHECK(out[i].text == read[i].text);
}

TEST_CASE("glyph check: right readings in doubt stay; cells that do not fit the reading change nothing", "[ocr][glyphs]") {
  // 余/佘, 天/犬 and 宇/手 differ by a stroke: the vocabulary's look-alikes must not win.
  const Line line = printed("余天宇", kOtherFont, 34);
  auto read = symbols_of({"余", "天", "宇"}, 0.6);
  auto out = ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), with_vocabulary());
  for (size_t i = 0; i < out.size(); ++i) CHECK(out[i].text == read[i].text);
  // A reading of some other line (or cells cut wrongly): the sure characters do not match
  // their cells, so the one in doubt is not "corrected" into whatever its cell resembles.
  const Line other = printed("邵鹏东", kOtherFont, 34);
  read = {symbol("王", 0.97), symbol("小", 0.5), symbol("明", 0.97)};
  out = ocr::check_glyphs(other.ink, {other.box}, read, each_alone(read), with_vocabulary());
  CHECK(out[1].text == "小");
}

TEST_CASE("glyph check: a glyph far wider or narrower than the printed character is no match", "[ocr][glyphs]") {
  // Scaled to a square, a solid cell and 一 look alike; the ink's proportions tell them apart.
  const Line shang = printed("商", kOtherFont, 34);
  std::vector<cv::Point> points;
  cv::findNonZero(shang.ink < 128, points);
  const cv::Mat cell = shang.ink(cv::boundingRect(points));
  CHECK(ocr::glyph_match(cell, "商", kFonts) > 0.7);
  CHECK(ocr::glyph_match(cell, "一", kFonts) < 0);
  CHECK(ocr::glyph_match(cell, "丨", kFonts) < 0);
  const Line one = printed("一", kOtherFont, 34);
  cv::findNonZero(one.ink < 128, points);
  CHECK(ocr::glyph_match(one.ink(cv::boundingRect(points)), "一", kFonts) > 0.7);
}

TEST_CASE("glyph check: a name's first character read as no surname becomes the surname its shape matches", "[ocr][glyphs]") {
  // chi_sim read 龚振德 of clean specimens as 克振德 (0.80 after the shape steps): 克 is no
  // family's name, and among ~400 surnames 龚 matches the printed shape clearly best.
  ocr::GlyphCheckSettings s = settings();
  s.surname = {true, 0.5, 0.0, 0.03, 0.1};
  for (const auto& font : {kOtherFont, kFonts[0]}) {
    INFO(font);
    const Line line = printed("龚振德", font, 32);
    const auto in = std::vector<ocr::OcrSymbol>{symbol("克", 0.8), symbol("振", 0.95), symbol("德", 0.95)};
    const auto out = ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s);
    REQUIRE(out.size() == 3);
    CHECK(out[0].text == "龚");
    CHECK(out[0].confidence == Approx(0.8));
    CHECK(out[1].text == "振");
    // Without the surname list nothing offers 龚: the reading stays.
    CHECK(ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), settings())[0].text == "克");
  }
}

TEST_CASE("glyph check: a sure reading that no family bears gives way only to a clearly better surname", "[ocr][glyphs]") {
  // 闫 read 间 by every pass at 0.96 (fresh seed 89: a licence's legal representative and a
  // permit's name).
  ocr::GlyphCheckSettings s = settings();
  s.surname = {true, 0.5, 0.0, 0.03, 0.1};
  const Line line = printed("闫强志", kOtherFont, 32);
  const auto in = std::vector<ocr::OcrSymbol>{symbol("间", 0.96), symbol("强", 0.96), symbol("志", 0.96)};
  const auto out = ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s);
  CHECK(out[0].text == "闫");
  CHECK(out[0].confidence == Approx(0.8));
  // The same reading where 间 is printed: nothing matches it better.
  const Line right = printed("间强志", kOtherFont, 32);
  CHECK(ocr::check_glyphs(right.ink, {right.box}, in, each_alone(in), s)[0].text == "间");
}

TEST_CASE("glyph check: surnames read in doubt, sure readings and compound surnames stay", "[ocr][glyphs]") {
  ocr::GlyphCheckSettings s = settings();
  s.surname = {true, 0.5, 0.0, 0.03, 0.1};
  const auto first_of = [&](const std::string& printed_text, std::vector<ocr::OcrSymbol> in) {
    const Line line = printed(printed_text, kOtherFont, 32);
    return ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s).front();
  };
  // A listed surname in doubt is not questioned, even where another surname is printed.
  CHECK(first_of("黎明", {symbol("朴", 0.8), symbol("明", 0.95)}).text == "朴");
  // A sure reading that matches its print stands, listed or not (Tibetan names have no surname).
  const auto sure = first_of("扎西", {symbol("扎", 0.97), symbol("西", 0.97)});
  CHECK(sure.text == "扎");
  CHECK(sure.confidence == Approx(0.97));
  // 上 is no single surname, but 上官 is one.
  CHECK(first_of("上官燕", {symbol("上", 0.8), symbol("官", 0.95), symbol("燕", 0.95)}).text == "上");
  // The same unlisted reading without its compound partner is questioned (and 上 printed
  // matches no surname well enough to be replaced).
  CHECK(first_of("上燕", {symbol("上", 0.8), symbol("燕", 0.95)}).text == "上");
}

TEST_CASE("glyph check: a given name's character no parent picks becomes the listed one its shape matches",
          "[ocr][glyphs]") {
  // Hard licences of seeds 84-93: 万洁怡 read 万洁怕, 苏雅琴 read 苏难琴 (templates/data/
  // given_name_characters.json holds 怡 and 雅, not 怕 or 难).
  ocr::GlyphCheckSettings s = settings();
  s.given_name = {true, 0.5, 0.0, 0.03, 0.1};
  const Line line = printed("苏雅琴", kOtherFont, 32);
  const auto in = std::vector<ocr::OcrSymbol>{symbol("苏", 0.95), symbol("难", 0.8), symbol("琴", 0.95)};
  const auto out = ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s);
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "苏");
  CHECK(out[1].text == "雅");
  CHECK(out[1].confidence == Approx(0.8));
  CHECK(out[2].text == "琴");
  // Off, nothing offers 雅; a listed character read in doubt is not questioned; a sure
  // unlisted reading matching its print stands (any character may be a given name).
  CHECK(ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), settings())[1].text == "难");
  const Line listed = printed("苏丽琴", kOtherFont, 32);
  const auto doubted = std::vector<ocr::OcrSymbol>{symbol("苏", 0.95), symbol("丽", 0.8), symbol("琴", 0.95)};
  CHECK(ocr::check_glyphs(line.ink, {line.box}, doubted, each_alone(doubted), s)[1].text == "丽");
  const Line rare = printed("苏难琴", kOtherFont, 32);
  const auto sure = std::vector<ocr::OcrSymbol>{symbol("苏", 0.97), symbol("难", 0.97), symbol("琴", 0.97)};
  CHECK(ocr::check_glyphs(rare.ink, {rare.box}, sure, each_alone(sure), s)[1].text == "难");
  // The surname is never a given name's character: 苏 is not in the list, and stays.
  CHECK(ocr::check_glyphs(listed.ink, {listed.box}, doubted, each_alone(doubted), s)[0].text == "苏");
}

TEST_CASE("glyph check: a character chi_sim confuses with a look-alike is weighed against it, however sure", "[ocr][glyphs]") {
  // 凤 read 风 and 岛 read 鸟 by every pass at 0.94-0.99 (templates/data/confusables.json).
  ocr::GlyphCheckSettings s = settings();
  s.confusables = true;
  const auto checked = [&](const std::string& printed_text, const std::vector<std::string>& read,
                           const ocr::GlyphCheckSettings& with) {
    const Line line = printed(printed_text, kOtherFont, 32);
    const auto in = symbols_of(read, 0.97);
    return ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), with);
  };
  const auto feng = checked("林晓凤", {"林", "晓", "风"}, s);
  CHECK(feng[2].text == "凤");
  CHECK(feng[2].confidence == Approx(0.8));
  CHECK(checked("青岛港", {"青", "鸟", "港"}, s)[1].text == "岛");
  // Right readings stay (the look-alike matches worse), as does everything without the list.
  const auto wind = checked("风华", {"风", "华"}, s);
  CHECK(wind[0].text == "风");
  CHECK(checked("飞鸟", {"飞", "鸟"}, s)[1].text == "鸟");
  CHECK(checked("林晓凤", {"林", "晓", "风"}, settings())[2].text == "风");
  CHECK(ocr::confusable_partner("凤") == "风");
  CHECK(ocr::confusable_partner("风") == "凤");
  CHECK(ocr::confusable_partner("林").empty());
}

TEST_CASE("glyph check: an unsure reading gives way to the vocabulary at a lower match than a sure one", "[ocr][glyphs]") {
  // 翠 read 翟 at 0.8 matched its cell at 0.25, 翠 at 0.685-0.699 (seed 90 clean fronts), just
  // below min_match; a sure reading in a poorly cut cell (幸 at 0.99) is beaten that closely by
  // a wrong look-alike (宰), so only a reading already in doubt gets the lower bar. Here the
  // bars are set around how well 翠 printed in another font matches (0.7-0.95).
  ocr::GlyphCheckSettings s = with_vocabulary();
  s.vocabulary.min_match = 0.99;
  s.vocabulary.unsure_min_match = 0.6;
  const Line line = printed("翠苑路", kOtherFont, 32);
  const auto first_of = [&](double confidence) {
    const auto in = std::vector<ocr::OcrSymbol>{symbol("翟", confidence), symbol("苑", 0.97), symbol("路", 0.97)};
    return ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s).front();
  };
  const auto unsure = first_of(0.8);
  CHECK(unsure.text == "翠");
  CHECK(unsure.confidence == Approx(0.8));
  // Sure and undisputed: in doubt only because its cell matches it poorly, so it needs min_match.
  CHECK(first_of(0.97).text == "翟");
  s.vocabulary.unsure_min_match = s.vocabulary.min_match;
  CHECK(first_of(0.8).text == "翟");
}

TEST_CASE("glyph check: a name's first character read as a surname is replaced by the vocabulary only with a surname",
          "[ocr][glyphs]") {
  // 周 read in a poorly cut cell matched 同 (0.73) better than itself (0.59): the vocabulary
  // made 周彤玲 同彤玲 (fresh seed 90, clean), and no family is named 同.
  ocr::GlyphCheckSettings s = with_vocabulary();
  s.surname = {true, 0.5, 0.0, 0.03, 0.1};
  const Line line = printed("同彤玲", kOtherFont, 32);
  const auto in = std::vector<ocr::OcrSymbol>{symbol("周", 0.8), symbol("彤", 0.95), symbol("玲", 0.95)};
  CHECK(ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s).front().text == "周");
  // Not a name (no surname rule): the printed shape wins.
  CHECK(ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), with_vocabulary()).front().text == "同");
  // A surname the vocabulary finds still replaces one: 闵 printed, 周 read.
  const Line min = printed("闵彤玲", kOtherFont, 32);
  CHECK(ocr::check_glyphs(min.ink, {min.box}, in, each_alone(in), s).front().text == "闵");
}

TEST_CASE("glyph check: a printed code shows the QR code's characters where the reading differs, not a rival's",
          "[ocr][glyphs]") {
  // Seed 94: ...MAQXW6L84W read MAQXWEL84W (then repaired by the check character into the
  // wrong MAQKWEL84W); the QR code carried the printed code.
  const std::string code = "91410105MAQXW6L84W";
  const Line line = printed(code, kFonts[0], 40);
  std::vector<std::string> chars;
  for (char c : code) chars.emplace_back(1, c);
  const auto cells = ocr::character_cells(line.ink, line.box, chars);
  REQUIRE(cells.size() == code.size());
  auto read_as = [&](const std::string& text) {
    std::vector<ocr::OcrSymbol> symbols;
    for (size_t k = 0; k < text.size(); ++k) symbols.push_back(symbol(std::string(1, text[k]), 0.9, cells[k]));
    return symbols;
  };
  ocr::PrintCheckSettings s;  // the licence's values (templates/ocr/business_licence.json)
  s.fonts = kFonts;
  s.max_differences = 2;
  s.min_context = 0.6;
  s.min_match = 0.75;
  s.min_gain = 0.15;
  CHECK(ocr::print_shows(line.ink, read_as("91410105MAQXWEL84W"), code, s));
  CHECK(ocr::print_shows(line.ink, read_as("91410105MAQKWEL84W"), code, s));
  // The print does not show a code that differs where the reading was right.
  CHECK_FALSE(ocr::print_shows(line.ink, read_as(code), "91410105MAQXWEL84W", s));
  CHECK_FALSE(ocr::print_shows(line.ink, read_as(code), "91410105MAQKW6L84W", s));
  CHECK_FALSE(ocr::print_shows(line.ink, read_as(code), code, s));  // nothing differs
  // Three differences: another code, not a misreading.
  CHECK_FALSE(ocr::print_shows(line.ink, read_as("91410105MAQKWEL83W"), code, s));
  // Boxes that do not fit the characters decide nothing.
  auto shifted = read_as("91410105MAQXWEL84W");
  for (auto& symbol : shifted) symbol.box.x += symbol.box.width / 2;
  CHECK_FALSE(ocr::print_shows(line.ink, shifted, code, s));
}

TEST_CASE("glyph check: a sure reading gives way to a vocabulary character that matches far better, where asked",
          "[ocr][glyphs]") {
  // Unit names of seeds 93 and 97 (photo): 睿 read 春 at 0.90-0.99; 春 matched its cell 0.72,
  // 睿 0.90, so neither the confidence nor the match put the reading in doubt.
  const Line line = printed("天津睿思教育", kFonts[0], 30);
  cv::GaussianBlur(line.ink, line.ink, cv::Size(0, 0), 1.2);
  auto read = symbols_of({"天", "津", "春", "思", "教", "育"}, 0.98);
  auto asked = with_vocabulary();
  asked.vocabulary.sure_min_match = 0.85;
  asked.vocabulary.sure_min_gain = 0.15;
  auto out = ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), asked);
  REQUIRE(out.size() == 6);
  CHECK(out[2].text == "睿");
  CHECK(out[2].confidence == Approx(0.8));
  for (size_t i : {0, 1, 3, 4, 5}) CHECK(out[i].text == read[i].text);  // right and sure: kept
  // Not asked: the sure reading stands.
  out = ocr::check_glyphs(line.ink, {line.box}, read, each_alone(read), with_vocabulary());
  CHECK(out[2].text == "春");
}

TEST_CASE("word check: a character forming no word is weighed against close shapes that would", "[ocr][glyphs]") {
  // 文化大厦 read 文化太厦 and 东风路 read 东只路 on hard licences (seeds 86, 91): 太厦 and 东只
  // are no words, 大厦 and 东风 are, and 大, 风 match their cells better.
  const ocr::TesseractEngine engine("");
  const ocr::IsWord is_word = [&](const std::string& w) { return engine.is_word(w); };
  CHECK(engine.is_word("大厦"));
  CHECK(engine.is_word("东风"));
  CHECK_FALSE(engine.is_word("太厦"));
  CHECK_FALSE(engine.is_word("东只"));
  CHECK_FALSE(engine.is_word("大"));  // a character alone is no word
  ocr::GlyphCheckSettings s = with_lexicon();
  const Line line = printed("东风路文化大厦", kOtherFont, 30);
  const auto read = symbols_of({"东", "只", "路", "文", "化", "太", "厦"}, 0.95);
  const auto checked = ocr::check_words(line.ink, {line.box}, read, s, is_word);
  CHECK(text_of(checked) == "东风路文化大厦");
  CHECK(checked[1].confidence == Approx(s.shape_confidence));
  CHECK(checked[0].confidence == Approx(0.95));
  // Off without a lexicon or a dictionary.
  CHECK(text_of(ocr::check_words(line.ink, {line.box}, read, settings(), is_word)) == "东只路文化太厦");
  CHECK(text_of(ocr::check_words(line.ink, {line.box}, read, s, {})) == "东只路文化太厦");
  // A misreading that is itself a word stays: 黄河路 read 黄酒路 (seed 90) - 黄酒 is one.
  const Line river = printed("黄河路", kOtherFont, 30);
  CHECK(text_of(ocr::check_words(river.ink, {river.box}, symbols_of({"黄", "酒", "路"}, 0.95), s, is_word)) == "黄酒路");
}

TEST_CASE("word check: two neighbours forming no word are weighed as a pair", "[ocr][glyphs]") {
  // 金融中心 read 企禹中心 (hard licence, seed 88 S0075): 企 and 禹 form no word with anything
  // around them, and neither 金禹 nor 企融 is one, so one character at a time finds nothing.
  const ocr::TesseractEngine engine("");
  const ocr::IsWord is_word = [&](const std::string& w) { return engine.is_word(w); };
  REQUIRE(engine.is_word("金融"));
  REQUIRE_FALSE(engine.is_word("金禹"));
  REQUIRE_FALSE(engine.is_word("企融"));
  ocr::GlyphCheckSettings s = with_lexicon();
  const Line line = printed("号金融中心", kOtherFont, 30);
  const auto read = symbols_of({"号", "企", "禹", "中", "心"}, 0.9);
  CHECK(text_of(ocr::check_words(line.ink, {line.box}, read, s, is_word)) == "号企禹中心");  // pairs off
  s.lexicon.pair_shortlist = 30;
  const auto checked = ocr::check_words(line.ink, {line.box}, read, s, is_word);
  CHECK(text_of(checked) == "号金融中心");
  CHECK(checked[1].confidence == Approx(s.shape_confidence));
  CHECK(checked[2].confidence == Approx(s.shape_confidence));
  // pair_keeps_sure: a pair changes no character read at 0.9 or more.
  s.lexicon.pair_keeps_sure = true;
  CHECK(text_of(ocr::check_words(line.ink, {line.box}, read, s, is_word)) == "号企禹中心");
  CHECK(text_of(ocr::check_words(line.ink, {line.box}, symbols_of({"号", "企", "禹", "中", "心"}, 0.6), s, is_word)) ==
        "号金融中心");
  s.lexicon.pair_keeps_sure = false;
  // A pair read right that forms no word is left as it is (杏花 of 杏花岭区 is no word).
  REQUIRE_FALSE(engine.is_word("杏花"));
  const Line district = printed("杏花岭区", kOtherFont, 30);
  CHECK(text_of(ocr::check_words(district.ink, {district.box}, symbols_of({"杏", "花", "岭", "区"}, 0.9), s, is_word)) ==
        "杏花岭区");
}

TEST_CASE("word check: a word runs on from one line to the next", "[ocr][glyphs]") {
  // 中山路188号商|务楼 wrapped after 商: read 痪 at the line's end (seed 92), 商务 only a word
  // with the next line's first character.
  const ocr::TesseractEngine engine("");
  ocr::GlyphCheckSettings s = with_lexicon();
  const Line top = printed("路188号商", kOtherFont, 30);
  const auto [ink, second] = stacked(top, printed("务楼29层", kOtherFont, 30));
  std::vector<ocr::OcrSymbol> read;
  for (const auto& t : {"路", "1", "8", "8", "号", "痪"}) read.push_back(symbol(t, 0.95, top.box));
  for (const auto& t : {"务", "楼", "2", "9", "层"}) read.push_back(symbol(t, 0.95, second));
  const auto checked = ocr::check_words(ink, {top.box, second}, read, s,
                                        [&](const std::string& w) { return engine.is_word(w); });
  REQUIRE(checked.size() == read.size());
  CHECK(checked[5].text == "商");
  CHECK(checked[6].text == "务");
}

TEST_CASE("number words: a number runs on from one line to the next", "[ocr][glyphs]") {
  // 商务楼18|层109室 wrapped after 18: its 层 read 只 at the next line's start (seed 143
  // S0021), where a line checked alone has no digit before it.
  ocr::GlyphCheckSettings s = settings();
  s.after_number = {"号", "层", "楼", "室"};
  const Line top = printed("商务楼18", kOtherFont, 30);
  const auto [ink, second] = stacked(top, printed("层109室", kOtherFont, 30));
  std::vector<ocr::OcrSymbol> read;
  for (const auto& t : {"商", "务", "楼", "1", "8"}) read.push_back(symbol(t, 0.95, top.box));
  for (const auto& t : {"只", "1", "0", "9", "室"}) read.push_back(symbol(t, 0.95, second));
  const auto alone = ocr::check_glyphs(ink, {second}, {read.begin() + 5, read.end()}, each_alone({read.begin() + 5, read.end()}), s);
  CHECK(text_of(alone) == "只109室");
  const auto whole = ocr::check_number_words(ink, {top.box, second}, read, s);
  REQUIRE(whole.size() == read.size());
  CHECK(text_of(whole) == "商务楼18层109室");
  CHECK(whole[5].confidence == Approx(s.shape_confidence));
  // Without the list nothing changes.
  CHECK(text_of(ocr::check_number_words(ink, {top.box, second}, read, settings())) == "商务楼18只109室");
}

TEST_CASE("number words: a misread 号 before a building's name becomes 号; a real name stays", "[ocr][glyphs]") {
  // 建设路92号商务楼 read 92杞商务楼 (seed 93 S0054, hard): its neighbours' cells had drifted,
  // so the passes' candidates were not weighed there at all.
  ocr::GlyphCheckSettings s = settings();
  s.after_number = {"号", "层", "楼", "室"};
  CHECK(checked_print(s, "路92号商务楼", {"路", "9", "2", "杞", "商", "务", "楼"}) == "路92杞商务楼");  // off by default
  s.after_number_misread.min_match = 0.5;
  s.after_number_misread.min_gain = 0.3;
  CHECK(checked_print(s, "路92号商务楼", {"路", "9", "2", "杞", "商", "务", "楼"}) == "路92号商务楼");
  // A character that is no number word but is printed there stays: 国道 after a road number.
  CHECK(checked_print(s, "路旁102国道", {"路", "旁", "1", "0", "2", "国", "道"}) == "路旁102国道");
}

TEST_CASE("name endings: a misread ending before a number becomes a listed one; a real one printed stays",
          "[ocr][glyphs]") {
  // 朝阳路167号 read 朝阳法167号 (seed 143 S0063, hard): the cells around it had drifted, so
  // before_number's candidates were never weighed; the ending is judged on its own cell.
  ocr::GlyphCheckSettings s = settings();
  s.before_number = {"路", "街", "道", "园", "港", "号", "甲"};
  CHECK(checked_print(s, "朝阳路167号", {"朝", "阳", "法", "1", "6", "7", "号"}) == "朝阳法167号");  // off by default
  s.before_number_misread.enabled = true;
  s.before_number_misread.min_match = 0.3;
  s.before_number_misread.min_gain = 0.05;
  CHECK(checked_print(s, "朝阳路167号", {"朝", "阳", "法", "1", "6", "7", "号"}) == "朝阳路167号");
  CHECK(checked_print(s, "数码港14层", {"数", "码", "沿", "1", "4", "层"}) == "数码港14层");
  // A real name ending otherwise, printed clearly, matches its own shape best: 后海北沿6号.
  CHECK(checked_print(s, "后海北沿6号", {"后", "海", "北", "沿", "6", "号"}) == "后海北沿6号");
  // Listed endings are never questioned here, nor a character with no Chinese one before it.
  CHECK(checked_print(s, "大街甲6号", {"大", "街", "甲", "6", "号"}) == "大街甲6号");
  CHECK(checked_print(s, "路9号", {"路", "9", "号"}) == "路9号");
}

TEST_CASE("glyph check: the common surnames weigh more where a blurred cell matches rare ones alike", "[ocr][glyphs]") {
  // 董文涛 read 羊文涛 on a hard licence (seed 147 S0009): small and blurred, its surname's
  // cell matched rare surnames (辜, 羊) about as well as 董; most people bear one of the
  // hundred commonest (templates/data/surnames.json lists them first).
  Line line = printed("董文涛", kOtherFont, 12);
  cv::GaussianBlur(line.ink, line.ink, cv::Size(0, 0), 1.0);
  const std::vector<ocr::OcrSymbol> in{symbol("属", 0.6), symbol("文", 0.95), symbol("涛", 0.95)};
  ocr::GlyphCheckSettings s = settings();
  s.surname = {true, 0.4, 0.0, 0.03, 0.1};
  CHECK(checked_at(line, in, 0, s) != "董");
  s.surname.common_count = 100;
  s.surname.common_bonus = 0.05;
  CHECK(checked_at(line, in, 0, s) == "董");
  // Printed clean, a rare surname is still its own best match.
  CHECK(checked_at(printed("辜文涛", kOtherFont, 32), in, 0, s) == "辜");
}

TEST_CASE("glyph check: a listed given-name character gives way only to one matching its cell far better", "[ocr][glyphs]") {
  // 吴清璐 read 吴清强 on a hard licence (seed 91 S0087): 强 is common in given names, so it
  // was never questioned, though it matched its cell 0.16 and 璐 0.64.
  ocr::GlyphCheckSettings s = settings();
  s.given_name = {true, 0.5, 0.0, 0.0, 0.1};
  const Line line = printed("苏雅琴", kOtherFont, 32);
  const auto in = std::vector<ocr::OcrSymbol>{symbol("苏", 0.95), symbol("丽", 0.8), symbol("琴", 0.95)};
  CHECK(checked_at(line, in, 1, s) == "丽");  // off by default
  s.given_name.listed_min_gain = 0.4;
  const auto out = ocr::check_glyphs(line.ink, {line.box}, in, each_alone(in), s);
  CHECK(out[1].text == "雅");
  CHECK(out[1].confidence == Approx(s.shape_confidence));
  // Printed as read, the listed reading stands.
  CHECK(checked_at(printed("苏丽琴", kOtherFont, 32), in, 1, s) == "丽");
}
