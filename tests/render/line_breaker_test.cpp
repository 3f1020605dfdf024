// CJK line breaking: nothing lost, nothing overflowing, no forbidden line starts or ends,
// Latin words and domains kept whole.
#include <catch2/catch.hpp>

#include "pipeline/base/text.h"
#include "render/layout/line_breaker.h"
#include "tests/render/render_test_support.h"

using namespace beian;
using namespace beian::render;

namespace {

std::vector<Atom> atoms_of(const std::u32string& text, double size) {
  std::vector<Atom> atoms;
  for (char32_t cp : text) {
    Atom a;
    if (cp == U'\n') {
      a.kind = Atom::Kind::kNewline;
    } else {
      a.cp = cp;
      a.width = test_font().advance_permille(cp) * size / 1000.0;
    }
    atoms.push_back(a);
  }
  return atoms;
}

std::vector<std::u32string> wrap(const std::u32string& text, double width, double size = 10) {
  const auto atoms = atoms_of(text, size);
  std::vector<std::u32string> out;
  for (const auto& l : break_lines(atoms, width)) {
    std::u32string s;
    for (size_t i = l.begin; i < l.end; ++i) s += atoms[i].cp;
    out.push_back(s);
  }
  return out;
}

std::u32string strip_spaces(std::u32string s) {
  s.erase(std::remove(s.begin(), s.end(), U' '), s.end());
  s.erase(std::remove(s.begin(), s.end(), U'\n'), s.end());
  return s;
}

}  // namespace

TEST_CASE("a Chinese paragraph wraps without losing characters or overflowing", "[render][layout]") {
  const std::u32string text = utf8_to_u32(
      "本单位（接入服务单位）已仔细阅读“《网站备案信息真实性核验单》填写说明”，对说明内容已全部知晓并充分了解，"
      "愿意遵守全部内容。承诺已对《网站备案信息真实性核验单》“网站备案信息核验内容”中包含的网站主办者提交主体信息、"
      "联系方式、网站信息，本单位报备的接入信息进行逐项核验；不为未取得许可或未履行备案的网站提供接入等服务；"
      "承诺以上核验记录真实有效。如违反上述规定，愿意承担相应处罚。");
  for (double width : {95.0, 100.0, 123.0, 150.0, 207.0, 333.0, 480.0}) {
    const auto atoms = atoms_of(text, 10);
    const auto lines = break_lines(atoms, width);
    std::u32string joined;
    for (size_t k = 0; k < lines.size(); ++k) {
      INFO("width " << width << " line " << k);
      CHECK(lines[k].width <= width + 1e-6);
      REQUIRE(lines[k].end > lines[k].begin);
      CHECK_FALSE(is_no_line_start(atoms[lines[k].begin].cp));
      CHECK_FALSE(is_no_line_end(atoms[lines[k].end - 1].cp));
      for (size_t i = lines[k].begin; i < lines[k].end; ++i) joined += atoms[i].cp;
      if (k + 1 < lines.size()) CHECK(lines[k].next == lines[k + 1].begin);
    }
    CHECK(joined == text);
    // Lines are filled: every line but the last is within three characters of the width
    // (kinsoku may carry up to two characters down).
    for (size_t k = 0; k + 1 < lines.size(); ++k) CHECK(lines[k].width > width - 3 * 10 - 1e-6);
  }
}

TEST_CASE("closing punctuation is carried with the previous character, not left at a line start", "[render][layout]") {
  // 10 ideographs fit in 100 pt at 10 pt; the 11th character is a comma.
  const auto lines = wrap(utf8_to_u32("一二三四五六七八九十，十一"), 100);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == U"一二三四五六七八九");
  CHECK(lines[1] == U"十，十一");
}

TEST_CASE("opening punctuation does not end a line", "[render][layout]") {
  const auto lines = wrap(utf8_to_u32("一二三四五六七八九（十）"), 100);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == U"一二三四五六七八九");
  CHECK(lines[1] == U"（十）");
}

TEST_CASE("domains and Latin words stay whole; an over-long word breaks anyway", "[render][layout]") {
  std::u32string domains;
  for (int i = 0; i < 200; ++i) {
    if (i) domains += U"、";
    domains += utf8_to_u32("site" + std::to_string(i) + "-example.com.cn");
  }
  const auto lines = wrap(domains, 300);
  CHECK(lines.size() > 20);
  CHECK(strip_spaces([&] { std::u32string s; for (auto& l : lines) s += l; return s; }()) == domains);
  for (const auto& l : lines) {
    // Every line starts with a whole domain ("site" ...), never with "、" or a fragment.
    CHECK(l.substr(0, 4) == U"site");
  }
  const auto long_word = wrap(std::u32string(80, U'w'), 100);
  CHECK(long_word.size() > 3);
  for (const auto& l : long_word) CHECK(!l.empty());
}

TEST_CASE("newlines force breaks; spaces at a break vanish; empty input gives one empty line", "[render][layout]") {
  const auto lines = wrap(utf8_to_u32("甲乙\n丙 丁"), 1000);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == U"甲乙");
  CHECK(lines[1] == U"丙 丁");
  const auto spaced = wrap(utf8_to_u32("hello world again"), 40);
  for (const auto& l : spaced) {
    CHECK(l.front() != U' ');
    CHECK(l.back() != U' ');
  }
  CHECK(break_lines({}, 100).size() == 1);
}

TEST_CASE("a checkbox stays with its label", "[render][layout]") {
  std::vector<Atom> atoms;
  for (int i = 0; i < 3; ++i) {
    atoms.push_back({Atom::Kind::kBox, 0, 10});
    for (char32_t cp : std::u32string(U"单位")) atoms.push_back({Atom::Kind::kChar, cp, 10});
    atoms.push_back({Atom::Kind::kChar, U' ', 3});
  }
  // 29 units fit "□单位 □单" — the second box must not be separated from 单位.
  const auto lines = break_lines(atoms, 40);
  for (const auto& l : lines) CHECK(atoms[l.end - 1].kind != Atom::Kind::kBox);
  CHECK(lines.size() == 3);
}
