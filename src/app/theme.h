// Fonts and colours of the ImGui interface.
#pragma once
#include "core/model.h"
#include "core/sla.h"

struct ImVec4;

void load_fonts(float dpr);
void apply_theme();
const ImVec4& marketplace_color(sd::Marketplace m);
const ImVec4& sla_color(sd::SlaState s);
const ImVec4& remark_flag_color(sd::RemarkFlag f);
// A small filled square in the flag's colour, inline with the text that follows.
void remark_flag_swatch(sd::RemarkFlag f);
