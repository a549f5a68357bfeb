"""二、主要工作措施及成效: the three systems (三项制度: 公示, 执法全过程记录, 重大执法决定法制审核), soft
enforcement (柔性执法), training and publicity, the 12345 hotline, and case-file evaluation.

The three systems are always described (every report has them): the institutional wording is a draft for the
official to adapt, the numbers are facts, and a coverage gap is flagged (DOMAIN.md §5.4). The other parts appear
only when their figures exist."""

from __future__ import annotations

from domain.report.document import Block, Paragraph, Subsection
from domain.report.facts import Facts, ParagraphWriter
from domain.report.wording import amount, number, percent

FULL = 10_000  # basis points

_DISCLOSURE_PRACTICE = ("坚持“公开为常态、不公开为例外”原则，将行政检查及行政处罚案件录入行政执法监督平台，"
                        "在政府网站公开权责清单和行政执法决定。")
_RECORDING_PRACTICE = ("在现场检查、调查取证、证据保全、听证、行政强制、送达等执法环节进行音像记录，"
                       "执法音像资料由专人负责保存、归档。")
_REVIEW_PRACTICE = ("镇综合执法局法规科对法定简易程序以外的行政执法决定进行法制审核，审核内容包括执法主体、"
                    "管辖权限、执法程序、事实认定、法律适用以及裁量权的运用等。")
_EQUIPMENT = (("执法记录仪", "body_cameras"), ("摄像机", "camcorders"), ("摄像头", "fixed_cameras"),
              ("物联网手机", "iot_phones"), ("无人机", "drones"))


def measure_subsections(facts: Facts) -> tuple[Subsection, ...]:
    parts = (
        ("落实行政执法“三项制度”", _three_systems(facts)),
        ("落实柔性执法清单制度", _soft_enforcement(facts)),
        ("加强法治培训和普法宣传", _training_and_publicity(facts)),
        ("办理12345市民热线诉求", _hotline(facts)),
        ("开展行政执法案卷评查", _evaluations(facts)),
    )
    return tuple(Subsection(0, title, blocks) for title, blocks in parts if blocks)


def _three_systems(facts: Facts) -> tuple[Block, ...]:
    items = (("行政执法公示制度", _disclosure(facts)), ("执法全过程记录制度", _recording(facts)),
             ("重大执法决定法制审核制度", _legal_review(facts)))
    paragraphs: list[Paragraph] = []
    for number_, (title, writer) in enumerate(items, start=1):
        lead = ParagraphWriter().text(f"{number_}．{title}。")
        lead.runs.extend(writer.runs)
        lead.cites.extend(writer.cites)
        paragraphs.append(lead.build())
    return tuple(paragraphs)


def _disclosure(facts: Facts) -> ParagraphWriter:
    w = ParagraphWriter().draft(_DISCLOSURE_PRACTICE)
    inspections, disclosed = facts.get("inspections_recorded"), facts.get("decisions_disclosed")
    rate, on_time = facts.get("disclosure_rate"), facts.get("disclosure_on_time_rate")
    total = facts.get("penalty_cases_total")
    clauses = []
    if inspections is not None:
        clauses.append(f"共进行执法巡查{w.say(inspections)}")
    if disclosed is not None:
        clauses.append(f"公示{w.say(disclosed)}处罚案件")
    if rate is not None:
        clauses.append(f"公示率{w.say(rate)}")
    if on_time is not None:
        clauses.append(f"按时公示率{w.say(on_time)}")
    if clauses:
        w.text(f"{facts.lead}{'，'.join(clauses)}。")
    due, shown = facts.get("decisions_disclosure_due"), facts.get("decisions_disclosed_in_scope")
    if rate is not None and rate.value < FULL:
        base = f"公示期已届满的一般程序行政处罚决定{w.say(due)}，" if due is not None else ""
        done = f"已公示{w.say(shown)}，" if shown is not None else ""
        w.flag(f"{base}{done}公示率{number(rate)}%，尚未做到应公尽公，请核实未公示原因")
    elif due is None and rate is None and disclosed is not None and total is not None \
            and disclosed.value < total.value:  # figures without the D17 scope (kept by hand): compare with all
        w.cite(total)
        w.flag(f"行政处罚决定{amount(total)}，已公示{amount(disclosed)}（{percent(disclosed.value, total.value)}），"
               f"尚有{total.value - disclosed.value}起未见公示记录，请核实是否属于公示范围")
    if on_time is not None and on_time.value < FULL:
        w.flag(f"按时公示率{number(on_time)}%，部分处罚决定未在规定期限内公示")
    _platform_warnings(facts, w)
    return w


