#include "ocr/readers.h"

namespace beian::ocr {

std::vector<std::unique_ptr<DocumentReader>> make_document_readers() {
  std::vector<std::unique_ptr<DocumentReader>> readers;
  return readers;
}

}  // namespace beian::ocr
