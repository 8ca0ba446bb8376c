// Every command's handler, by file; commands.cpp puts them in the table. A handler reads and
// checks all of its fields before it changes anything, and stages its ops with stage_edit().
#pragma once
#include <nlohmann/json.hpp>

struct AppState;

// cmd_view.cpp: what is shown (nothing here is saved)
nlohmann::json cmd_select(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_filter(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_search(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_sort(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_clock(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_move(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_open(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_multi_select(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_window(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_language(AppState& app, const nlohmann::json& cmd);   // a browser preference, not inbox data

// cmd_conversation.cpp: one conversation's state, remarks and notes
nlohmann::json cmd_mark_read(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_mark_unread(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_reply(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_set_delivery(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_label(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_flag_spam(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_set_status(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_assign(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_add_remark(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_add_note(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_new_message(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_add_defect(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_projection(AppState& app, const nlohmann::json& cmd);

// cmd_bulk.cpp: one action over the multi-selection
nlohmann::json cmd_bulk(AppState& app, const nlohmann::json& cmd);

// cmd_reply.cpp: the draft and what is done with it
nlohmann::json cmd_draft(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_save_draft(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_insert_template(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_mark_sent(AppState& app, const nlohmann::json& cmd);

// cmd_settings.cpp: settings, SLA policies, templates, the whole inbox, tabs
nlohmann::json cmd_settings(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_sla_preset(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_team_target(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_sla_policies(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_template_save(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_template_delete(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_undo_import(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_reset_demo(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_take_over(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_shortcuts(AppState& app, const nlohmann::json& cmd);

// cmd_mail.cpp: real data in (first visit, clearing, typed-in conversations), replies out (outbox)
nlohmann::json cmd_start(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_clear_inbox(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_new_conversation(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_add_message(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_outbox(AppState& app, const nlohmann::json& cmd);

// undo.cpp: the last destructive command, put back
nlohmann::json cmd_undo(AppState& app, const nlohmann::json& cmd);

// cmd_reading.cpp: find in the open thread, the text size (neither is saved with the inbox)
nlohmann::json cmd_find(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_font_size(AppState& app, const nlohmann::json& cmd);

// cmd_registers.cpp: the Tmall registers (registers_app.h)
nlohmann::json cmd_register_add(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_register_set_status(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_register_export(AppState& app, const nlohmann::json& cmd);

// cmd_handover.cpp: the shift handover and the VIP follow-up (handover.h)
nlohmann::json cmd_end_shift(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_handover_seen(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_customer_vip(AppState& app, const nlohmann::json& cmd);

// cmd_sync.cpp: the live sync with a CouchDB database (team_sync.h)
nlohmann::json cmd_sync_configure(AppState& app, const nlohmann::json& cmd);
nlohmann::json cmd_sync_stop(AppState& app, const nlohmann::json& cmd);
