#!/usr/bin/env python3
"""Checks that the panels take their words from the UI catalogues (assets/i18n/*.json, read
through tr() and friends, src/app/i18n.h). Two rules, for every checked file:
  1. No string literal with letters in it is handed to an ImGui call that shows text. Labels
     that are only an ID ("##me", "###p") and format strings without words ("%s", "%d / %d")
     are fine.
  2. In a file that draws with ImGui, no literal reads like words anywhere (a table of labels, a
     helper's argument): letters beyond a lower-case identifier ("all", "status:closed",
     "ebay:from_members" are names). Literals that are not shown are listed in NOT_TEXT.
Catalogue keys (the first argument of tr, trf, trn...) and JSON field names (r.value("added"))
are names, not text. Prints each offence as FILE:LINE: WHERE: "literal".

  check_ui_text.py [ROOT]      exit status 0 when every checked file is clean

Checked: every src/app/*.cpp except those in NOT_YET_CONVERTED below (files being rewritten;
take a file off the list once its texts come from the catalogue).
"""
import os, re, sys

NOT_YET_CONVERTED = set()

# Literals in drawing files that are never shown: bridge errors (English by contract,
# docs/automation.md), a file picker's accept list, a time zone ID.
NOT_TEXT = {
    "main.cpp": {"the inbox is still loading", "the command is not valid JSON", "importJson", "the request is not valid JSON"},
    "menu_bar.cpp": {".json,application/json", ".json,.eml,.mbox,.mbx,.csv,.txt,application/json,message/rfc822,text/csv"},
    "settings_window.cpp": {"America/New_York"},
    # A brand, a template's starting content (English for buyers, a Chinese working title for the
    # agent, a copy's title suffix), a file picker's accept list, a key's name.
    "conversation_details.cpp": {"PayPal"},
    "template_window.cpp": {"Hello {customer_name},\\n\\n\\n\\nBest regards,\\n{agent_name}", "\\u65B0\\u6A21\\u677F",
                            "\\uFF08\\u526F\\u672C\\uFF09", ".json,application/json"},
    "text_field.cpp": {"ctrl+enter", "shift+enter"},
    "training_window.cpp": {".json,application/json"},
}
NAME = re.compile(r"[a-z0-9_:./#\-]*")

# ImGui functions whose string arguments are drawn (a label, a title, a format, a hint, a tooltip),
# or are a popup's title (OpenPopup / IsPopupOpen name the modal the user sees).
SHOWN = {
    "Text", "TextUnformatted", "TextColored", "TextDisabled", "TextWrapped", "LabelText", "BulletText",
    "Button", "SmallButton", "Checkbox", "CheckboxFlags", "RadioButton", "ProgressBar", "Selectable",
    "MenuItem", "BeginMenu", "SetTooltip", "CollapsingHeader", "TreeNode", "TreeNodeEx", "Begin",
    "OpenPopup", "IsPopupOpen", "BeginPopupModal", "InputText", "InputTextWithHint", "InputTextMultiline",
    "InputInt", "InputFloat", "InputDouble", "InputScalar", "SliderInt", "SliderFloat", "DragInt",
    "DragFloat", "Combo", "BeginCombo", "ListBox", "BeginTabItem", "TabItemButton", "TableSetupColumn",
    "TableHeader",
}
# Functions that take a catalogue key (and tr_id an ID after it): their first argument is a key,
# not text. trf/trn also take {"name", value} pairs; a literal value is text.
KEY_TAKERS = {"tr", "trf", "trn", "tr_id", "tr_find", "tr_english"}

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
app_dir = os.path.join(root, "src", "app")


def strip_comments(text):
    # Comments become spaces (line breaks kept, so line numbers hold); strings stay as they are.
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def call_args(text, open_paren):
    # The text between a call's parentheses (balanced, strings skipped) and the index after it.
    depth, i = 0, open_paren
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[open_paren + 1:i], i + 1
        i += 1
    return text[open_paren + 1:], len(text)


LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
TAKER = re.compile(r"\b(%s)\s*\(" % "|".join(sorted(KEY_TAKERS)))
PRINTF = re.compile(r"%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGaAcspn%]")


