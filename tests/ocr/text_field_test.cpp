// read_text_field on a printed line: the text and its confidence, and the weakest-character
// cap (a field is only sure when every character is).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/field_image.h"
#include "ocr/fields/text_field.h"
#include "ocr/id_card/id_card_settings.h"
#include "ocr/layout/document_layout.h"

using namespace beian;

namespace {

// One line of dark text on card-coloured paper, as a rectified view would hold it.
cv::Mat printed_line(const std::string& text) {
  cv::Mat view(120, 760, CV_8UC3, cv::Scalar(228, 238, 242));
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
  font->putText(view, text, {20, 80}, 34, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  return view;
}

ocr::TextFieldSettings settings(const nlohmann::json& extra) {
  nlohmann::json j = {{"language", "chi_sim"}, {"text_height", 32}, {"margin", {14, 12}}};
  if (extra.is_object()) j.update(extra);
  return ocr::parse_text_field_settings(j, "test");
}

}  // namespace

TEST_CASE("text field: a printed line is read, and one unsure character caps the field", "[ocr][text_field]") {
  ocr::TesseractEngine engine("");
  const cv::Mat ink = ocr::ink_image(printed_line("北京市东城区中山路16号"));
  const cv::Rect box(10, 20, 740, 80);

  const auto plain = ocr::read_text_field(engine, ink, box, settings(nlohmann::json::object()), 8);
  INFO("read " << plain.text << " " << plain.confidence);
  CHECK(plain.text == "北京市东城区中山路16号");
  REQUIRE(plain.confidence > 0.85);

  // No character is below 0: the cap never applies.
  const auto none = ocr::read_text_field(engine, ink, box, settings({{"weakest_character", {0.0, 0.85}}}), 8);
  CHECK(none.confidence == Approx(plain.confidence));
  // Every character is below 1.01: the field is capped.
  const auto all = ocr::read_text_field(engine, ink, box, settings({{"weakest_character", {1.01, 0.85}}}), 8);
  CHECK(all.text == plain.text);
  CHECK(all.confidence == Approx(0.85));

  CHECK_THROWS_WITH(settings({{"weakest_character", {0.9}}}), Catch::Contains("[below, cap]"));
}

TEST_CASE("text field: a lone character is read as copies that vote", "[ocr][text_field]") {
  ocr::TesseractEngine engine("");
  // The field box holds the character only; the rest of the line stands for the card's
  // other print (ink_image's contrast stretch is set by the view's darkest 0.5 %).
  const cv::Rect box(10, 20, 120, 80);
  for (const std::string c : {"男", "女", "黎", "瑶"}) {
    const cv::Mat ink = ocr::ink_image(printed_line(c + "　　　　　公民身份号码"));
    const auto read = ocr::read_text_field(engine, ink, box, settings({{"copies", 3}}), 8);
    INFO(c << " read as " << read.text << " " << read.confidence << " " << read.missing_reason);
    CHECK(read.text == c);
    // Above the fields' floor; a copy read otherwise (瑶 瑶 一) costs a third.
    CHECK(read.confidence > 0.6);
    // The voted character's box is where it is printed (x 20..54), not in a copy.
    REQUIRE(read.symbols.size() == 1);
    CHECK(read.symbols[0].box.x >= 14);
    CHECK(read.symbols[0].box.x + read.symbols[0].box.width <= 62);
  }
  CHECK_THROWS_WITH(settings({{"copies", 0}}), Catch::Contains("1 to 5"));
}

TEST_CASE("text field: a first pass sure of every character is taken alone", "[ocr][text_field]") {
  ocr::TesseractEngine engine("");
  const cv::Mat ink = ocr::ink_image(printed_line("北京市东城区中山路16号"));
  const cv::Rect box(10, 20, 740, 80);
  const auto plain = ocr::read_text_field(engine, ink, box, settings(nlohmann::json::object()), 8);
  REQUIRE(plain.text == "北京市东城区中山路16号");
  // The second pass reads a blurred crop: wherever it runs, the vote moves the confidence.
  const nlohmann::json passes = {{{"layout", "line"}, {"text_height", 32}}, {{"layout", "line"}, {"text_height", 32}, {"blur", 2.5}}};
  const auto voted = ocr::read_text_field(engine, ink, box, settings({{"passes", passes}}), 8);
  REQUIRE(voted.confidence != Approx(plain.confidence));
  // A threshold the first read meets: it stands alone, exactly as read.
  const auto sure = ocr::read_text_field(engine, ink, box, settings({{"passes", passes}, {"sure_first_pass", 0.5}}), 8);
  CHECK(sure.text == plain.text);
  CHECK(sure.confidence == Approx(plain.confidence));
  // One it cannot meet: the passes vote as before.
  const auto unsure = ocr::read_text_field(engine, ink, box, settings({{"passes", passes}, {"sure_first_pass", 1.01}}), 8);
  CHECK(unsure.text == voted.text);
  CHECK(unsure.confidence == Approx(voted.confidence));
}

TEST_CASE("text field: a pass's blur softens the crop it reads", "[ocr][text_field]") {
  ocr::TesseractEngine engine("");
  const cv::Mat ink = ocr::ink_image(printed_line("北京市东城区中山路16号"));
  const cv::Rect box(10, 20, 740, 80);
  // A slight blur keeps the line readable; one wider than the strokes leaves no text.
  const auto soft = ocr::read_text_field(engine, ink, box, settings({{"text_height", 20}, {"blur", 0.8}}), 8);
  INFO("soft: " << soft.text);
  CHECK(soft.text == "北京市东城区中山路16号");
  const auto smeared = ocr::read_text_field(engine, ink, box, settings({{"text_height", 20}, {"blur", 6.0}}), 8);
  INFO("smeared: " << smeared.text);
  CHECK(smeared.text != soft.text);
  // Passes carry their own blur.
  const auto passes = settings({{"passes", {{{"layout", "line"}, {"text_height", 20}, {"blur", 0.8}},
                                             {{"layout", "line"}, {"text_height", 34}}}}});
  REQUIRE(passes.passes.size() == 2);
  CHECK(passes.passes[0].blur == 0.8);
  CHECK(passes.passes[1].blur == 0.0);
  const nlohmann::json unknown = {{"passes", {{{"layout", "line"}, {"text_height", 20}, {"sharpen", 1}},
                                              {{"layout", "line"}, {"text_height", 34}}}}};
  CHECK_THROWS_WITH(settings(unknown), Catch::Contains("sharpen"));
}

TEST_CASE("text field: follow_ink reads a value that starts before its layout box, not the label", "[ocr][text_field]") {
  // A label, a label-sized space, then the value; the layout box starts inside the value's 2
  // (a card rectified a few pixels off).
  cv::Mat view(120, 760, CV_8UC3, cv::Scalar(228, 238, 242));
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
  font->putText(view, "有效期限", {20, 80}, 30, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  font->putText(view, "2018.06.26-2038.06.26", {190, 80}, 30, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  const cv::Mat ink = ocr::ink_image(view);
  ocr::TesseractEngine engine("");
  const cv::Rect box(218, 30, 520, 60);  // margin 14: the search starts at x = 204, inside the 2
  const nlohmann::json period = {{"whitelist", "0123456789.-"}};
  const auto cut = ocr::read_text_field(engine, ink, box, settings(period), 8);
  INFO("cut: " << cut.text);
  CHECK(cut.text != "2018.06.26-2038.06.26");
  nlohmann::json followed_settings = period;
  followed_settings["follow_ink"] = true;
  const auto followed = ocr::read_text_field(engine, ink, box, settings(followed_settings), 8);
  INFO("followed: " << followed.text);
  CHECK(followed.text == "2018.06.26-2038.06.26");
  REQUIRE(followed.lines.size() == 1);
  CHECK(followed.lines.front().x < 196);  // the 2 starts at ~192
  CHECK(followed.lines.front().x > 150);  // the label, ending ~50 px to the left, stays out
}

TEST_CASE("text field: an ID card address line cut by its search area keeps its last character, not the portrait",
          "[ocr][text_field]") {
  // A full first address line ends next to the portrait; on a card rectified 7 px to the right
  // the search area (layout box + margin) cut its last character in half (名 read 和, seed 90).
  const auto& layout = ocr::document_layout(DocumentType::kIdFront);
  const auto& settings = ocr::id_card_settings().fields.at("address");
  const cv::Rect box = layout.field("address")->box;
  const cv::Rect portrait = *layout.area("portrait");
  const int search_right = box.br().x + settings.margin_x;
  cv::Mat view(layout.canonical, CV_8UC3, cv::Scalar(228, 238, 242));
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
  const std::string first = "上海市虹口区朝阳路114号名";
  int baseline = 0;
  const cv::Size size = font->getTextSize(first, 30, -1, &baseline);
  const int start = search_right + 12 - size.width;  // 名 reaches 12 px past the search area
  const int shift = start - box.x;
  font->putText(view, first, {start, box.y + 36}, 30, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  font->putText(view, "都花园22栋6单元101室", {start, box.y + 82}, 30, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  cv::rectangle(view, portrait + cv::Point(shift, 0), cv::Scalar(60, 80, 120), cv::FILLED);  // the photo, shifted too
  const cv::Mat ink = ocr::ink_image(view);
  ocr::TesseractEngine engine("");
  REQUIRE(settings.follow_ink);
  const auto read = ocr::read_text_field(engine, ink, box, settings, 10);
  INFO("read " << read.text);
  REQUIRE(!read.lines.empty());
  CHECK(read.lines.front().br().x >= start + size.width - 2);  // the whole of 名
  CHECK(read.lines.front().br().x < portrait.x + shift);       // nothing of the portrait
  CHECK(read.text.find("号名都花园") != std::string::npos);
  auto cut_settings = settings;
  cut_settings.follow_ink = false;
  CHECK(ocr::read_text_field(engine, ink, box, cut_settings, 10).lines.front().br().x <= search_right);
}

TEST_CASE("text field: max_gap ends a short value at a wide gap; the background beyond is not read", "[ocr][text_field]") {
  // A shaded card's background waves, dark enough to be ink, beside the ethnicity 汉 (seed 91
  // photo: read 汉二, no ethnic group).
  cv::Mat view(120, 760, CV_8UC3, cv::Scalar(228, 238, 242));
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
  font->putText(view, "汉", {30, 80}, 34, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  for (int k = 0; k < 4; ++k)
    cv::line(view, {200, 50 + 8 * k}, {330, 44 + 8 * k}, cv::Scalar(110, 115, 120), 2, cv::LINE_AA);
  const cv::Mat ink = ocr::ink_image(view);
  ocr::TesseractEngine engine("");
  const cv::Rect box(20, 30, 330, 60);
  const auto whole = ocr::read_text_field(engine, ink, box, settings(nlohmann::json::object()), 8);
  REQUIRE(whole.lines.size() == 1);
  CHECK(whole.lines.front().br().x > 300);  // the waves are part of the line
  const auto ended = ocr::read_text_field(engine, ink, box, settings({{"max_gap", 1.0}}), 8);
  INFO("read " << ended.text);
  REQUIRE(ended.lines.size() == 1);
  CHECK(ended.lines.front().br().x < 80);
  CHECK(ended.text == "汉");
  // A sliver of a label inside the search area, farther left than the gap: passed over (the
  // value is the first run at least half the line's height wide).
  cv::Mat with_label(120, 760, CV_8UC3, cv::Scalar(228, 238, 242));
  font->putText(with_label, "汉", {80, 80}, 34, cv::Scalar(20, 20, 20), -1, cv::LINE_AA, true);
  cv::rectangle(with_label, cv::Rect(10, 50, 3, 30), cv::Scalar(20, 20, 20), cv::FILLED);
  const auto past_sliver = ocr::read_text_field(engine, ocr::ink_image(with_label), box, settings({{"max_gap", 1.0}}), 8);
  REQUIRE(past_sliver.lines.size() == 1);
  CHECK(past_sliver.lines.front().x > 70);
  CHECK(past_sliver.text == "汉");
}

TEST_CASE("text field: a closing mark one sure pass read is kept, at its share of the vote", "[ocr][text_field]") {
  const auto read = [](const std::vector<std::string>& texts, double confidence) {
    std::vector<ocr::OcrSymbol> out;
    for (const auto& t : texts) out.push_back({t, confidence, {}, {}});
    return out;
  };
  const auto text_of = [](const std::vector<ocr::OcrSymbol>& symbols) {
    std::string t;
    for (const auto& s : symbols) t += s.text;
    return t;
  };
  // Two of three passes lost the final 。 that the third read sure.
  const std::vector<std::vector<ocr::OcrSymbol>> reads = {read({"技", "术", "开", "发", "。"}, 0.95),
                                                          read({"技", "术", "开", "发"}, 0.98),
                                                          read({"技", "术", "开", "发"}, 0.97)};
  auto voted = reads[1];
  ocr::keep_final_mark(reads, voted);
  CHECK(text_of(voted) == "技术开发。");
  CHECK(voted.back().confidence == Approx(0.95 / 3));
  // Not from an unsure read, not a character, not after a different text, not a second mark.
  for (const auto& other : {read({"技", "术", "开", "发", "。"}, 0.6), read({"技", "术", "开", "发", "展"}, 0.99),
                            read({"技", "术", "研", "发", "。"}, 0.99)}) {
    auto same = reads[1];
    ocr::keep_final_mark({other, reads[1], reads[2]}, same);
    CHECK(text_of(same) == "技术开发");
  }
  auto closed = read({"技", "术", "开", "发", "。"}, 0.98);
  ocr::keep_final_mark({read({"技", "术", "开", "发", "。", "."}, 0.99), closed, closed}, closed);
  CHECK(text_of(closed) == "技术开发。");
}

TEST_CASE("ink image: text under a glare spot is restored, smooth lighting is left alone", "[ocr][text_field]") {
  ocr::TesseractEngine engine("");
  // A card-sized view with a few lines of print, like a rectified ID card.
  cv::Mat view(540, 856, CV_8UC3, cv::Scalar(222, 232, 236));
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
  const std::string line = "江西省南昌市西湖区商业街163号";
  for (int y : {90, 170, 250, 330}) font->putText(view, line, {60, y}, 30, cv::Scalar(25, 25, 25), -1, cv::LINE_AA, true);
  const cv::Rect box(40, 200, 600, 70);  // the third line

  SECTION("a clipping spot over the middle of a line") {
    // As a flash spot does (and samples/photograph.cpp): light added until the paper clips.
    cv::Mat spot(view.size(), CV_8UC1, cv::Scalar(0));
    cv::ellipse(spot, cv::Point(300, 240), cv::Size(95, 45), 0, 0, 360, cv::Scalar(190), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(spot, spot, {0, 0}, 11);
    cv::Mat spot3;
    cv::merge(std::vector<cv::Mat>{spot, spot, spot}, spot3);
    cv::add(view, spot3, view);
    const auto plain = ocr::read_text_field(engine, ocr::ink_image(view), box, settings(nlohmann::json::object()), 8);
    const auto restored = ocr::read_text_field(engine, ocr::ink_image(view, true), box, settings(nlohmann::json::object()), 8);
    INFO("plain " << plain.text << ", restored " << restored.text);
    CHECK(plain.text != line);  // the knee that fades coloured print fades these strokes too
    CHECK(restored.text == line);
  }
  SECTION("light brightening one side of the card") {
    for (int x = 0; x < view.cols; ++x) {
      const double gain = 0.85 + 0.2 * x / view.cols;
      for (int y = 0; y < view.rows; ++y) {
        auto& p = view.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) p[c] = cv::saturate_cast<uchar>(p[c] * gain);
      }
    }
    cv::Mat diff;
    cv::absdiff(ocr::ink_image(view), ocr::ink_image(view, true), diff);
    CHECK(cv::countNonZero(diff) == 0);
  }
}

TEST_CASE("Text lines: a character's top stroke above a gap stays with its line", "[ocr][fields]") {
  // 京 alone on a clean card's ethnicity line: its 亠 is a thin band a few rows above the rest
  // (rows bridged up to 2), too low to be a line by itself; it was dropped and the rest of
  // the character read as 水. A speck far above the line stays noise.
  cv::Mat ink(80, 120, CV_8U, cv::Scalar(255));
  cv::rectangle(ink, cv::Rect(40, 4, 3, 2), cv::Scalar(0), cv::FILLED);     // a speck, 14 rows above
  cv::rectangle(ink, cv::Rect(30, 20, 40, 3), cv::Scalar(0), cv::FILLED);   // 亠's bar
  cv::rectangle(ink, cv::Rect(38, 28, 24, 10), cv::Scalar(0), 2);           // 口, 4 white rows below
  cv::line(ink, {50, 38}, {50, 52}, cv::Scalar(0), 2);                       // 小
  cv::line(ink, {42, 42}, {36, 50}, cv::Scalar(0), 2);
  cv::line(ink, {58, 42}, {64, 50}, cv::Scalar(0), 2);
  const auto lines = ocr::find_text_lines(ink, cv::Rect(0, 0, ink.cols, ink.rows), 10, 0, 3);
  REQUIRE(lines.size() == 1);
  INFO("line " << lines[0]);
  CHECK(lines[0].y <= 22);  // the bar: rows 20-22
  CHECK(lines[0].y >= 18);
  CHECK(lines[0].br().y >= 52);
}

namespace {

// A line of solid "characters" (blocks with thin gaps, as projected) from row `top`, `height` rows.
void block_line(cv::Mat& ink, int top, int height, int left, int right) {
  for (int x = left; x + 20 <= right; x += 24) cv::rectangle(ink, cv::Rect(x, top, 20, height), cv::Scalar(0), cv::FILLED);
}

}  // namespace

TEST_CASE("Text lines: two close lines bridged into one band are cut apart", "[ocr][fields]") {
  // Seed 99's photo licence: two scope lines 2 rows apart (tilted a little) formed one band of
  // 79 rows; with the pitch split judging by the label's height (1.6 x 93 px) it was read as
  // one line and came back 和. The third line is as tall as each of the two.
  cv::Mat ink(200, 400, CV_8U, cv::Scalar(255));
  block_line(ink, 10, 36, 10, 390);
  block_line(ink, 48, 36, 10, 390);  // rows 46-47 blank: bridged
  block_line(ink, 100, 30, 10, 200);
  const auto lines = ocr::find_text_lines(ink, cv::Rect(0, 0, ink.cols, ink.rows), 25, 93, 12);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].br().y <= 47);  // the cut is in the blank rows
  CHECK(lines[1].y >= 48);
  CHECK(lines[1].height > 30);
  // Without a line pitch (a field of one line) the bands are left as they are.
  CHECK(ocr::find_text_lines(ink, cv::Rect(0, 0, ink.cols, ink.rows), 25, 0, 12).size() == 2);
}

TEST_CASE("Text lines: a short last line bridged to the line above is its own line", "[ocr][fields]") {
  // Seed 100's photo licence: the scope's last line (务。, two characters) sat 2 rows under the
  // line above; the ink of two characters is no measure of a line's, their fill of their box is.
  cv::Mat ink(200, 400, CV_8U, cv::Scalar(255));
  block_line(ink, 10, 34, 10, 390);
  block_line(ink, 50, 36, 10, 390);
  block_line(ink, 88, 26, 10, 50);  // rows 86-87 blank: bridged
  const auto lines = ocr::find_text_lines(ink, cv::Rect(0, 0, ink.cols, ink.rows), 19, 71, 12);
  REQUIRE(lines.size() == 3);
  CHECK(lines[2].y >= 88);
  CHECK(lines[2].width < 60);
}

TEST_CASE("Text lines: a faint arc bridged to a line stays with it", "[ocr][fields]") {
  // Hard licence of seed 87: an arc of the seal 2 rows above the authority line, 22 rows tall
  // but holding a hundredth of the line's ink (34 pixels), was cut off and read as the value (W).
  cv::Mat ink(200, 400, CV_8U, cv::Scalar(255));
  // What erasing the seal leaves of its ring: 2x2 specks every few pixels along the arc.
  std::vector<cv::Point> arc;
  cv::ellipse2Poly(cv::Point(200, 40), cv::Size(60, 30), 0, 200, 340, 5, arc);  // rows ~10-30
  for (const auto& p : arc) cv::rectangle(ink, cv::Rect(p.x, p.y, 2, 2), cv::Scalar(0), cv::FILLED);
  block_line(ink, 34, 34, 10, 390);                                                        // rows 32-33 blank
  block_line(ink, 120, 34, 10, 200);
  const auto lines = ocr::find_text_lines(ink, cv::Rect(0, 0, ink.cols, ink.rows), 18, 60, 3);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].y < 20);  // the arc is in the line's box, not a line of its own
  CHECK(lines[0].br().y >= 67);
}