def _platform_warnings(facts: Facts, w: ParagraphWriter) -> None:
    """行政执法监督平台预警3次，已处理3次 (DOMAIN.md §4 P)."""
    raised, resolved = facts.get("platform_warnings"), facts.get("platform_warnings_resolved")
    if raised is None:
        return
    if raised.value == 0:
        w.cite(raised)
        w.text("行政执法监督平台未发出预警。")
        return
    handled = ""
    if resolved is not None:
        handled = "，已全部处理" if resolved.value >= raised.value else f"，已处理{w.say(resolved)}"
        w.cite(resolved)
    w.text(f"行政执法监督平台发出预警{w.say(raised)}{handled}。")
    if resolved is not None and resolved.value < raised.value:
        w.flag(f"尚有{raised.value - resolved.value}次平台预警未见处理记录，请核实")


def _recording(facts: Facts) -> ParagraphWriter:
    w = ParagraphWriter().draft(_RECORDING_PRACTICE)
    devices = [f"{label}{w.say(f)}" for label, key in _EQUIPMENT if (f := facts.get(key)) is not None]
    if devices:
        w.text(f"现有{'、'.join(devices)}等音像记录设备，用于日常执法工作。")
    return w


def _legal_review(facts: Facts) -> ParagraphWriter:
    w = ParagraphWriter().draft(_REVIEW_PRACTICE)
    reviews, general = facts.get("legal_reviews_completed"), facts.get("general_procedure_cases")
    coverage = facts.get("legal_review_coverage")
    if reviews is None:
        return w
    sentence = f"{facts.lead}共审核行政处罚案件{w.say(reviews)}"
    if general is not None and 0 < general.value <= reviews.value:
        w.cite(general)
        sentence += "，覆盖全部一般程序处罚案件"
    w.text(sentence + "。")
    if general is not None and reviews.value < general.value:
        share = number(coverage) + "%" if coverage is not None else percent(reviews.value, general.value)
        w.cite(general, coverage)
        w.flag(f"一般程序处罚案件{amount(general)}，完成法制审核{amount(reviews)}，"
               f"尚有{general.value - reviews.value}起未见法制审核记录（覆盖率{share}）")
    return w


def _soft_enforcement(facts: Facts) -> tuple[Block, ...]:
    listed, soft = facts.get("soft_list_items"), facts.get("soft_enforcement_cases")
    parts = [(label, facts.get(key)) for label, key in (
        ("不予处罚", "no_penalty_cases"), ("从轻处罚", "lighter_penalty_cases"), ("减轻处罚", "reduced_penalty_cases"))]
    if listed is None and soft is None:
        return ()
    w = ParagraphWriter()
    if listed is not None:
        w.text(f"按照“轻微免罚、首违不罚、无过错不罚”的要求，汇总梳理出柔性执法清单{w.say(listed)}，"
               "对列入清单的违法行为，依法不予行政处罚或者减轻行政处罚。")
    if soft is not None:
        known = [(label, f) for label, f in parts if f is not None]
        sentence = f"{facts.since}全镇柔性执法{w.say(soft)}"
        if known:
            sentence += "，其中" + "，".join(f"{label}{w.say(f)}" for label, f in known)
        w.text(sentence + "。")
        listed_parts = sum(f.value for _, f in known)
        if known and listed_parts < soft.value and len(known) == len(parts):
            w.text(f"其余{soft.value - listed_parts}起为检查中依清单责令当场改正、教育提醒等柔性处理。")
        elif listed_parts > soft.value:
            w.flag(f"不予处罚、从轻处罚、减轻处罚合计{listed_parts}起，多于柔性执法总数{soft.value}起，请核对统计口径")
    return (w.build(),)


