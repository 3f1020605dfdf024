// Face sub-regions and pixel statistics shared by the checks (analysis-copy pixels). Every
// rectangle returned is clipped to the image and may be empty.
#pragma once

#include <functional>

#include <opencv2/core.hpp>

#include "pipeline/photo/context.h"

namespace beian::photo {

// The skin core of the face: cheeks, nose and mouth, no hair or background
// (x 0.2-0.8 and y 0.3-0.9 of the face box).
cv::Rect face_core(const PhotoContext& ctx);
// A box around one eye centre: `width` and `height` in inter-eye distances.
cv::Rect eye_region(const PhotoContext& ctx, const cv::Point2f& eye, double width, double height);
// The mouth: centred below the eyes, from `top` to `bottom` eye-to-chin distances below the
// eye line, `width` inter-eye distances wide.
cv::Rect mouth_region(const PhotoContext& ctx, double top, double bottom, double width);
// The band above the face box: from `from` to `to` face heights above the box top, as wide as
// the box times `width`.
cv::Rect above_face(const PhotoContext& ctx, double from, double to, double width);
// Beside the face at ear height on the `left` or right side: `width` face widths out from the
// box edge, from the eye line to `depth` face heights below it.
cv::Rect ear_region(const PhotoContext& ctx, bool left, double width, double depth);

cv::Rect clip(const PhotoContext& ctx, const cv::Rect& r);

// Mean luma (0-255) of the grey analysis copy over `r`.
double mean_luma(const PhotoContext& ctx, const cv::Rect& r);
// The luma (0-255) that a share `q` (0-1) of the pixels of `r` do not exceed.
double luma_percentile(const PhotoContext& ctx, const cv::Rect& r, double q);
// Fraction of the pixels of `r` whose Lab value (L* 0-100, a*, b*) satisfies `pred`.
double lab_fraction(const PhotoContext& ctx, const cv::Rect& r,
                    const std::function<bool(double L, double a, double b)>& pred);
// Mean CIELAB (L*, a*, b*) over `r`.
cv::Vec3d mean_lab(const PhotoContext& ctx, const cv::Rect& r);

// CIE76 colour difference.
double delta_e(const cv::Vec3d& x, const cv::Vec3d& y);

}  // namespace beian::photo
