// Turning the OCR text of a licence's (or another certificate's) credit code into a checked
// value: its check characters choose among the OCR candidates and can repair one misread
// character. Printed dates and terms: ocr/fields/printed_dates.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"
#include "ocr/fields/glyph_check.h"

namespace beian::ocr {

struct CodeReading {
  std::string value;        // the credit code (18) or registration number (15); empty when none fits
  bool checked = false;     // its check characters hold
  bool repaired = false;    // one character was corrected by the check character
  std::string as_read;      // the chosen candidate's code characters before any repair
};

// The credit code (or old 15-digit registration number) among `candidates` (OCR readings,
// best first): the first whose checks hold as read, else the first a single-character repair
// makes valid.
CodeReading resolve_credit_code(const std::vector<std::string>& candidates);

// How a registered capital (or a certificate's funds) is written: an optional currency, then
// the amount up to the first of `units` — Chinese financial numerals (digit, place, digit,
// place…, places falling: 壹仟贰佰伍拾) or Arabic digits.
struct CapitalGrammar {
  std::vector<std::string> currencies;   // "人民币", "美元", ...
  std::string digits;                    // "零壹贰叁肆伍陆柒捌玖" (零 first)
  std::string places;                    // "拾佰仟", rising
  std::string arabic;                    // "0123456789."
  std::string units;                     // "万元亿": the amount ends at the first
  std::string tail;                      // "整": the one character that may follow the last unit
  // What the recogniser reads instead of a numeral it lacks or confuses ("参" for 叁; a key
  // may be two characters: "人参"), each to that numeral.
  std::map<std::string, std::string> lookalikes;
  double lookalike_confidence = 0.85;    // most an amount repaired from look-alikes is trusted
  // "shapes": an amount the reading cannot make well formed is chosen by its printed shape
  // (capital_by_shape). Fonts empty: off.
  struct Shapes {
    std::vector<std::string> fonts;      // the numerals are rendered in these (Debian CJK fonts)
    double min_match = 0.6;              // the amount's mean match (correlation) at least
    double min_margin = 0.03;            // and better than the next well-formed amount by this
    double confidence = 0.8;             // what an amount chosen by shape is trusted
    // "layout": a reading too garbled to frame the amount is compared with the printed
    // layouts currency + amount + units (+ tail) (capital_by_printed_layout). Units empty: off.
    struct Layout {
      std::string units;                 // "万元": what a capital prints after its amount
      size_t max_numerals = 7;           // the longest amount tried (玖仟玖佰玖拾玖)
      double min_match = 0.6;            // every cell's mean match at least
      double min_margin = 0.03;          // and better than the next layout and amount by this
      double confidence = 0.6;           // what an amount chosen so is trusted
      bool check_consistent = false;     // also check a well-formed reading's amount so
      // "glare_min_match" (optional, default min_match): the mean match of the cells judged
      // when a glare spot leaves some of the frame unjudged (strokes restored there are fainter).
      double glare_min_match = 0.6;
    } layout;
  } shapes;
};

struct CapitalReading {
  std::string text;         // the symbols' text, numerals put where the recogniser saw others
  int replaced = 0;         // characters replaced by a numeral alternative or look-alike
  int lookalikes = 0;       // of those, replaced from the look-alike table (a weaker repair)
  bool consistent = true;   // the amount is well formed: numerals only, places falling
};

// The registered capital from its OCR symbols (with alternatives): after an optional
// currency, every character up to the first unit belongs to the amount. A character that is
// no numeral is replaced by the recogniser's alternatives that are numerals, or by its
// look-alike's numeral; the first combination that makes a well-formed amount is taken.
// With none, or when the amount as read is not well formed (贰贰万), the reading is not
// consistent (and must not be reported). Debian's chi_sim model has no 叁, 柒, 捌 or 仟 at
// all: it reads them as 参/会, 染/类, 抽/拥, 什/作 (in every CJK font tried), hence the table.
CapitalReading resolve_capital(const std::vector<OcrSymbol>& symbols, const CapitalGrammar& grammar);

// What to report for an amount read as `symbols` with mean `confidence`: the resolved text
// and its confidence (capped after look-alike repairs), or empty text and why it is withheld
// (an empty reason when nothing was read: the caller knows why). Given the `ink` it was read
// from and its one line, an amount no repair makes well formed is chosen by shape
// (capital_by_shape), at grammar.shapes.confidence, else by the printed layouts
// (capital_by_printed_layout, at shapes.layout.confidence); so is a well-formed one whose
// numerals the printed shapes clearly read otherwise (as many numerals), and with
// shapes.layout.check_consistent one whose amount the printed layouts read otherwise.
struct AmountValue {
  std::string text;
  double confidence = 0;
  std::string missing_reason;
};
AmountValue amount_value(const std::vector<OcrSymbol>& symbols, double confidence, const CapitalGrammar& grammar,
                         const cv::Mat& ink = {}, const std::vector<cv::Rect>& lines = {});

// The amount printed on `line` of `ink` (dark on light) whose reading `symbols` is not
// consistent (resolve_capital), chosen by shape: the line is cut into cells for the reading's
// currency (if any), k amount characters and its units and tail (k the amount's length as
// read, one less and one more: a numeral read as two, or lost), each amount cell is matched
// against the grammar's Chinese numerals rendered in grammar.shapes.fonts, and of the
// well-formed amounts (from each cell's four best numerals) the one matching best on average
// is taken when it reaches shapes.min_match and beats every other by shapes.min_margin. `length_slack`: how
// many numerals more or fewer than read are tried (0: as many as read). The capital's text
// (currency, amount, units, tail), or empty.
std::string capital_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<OcrSymbol>& symbols,
                             const CapitalGrammar& grammar, size_t length_slack = 1);

