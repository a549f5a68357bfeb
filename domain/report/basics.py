"""一、基本情况: the enforcement team, the cases (with the year-over-year comparison and the filed/decided
reconciliation), the campaigns, and the other administrative acts. Every part is written only from figures that
exist; a part without figures is left out (and the numbering closes up)."""

from __future__ import annotations

from domain.report.causes import cause_paragraph
from domain.report.charts import case_charts
from domain.report.document import Block, Paragraph, Subsection
from domain.report.facts import Facts, ParagraphWriter
from domain.report.tallies import tally_clauses
from domain.report.wording import amount, change_word, month_day_zh, percent, yuan
from domain.statistics.figures import Figure, Qualifier


def basic_subsections(facts: Facts) -> tuple[Subsection, ...]:
    parts = (
        ("执法队伍和执法职责", _team(facts)),
        ("行政执法案件情况", _cases(facts)),
        ("专项治理情况", _campaigns(facts)),
        ("其他行政执法行为", _other_acts(facts)),
    )
    return tuple(Subsection(0, title, blocks) for title, blocks in parts if blocks)


def _paragraphs(*writers: ParagraphWriter) -> tuple[Paragraph, ...]:
    return tuple(writer.build() for writer in writers if not writer.empty)


def _team(facts: Facts) -> tuple[Block, ...]:
    staff, officers, auxiliary, logistics = (facts.get(k) for k in (
        "staff_total", "officers_in_post", "auxiliary_staff", "logistics_staff"))
    at_start, cancelled, certified = (facts.get(k) for k in (
        "officers_at_start", "certificates_cancelled", "officers_certified"))
    reviewers, advisors = facts.get("legal_reviewers"), facts.get("legal_advisors")
    supervisors = facts.get("enforcement_supervisors")
    items, domains = facts.get("enforcement_items_count"), facts.get("enforcement_domains_count")

    w = ParagraphWriter()
    auxiliary_said = False
    if staff is not None:
        parts = [f"{label}{w.say(f)}" for label, f in (
            ("执法人员", officers), ("辅助执法人员", auxiliary), ("后勤人员", logistics)) if f is not None]
        w.text(f"目前，全镇共有工作人员{w.say(staff)}" + (f"，其中{'、'.join(parts)}" if parts else "") + "。")
        auxiliary_said = auxiliary is not None
    if at_start is not None:
        sentence = f"本年度，全镇原有{w.say(at_start)}行政执法人员"
        if cancelled is not None and cancelled.value:
            sentence += f"，注销执法证{w.say(cancelled)}"
        if officers is not None:
            sentence += f"，现实际有{w.say(officers)}执法人员"
        if auxiliary is not None and not auxiliary_said:
            sentence += f"，{w.say(auxiliary)}辅助执法人员"
            auxiliary_said = True
        w.text(sentence + "。")
    elif staff is None and (officers is not None or auxiliary is not None):
        parts = [f"{label}{w.say(f)}" for label, f in (("执法人员", officers), ("辅助执法人员", auxiliary))
                 if f is not None]
        w.text(f"目前，全镇共有{'、'.join(parts)}。")
    if certified is not None:
        if officers is not None and certified.value == officers.value:
            w.cite(certified)
            w.text("执法人员均持有执法证件。")
        elif officers is not None and certified.value < officers.value:
            w.text(f"其中持有执法证件{w.say(certified)}。")
            w.flag(f"尚有{officers.value - certified.value}名执法人员未持有有效执法证件，请核实")
        else:
            w.text(f"持有执法证件的执法人员{w.say(certified)}。")
    _certified_change(facts, w)
    legal = [f"{label}{w.say(f)}" for label, f in (
        ("配备法制审核人员", reviewers), ("安排行政执法监督人员", supervisors), ("聘请法律顾问", advisors))
        if f is not None and f.value]
    if legal:
        w.text("，".join(legal) + "。")

    scope = ParagraphWriter()
    if items is not None or domains is not None:
        sentence = "我镇依法集中行使行政处罚权及相应的行政检查权、行政强制权"
        if items is not None:
            sentence += f"，承接行政执法事项{scope.say(items)}"
        if domains is not None:
            sentence += f"，涉及{scope.say(domains)}执法领域"
        scope.text(sentence + "。")
    return _paragraphs(w, scope)


def _certified_change(facts: Facts, w: ParagraphWriter) -> None:
    """持证执法人员较去年增加2人 — only against a last year whose roster is known (never against an assumed 0)."""
    now, before = facts.get("officers_certified"), facts.previous("officers_certified")
    if now is None or before is None:
        return
    w.cite(now, before)
    difference = now.value - before.value
    if difference == 0:
        w.text(f"持证执法人员与去年{amount(before)}持平。")
    else:
        w.text(f"持证执法人员较去年{'增加' if difference > 0 else '减少'}{abs(difference)}人。")


