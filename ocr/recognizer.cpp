#include "ocr/recognizer.h"

#include <algorithm>
#include <exception>
#include <optional>

#include "ocr/classify/non_document.h"
#include "ocr/engine/engine_pool.h"
#include "ocr/page_analysis.h"
#include "ocr/reader.h"
#include "ocr/readers.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

bool reads(const DocumentReader& reader, DocumentType type) {
  const auto types = reader.types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

const NonDocumentSettings& settings() {
  static const NonDocumentSettings s = load_non_document_settings();
  return s;
}

}  // namespace

Recognizer::Recognizer(RecognizerOptions options)
    : options_(std::move(options)),
      pool_(std::make_unique<OcrEnginePool>(options_.tessdata_dir, options_.max_engines)),
      readers_(make_document_readers()) {
  settings();  // fail now, naming the file, rather than on the first image
  load_message_catalogue();
  if (options_.warm_engines) pool_->warm_up(options_.warm_engines);
}

Recognizer::~Recognizer() = default;

std::vector<DocumentType> Recognizer::recognisable_types() const {
  std::vector<DocumentType> out;
  for (const auto& r : readers_)
    for (auto t : r->types())
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  out.push_back(DocumentType::kPortrait);
  out.push_back(DocumentType::kNotDocument);
  return out;
}

DocumentResult Recognizer::recognize_bytes(std::string_view bytes, const std::string& file,
                                           std::optional<DocumentType> hint) const {
  auto decoded = decode_image(bytes, file, options_.decode);
  if (!decoded.ok()) {
    DocumentResult r;
    r.file = file;
    r.findings = std::move(decoded.findings);
    return r;
  }
  auto result = recognize(decoded.bgr, file, hint);
  result.findings.insert(result.findings.begin(), decoded.findings.begin(), decoded.findings.end());
  return result;
}

DocumentResult Recognizer::recognize(const cv::Mat& image, const std::string& file,
                                     std::optional<DocumentType> hint) const {
  DocumentResult result;
  result.file = file;
  if (image.empty()) {
    result.findings.push_back(make_finding("OCR_IMAGE_BLANK", {}, file));
    return result;
  }
  auto lease = pool_->acquire();
  OcrContext context(lease.engine(), options_.today.value_or(Date::today()));
  PageAnalysis page(normalise_image(image, options_.normalise), file);
  context.mark("normalise");
  page.quads();  // every reader starts from them; timed on their own
  context.mark("locate");

  // Every reader's claims; with a hint only the readers of that type are asked. Cheap cues
  // first: a decisive one (e.g. a licence's QR code carrying a valid credit code under its
  // title) spares every reader's full classification.
  std::vector<Classification> claims;
  for (const auto& reader : readers_) {
    if (hint && !reads(*reader, *hint)) continue;
    if (!claims.empty()) break;
    try {
      for (auto& c : reader->classify_by_cues(page, context))
        if (c.confidence >= settings().decisive_confidence) {
          c.reader = reader.get();
          claims.push_back(std::move(c));
        }
    } catch (const std::exception& e) {
      log().error("{}: classification by cues failed: {}", file, e.what());
    }
    context.mark("classify.cues." + std::string(to_string(reader->types().front())));
  }
  for (const auto& reader : readers_) {
    if (hint && !reads(*reader, *hint)) continue;
    // A decisive claim (an ID card matching its printed template without a rival) is not
    // overturned by the later readers; asking them anyway costs most of the time per card.
    const bool decided = std::any_of(claims.begin(), claims.end(), [](const auto& c) {
      return c.confidence >= settings().decisive_confidence;
    });
    if (decided) break;
    try {
      for (auto& c : reader->classify(page, context, hint)) {
        c.reader = reader.get();
        claims.push_back(std::move(c));
      }
    } catch (const std::exception& e) {
      log().error("{}: classification failed: {}", file, e.what());
    }
    // Per reader, so a benchmark shows which one the classification time goes to.
    context.mark("classify." + std::string(to_string(reader->types().front())));
  }
  context.mark("classify");
  std::stable_sort(claims.begin(), claims.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  const Classification* best = claims.empty() ? nullptr : &claims.front();

  // A weak claim does not stand against a sure portrait (see NonDocumentSettings); the
  // verdict, once made, is the result.
  std::optional<NonDocumentVerdict> verdict;
  if (best && !hint && best->confidence < settings().portrait_over_claim_below) {
    verdict = classify_non_document(page, settings(), best);
    if (verdict->type == DocumentType::kPortrait && verdict->confidence >= settings().portrait_over_claim_sure) best = nullptr;
  }
  if (best && (best->confidence >= settings().accept_confidence || hint)) {
    auto read_claim = [&](const Classification& claim) {
      DocumentResult r;
      try {
        r = claim.reader->read(page, claim, context);
      } catch (const std::exception& e) {
        log().error("{}: reading failed: {}", file, e.what());
        r = DocumentResult{};
        r.findings.push_back(make_finding("OCR_READER_FAILED", {{"reason", e.what()}}, file));
      }
      r.file = file;
      r.type = claim.type;
      // A reader may lower its claim once it has read the page and the content does not bear
      // out the look (OCR_TYPE_UNCONFIRMED); 0 means it did not judge.
      r.type_confidence = r.type_confidence > 0 ? std::min(r.type_confidence, claim.confidence) : claim.confidence;
      return r;
    };
    result = read_claim(*best);
    // A lowered claim no longer stands above the next one of another type: that one is read,
    // and kept unless its reader lowers it too (seeds 86/87: distant licences turned half
    // round looked like ID backs at 0.71-0.85, their titles read as a licence's at 0.69-0.84,
    // and the ID reader found none of its fields).
    if (!hint && result.type_confidence < best->confidence) {
      const auto next = std::find_if(claims.begin(), claims.end(), [&](const Classification& c) {
        return c.type != best->type && c.confidence >= settings().accept_confidence && c.confidence > result.type_confidence;
      });
      if (next != claims.end()) {
        DocumentResult other = read_claim(*next);
        if (other.type_confidence >= next->confidence) result = std::move(other);
      }
    }
    if (hint && best->confidence < settings().accept_confidence)
      result.findings.insert(result.findings.begin(),
                             make_finding("OCR_TYPE_MISMATCH", {{"expected", std::string(display_name_zh(*hint))}}, file));
  } else {
    if (!verdict) verdict = classify_non_document(page, settings(), best);
    result.type = verdict->type;
    result.type_confidence = verdict->confidence;
    result.findings = std::move(verdict->findings);
    if (hint)
      result.findings.insert(result.findings.begin(),
                             make_finding("OCR_TYPE_MISMATCH", {{"expected", std::string(display_name_zh(*hint))}}, file));
  }
  context.mark("read");
  result.timings_ms = context.timings();
  double total = 0;
  for (const auto& [step, ms] : result.timings_ms) total += ms;
  result.timings_ms.emplace_back("total", total);
  return result;
}

}  // namespace beian::ocr
