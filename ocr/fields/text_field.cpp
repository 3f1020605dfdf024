#include "ocr/fields/text_field.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {

namespace {

OcrLayout parse_layout(const std::string& layout, const std::string& where) {
  if (layout == "line") return OcrLayout::kSingleLine;
  if (layout == "raw_line") return OcrLayout::kRawLine;
  if (layout == "word") return OcrLayout::kSingleWord;
  throw std::runtime_error(where + ": layout must be \"line\", \"raw_line\" or \"word\", not \"" + layout + "\"");
}

}  // namespace

void parse_margin(const nlohmann::json& j, const std::string& where, int& x, int& y) {
  if (!j.contains("margin")) return;
  const auto m = get_value<std::vector<double>>(j, "margin", where);
  if (m.size() != 2) throw std::runtime_error(where + ": 'margin' must be [x, y]");
  x = static_cast<int>(m[0]);
  y = static_cast<int>(m[1]);
}

namespace {

// The Chinese characters of `charset` (a "charset" setting at `where`); throws naming `where`
// when iconv does not know the set or it holds none.
std::vector<std::string> chinese_characters_of(const std::string& charset, const std::string& where) {
  std::vector<std::string> characters;
  try {
    characters = charset_characters(charset);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(where + ": " + e.what());
  }
  if (characters.empty()) throw std::runtime_error(where + ": the character set " + charset + " holds no Chinese characters");
  return characters;
}

}  // namespace

IsWord dictionary_of(const TesseractEngine& engine) {
  return [&engine](const std::string& word) { return engine.is_word(word); };
}

GlyphCheckSettings::Lexicon parse_lexicon_settings(const nlohmann::json& v, const std::string& where) {
  check_keys(v, {"charset", "shortlist", "min_match", "min_gain", "min_margin", "pair_shortlist", "pair_min_gain", "pair_keeps_sure"},
             {"charset", "shortlist", "min_match", "min_gain", "min_margin"}, where);
  GlyphCheckSettings::Lexicon lexicon;
  lexicon.charset = get_value<std::string>(v, "charset", where);
  lexicon.characters = chinese_characters_of(lexicon.charset, where);
  const int shortlist = get_value<int>(v, "shortlist", where);
  if (shortlist < 1) throw std::runtime_error(where + ": 'shortlist' must be at least 1");
  lexicon.shortlist = static_cast<size_t>(shortlist);
  lexicon.min_match = get_value<double>(v, "min_match", where);
  lexicon.min_gain = get_value<double>(v, "min_gain", where);
  lexicon.min_margin = get_value<double>(v, "min_margin", where);
  if (v.contains("pair_shortlist")) {
    const int pairs = get_value<int>(v, "pair_shortlist", where);
    if (pairs < 0) throw std::runtime_error(where + ": 'pair_shortlist' must not be negative");
    lexicon.pair_shortlist = static_cast<size_t>(pairs);
  }
  if (v.contains("pair_min_gain")) lexicon.pair_min_gain = get_value<double>(v, "pair_min_gain", where);
  if (v.contains("pair_keeps_sure")) lexicon.pair_keeps_sure = get_value<bool>(v, "pair_keeps_sure", where);
  return lexicon;
}

