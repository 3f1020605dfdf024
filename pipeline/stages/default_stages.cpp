#include "pipeline/stages/default_stages.h"

#include "pipeline/engine_resources.h"
#include "pipeline/stages/intake_stage.h"
#include "pipeline/stages/photo_stage.h"
#include "pipeline/stages/read_documents_stage.h"
#include "pipeline/stages/render_stage.h"
#include "pipeline/stages/report_stage.h"
#include "pipeline/stages/rules_stage.h"

namespace beian {

StageList make_default_stages(const EngineResources& resources) {
  StageList stages;
  stages.push_back(std::make_unique<IntakeStage>());
  stages.push_back(std::make_unique<ReadDocumentsStage>(*resources.recognizer));
  stages.push_back(std::make_unique<PhotoStage>());
  stages.push_back(std::make_unique<RulesStage>());
  stages.push_back(std::make_unique<RenderStage>(*resources.renderer));
  stages.push_back(std::make_unique<ReportStage>());
  return stages;
}

}  // namespace beian