def _training_and_publicity(facts: Facts) -> tuple[Block, ...]:
    sessions, hours = facts.get("training_sessions"), facts.get("training_hours")
    online = (facts.get("training_sessions_online"), facts.get("training_hours_online"))
    offline = (facts.get("training_sessions_offline"), facts.get("training_hours_offline"))
    w = ParagraphWriter()
    split = []
    for label, (count, length) in (("网络授课", online), ("线下集中授课、交流研讨、案例分析等", offline)):
        if count is not None:
            split.append(f"{label}{w.say(count)}" + (f"，共计{w.say(length)}" if length is not None else ""))
        elif length is not None:
            split.append(f"{label}共计{w.say(length)}")
    if sessions is not None or hours is not None:
        sentence = f"{facts.lead}全镇共组织执法培训"
        sentence += w.say(sessions) if sessions is not None else ""
        if hours is not None:
            sentence += f"{'，' if sessions is not None else ''}共计{w.say(hours)}"
        if split:
            sentence += "，其中" + "，".join(split)
        w.text(sentence + "。")
    elif split:
        w.text(f"我镇执法人员接受{'，'.join(split)}。")
    _audiences(facts, w)
    internal, internal_hours = facts.get("training_sessions_internal"), facts.get("training_hours_internal")
    if internal is not None:
        internal_length = f"，共计{w.say(internal_hours)}" if internal_hours is not None else ""
        w.text(f"同时，镇综合执法局法规科还组织内部培训{w.say(internal)}{internal_length}。")

    events, materials = facts.get("publicity_events"), facts.get("publicity_materials")
    publicity = []
    if events is not None:
        publicity.append(f"开展普法宣传活动{w.say(events)}")
    if materials is not None:
        publicity.append(f"共计发放宣传材料{w.say(materials)}")
    if publicity:
        w.text(f"采取多种方式向群众宣传法律法规，{'，'.join(publicity)}。")
    return () if w.empty else (w.build(),)


def _audiences(facts: Facts, w: ParagraphWriter) -> None:
    """按培训对象分，执法人员参训84学时，辅助执法人员参训12学时 — only when some training was for auxiliaries
    (every session is for officers unless stated, so a split of nothing but officers says nothing new)."""
    auxiliary = facts.get("training_hours_auxiliary")
    if auxiliary is None or not auxiliary.value:
        return
    parts = [(label, facts.get(f"training_sessions_{key}"), facts.get(f"training_hours_{key}"))
             for label, key in (("执法人员", "officers"), ("辅助执法人员", "auxiliary"))]
    said = [f"面向{label}培训{w.say(count)}，共计{w.say(hours)}" for label, count, hours in parts
            if count is not None and hours is not None]
    w.text(f"按培训对象分，{'；'.join(said)}。")


def _hotline(facts: Facts) -> tuple[Block, ...]:
    """Hotline categories are stated separately: they do not reconcile and are never added (DOMAIN.md §5.6)."""
    tickets, calls, referrals = (facts.get(k) for k in (
        "hotline_tickets", "hotline_calls", "hotline_superior_referrals"))
    response, completion = facts.get("hotline_response_rate"), facts.get("hotline_completion_rate")
    if all(f is None for f in (tickets, calls, referrals, response, completion)):
        return ()
    w = ParagraphWriter()
    if tickets is not None:
        w.text(f"{facts.since}12345市民热线平台反馈投诉举报共计{w.say(tickets)}。")
    also = [f"{label}{w.say(f)}" for label, f in (("接听、处理来电投诉", calls), ("接收上级督办", referrals))
            if f is not None]
    if also:
        w.text(f"{'同时，' if tickets is not None else ''}{'；'.join(also)}。")
    rates = [f"{label}{w.say(f)}" for label, f in (("群众诉求回应率", response), ("反映事项办结率", completion))
             if f is not None]
    if rates:
        w.text("，".join(rates) + "。")
    return (w.build(),)


def _evaluations(facts: Facts) -> tuple[Block, ...]:
    evaluated, with_problems = facts.get("case_file_evaluations"), facts.get("case_file_evaluations_with_problems")
    if evaluated is None:
        return ()
    w = ParagraphWriter()
    sessions = facts.get("case_file_evaluation_sessions")
    rounds = f"开展案卷评查{w.say(sessions)}，" if sessions is not None and sessions.value else ""
    sentence = f"{facts.lead}{rounds}共评查行政处罚案卷{w.say(evaluated)}"
    if with_problems is not None:
        w.cite(with_problems)
        sentence += "，没有发现明显问题" if with_problems.value == 0 else f"，其中{amount(with_problems)}发现问题"
    w.text(sentence + "。")
    return (w.build(),)
