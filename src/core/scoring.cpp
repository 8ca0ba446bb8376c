// Scoring a scenario: one small function per criterion, each explaining its points in English and
// Chinese. The table of criteria and their points is in scoring.h.
#include "scoring.h"

#include <algorithm>

#include "checker.h"
#include "text_fold.h"

namespace sd {

namespace {

bool is_answer(const Message& m) {
    return m.direction == Direction::Outbound && m.delivery == Delivery::Sent && !m.auto_reply;
}

std::vector<const Message*> answers_by(const Conversation& c, Time now) {
    std::vector<const Message*> out;
    for (const Message& m : c.messages)
        if (is_answer(m) && m.at <= now) out.push_back(&m);
    return out;
}

// "2 h 5 min" / "2小时5分钟"; the two largest units.
Bilingual duration(int64_t s) {
    s = s < 0 ? -s : s;
    struct Unit { int64_t size; const char* en; const char* zh; };
    static const Unit units[] = {{86400, " d", "天"}, {3600, " h", "小时"}, {60, " min", "分钟"}, {1, " s", "秒"}};
    Bilingual out;
    int shown = 0;
    for (const Unit& u : units) {
        const int64_t n = s / u.size;
        if (n == 0 || shown == 2) continue;
        out.en += (shown ? " " : "") + std::to_string(n) + u.en;
        out.zh += std::to_string(n) + u.zh;
        s -= n * u.size;
        ++shown;
    }
    if (!shown) out = {"0 s", "0秒"};
    return out;
}

ScoreCriterion criterion(const char* id, int points, int max, std::string en, std::string zh) {
    return {id, std::max(0, std::min(points, max)), max, {std::move(en), std::move(zh)}};
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

struct Clock {                 // the first response episode: when it started and its deadline
    Time start = kNoTime, deadline = kNoTime, reply_at = kNoTime;
    std::string policy;        // the policy's name, "" for a scenario's own deadline
};

Clock first_clock(const Scenario& s, const Conversation& c, const ScoringOptions& o, const SlaPolicySet& policies) {
    Clock k;
    for (const Message& m : c.messages) {
        if (m.at > o.now) break;
        if (k.start == kNoTime && m.direction == Direction::Inbound) k.start = m.at;
        else if (k.start != kNoTime && is_answer(m)) {
            k.reply_at = m.at;
            break;
        }
    }
    if (k.start == kNoTime) return k;
    if (s.scoring.deadline_s > 0) {
        k.deadline = k.start + s.scoring.deadline_s;
        return k;
    }
    Conversation unflagged = c;   // a wrong spam flag must not make the deadline disappear
    unflagged.spam = unflagged.edits.suppressed_spam = SpamReason::None;
    std::vector<ResponseEpisode> eps;
    response_episodes(policies, unflagged, o.now, eps);
    if (!eps.empty() && eps.front().deadline != kNoTime) {
        k.deadline = eps.front().deadline;
        k.policy = policies.policies[size_t(eps.front().policy)].name;
    } else {
        k.deadline = k.start + 24 * kHour;   // no policy applies: the common 24 h
    }
    return k;
}

ScoreCriterion score_response_time(const Scenario& s, const Conversation& c, const ScoringOptions& o,
                                   const SlaPolicySet& policies) {
    const int max = 20;
    const Clock k = first_clock(s, c, o, policies);
    if (k.start == kNoTime) return criterion("response_time", 0, max, "No buyer message has arrived yet.", "买家消息尚未到达。");
    const int64_t window = std::max<int64_t>(1, k.deadline - k.start);
    const Bilingual w = duration(window);
    const std::string rule_en = " (deadline " + w.en + (k.policy.empty() ? "" : ", " + k.policy) + ")";
    const std::string rule_zh = "(时限" + w.zh + ")";
    if (k.reply_at == kNoTime) {
        const Bilingual d = duration(o.now - k.deadline);
        if (o.now <= k.deadline)
            return criterion("response_time", 0, max, "Not answered yet: " + d.en + " left" + rule_en + ".",
                             "尚未回复:还剩" + d.zh + rule_zh + "。");
        return criterion("response_time", 0, max, "Not answered, and the deadline passed " + d.en + " ago" + rule_en + ".",
                         "未回复,已超过时限" + d.zh + rule_zh + "。");
    }
    const Bilingual took = duration(k.reply_at - k.start);
    if (k.reply_at <= k.deadline)
        return criterion("response_time", max, max, "First answer after " + took.en + ", within the deadline" + rule_en + ".",
                         "首次回复用时" + took.zh + ",在时限内" + rule_zh + "。");
    const int64_t late = k.reply_at - k.deadline;
    const int points = int(int64_t(max) * std::max<int64_t>(0, window - late) / window);
    const Bilingual l = duration(late);
    return criterion("response_time", points, max,
                     "First answer after " + took.en + ", " + l.en + " late" + rule_en +
                         ": points shrink with the delay and reach zero at twice the deadline.",
                     "首次回复用时" + took.zh + ",超时" + l.zh + rule_zh + ":超时越久得分越低,超过两倍时限为零分。");
}

std::string region_of(const Scenario& s) { return s.order && !s.order->region.empty() ? s.order->region : s.customer.country; }

ScoreCriterion score_reply_rules(const Scenario& s, const std::vector<const Message*>& answers) {
    const int max = 20;
    if (answers.empty())
        return criterion("reply_rules", 0, max, "No reply was sent, so no reply passed the checker.",
                         "没有发送回复,因此没有可通过检查的回复。");
    std::vector<std::string> errors, warnings;
    CheckContext ctx;
    ctx.marketplace = s.marketplace;
    ctx.region = region_of(s);
    for (size_t k = 0; k < answers.size(); ++k) {
        ctx.rounds = int(k);
        for (const Finding& f : check_reply(answers[k]->body, ctx)) {
            if (f.severity == Severity::Error) errors.push_back(f.rule);
            if (f.severity == Severity::Warning) warnings.push_back(f.rule);
        }
    }
    const int points = max - 10 * int(errors.size()) - 4 * int(warnings.size());
    if (errors.empty() && warnings.empty())
        return criterion("reply_rules", max, max, "The reply checker found no error or warning in the replies.",
                         "回复检查未发现任何错误或警告。");
    const std::string e = std::to_string(errors.size()), w = std::to_string(warnings.size());
    return criterion("reply_rules", points, max,
                     "The reply checker found " + e + " error(s)" + (errors.empty() ? "" : " (" + join(errors, ", ") + ")") +
                         " and " + w + " warning(s)" + (warnings.empty() ? "" : " (" + join(warnings, ", ") + ")") +
                         ": 10 points off per error, 4 per warning.",
                     "回复检查发现" + e + "个错误" + (errors.empty() ? "" : "(" + join(errors, "、") + ")") + "和" + w +
                         "个警告" + (warnings.empty() ? "" : "(" + join(warnings, "、") + ")") + ":每个错误扣10分,每个警告扣4分。");
}

Bilingual element_name(ReplyElement e) {
    static const Bilingual names[] = {{"greeting", "问候"}, {"restated problem", "复述问题"},
                                      {"concrete time frame", "具体时间"}, {"numbered options", "编号选项"},
                                      {"sign-off", "落款"}};
    return names[size_t(e)];
}

ScoreCriterion score_elements(const Scenario& s, const std::vector<const Message*>& answers) {
    const int each = 4, max = each * int(s.scoring.elements.size());
    std::vector<ReplyElement> seen;
    for (const Message* m : answers)
        for (ReplyElement e : reply_elements(m->body, s.scoring.restate_keywords)) seen.push_back(e);
    std::vector<std::string> have_en, have_zh, miss_en, miss_zh;
    for (ReplyElement e : s.scoring.elements) {
        const bool has = std::find(seen.begin(), seen.end(), e) != seen.end();
        (has ? have_en : miss_en).push_back(element_name(e).en);
        (has ? have_zh : miss_zh).push_back(element_name(e).zh);
    }
    const int points = each * int(have_en.size());
    if (miss_en.empty())
        return criterion("reply_elements", points, max, "The replies have every required part: " + join(have_en, ", ") + ".",
                         "回复包含所有必需部分:" + join(have_zh, "、") + "。");
    return criterion("reply_elements", points, max,
                     "Missing: " + join(miss_en, ", ") + (have_en.empty() ? "" : "; present: " + join(have_en, ", ")) +
                         " (" + std::to_string(each) + " points each).",
                     "缺少:" + join(miss_zh, "、") + (have_zh.empty() ? "" : ";已有:" + join(have_zh, "、")) + "(每项" +
                         std::to_string(each) + "分)。");
}

ScoreCriterion score_template(const Scenario& s, const std::vector<const Message*>& answers, const ScoringOptions& o) {
    const int max = 10;
    const std::string& want = s.expect.template_family;
    const Template* other = nullptr;
    for (const std::string& id : o.templates_used) {
        const Template* t = o.templates ? o.templates->find(id) : nullptr;
        if (t && t->category == want)
            return criterion("template", max, max, "Template " + id + " (" + want + ") was used.", "使用了模板" + id + "(" + want + ")。");
        if (t) other = t;
    }
    TemplateFingerprints made;
    if (!o.fingerprints && o.templates) made = fingerprint_templates(*o.templates);
    const TemplateFingerprints& prints = o.fingerprints ? *o.fingerprints : made;
    for (const Message* m : answers) {
        const Template* t = recognise_template(prints, s.marketplace, m->body);
        if (t && t->category == want)
            return criterion("template", max, max, "A reply follows template " + t->id + " (" + want + ").",
                             "回复采用了模板" + t->id + "(" + want + ")。");
        if (t) other = t;
    }
    if (other)
        return criterion("template", 0, max, "Template " + other->id + " is for " + other->category + "; this case calls for " + want + ".",
                         "模板" + other->id + "用于" + other->category + ";本案例应使用" + want + "类模板。");
    return criterion("template", 0, max, "No reply follows a template of the family " + want + ".",
                     "没有回复采用" + want + "类模板。");
}

ScoreCriterion score_rounds(int limit, size_t replies) {
    const int max = 10;
    const std::string n = std::to_string(replies), l = std::to_string(limit);
    if (replies == 0) return criterion("rounds", 0, max, "No reply was sent.", "没有发送回复。");
    if (int(replies) <= limit)
        return criterion("rounds", max, max, n + " repl" + (replies == 1 ? "y" : "ies") + ", within the limit of " + l + ".",
                         "回复" + n + "次,未超过" + l + "轮的上限。");
    return criterion("rounds", 0, max, n + " replies: more than the " + l + " rounds a case should take; settle it in fewer.",
                     "回复" + n + "次,超过了" + l + "轮的上限;应更快解决。");
}

}  // namespace

namespace {

// Chinese names of the values the messages mention (the English ones are the JSON names).
const char* zh_name(SpamReason r) {
    static const char* const names[] = {"不是垃圾信息", "垃圾信息(Spam)", "欺诈(Fraud)", "不当内容(Inappropriate)"};
    return names[size_t(r)];
}
const char* zh_name(Status s) {
    static const char* const names[] = {"等待卖家回复", "等待买家回复", "已关闭"};
    return names[size_t(s)];
}
const char* zh_name(RemarkFlag f) {
    static const char* const names[] = {"红旗", "黄旗", "绿旗", "蓝旗", "紫旗"};
    return names[size_t(f)];
}

ScoreCriterion score_spam(SpamReason want, const Conversation& c) {
    const int max = 20;
    const SpamReason got = c.spam != SpamReason::None ? c.spam : c.edits.suppressed_spam;
    const std::string w = to_string(want), g = to_string(got), wz = zh_name(want), gz = zh_name(got);
    if (want == SpamReason::None) {
        if (got == SpamReason::None)
            return criterion("spam", max, max, "Rightly not flagged as spam: it is a genuine buyer's message.",
                             "正确:这是真实买家的消息,没有标记为垃圾信息。");
        return criterion("spam", 0, max, "Flagged as " + g + ", but it is a genuine buyer's message: it must be answered, not flagged.",
                         "被标记为" + gz + ",但这是真实买家的消息:应当回复,不应标记。");
    }
    if (got == want)
        return criterion("spam", max, max, "Rightly flagged as spam with the reason " + w + ".", "正确标记为垃圾信息,原因为" + wz + "。");
    if (got == SpamReason::None)
        return criterion("spam", 0, max, "Not flagged: this unsolicited pre-sale message should be flagged with the reason " + w + ".",
                         "未标记:这条售前骚扰消息应标记为垃圾信息,原因为" + wz + "。");
    return criterion("spam", 0, max, "Flagged with the reason " + g + "; the right reason is " + w + ".",
                     "标记原因为" + gz + ";正确原因应为" + wz + "。");
}

ScoreCriterion score_no_reply(size_t replies) {
    const int max = 10;
    if (replies == 0)
        return criterion("no_reply", max, max, "Rightly left unanswered.", "正确:未作回复。");
    return criterion("no_reply", 0, max, "Answered, although this message needs no answer (an answer also lifts a spam flag).",
                     "这条消息不需要回复,却回复了(回复还会撤销垃圾信息标记)。");
}

ScoreCriterion score_labels(const std::vector<std::string>& want, const Conversation& c) {
    const int max = 10;
    std::vector<std::string> missing;
    for (const std::string& l : want)
        if (!c.has_label(l)) missing.push_back(l);
    const int points = int(int64_t(max) * int64_t(want.size() - missing.size()) / int64_t(want.size()));
    if (missing.empty())
        return criterion("labels", max, max, "Carries the expected labels: " + join(want, ", ") + ".",
                         "已加上应有的标签:" + join(want, "、") + "。");
    return criterion("labels", points, max, "Missing label(s): " + join(missing, ", ") + ".", "缺少标签:" + join(missing, "、") + "。");
}

bool mentions(const std::string& text, const std::vector<std::string>& keywords) {
    if (keywords.empty()) return true;
    const std::string hay = fold(text);
    for (const std::string& k : keywords)
        if (hay.find(fold(k)) != std::string::npos) return true;
    return false;
}

ScoreCriterion score_remark(const ExpectedRemark& want, const Conversation& c) {
    const int max = 10;
    const std::string f = to_string(want.flag), fz = zh_name(want.flag);
    const Remark* near = nullptr;
    for (const Remark& r : c.remarks) {
        if (!mentions(r.text, want.keywords)) continue;
        if (r.flag == want.flag)
            return criterion("remark", max, max, "Order remark with the " + f + " flag: \"" + r.text + "\".",
                             "已写订单备注并标" + fz + ":“" + r.text + "”。");
        near = &r;
    }
    if (near)
        return criterion("remark", max / 2, max, "The remark has the " + std::string(to_string(near->flag)) + " flag; this case takes " + f + ".",
                         "备注旗帜为" + std::string(zh_name(near->flag)) + ";本案例应标" + fz + "。");
    const std::string k = want.keywords.empty() ? "" : " mentioning " + join(want.keywords, " / ");
    return criterion("remark", 0, max, "No order remark" + k + " (expected with the " + f + " flag).",
                     "没有相应的订单备注(应标" + fz + (want.keywords.empty() ? "" : ",提到" + join(want.keywords, "/")) + ")。");
}

ScoreCriterion score_note(const ExpectedNote& want, const Conversation& c) {
    const int max = 10;
    for (const Note& n : c.notes)
        if (mentions(n.text, want.keywords))
            return criterion("note", max, max, "Note recorded: \"" + n.text + "\".", "已记录备注:“" + n.text + "”。");
    const std::string k = want.keywords.empty() ? "" : " mentioning " + join(want.keywords, " / ");
    return criterion("note", 0, max, "No note" + k + ": record what was said outside the message thread (e.g. a phone call).",
                     "没有相应的备注" + (want.keywords.empty() ? std::string() : "(应提到" + join(want.keywords, "/") + ")") +
                         ":在消息之外沟通的内容(如电话)应记录下来。");
}

ScoreCriterion score_status(Status want, const Conversation& c) {
    const int max = 5;
    const std::string w = to_string(want), g = to_string(c.status), wz = zh_name(want), gz = zh_name(c.status);
    if (c.status == want) return criterion("status", max, max, "Status " + w + ", as expected.", "状态为" + wz + ",正确。");
    return criterion("status", 0, max, "Status " + g + "; expected " + w + ".", "状态为" + gz + ";应为" + wz + "。");
}

}  // namespace

ScenarioScore score_scenario(const Scenario& s, const Conversation& c, const ScoringOptions& o) {
    const SlaPolicySet fallback = o.policies ? SlaPolicySet() : make_sla_policies(SlaPreset::Current);
    const SlaPolicySet& policies = o.policies ? *o.policies : fallback;
    const std::vector<const Message*> answers = answers_by(c, o.now);
    ScenarioScore out;
    out.scenario_id = s.id;
    out.title = s.title;
    out.marketplace = s.marketplace;
    std::vector<ScoreCriterion>& v = out.criteria;
    if (s.expect.reply) {
        v.push_back(score_response_time(s, c, o, policies));
        v.push_back(score_reply_rules(s, answers));
        if (!s.scoring.elements.empty()) v.push_back(score_elements(s, answers));
        if (!s.expect.template_family.empty()) v.push_back(score_template(s, answers, o));
        const int limit = s.scoring.max_rounds > 0 ? s.scoring.max_rounds : s.marketplace == Marketplace::Ebay ? 3 : 0;
        if (limit > 0) v.push_back(score_rounds(limit, answers.size()));
    } else {
        v.push_back(score_no_reply(answers.size()));
    }
    if (s.expect.spam) v.push_back(score_spam(*s.expect.spam, c));
    if (!s.expect.labels.empty()) v.push_back(score_labels(s.expect.labels, c));
    if (s.expect.remark) v.push_back(score_remark(*s.expect.remark, c));
    if (s.expect.note) v.push_back(score_note(*s.expect.note, c));
    if (s.expect.status) v.push_back(score_status(*s.expect.status, c));
    for (const ScoreCriterion& k : v) {
        out.total += k.points;
        out.max += k.max;
    }
    return out;
}

}  // namespace sd
