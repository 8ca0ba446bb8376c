// The panels and windows of the interface, one file each; each draws from AppState and changes
// it only through commands (commands.h).
#pragma once
#include <string>

struct AppState;
namespace sd { struct Conversation; struct Message; }
struct MetricCard;

void draw_menu_bar(AppState& app);           // menu_bar.cpp
void draw_status_banner(AppState& app);      // menu_bar.cpp
void draw_folder_pane(AppState& app);
void draw_list_pane(AppState& app);
void draw_thread_pane(AppState& app);
// conversation_details.cpp: at most max_h tall; folded on a low screen until the user opens it.
void draw_conversation_details(AppState& app, const sd::Conversation& c, float max_h, bool open_by_default);
void draw_composer(AppState& app, const sd::Conversation& c);          // composer_panel.cpp
float composer_height(const AppState& app, float pane_h);               // what draw_composer needs
bool draw_template_picker(AppState& app, const sd::Conversation& c);   // true while open
void draw_template_window(AppState& app);
void draw_import_windows(AppState& app);     // import_window.cpp: progress, report, export dialog
// mail_windows.cpp: the first-visit question, the import dialog of dropped files, new conversation,
// add a buyer's message, clear the inbox; draw_mail_menu_items() in the Inbox menu, the demo badge
void draw_mail_windows(AppState& app);
void draw_mail_menu_items(AppState& app);
void draw_demo_badge(const AppState& app);
void save_reply_eml(AppState& app, const sd::Conversation& c);   // the thread's Save reply as .eml: a download
void draw_add_buyer_message(AppState& app);   // the button under the thread's last message
void draw_attachments(const sd::Message& m);
void draw_dialogs(AppState& app);
void draw_settings_window(AppState& app);
void draw_clock_window(AppState& app);
void draw_training_window(AppState& app);   // training_window.cpp: View > Training…
void draw_training_badge(const AppState& app);   // the TRAINING badge of the menu bar
void draw_tour(AppState& app);               // tour_overlay.cpp: the guided tour's highlight and caption
void draw_shortcut_sheet(AppState& app);     // keyboard.cpp
void draw_undo_notice(AppState& app);        // undo_notice.cpp
void draw_find_bar(AppState& app);           // find_bar.cpp: Ctrl+F, at the top of the thread
void draw_text_size_window(AppState& app);   // text_size_window.cpp: View > Text size
// View > Performance (dashboard_window.cpp), the open card's conversations (dashboard_list.cpp),
// the projection panel (projection_window.cpp), the worst metric in the menu bar (metric_strip.cpp).
void draw_dashboard_window(AppState& app);
void draw_card_conversations(AppState& app, const MetricCard& card);
void draw_projection_window(AppState& app);
void draw_metric_strip(AppState& app, float right_x);
void remember_item_rect(AppState& app, const std::string& name);   // the last item's rect in state().dashboard.rects   // ends at right_x when it fits after the menus
// registers_window.cpp: Team > Registers…, and the thread's "Add to register…" popup and button.
void draw_registers_window(AppState& app);
// The thread pane's "Add to register…" popup for `c` (opened with ImGui::OpenPopup("##register")).
void draw_register_popup(AppState& app, const sd::Conversation& c);
// Whether the thread offers "Add to register…" for `c`: a Tmall conversation with an order.
bool offers_register(const sd::Conversation& c);
// The thread pane drew "Add to register…" (the last item): its place goes to state().registers.layout.
void register_action_drawn(AppState& app);
// handover_window.cpp: the handover at start, Team > Handovers… and End shift…, the Team menu's
// items, and the VIP follow-up row of a conversation's details
void draw_handover_windows(AppState& app);
void draw_handover_menu_items(AppState& app);
void draw_vip_row(AppState& app, const sd::Conversation& c);
void draw_sync_window(AppState& app);                    // sync_window.cpp: Team > Sync…
std::string sync_status_text(const AppState& app);       // sync_window.cpp: the menu bar's "Synced 14:32 · 3 to send"
