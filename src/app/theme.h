// Fonts and colours of the ImGui interface.
#pragma once
#include "core/model.h"
#include "core/sla.h"

struct ImVec4;

// The interface's text is `px` CSS px (a preference, 15 by default), rasterised at the DPR;
// the style's paddings and spacings scale with it.
void load_fonts(float dpr, float px);
void apply_theme(float px = 15.0f);
const ImVec4& marketplace_color(sd::Marketplace m);
const ImVec4& sla_color(sd::SlaState s);
const ImVec4& remark_flag_color(sd::RemarkFlag f);
// A small filled square in the flag's colour, inline with the text that follows.
void remark_flag_swatch(sd::RemarkFlag f);
