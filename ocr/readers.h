// The one place that lists beian's document readers (zxing-cpp's MultiFormatReader idea):
// a reader for a new document type is added here and nowhere else.
#pragma once

#include <memory>
#include <vector>

#include "ocr/reader.h"

namespace beian::ocr {

// Creates every reader, loading its data files. Throws std::runtime_error naming the file
// when a reader's data is missing or malformed.
std::vector<std::unique_ptr<DocumentReader>> make_document_readers();

}  // namespace beian::ocr