TextFieldSettings parse_text_field_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"language", "layout", "whitelist", "text_height", "margin", "max_lines", "line_pitch", "alternatives",
                 "min_confidence", "passes", "weakest_character", "copies", "blur", "glyph_check", "follow_ink", "max_gap",
                 "keep_final_mark", "sure_first_pass"},
             {"language", "text_height"}, where);
  TextFieldSettings s;
  const auto language = get_value<std::string>(j, "language", where);
  if (language == "chi_sim") s.language = OcrLanguage::kChinese;
  else if (language == "eng") s.language = OcrLanguage::kEnglish;
  else throw std::runtime_error(where + ": language must be \"chi_sim\" or \"eng\", not \"" + language + "\"");
  s.text_height = get_value<double>(j, "text_height", where);
  if (j.contains("layout")) s.layout = parse_layout(get_value<std::string>(j, "layout", where), where);
  if (j.contains("whitelist")) s.whitelist = get_value<std::string>(j, "whitelist", where);
  parse_margin(j, where, s.margin_x, s.margin_y);
  if (j.contains("max_lines")) s.max_lines = get_value<int>(j, "max_lines", where);
  if (j.contains("line_pitch")) s.line_pitch = get_value<double>(j, "line_pitch", where);
  if (j.contains("alternatives")) s.alternatives = get_value<bool>(j, "alternatives", where);
  if (j.contains("blur")) s.blur = get_value<double>(j, "blur", where);
  if (j.contains("min_confidence")) s.min_confidence = get_value<double>(j, "min_confidence", where);
  if (j.contains("weakest_character")) {
    const auto w = get_value<std::vector<double>>(j, "weakest_character", where);
    if (w.size() != 2) throw std::runtime_error(where + ": 'weakest_character' must be [below, cap]");
    s.weakest_below = w[0];
    s.weakest_cap = w[1];
  }
  if (j.contains("follow_ink")) s.follow_ink = get_value<bool>(j, "follow_ink", where);
  if (j.contains("max_gap")) s.max_gap = get_value<double>(j, "max_gap", where);
  if (j.contains("keep_final_mark")) s.keep_final_mark = get_value<bool>(j, "keep_final_mark", where);
  if (j.contains("sure_first_pass")) s.sure_first_pass = get_value<double>(j, "sure_first_pass", where);
  if (j.contains("copies")) {
    s.copies = get_value<int>(j, "copies", where);
    if (s.copies < 1 || s.copies > 5) throw std::runtime_error(where + ": 'copies' must be 1 to 5");
  }
  if (j.contains("glyph_check")) {
    const auto& g = j.at("glyph_check");
    const std::string at = where + ".glyph_check";
    check_keys(g, {"fonts", "min_gain", "shape_confidence", "vocabulary", "surname", "given_name", "confusables", "after_number",
                  "after_number_misread", "before_number", "before_number_misread", "lexicon"},
               {"fonts", "min_gain", "shape_confidence"}, at);
    if (g.contains("confusables")) s.glyph_check.confusables = get_value<bool>(g, "confusables", at);
    // A list of single characters (the number words around an address's numbers).
    const auto characters = [&](const char* key) {
      if (!g.contains(key)) return std::vector<std::string>{};
      auto list = get_value<std::vector<std::string>>(g, key, at);
      for (const auto& c : list)
        if (utf8_to_u32(c).size() != 1) throw std::runtime_error(at + ": '" + key + "' lists '" + c + "', not one character");
      return list;
    };
    s.glyph_check.after_number = characters("after_number");
    s.glyph_check.before_number = characters("before_number");
    if (g.contains("after_number_misread")) {
      const auto& m = g.at("after_number_misread");
      const std::string mat = at + ".after_number_misread";
      check_keys(m, {"min_match", "min_gain"}, {"min_match", "min_gain"}, mat);
      s.glyph_check.after_number_misread.min_match = get_value<double>(m, "min_match", mat);
      s.glyph_check.after_number_misread.min_gain = get_value<double>(m, "min_gain", mat);
    }
    if (g.contains("before_number_misread")) {
      const auto& m = g.at("before_number_misread");
      const std::string mat = at + ".before_number_misread";
      check_keys(m, {"min_match", "min_gain"}, {"min_match", "min_gain"}, mat);
      s.glyph_check.before_number_misread.enabled = true;
      s.glyph_check.before_number_misread.min_match = get_value<double>(m, "min_match", mat);
      s.glyph_check.before_number_misread.min_gain = get_value<double>(m, "min_gain", mat);
    }
    s.glyph_check.fonts = get_font_files(g, "fonts", at);
    if (s.glyph_check.fonts.empty()) throw std::runtime_error(at + ": 'fonts' must name at least one font");
    s.glyph_check.min_gain = get_value<double>(g, "min_gain", at);
    s.glyph_check.shape_confidence = get_value<double>(g, "shape_confidence", at);
    if (g.contains("vocabulary")) {
      const auto& v = g.at("vocabulary");
      const std::string vat = at + ".vocabulary";
      check_keys(v, {"charset", "min_match", "unsure_min_match", "sure_min_match", "sure_min_gain", "min_gain", "min_margin"}, {"charset", "min_match", "min_gain", "min_margin"}, vat);
      auto& vocabulary = s.glyph_check.vocabulary;
      vocabulary.charset = get_value<std::string>(v, "charset", vat);
      vocabulary.characters = chinese_characters_of(vocabulary.charset, vat);
      vocabulary.min_match = get_value<double>(v, "min_match", vat);
      vocabulary.unsure_min_match =
          v.contains("unsure_min_match") ? get_value<double>(v, "unsure_min_match", vat) : vocabulary.min_match;
      if (v.contains("sure_min_gain")) {
        vocabulary.sure_min_gain = get_value<double>(v, "sure_min_gain", vat);
        vocabulary.sure_min_match = get_value<double>(v, "sure_min_match", vat);
      }
      vocabulary.min_gain = get_value<double>(v, "min_gain", vat);
      vocabulary.min_margin = get_value<double>(v, "min_margin", vat);
    }
    if (g.contains("lexicon")) s.glyph_check.lexicon = parse_lexicon_settings(g.at("lexicon"), at + ".lexicon");
    for (const char* key : {"surname", "given_name"}) {
      if (!g.contains(key)) continue;
      const auto& v = g.at(key);
      const std::string sat = at + "." + key;
      check_keys(v, {"min_match", "min_gain", "sure_min_gain", "min_margin", "common", "listed_min_gain"}, {"min_match", "min_gain", "sure_min_gain", "min_margin"}, sat);
      auto& check = std::string(key) == "surname" ? s.glyph_check.surname : s.glyph_check.given_name;
      check.enabled = true;
      if (v.contains("listed_min_gain")) check.listed_min_gain = get_value<double>(v, "listed_min_gain", sat);
      if (v.contains("common")) {
        const auto& c = v.at("common");
        check_keys(c, {"count", "bonus"}, {"count", "bonus"}, sat + ".common");
        check.common_count = get_value<int>(c, "count", sat + ".common");
        check.common_bonus = get_value<double>(c, "bonus", sat + ".common");
      }
      check.min_match = get_value<double>(v, "min_match", sat);
      check.min_gain = get_value<double>(v, "min_gain", sat);
      check.sure_min_gain = get_value<double>(v, "sure_min_gain", sat);
      check.min_margin = get_value<double>(v, "min_margin", sat);
    }
  }
  if (j.contains("passes")) {
    const auto& passes = j.at("passes");
    if (!passes.is_array() || passes.size() < 2) throw std::runtime_error(where + ": 'passes' must be an array of at least two passes");
    for (size_t i = 0; i < passes.size(); ++i) {
      const std::string at = where + ".passes[" + std::to_string(i) + "]";
      check_keys(passes[i], {"layout", "text_height", "blur"}, {"layout", "text_height"}, at);
      s.passes.push_back({parse_layout(get_value<std::string>(passes[i], "layout", at), at),
                          get_value<double>(passes[i], "text_height", at),
                          passes[i].contains("blur") ? get_value<double>(passes[i], "blur", at) : 0.0});
    }
  }
  return s;
}