def without_keys(args):
    # `args` with every key-taking call replaced: its key and ID are not text; the literal values
    # of trf/trn's {"name", value} pairs are kept to be checked.
    out, pos = [], 0
    for m in TAKER.finditer(args):
        if m.start() < pos:
            continue
        inner, end = call_args(args, m.end() - 1)
        out.append(args[pos:m.start()])
        if m.group(1) in ("trf", "trn"):
            inner = LITERAL.sub("", inner, count=1)                       # the key
            inner = re.sub(r'\{\s*"[A-Za-z_]+"\s*,', "{", inner)          # the placeholder names
            out.append(" (" + without_keys(inner) + ") ")
        else:
            out.append(" () ")
        pos = end
    out.append(args[pos:])
    return "".join(out)


# JSON field names read inside a call (r.value("added", 0), c["kept"], e.contains("x")): names, not text.
JSON_ACCESS = re.compile(r'(\.\s*(?:value|contains|at|find|count)\s*\(\s*|\[\s*)"(?:[^"\\]|\\.)*"')


def shown_text(literal):
    # What ImGui shows of a literal: the part before "##", without printf conversions.
    visible = literal.split("##", 1)[0]
    return PRINTF.sub("", visible.replace("\\n", " ").replace("\\t", " ").replace('\\"', '"'))


call_re = re.compile(r"(?:\bImGui::(%s)|->\s*(AddText))\s*\(" % "|".join(sorted(SHOWN, key=len, reverse=True)))
problems, checked = [], []
for name in sorted(os.listdir(app_dir)):
    if not name.endswith(".cpp"):
        continue
    if name in NOT_YET_CONVERTED:
        continue
    checked.append(name)
    text = strip_comments(open(os.path.join(app_dir, name), encoding="utf-8").read())
    found = set()   # (line, literal) already reported by rule 1
    for m in call_re.finditer(text):
        args, _ = call_args(text, m.end() - 1)
        for lit in LITERAL.finditer(JSON_ACCESS.sub(r"\1", without_keys(args))):
            if any(ch.isalpha() for ch in shown_text(lit.group(1))):
                line = text.count("\n", 0, m.start()) + 1
                found.add(lit.group(1))
                problems.append('src/app/%s:%d: ImGui::%s: "%s"' % (name, line, m.group(1) or m.group(2), lit.group(1)))
    if not re.search(r'#\s*include\s*"imgui.h"', text):
        continue
    # Rule 2. Spans are blanked, not removed, so positions (and line numbers) hold.
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    rest = re.sub(r'#\s*include\s*"[^"]*"|extern\s+"C"', blank, text)
    rest = JSON_ACCESS.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), rest)
    for m in TAKER.finditer(rest):
        inner, end = call_args(rest, m.end() - 1)
        if m.group(1) in ("trf", "trn"):
            key = LITERAL.search(inner)
            names = re.finditer(r'\{\s*"[A-Za-z_]+"\s*,', inner)
            spans = ([key.span()] if key else []) + [n.span() for n in names]
            start = m.end()
            for a, b in spans:
                rest = rest[:start + a] + " " * (b - a) + rest[start + b:]
        else:
            rest = rest[:m.end()] + re.sub(r"[^\n]", " ", inner) + rest[m.end() + len(inner):]
    for lit in LITERAL.finditer(rest):
        value = lit.group(1)
        if value in found or value in NOT_TEXT.get(name, ()) or NAME.fullmatch(value):
            continue
        if any(ch.isalpha() for ch in shown_text(value)):
            line = rest.count("\n", 0, lit.start()) + 1
            problems.append('src/app/%s:%d: literal: "%s"' % (name, line, value))

for p in problems:
    print(p)
missing = sorted(f for f in NOT_YET_CONVERTED if not os.path.exists(os.path.join(app_dir, f)))
for f in missing:
    print("note: %s is listed as not yet converted but does not exist" % f)
print("check_ui_text: %d files checked, %d literal UI texts found; not yet converted: %s" % (
    len(checked), len(problems), ", ".join(sorted(NOT_YET_CONVERTED))))
sys.exit(1 if problems else 0)