def _cases(facts: Facts) -> tuple[Block, ...]:
    headline = ParagraphWriter()
    filed, construction = facts.get("cases_filed"), facts.get("illegal_construction_procedures")
    opened = False
    if filed is not None or construction is not None:
        parts = []
        if filed is not None:
            parts.append(f"共计立案{headline.say(filed)}")
        if construction is not None:
            parts.append(f"履行违法建设执法程序{headline.say(construction)}")
        headline.text(f"{facts.lead}全镇{'，'.join(parts)}。")
        opened = True
    _penalties(facts, headline, opened=opened)
    _fines_year_over_year(facts, headline)

    return (*_paragraphs(headline, cause_paragraph(facts), _reconciliation(facts), _procedure(facts)),
            *case_charts(facts))


def _penalties(facts: Facts, w: ParagraphWriter, *, opened: bool) -> None:
    """今年全镇行政处罚案件154起，共处罚130250元，其中一般程序案件119起，罚款128500元，简易程序案件35起，罚款1750元。"""
    total, fines = facts.get("penalty_cases_total"), facts.get("fines_imposed_total")
    general, general_fines = facts.get("general_procedure_cases"), facts.get("fines_imposed_general")
    simple, simple_fines = facts.get("simple_procedure_cases"), facts.get("fines_imposed_simple")
    if total is None and general is None and simple is None:
        if fines is not None:
            w.text(f"{'' if opened else facts.lead}全镇共处罚款{w.say(fines)}。")
        return
    clauses: list[str] = []
    if total is not None:
        clauses.append(f"行政处罚案件{w.say(total)}" + (f"，共处罚{w.say(fines)}" if fines is not None else ""))
    parts = []
    for label, count, money in (("一般程序案件", general, general_fines), ("简易程序案件", simple, simple_fines)):
        if count is not None:
            parts.append(f"{label}{w.say(count)}" + (f"，罚款{w.say(money)}" if money is not None else ""))
    if parts:
        clauses.append(("其中" if total is not None else "") + "，".join(parts))
    sentence = f"{'' if opened else facts.lead}全镇{'，'.join(clauses)}"
    comparison = _cases_year_over_year(facts, w)
    w.text(sentence + (f"，{comparison}" if comparison else "") + "。")


def _cases_year_over_year(facts: Facts, w: ParagraphWriter) -> str:
    """与去年一般程序案件8起，简易程序案件13起相比，一般程序办案数量显著上升，简易程序办案数量有所下降"""
    pairs = [(label, facts.get(key), facts.previous(key)) for label, key in (
        ("一般程序", "general_procedure_cases"), ("简易程序", "simple_procedure_cases"))]
    compared = [(label, now, before) for label, now, before in pairs if now is not None and before is not None]
    if not compared:
        total_now, total_before = facts.get("penalty_cases_total"), facts.previous("penalty_cases_total")
        if total_now is None or total_before is None:
            return ""
        w.cite(total_before)
        return (f"与去年行政处罚案件{amount(total_before)}相比，"
                f"办案数量{change_word(total_before.value, total_now.value)}")
    last_year = "，".join(f"{label}案件{amount(before)}" for label, _, before in compared)
    w.cite(*(before for _, _, before in compared))
    moves = "，".join(f"{label}办案数量{change_word(before.value, now.value)}" for label, now, before in compared)
    return f"与去年{last_year}相比，{moves}"


def _fines_year_over_year(facts: Facts, w: ParagraphWriter) -> None:
    now, before = facts.get("fines_imposed_total"), facts.previous("fines_imposed_total")
    if now is None or before is None or before.value == 0:
        return
    w.cite(now, before)
    if now.value == before.value:
        w.text(f"罚款总额与去年{amount(before)}持平。")
        return
    direction = "增加" if now.value > before.value else "减少"
    w.text(f"罚款总额较去年{amount(before)}{direction}{yuan(abs(now.value - before.value))}元"
           f"（{direction}{percent(abs(now.value - before.value), before.value)}）。")


_ENDINGS = (("作出处罚决定", "cases_decided_penalty"), ("不予处罚", "cases_decided_no_penalty"),
            ("移送有关机关", "cases_transferred"), ("撤销立案", "cases_withdrawn"))


