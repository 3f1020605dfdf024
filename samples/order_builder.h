// Builds one specimen order: draws its people and unit, renders and photographs their
// documents, makes the verification photo, and writes the order.json manifest
// (docs/order-manifest.md) consistent with what the documents show. Invalid variants change
// one document and are flagged in that image's truth; the manifest then states what the
// document shows, so the rules can find the problem.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "samples/photograph.h"
#include "samples/text_painter.h"

namespace beian::samples {

// The invalid variants (truth "variant" ids).
inline constexpr const char* kVariantValid = "valid";
inline constexpr const char* kVariantBadCheckDigit = "bad_check_digit";     // ID number or credit code
inline constexpr const char* kVariantExpired = "expired";                   // ID card expired on the filing date
inline constexpr const char* kVariantAgeRule = "age_rule";                  // ID validity not the age rule's
inline constexpr const char* kVariantLegalRepMismatch = "legal_rep_mismatch";  // licence legal rep ≠ owner

struct OrderOptions {
  uint64_t seed = 1;
  std::vector<Level> levels = all_levels();  // levels used in turn for the document images
  Date reference{2026, 11, 22};              // latest filing date; filing dates fall up to 30 days before
  double invalid_rate = 0.2;                 // share of orders with one invalid variant
  bool portraits = true;                     // add the website owner's verification photo
};

struct GeneratedImage {
  std::string file;             // "IMG_4821.jpg"
  DocumentType type = DocumentType::kUnknown;
  std::string level;            // "clean", "photo", "hard" (portraits: "photo")
  std::string variant = kVariantValid;
  nlohmann::json fields = nlohmann::json::object();
  std::string defect;           // portraits only: the PortraitDefect id
  std::vector<unsigned char> bytes;
};

struct GeneratedOrder {
  std::string order_id;         // "S0001"
  nlohmann::json manifest;
  std::vector<GeneratedImage> images;
};

// Order number `index` (0-based) of a set; deterministic for (options.seed, index).
GeneratedOrder build_order(int index, const OrderOptions& options, TextPainter& painter);

}  // namespace beian::samples