namespace {

OcrRequest request_for(const TextFieldSettings& settings) {
  OcrRequest request;
  request.language = settings.language;
  request.layout = settings.layout;
  request.whitelist = settings.whitelist;
  request.alternatives = settings.alternatives;
  return request;
}

}  // namespace

OcrText read_line(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& line, const TextFieldSettings& settings) {
  constexpr int kPad = 12;
  cv::Mat crop = line_for_ocr(ink, line, settings.text_height, kPad);
  if (settings.blur > 0 && !crop.empty()) cv::GaussianBlur(crop, crop, cv::Size(), settings.blur);
  OcrText text = engine.recognize(crop, request_for(settings));
  // Symbol boxes back to view coordinates (inverse of line_for_ocr's margin, scale and pad).
  const int margin = std::max(2, line.height / 6);
  const cv::Rect src = cv::Rect(line.x - margin, line.y - margin, line.width + 2 * margin, line.height + 2 * margin) &
                       cv::Rect(0, 0, ink.cols, ink.rows);
  const double scale = settings.text_height / std::max(1, line.height);
  for (auto& s : text.symbols) {
    s.box = cv::Rect(cvRound((s.box.x - kPad) / scale) + src.x, cvRound((s.box.y - kPad) / scale) + src.y,
                     cvRound(s.box.width / scale), cvRound(s.box.height / scale));
  }
  return text;
}

