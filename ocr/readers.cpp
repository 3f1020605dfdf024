#include "ocr/readers.h"

#include "ocr/id_card/id_back_reader.h"
#include "ocr/id_card/id_front_reader.h"
#include "ocr/business_licence/licence_reader.h"
#include "ocr/passport/passport_reader.h"
#include "ocr/permit/permit_reader.h"
#include "ocr/unit_certificate/unit_certificate_reader.h"

namespace beian::ocr {

std::vector<std::unique_ptr<DocumentReader>> make_document_readers() {
  std::vector<std::unique_ptr<DocumentReader>> readers;
  readers.push_back(std::make_unique<IdCardFrontReader>());
  readers.push_back(std::make_unique<IdCardBackReader>());
  // Machine-readable zones next: finding one is cheap and, with its check digits verified,
  // decisive, so a passport is not put through the certificate title OCR.
  readers.push_back(std::make_unique<PassportReader>());
  readers.push_back(std::make_unique<BusinessLicenceReader>());
  readers.push_back(std::make_unique<UnitCertificateReader>());
  // Permits last: their cue (the printed number searched on every card-shaped outline, an
  // A4 page's among them) would cost each licence ~130 ms if asked before the licence's own.
  readers.push_back(std::make_unique<PermitReader>());
  return readers;
}

}  // namespace beian::ocr