// The amount printed on `line` of `ink` when its reading `symbols` is too garbled to frame it
// (capital_by_shape finds no currency or units to place the cells by): the line is cut for
// every printed layout — a currency (those the reading shares a character with, else none
// and the first listed: a foreign currency is reported only when read), 1..shapes.layout.
// max_numerals amount characters, shapes.layout.units with and without the tail — and every
// cell matched; the layout and well-formed amount whose cells match best on average is taken
// when it reaches shapes.layout.min_match and beats the next by shapes.layout.min_margin.
// With `glare` (glare_mask of the view; `ink` then the page restored under it), a currency or
// unit cell under the spot is not judged (character_cells) and the mean is over the cells
// judged, at least shapes.layout.glare_min_match; every numeral must be judged, and so must
// some of the currency (without one, no spot may lie before the amount) and the unit after
// the amount (a spot hiding the frame may hide a numeral with it). The capital's text, or
// empty.
std::string capital_by_printed_layout(const cv::Mat& ink, const cv::Rect& line, const std::vector<OcrSymbol>& symbols,
                                      const CapitalGrammar& grammar, const cv::Mat& glare = {});

// Whether `amount` (no currency, no unit) is a well-formed amount of `grammar`.
bool well_formed_amount(const std::u32string& amount, const CapitalGrammar& grammar);

// A credit code read as `symbols` whose only fault is its check character (character 18 fails
// GB 32100, characters 9-17 hold as an organisation code) when the print shows the right one
// there (print_shows with `settings`, on the recogniser's boxes, else on the line re-cut into
// 18 cells: a box can straddle two glyphs): a clean scan's J read 5 is not a wrong code. A code
// printed with a wrong check character (what the check exists for) keeps its glyph and gets
// nothing. nullopt otherwise.
std::optional<std::string> check_char_shown(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols,
                                            const PrintCheckSettings& settings);

// A credit code read as `symbols` that fails its checks (GB 32100) although the print shows
// exactly that (print_confirms over the code's alphabet with `settings`): a code printed
// wrong, what the checks exist for, to be reported as printed with its finding rather than
// withheld as a blurred one is. nullopt otherwise (a misreading the print does not confirm).
std::optional<std::string> failing_code_printed(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols,
                                                const PrintCheckSettings& settings);

// Letters and digits of `text`, upper-cased, with O→0 and I→1 (never in credit codes).
std::string code_characters(const std::string& text);

}  // namespace beian::ocr
