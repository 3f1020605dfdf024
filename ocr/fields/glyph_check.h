// Choosing between the characters the recogniser offered for one printed Chinese character by
// the character's shape. chi_sim's fast model reads clean name print unstably: a sharp 潘文 at
// 34 px came back 肖文, 汤文, 潘文, 肖文, 肖文, 渗文 over six passes, so the vote chose 肖. The
// right character is usually among what the passes read; rendered in a few CJK fonts it
// matches the printed glyph far better than the look-alikes do (潘 and 肖 share little but
// their size). Used by read_text_field for the fields whose settings ask for it.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/engine/tesseract_engine.h"

namespace beian::ocr {

// "glyph_check" of a field's OCR settings (templates/ocr/<reader>.json).
struct GlyphCheckSettings {
  std::vector<std::string> fonts;  // font files the candidates are rendered in (Debian fonts)
  double min_gain = 0.05;          // a candidate replaces the voted character only when its shape
                                   // matches better by at least this much (correlation, -1..1)
  // Confidence of a character its shape decided: chosen over the vote, or the vote's own
  // character matching better than every rival by min_gain (kept when already higher). Below
  // a field's weakest_character threshold, so a shape-decided field is never "sure".
  double shape_confidence = 0.8;
  // "vocabulary": {"charset", "min_match", "min_gain", "min_margin"}: every Chinese character
  // of a character set (an iconv name: "GB2312", 6763 characters) is also a candidate at a
  // position in doubt. chi_sim's fast model reads some characters as another by every pass
  // (翠 as 浴, 避, 蔡 at three scales; 侯 as 修 at 0.96), so the right one is not among what
  // the passes offer. A position is in doubt when the passes disagreed, its confidence is below
  // 0.9 or its reading matches its cell below min_match. A vocabulary character replaces the
  // reading when it matches at least min_match, better than the reading by min_gain (more
  // than the passes' min_gain: thousands of rivals are tried, not a handful) and better than
  // the next vocabulary character by min_margin. Charset empty: off. "unsure_min_match"
  // (optional, default min_match) replaces min_match when the reading itself was unsure (the
  // passes disagreed or its confidence was below 0.9): 翠 read 翟 at 0.8 matched its cell at
  // 0.25 and 翠 at 0.685-0.699, while sure readings in poorly cut cells (幸 at 0.99, matching
  // 0.57) are beaten by a wrong neighbour (宰, 0.68) just as closely.
  struct Vocabulary {
    std::string charset;
    std::vector<std::string> characters;  // decoded at load
    double min_match = 0.7;
    double unsure_min_match = 0.7;
    // "sure_min_gain" (optional, 0 = off): a sure reading that matches its cell (no doubt
    // above) is still replaced by the vocabulary's nearest character when that matches at
    // least sure_min_match and better by sure_min_gain (a photo's 睿 read 春 at 0.90:
    // 春 matched 0.72, 睿 0.90), and beats the next by min_margin.
    double sure_min_match = 0.85;
    double sure_min_gain = 0;
    double min_gain = 0.1;
    double min_margin = 0.05;
  } vocabulary;
  // "surname": {"min_match", "min_gain", "sure_min_gain", "min_margin"}: the field is a person's name, whose
  // first character is a surname (templates/data/surnames.json, ~400). chi_sim reads rare
  // surnames as common characters no family bears (龚 as 克, 熊 as 能, 闫 as 间) at 0.8-0.97,
  // and the full character set holds too many rivals for the vocabulary step to dare. A first
  // character that is no listed surname is compared with every listed one; the best replaces
  // it when it matches at least min_match, better than the next surname by min_margin, and
  // better than the reading by min_gain - by sure_min_gain when the reading was sure (not in
  // doubt as for the vocabulary, and >= 0.9 after the shape steps). A reading that is itself
  // a surname is left alone (董, 周, 徐 in poorly cut cells match other surnames better), and
  // so is a name starting with a compound one (欧阳).
  struct Surname {
    bool enabled = false;
    double min_match = 0.7;
    double min_gain = 0.05;
    double min_margin = 0.03;
    // A sure reading that is no listed surname (闫 read 间 at 0.96 by every pass) is replaced
    // only by a surname matching better by this much: a name without a surname (扎西) is
    // read right and sure, and its shape matches its own reading best.
    double sure_min_gain = 0.1;
    // "common" (optional) {"count", "bonus"}: the list's first `count` entries (it is ordered
    // by how many bear them) are weighed with `bonus` added to their match: in a blurred cell
    // of 周 the rare 蔺 matched 0.47 and 周 about as well, and a hundred surnames are borne by
    // most people. A match must still reach min_match without it.
    int common_count = 0;
    double common_bonus = 0;
    // "listed_min_gain" (optional; given_name only): a reading that is itself listed is
    // weighed too, and gives way to a listed character matching its cell better by this much
    // (强 for 璐 matched its cell 0.16, 璐 0.64). 0: a listed reading stands.
    double listed_min_gain = 0;
  } surname;
  // "given_name": {"min_match", "min_gain", "sure_min_gain", "min_margin"}: the same for the
  // characters after the surname, against characters common in given names
  // (templates/data/given_name_characters.json): on a hard photo chi_sim reads 怡 as 怕 and 雅
  // as 难, characters no parent picks. A reading that is a listed character is left alone.
  Surname given_name;
  // "confusables": true: a reading that is one of a pair chi_sim's fast model confuses in
  // clean print by every pass and at 0.94-0.99 (templates/data/confusables.json: 凤 read 风,
  // 岛 read 鸟) is compared by shape with the pair's other character, whatever its confidence:
  // the other replaces it when it matches better by min_gain; when neither is better by
  // min_gain, the reading is held at shape_confidence (the shape cannot tell, nor can chi_sim).
  bool confusables = false;
  // "after_number": the characters that follow a number in this field (an address: 号, 层,
  // 室…). A Chinese character read right after a digit is also compared with each of them:
  // on a small photo 26层402室 reads 26民402宣, and no pass offers 层 or 室. One between two
  // numbers, or closing the field after one, must be one of them: a reading that is none
  // becomes the one its cell matches best (check_glyphs).
  std::vector<std::string> after_number;
  // "after_number_misread": {"min_match", "min_gain"}: a Chinese character after a number and
  // before more text that is none of after_number (92杞商务楼, 112呈时代广场) becomes the number
  // word its cell matches best when that word matches at least min_match and better than the
  // reading by min_gain; judged even where the neighbours' cells say the line's cut drifted
  // (a drift shifts a digit or the next name's character into the cell, and neither looks like
  // 号 by this much). Off when min_gain is 0.
  struct AfterNumberMisread {
    double min_match = 0;
    double min_gain = 0;
  } after_number_misread;
  // "before_number": the characters that end a name a number follows in this field (an
  // address: the road's 路, 街, 道 before its house number, the building's 园, 港, 楼 before
  // its floor). A Chinese character read between a Chinese character and a digit is also
  // compared with each of them (no pass offered 路 for 创业洛131号 or 园 for 产业欧3层); unlike
  // the number words it is not forced to one: a real name may end otherwise (甲6号).
  std::vector<std::string> before_number;
  // "before_number_misread": {"min_match", "min_gain"}: a Chinese character between a Chinese
  // character and a digit that is none of before_number (东风格19号, 产业因25层) becomes the
  // ending its cell matches best when that ending matches at least min_match and better than
  // the reading by min_gain, which may be below 0: a name ends otherwise rarely, and at the
  // size of a distant photo's print the reading's shape is no better evidence than the
  // ending's. Judged on the ending's own cell, even where the neighbours' cells say the cut
  // drifted (which keeps before_number's candidates from being weighed there). Off when absent.
  struct BeforeNumberMisread {
    bool enabled = false;
    double min_match = 0;
    double min_gain = 0;
  } before_number_misread;
  // "lexicon": {"charset", "shortlist", "min_match", "min_gain", "min_margin"}: the Chinese words
  // the recogniser's own dictionary knows (TesseractEngine::is_word). On a small photo one
  // character of a common word is read as a look-alike no word holds (商业街 as 两业街, 大厦
  // as 太厦, 东风路 as 东只路), and the shapes alone cannot tell which of a few close
  // characters is printed. A Chinese character that forms no word of 2-4 characters with its
  // neighbours is compared with the `shortlist` characters of `charset` nearest its cell's
  // shape (a quick 16 px ranking); of those forming a word with the neighbours as read, the
  // best-matching replaces it when it matches at least min_match, better than the reading by
  // min_gain, and better than the next such character by min_margin (check_words). For text
  // made of words (an address); not for names of people or firms.
  struct Lexicon {
    std::string charset;
    std::vector<std::string> characters;  // decoded at load; empty: off
    size_t shortlist = 100;
    double min_match = 0.5;
    double min_gain = 0.0;
    double min_margin = 0.02;
    // "pair_shortlist" (optional; 0: off): two neighbours that both form no word are also
    // replaced together by the pair of their cells' this many nearest shapes that forms a word
    // with the text around them: each character changed matching its cell better than the
    // reading by "pair_min_gain", the pair's mean match at least min_match and better than the
    // next such pair's by min_margin.
    size_t pair_shortlist = 0;
    double pair_min_gain = 0.1;
    // "pair_keeps_sure" (optional): a pair never changes a character the recogniser read at
    // 0.9 or more (a unit's own word: a clean 石家庄恒达's 恒, its cell cut short, matched 阿
    // better by 0.3, and 阿达 is a word); one character alone still may (sure misreadings of
    // own words, 后明 for 启明, are what the check is for).
    bool pair_keeps_sure = false;
    bool enabled() const { return !characters.empty(); }
  } lexicon;
  bool enabled() const { return !fonts.empty(); }
};

// The Chinese characters (CJK ideographs) of a double-byte character set known to iconv
// ("GB2312": 6763), in code order. Throws when iconv does not know the set.
std::vector<std::string> charset_characters(const std::string& charset);

// How well character `c` rendered in the best of `fonts` matches `cell`, a greyscale crop
// (dark ink on light paper) tight around one printed character: the correlation coefficient
// of both, scaled to one size and softened, -1..1. Thread-safe; glyphs are rendered once per
// thread and font.
double glyph_match(const cv::Mat& cell, const std::string& c, const std::vector<std::string>& fonts);

// The cells of the characters `symbols` printed on `line` of `ink` (dark on light), left to
// right, each tight around its ink: the ink's column runs when there are exactly as many
// (after closing gaps narrower than a tenth of the line's height), else the cuts that best
// combine light columns with each character's expected width (an ASCII letter or digit
// about half an em, anything else one), found by dynamic programming over the columns.
// Empty when the line holds no ink or a character or digit is cut without any; a punctuation
// mark cut without ink (a blurred 、) gets an empty rectangle, and so does a character whose
// cell lies at least half under `glare` (glare_mask of the view; empty: none) with less than
// half the ink of the median cell outside it: a spot fades strokes to flecks that match
// nothing. Ink that ends (or starts) at the spot is taken to run on to the line's end (start).
std::vector<cv::Rect> character_cells(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& symbols,
                                      const cv::Mat& glare = {});

// `symbols` (the voted characters of a field printed on `lines`) with each Chinese character
// replaced by the one of its `candidates` whose shape matches its cell best, when that beats
// the voted one by settings.min_gain. A replaced character, and a voted one that beats every
// rival by min_gain, gets (at least) settings.shape_confidence. candidates[i] are the distinct
// characters offered at position i. With a vocabulary, a position in doubt (the passes
// disagreed, or the voted character is not the clear best shape among the vocabulary's
// nearest) also gets the vocabulary's nearest shapes, which must win by vocabulary_gain.
// Symbols belong to the line their box centre lies in. A character is left as it is when the
// sure readings (>= 0.9) nearest on either side do not match their cells (>= 0.5): a symbol
// the vote lost or invented shifts the cells, and a shifted cell resembles its neighbour
// (seed 80: 号翠苑 came out 号苑苑). So is a cell less than half the line's height: a piece of
// a character (北 cut to its 一).
std::vector<OcrSymbol> check_glyphs(const cv::Mat& ink, const std::vector<cv::Rect>& lines, std::vector<OcrSymbol> symbols,
                                    const std::vector<std::vector<std::string>>& candidates,
                                    const GlyphCheckSettings& settings);

// `symbols` (a field's characters as read, printed on `lines`) with each Chinese character
// between two numbers, or closing the field after one, made one of settings.after_number as
// check_glyphs does line by line; here the numbers may stand on different lines. A value read
// one line at a time (read_value_region) is only seen whole here: 18|只109室 came out so
// (hard licence, seed 143 S0021). Unchanged when after_number is empty.
std::vector<OcrSymbol> check_number_words(const cv::Mat& ink, const std::vector<cv::Rect>& lines,
                                          std::vector<OcrSymbol> symbols, const GlyphCheckSettings& settings);

// Whether a string of Chinese characters is a word (TesseractEngine::is_word).
using IsWord = std::function<bool(const std::string&)>;

// `symbols` (a field's characters as read and checked, printed on `lines`) with each Chinese
// character that forms no word with its neighbours weighed against the close shapes that would
// (GlyphCheckSettings::Lexicon), left to right, each on the text as corrected so far. Words
// may run on from one line to the next. Unchanged when settings.lexicon is off.
std::vector<OcrSymbol> check_words(const cv::Mat& ink, const std::vector<cv::Rect>& lines, std::vector<OcrSymbol> symbols,
                                   const GlyphCheckSettings& settings, const IsWord& is_word);

// The other character of the confusable pair `c` belongs to (templates/data/confusables.json),
// or empty. Loaded once (thread-safe); throws std::runtime_error naming the file when it is
// malformed.
std::string confusable_partner(const std::string& c);

// How well each entry of `vocabulary` (short Chinese names), rendered in the best of `fonts`,
// matches the ink printed on `line`: an entry of k characters is compared with k cells
// (character_cells) and scored by its characters' mean match (-1..1). One score per entry, in
// order; -2 for an empty entry or when the line holds no ink. With `glare` (glare_mask),
// characters whose cells lie under it are not judged (character_cells), and an entry with
// fewer than `min_judged_share` of its characters judged scores -2.
std::vector<double> shape_scores(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                                 const std::vector<std::string>& fonts, const cv::Mat& glare = {},
                                 double min_judged_share = 0);

// Where a text printed on `line` of `ink` (dark on light) may lie, page coordinates: from
// its ink's start to the end of its ink first, then, nearest first, to the ends of the earlier
// column runs that leave at least `min_share` of the ink's extent; at most `max_count`. Each
// spans the rows of the text (the longest run of rows holding a tenth of the fullest row's
// ink). A seal's ring or a fleck of glare beside the text widens the line, the next line's
// digits can reach into it, and cells cut over the widened box fit no character. `ink` and
// `rest_ink` count the ink pixels (Otsu) in those rows inside the box and after it to the
// line's end: a text ending earlier leaves only such flecks, not characters. Empty when the
// line holds no ink.
struct TextExtent {
  cv::Rect box;
  int ink = 0;
  int rest_ink = 0;
};
std::vector<TextExtent> text_extents(const cv::Mat& ink, const cv::Rect& line, double min_share, int max_count);

// When `printed` (a line's characters as the recogniser read them, one symbol per character,
// boxes in `ink`) is trusted to show `other` (a reading of the same length from elsewhere: the
// code a QR code carries) rather than what was read. The licence's values and their
// calibration: templates/ocr/business_licence.json qr_print_check.
struct PrintCheckSettings {
  std::vector<std::string> fonts;  // the print's candidate fonts (Debian fonts)
  int max_differences = 2;    // more differing characters: another code, not a misreading
  double min_context = 0.6;   // median match of the characters both agree on: the boxes fit
  double min_match = 0.75;    // `other`'s character matches each differing box at least this
  double min_gain = 0.15;     // and better than the character read by this much
  // print_confirms: each character read matches its box at least confirm_min_match and
  // better than every rival by confirm_min_gain.
  double confirm_min_match = 0.8;
  double confirm_min_gain = 0.1;
};

// True when 1..max_differences characters differ and at each of them `other`'s character,
// rendered in the best of the fonts, matches the symbol's box as `settings` require.
bool print_shows(const cv::Mat& ink, const std::vector<OcrSymbol>& printed, const std::string& other,
                 const PrintCheckSettings& settings);

// True when the print shows `printed` (one symbol per character, boxes in `ink`) as read:
// each character, rendered in the best of settings.fonts, matches its box at least
// settings.confirm_min_match and better than every other character of `alphabet` by
// settings.confirm_min_gain. A clean print of a code whose check characters fail is then what was
// printed, not a misreading; a blurred one never confirms.
bool print_confirms(const cv::Mat& ink, const std::vector<OcrSymbol>& printed, std::string_view alphabet,
                    const PrintCheckSettings& settings);

// The entry of a closed `vocabulary` (ethnic groups) whose characters, rendered, match the ink
// printed on `line` best: an entry of k characters is compared with k cells (character_cells)
// and scored by its characters' mean match. The best entry when it beats every other by
// settings.min_gain; empty otherwise (also when the line holds no ink).
std::string closest_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                             const GlyphCheckSettings& settings);

}  // namespace beian::ocr
