// The stages an order runs through, in order, built in one place (like zxing-cpp's
// MultiFormatReader builds its list of readers). A new stage is one file plus one line here.
#pragma once

#include "pipeline/stage.h"

namespace beian {

struct EngineResources;  // shared heavy resources owned by the Engine (pipeline/engine_resources.h)

StageList make_default_stages(const EngineResources& resources);

}  // namespace beian
