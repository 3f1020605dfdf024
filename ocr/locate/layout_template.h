// The alignment template of a document type, rendered from its layout
// (templates/layouts/<type>.json): the fixed printed text (titles, labels) as ink, with the
// value boxes, picture areas and the SPECIMEN mark left out of the comparison, since they
// differ from document to document or are not on real ones. Shared by the readers that align
// a located card with what is always printed on it (ID card sides, travel permits).
#pragma once

#include "beian/ocr/document.h"
#include "ocr/locate/template_align.h"

namespace beian::ocr {

// The template of `type`, rendered on first use and kept for the process (thread-safe).
// Requires has_document_layout(type); throws std::out_of_range otherwise.
const AlignmentTemplate& layout_template(DocumentType type);

}  // namespace beian::ocr
