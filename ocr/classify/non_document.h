// The verdict when no reader claims an image: a portrait (the owner's verification photo:
// one large upright face, no document around it), a blank image, or not a document at all.
#pragma once

#include <vector>

#include "beian/finding.h"
#include "ocr/page_analysis.h"
#include "ocr/reader.h"

namespace beian::ocr {

struct NonDocumentSettings {
  double accept_confidence = 0.5;        // a reader's claim below this is not trusted
  double uncertain_claim = 0.25;         // a rejected claim at least this strong gives "unknown"
  double decisive_confidence = 1.0;      // a claim this strong ends classification: the readers
                                         //   after it are not asked (> 0.99 = always ask all)
  double portrait_min_face_fraction = 0.01;   // face box / image area for a portrait
  double portrait_full_face_fraction = 0.04;  // at or above this, portrait confidence is ~1
  double document_edge_support = 0.6;    // a quad this well outlined counts as a document
  double document_min_area = 0.12;       // ... when it covers at least this much of the frame
  // A sure portrait (confidence at least portrait_over_claim_sure: a large face that no
  // outlined document contains) beats an accepted claim below portrait_over_claim_below: the
  // ID-front template, whose picture area is masked out, still matches a person in front of
  // a plain wall at 0.50-0.55. 0 disables.
  double portrait_over_claim_below = 0.0;
  double portrait_over_claim_sure = 1.0;
};

// Loads templates/ocr/classifier.json (throws std::runtime_error naming the file).
NonDocumentSettings load_non_document_settings();

// portrait / not_document with a confidence and the finding that explains it.
struct NonDocumentVerdict {
  DocumentType type = DocumentType::kNotDocument;
  double confidence = 0.0;
  std::vector<Finding> findings;
};

// `best_claim`: the strongest (rejected) reader claim, if any, named in the finding.
NonDocumentVerdict classify_non_document(const PageAnalysis& page, const NonDocumentSettings& settings,
                                         const Classification* best_claim);

}  // namespace beian::ocr