def _reconciliation(facts: Facts) -> ParagraphWriter:
    """DOMAIN.md §5.1 — filed ≠ decided, so show how the filed cases ended: filed = penalty + no penalty +
    transferred + withdrawn + pending at cut-off − carried in. A gap is flagged, never smoothed over."""
    w = ParagraphWriter()
    filed, carried, pending = (facts.get(k) for k in ("cases_filed", "cases_carried_in", "cases_pending_at_cutoff"))
    endings = [(label, facts.get(key)) for label, key in _ENDINGS]
    known = [(label, f) for label, f in endings if f is not None]
    if filed is None or (pending is None and not known):
        return w
    sentence = f"从立案与办结情况看，本年度立案{w.say(filed)}"
    if carried is not None:
        sentence += f"，上年结转{w.say(carried)}"
    if known:
        sentence += "；" + "、".join(f"{label}{w.say(f)}" for label, f in known)
    if pending is not None:
        sentence += f"，截至{month_day_zh(facts.as_of)}尚未办结{w.say(pending)}"
    w.text(sentence + "。")
    gap_figure = facts.get("reconciliation_gap")
    if gap_figure is not None:
        w.cite(gap_figure)
        gap: int | None = gap_figure.value
    elif len(known) == len(endings) and pending is not None and carried is not None:
        gap = filed.value - (sum(f.value for _, f in known) + pending.value - carried.value)
    else:
        gap = None
    if gap:
        w.flag(f"立案数与办结、未结案件数对账相差{gap}起，请核对统计口径")
    return w


def _procedure(facts: Facts) -> ParagraphWriter:
    w = ParagraphWriter()
    clauses: list[str] = []
    mean_days = facts.get("mean_days_filing_to_decision")
    if mean_days is not None:
        clauses.append(f"一般程序案件从立案到作出处罚决定平均用时{w.say(mean_days)}")
    requested, held = facts.get("hearings_requested"), facts.get("hearings_held")
    if requested is not None or held is not None:
        hearing = [f"{label}{w.say(f, '起')}" for label, f in (("当事人申请听证", requested), ("举行听证", held))
                   if f is not None]
        clauses.append("，".join(hearing))
    transferred = facts.get("criminal_transfers")
    if transferred is not None:
        clauses.append(f"移送司法机关{w.say(transferred, '起')}")
    review = _reviews(facts, w)
    if review:
        clauses.append(review)
    if clauses:
        w.text("；".join(clauses) + "。")
    return w


def _reviews(facts: Facts, w: ParagraphWriter) -> str:
    """发生行政复议2起，未发生行政诉讼，无被撤销或变更的执法决定 — or 未发生行政复议、行政诉讼."""
    known = [(label, f) for label, f in (("行政复议", facts.get("reconsiderations_decided")),
                                         ("行政诉讼", facts.get("litigations_judged"))) if f is not None]
    if not known:
        return ""
    w.cite(*(f for _, f in known))
    happened = [f"{label}{w.say(f, '起')}" for label, f in known if f.value]
    absent = [label for label, f in known if not f.value]
    if not happened:
        return f"未发生{'、'.join(absent)}"
    clause = f"发生{'、'.join(happened)}" + (f"，未发生{'、'.join(absent)}" if absent else "")
    adverse = facts.get("decisions_revoked_or_changed")
    if adverse is not None:
        w.cite(adverse)
        clause += (f"，其中执法决定被撤销或变更{amount(adverse, '起')}" if adverse.value
                   else "，无被撤销或变更的执法决定")
    return clause


def _campaigns(facts: Facts) -> tuple[Block, ...]:
    w = ParagraphWriter()
    tallies = facts.figures.tallies
    if tallies:
        w.cite(*tallies)
        w.text(f"{facts.lead}全镇{'；'.join(tally_clauses(tallies))}。")
    demolitions, area = facts.get("demolitions"), facts.get("demolished_area")
    if demolitions is not None or area is not None:
        if demolitions is not None and area is not None:
            joiner = "" if area.qualifier is Qualifier.APPROX else "，共计"
            w.text(f"拆除各类违法建设{w.say(demolitions)}{joiner}{w.say(area)}。")
        elif area is not None:
            w.text(f"拆除违法建设共计{w.say(area)}。")
        elif demolitions is not None:
            w.text(f"拆除各类违法建设{w.say(demolitions)}。")
    land_cases, land_area = facts.get("illegal_land_use_cases"), facts.get("illegal_land_use_area")
    if land_cases is not None or land_area is not None:
        parts = [w.say(f) for f in (land_cases, land_area) if f is not None]
        w.text(f"治理违法占地项目{'，'.join(parts)}。")
    return _paragraphs(w)


def _other_acts(facts: Facts) -> tuple[Block, ...]:
    w = ParagraphWriter()
    acts: list[tuple[str, Figure | None]] = [
        ("行政许可事项", facts.get("licences")), ("行政给付", facts.get("benefits")),
        ("行政确认", facts.get("confirmations"))]
    parts = [f"{label}{w.say(f)}" for label, f in acts if f is not None]
    if parts:
        w.text(f"{facts.lead}全镇办理{'，'.join(parts)}。")
    return _paragraphs(w)
