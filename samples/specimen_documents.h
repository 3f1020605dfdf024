// One specimen document: what to print (DocumentContent, drawn by paint_document) and the
// truth (canonical field names → true printed values, dates YYYY-MM-DD, open-ended periods
// "长期"). Builders for every document type the generator makes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "samples/document_painter.h"
#include "samples/identity.h"

namespace beian::samples {

struct Specimen {
  DocumentContent content;
  nlohmann::json fields = nlohmann::json::object();  // truth
  std::string variant = "valid";                      // "valid" or the invalid variant's id
};

// `portrait` is the holder's picture for the card (BGRA cut-out or BGR), may be empty.
Specimen id_front_specimen(const Person& p, const cv::Mat& portrait);
Specimen id_back_specimen(const Person& p);
// Business licence (with its QR code), 事业单位法人证书 or 社会团体法人登记证书, by u.certificate.
Specimen unit_certificate_specimen(const Unit& u);
Specimen passport_specimen(const Person& p, const TravelDocument& t, const cv::Mat& portrait);
// 往来港澳通行证 (with its MRZ line), 港澳居民来往内地通行证 or 台湾居民来往大陆通行证, by t.type.
Specimen permit_specimen(const Person& p, const TravelDocument& t, const cv::Mat& portrait);

// The astronaut (samples/portrait_specimen.h) as a card portrait: head and shoulders, BGRA
// (alpha = the person), in the 250:330 proportions of the ID card's portrait box. Cached.
const cv::Mat& card_portrait();

// A QR code of `text` as an 8-bit grey image, one pixel per module with a 4-module margin.
cv::Mat qr_code(const std::string& text);

}  // namespace beian::samples