namespace {

// The lines of a multi-line field read as one: their crops side by side on one strip, at
// one scale (the field is printed in one font size), bottoms aligned. Tesseract reads a
// lone character on a line of its own (the 室 that wraps at the end of an address)
// unreliably, and a longer line gives its language model context.
// `segment_of`, when given, receives for each returned symbol the index of the line it came from.
OcrText read_joined_lines(TesseractEngine& engine, const cv::Mat& ink, const std::vector<cv::Rect>& lines,
                          const TextFieldSettings& settings, std::vector<size_t>* segment_of = nullptr) {
  constexpr int kPad = 12;
  int tallest = 1;
  for (const auto& l : lines) tallest = std::max(tallest, l.height);
  const double scale = settings.text_height / tallest;
  const int margin = std::max(2, tallest / 6);
  // About one character spacing: a wider gap is read as a quote mark or a space.
  const int gap = cvRound(0.2 * settings.text_height);
  const cv::Rect image(0, 0, ink.cols, ink.rows);
  // Every segment covers the same rows relative to its line's bottom, so all have one height.
  std::vector<cv::Rect> sources;
  std::vector<cv::Mat> scaled;
  for (const auto& l : lines) {
    const int bottom = l.y + l.height + margin;
    cv::Rect src(l.x - margin, bottom - tallest - 2 * margin, l.width + 2 * margin, tallest + 2 * margin);
    src &= image;
    if (src.empty()) continue;
    cv::Mat one = crop_for_ocr(ink, src, scale);
    if (one.empty()) continue;
    sources.push_back(src);
    scaled.push_back(one);
  }
  int width = 2 * kPad, height = 0;
  for (const auto& m : scaled) {
    width += m.cols + gap;
    height = std::max(height, m.rows);
  }
  cv::Mat strip(height + 2 * kPad, width, CV_8U, cv::Scalar(255));
  std::vector<int> starts;
  int x = kPad;
  for (const auto& m : scaled) {
    m.copyTo(strip(cv::Rect(x, kPad + height - m.rows, m.cols, m.rows)));
    starts.push_back(x);
    x += m.cols + gap;
  }
  if (starts.empty()) return OcrText{};
  if (settings.blur > 0) cv::GaussianBlur(strip, strip, cv::Size(), settings.blur);
  OcrText text = engine.recognize(strip, request_for(settings));
  // Symbol boxes back to view coordinates through the segment each one's centre lies in.
  for (auto& s : text.symbols) {
    const int cx = s.box.x + s.box.width / 2;
    size_t k = 0;
    while (k + 1 < starts.size() && cx >= starts[k + 1] - gap / 2) ++k;
    if (segment_of) segment_of->push_back(k);
    const cv::Rect& src = sources[k];
    const int top = kPad + height - scaled[k].rows;
    s.box = cv::Rect(cvRound((s.box.x - starts[k]) / scale) + src.x, cvRound((s.box.y - top) / scale) + src.y,
                     cvRound(s.box.width / scale), cvRound(s.box.height / scale));
  }
  return text;
}

// Per-character vote over several reads of one field (see read_text_field in the header).
std::vector<OcrSymbol> vote(const std::vector<std::vector<OcrSymbol>>& reads) {
  // The length most reads agree on; a tie goes to the surer reads.
  std::map<size_t, std::pair<int, double>> lengths;
  for (const auto& r : reads) {
    if (r.empty()) continue;
    auto& [n, weight] = lengths[r.size()];
    ++n;
    for (const auto& s : r) weight += s.confidence;
  }
  if (lengths.empty()) return {};
  const size_t length = std::max_element(lengths.begin(), lengths.end(), [](const auto& a, const auto& b) {
                          return a.second.first != b.second.first ? a.second.first < b.second.first
                                                                  : a.second.second < b.second.second;
                        })->first;
  std::vector<OcrSymbol> out;
  for (size_t i = 0; i < length; ++i) {
    std::map<std::string, std::pair<double, int>> votes;  // character → (weight, voters)
    for (const auto& r : reads) {
      if (r.size() != length) continue;
      auto& [weight, voters] = votes[r[i].text];
      weight += 0.5 + r[i].confidence;
      ++voters;
    }
    const auto top = std::max_element(votes.begin(), votes.end(),
                                      [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
    // The winning character's symbol (box, alternatives) from the first read that has it.
    const auto winner = std::find_if(reads.begin(), reads.end(), [&](const auto& r) {
      return r.size() == length && r[i].text == top->first;
    });
    OcrSymbol s = (*winner)[i];
    const auto [weight, voters] = top->second;
    const double mean_confidence = weight / voters - 0.5;
    s.confidence = mean_confidence * voters / static_cast<double>(reads.size());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

void keep_final_mark(const std::vector<std::vector<OcrSymbol>>& reads, std::vector<OcrSymbol>& voted) {
  constexpr double kSureMark = 0.9;
  const auto is_mark = [](const std::string& text) {
    const std::u32string u = utf8_to_u32(text);
    return u.size() == 1 && !is_cjk(u[0]) && !(u[0] < 0x80 && std::isalnum(static_cast<int>(u[0])));
  };
  if (voted.empty() || is_mark(voted.back().text)) return;  // already closed: a second mark is noise
  for (const auto& r : reads) {
    if (r.size() != voted.size() + 1 || !is_mark(r.back().text) || r.back().confidence < kSureMark) continue;
    if (!std::equal(voted.begin(), voted.end(), r.begin(), [](const auto& a, const auto& b) { return a.text == b.text; })) continue;
    voted.push_back(r.back());
    voted.back().confidence = r.back().confidence / reads.size();
    return;
  }
}

double field_confidence(const std::vector<OcrSymbol>& symbols, const TextFieldSettings& settings) {
  if (symbols.empty()) return 0.0;
  double sum = 0;
  bool weak = false;
  for (const auto& s : symbols) {
    sum += s.confidence;
    weak = weak || s.confidence < settings.weakest_below;
  }
  const double mean = sum / symbols.size();
  return settings.weakest_cap > 0 && weak ? std::min(mean, settings.weakest_cap) : mean;
}

std::vector<OcrSymbol> read_located_lines(TesseractEngine& engine, const cv::Mat& ink, const std::vector<cv::Rect>& lines,
                                          const TextFieldSettings& settings) {
  if (lines.empty()) return {};
  const auto read_once = [&](const TextFieldSettings& pass) {
    std::vector<OcrSymbol> symbols;
    if (lines.size() == 1 && pass.copies > 1) {
      std::vector<size_t> segment_of;
      OcrText t = read_joined_lines(engine, ink, std::vector<cv::Rect>(pass.copies, lines.front()), pass, &segment_of);
      std::vector<std::vector<OcrSymbol>> copies(pass.copies);
      for (size_t i = 0; i < t.symbols.size(); ++i)
        if (t.symbols[i].text != " ") copies[segment_of[i]].push_back(std::move(t.symbols[i]));
      return vote(copies);
    }
    OcrText t = lines.size() == 1 ? read_line(engine, ink, lines.front(), pass) : read_joined_lines(engine, ink, lines, pass);
    for (auto& s : t.symbols)
      if (s.text != " ") symbols.push_back(std::move(s));
    return symbols;
  };
  // A line read as nothing in single-line mode is read once more as a raw line: Tesseract's
  // line layout discards some short lines whole (务。 of a wrapped scope, clean and sharp).
  const auto read_or_raw = [&](const TextFieldSettings& pass) {
    auto symbols = read_once(pass);
    if (!symbols.empty() || pass.layout != OcrLayout::kSingleLine) return symbols;
    TextFieldSettings raw = pass;
    raw.layout = OcrLayout::kRawLine;
    return read_once(raw);
  };
  std::vector<std::vector<OcrSymbol>> reads;
  if (settings.passes.empty()) {
    reads.push_back(read_or_raw(settings));
    if (!settings.glyph_check.enabled()) return reads.front();
  }
  // Once a majority of the planned passes agree exactly, the rest cannot outvote them.
  const auto text_of = [](const std::vector<OcrSymbol>& r) {
    std::string t;
    for (const auto& s : r) t += s.text;
    return t;
  };
  for (const auto& p : settings.passes) {
    TextFieldSettings pass = settings;
    pass.layout = p.layout;
    pass.text_height = p.text_height;
    pass.blur = p.blur;
    reads.push_back(read_or_raw(pass));
    if (reads.size() == 1 && settings.sure_first_pass > 0 && !reads.front().empty() &&
        std::all_of(reads.front().begin(), reads.front().end(),
                    [&](const OcrSymbol& s) { return s.confidence >= settings.sure_first_pass; }))
      break;
    const bool unanimous = std::all_of(reads.begin(), reads.end(), [&](const auto& r) {
      return !r.empty() && text_of(r) == text_of(reads.front());
    });
    if (unanimous && 2 * reads.size() > settings.passes.size()) break;
  }
  std::vector<OcrSymbol> voted = reads.size() == 1 ? reads.front() : vote(reads);
  if (settings.keep_final_mark) keep_final_mark(reads, voted);
  if (!settings.glyph_check.enabled()) return voted;
  const auto candidates = glyph_candidates(reads, voted, settings.glyph_check);
  return check_glyphs(ink, lines, std::move(voted), candidates, settings.glyph_check);
}

std::vector<std::vector<std::string>> glyph_candidates(const std::vector<std::vector<OcrSymbol>>& reads,
                                                       const std::vector<OcrSymbol>& voted,
                                                       const GlyphCheckSettings& settings) {
  // What each position was read as by the passes that read the voted length, and what the
  // recogniser considered there: the shapes to choose from.
  std::vector<std::vector<std::string>> candidates(voted.size());
  for (size_t i = 0; i < voted.size(); ++i) {
    auto offer = [&](const std::string& c) {
      if (std::find(candidates[i].begin(), candidates[i].end(), c) == candidates[i].end()) candidates[i].push_back(c);
    };
    offer(voted[i].text);
    for (const auto& r : reads)
      if (r.size() == voted.size()) offer(r[i].text);
    for (const auto& [alt, confidence] : voted[i].alternatives) offer(alt);
    const std::string& before = i > 0 ? voted[i - 1].text : std::string();
    if (before.size() == 1 && std::isdigit(static_cast<unsigned char>(before[0])))
      for (const auto& c : settings.after_number) offer(c);
    // The last character of a name a number follows (长江路142号, 数码港17层).
    const std::string& after = i + 1 < voted.size() ? voted[i + 1].text : std::string();
    const std::u32string previous = utf8_to_u32(before);
    if (after.size() == 1 && std::isdigit(static_cast<unsigned char>(after[0])) && previous.size() == 1 &&
        is_cjk(previous[0]))
      for (const auto& c : settings.before_number) offer(c);
  }
  return candidates;
}

TextFieldRead read_text_field(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                              const TextFieldSettings& settings, int min_line_height) {
  TextFieldRead out;
  const cv::Rect search(box.x - settings.margin_x, box.y - settings.margin_y, box.width + 2 * settings.margin_x,
                        box.height + 2 * settings.margin_y);
  out.lines = find_text_lines(ink, search, std::max(3, min_line_height), settings.line_pitch, settings.max_lines, settings.follow_ink);
  if (settings.max_gap > 0)
    for (auto& line : out.lines) line = end_at_gap(ink, line, static_cast<int>(settings.max_gap * line.height));
  if (out.lines.empty()) {
    out.missing_reason = "no printed text found in the field area";
    return out;
  }
  out.symbols = check_words(ink, out.lines, read_located_lines(engine, ink, out.lines, settings), settings.glyph_check,
                            dictionary_of(engine));
  for (const auto& s : out.symbols) out.text += s.text;
  out.confidence = field_confidence(out.symbols, settings);
  if (out.text.empty()) out.missing_reason = "the text in the field area could not be recognised";
  return out;
}

}  // namespace beian::ocr
