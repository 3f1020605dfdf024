// What is known about one uploaded image before and while readers look at it: the
// normalised pixels, the candidate document quads, faces, and rectified views. Computed
// lazily and once, then shared by every reader's classify() and read().
//
// Thread safety: one PageAnalysis serves one recognition on one thread.
#pragma once

#include <any>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/image/normalise.h"
#include "ocr/locate/document_quad.h"

namespace beian::ocr {

class PageAnalysis {
 public:
  PageAnalysis(NormalisedImage image, std::string file);

  const NormalisedImage& image() const { return image_; }
  const cv::Mat& bgr() const { return image_.bgr; }
  const std::string& file() const { return file_; }

  // Candidate document quads, best first, the whole-image quad last (document_quad.h).
  const std::vector<DocumentQuad>& quads() const;

  // Upright frontal faces (Haar cascade) in the normalised image, largest first.
  const std::vector<cv::Rect>& faces() const;

  // Adds a quad found by a reader (e.g. refined by aligning to a template) and returns its
  // index for quad() and view(); quads() itself is unchanged.
  size_t add_quad(const DocumentQuad& quad) const;
  // quads()[index], or a quad added with add_quad().
  const DocumentQuad& quad(size_t index) const;

  // quad(quad_index) warped to `size` with `quarter_turns` (see rectify_quad), cached.
  const cv::Mat& view(size_t quad_index, cv::Size size, int quarter_turns) const;

  // The normalised image halved `level` times (level 0 = bgr()), built on demand.
  const cv::Mat& pyramid_level(int level) const;

  // True when the image looks blank: almost no contrast anywhere.
  bool blank() const;

  // A value computed once per page and shared by the readers that need it (e.g. the ID card
  // sides both use one ranking of card hypotheses): compute() runs on the first call for
  // `key`, later calls return the stored value. REQUIRES: every call for one key uses one T.
  template <typename T, typename Compute>
  const T& shared(const std::string& key, Compute compute) const {
    auto it = shared_.find(key);
    if (it == shared_.end()) it = shared_.emplace(key, std::any(T(compute()))).first;
    return *std::any_cast<T>(&it->second);
  }

 private:
  NormalisedImage image_;
  std::string file_;
  mutable bool have_quads_ = false;
  mutable std::vector<DocumentQuad> quads_;
  mutable std::vector<DocumentQuad> added_quads_;
  mutable bool have_faces_ = false;
  mutable std::vector<cv::Rect> faces_;
  mutable std::map<std::tuple<size_t, int, int, int>, cv::Mat> views_;
  mutable std::vector<cv::Mat> pyramid_;  // bgr halved per level, built on demand
  mutable std::map<std::string, std::any> shared_;
};

}  // namespace beian::ocr
