"""三、存在的问题 and 四、下一步工作计划: drafts derived from the data, every one marked for the official to review.

Each finding pairs a problem with its next step: a disclosure rate below 100 %, general decisions without a legal
review, breached deadlines, training below the hours target, evaluated case files with problems, late disclosures,
hotline items left open, decisions revoked or changed on review. The training target is always planned for,
as the reports do ("力争达到全年每人集中培训时间不少于50学时")."""

from __future__ import annotations

from dataclasses import dataclass

from domain.report.document import Block, Paragraph, Subsection
from domain.report.facts import Facts, ParagraphWriter, draft_paragraph
from domain.report.wording import amount, number, percent
from domain.statistics.figures import Figure

FULL = 10_000  # basis points


@dataclass(frozen=True)
class Finding:
    problem: str
    detail: str
    plan: str
    plan_detail: str
    cites: tuple[Figure, ...]


def findings(facts: Facts, *, training_hours_target: int) -> tuple[Finding, ...]:
    found = [
        _disclosure_gap(facts),
        _late_disclosures(facts),
        _legal_review_gap(facts),
        _deadline_breaches(facts),
        _training_below_target(facts, training_hours_target),
        _evaluation_problems(facts),
        _hotline_open_items(facts),
        _adverse_reviews(facts),
    ]
    return tuple(f for f in found if f is not None)


# What the system can check, and the figures each check needs.
_CHECKS = (
    ("行政执法公示", ("disclosure_rate",), ("decisions_disclosed", "penalty_cases_total")),
    ("法制审核", ("legal_reviews_completed", "general_procedure_cases")),
    ("办案期限", ("deadline_breaches",)),
    ("培训学时", ("training_hours",), ("training_hours_online",), ("training_hours_offline",)),
    ("案卷评查", ("case_file_evaluations_with_problems",)),
    ("12345热线办结", ("hotline_completion_rate",)),
)


def checked_areas(facts: Facts) -> tuple[str, ...]:
    """The areas whose figures exist, so that "no problem found" is only said of what was checked."""
    return tuple(area for area, *alternatives in _CHECKS
                 if any(all(facts.get(key) is not None for key in keys) for keys in alternatives))


def problem_section_blocks(facts: Facts, found: tuple[Finding, ...]) -> tuple[tuple[Block, ...],
                                                                             tuple[Subsection, ...]]:
    if not found:
        areas = checked_areas(facts)
        checked = (f"经系统数据核对，本年度{'、'.join(areas)}等方面未发现明显问题。" if areas
                   else "系统中暂无可据以核对存在问题的数据。")
        return (draft_paragraph(
            checked + "我镇虽在行政执法工作中取得了一定成绩，但距离上级部门的要求还有一定的差距，"
            "请结合实际补充存在的问题。"),), ()
    lead = draft_paragraph("我镇虽在行政执法工作中取得了一定成绩，但距离上级部门的要求还有一定的差距，主要表现在：")
    return (lead,), tuple(
        Subsection(0, f.problem, (_cited(ParagraphWriter().draft(f.detail), f.cites),), draft=True) for f in found)


def plan_section_blocks(found: tuple[Finding, ...], *, training_hours_target: int,
                        town_name: str) -> tuple[tuple[Block, ...], tuple[Subsection, ...]]:
    lead = draft_paragraph(f"下一步，我们将继续深化行政执法体制改革，全面推进严格规范公正文明执法，"
                           f"加强法治政府建设，为{town_name}经济社会发展提供坚实的法治保障。")
    plans = [Subsection(0, f.plan, (_cited(ParagraphWriter().draft(f.plan_detail), f.cites),), draft=True)
             for f in found]
    if not any(f.plan == _TRAINING_PLAN for f in found):
        plans.append(Subsection(0, _TRAINING_PLAN, (draft_paragraph(
            "开展法律法规和行政执法业务培训，提高执法人员业务能力和依法处置突发事件的能力，"
            f"力争达到全年每人集中培训时间不少于{training_hours_target}学时。"),), draft=True))
    return (lead,), tuple(plans)


def _cited(writer: ParagraphWriter, cites: tuple[Figure, ...]) -> Paragraph:
    writer.cite(*cites)
    return writer.build()


_TRAINING_PLAN = "加强法治培训，提高执法人员素质"


def _disclosure_gap(facts: Facts) -> Finding | None:
    disclosed, total, rate = (facts.get(k) for k in ("decisions_disclosed", "penalty_cases_total", "disclosure_rate"))
    due = facts.get("decisions_disclosure_due")
    if due is not None:  # only decisions whose D17 window has passed are due (never 0 % seconds after a decision)
        disclosed, total = facts.get("decisions_disclosed_in_scope"), due
    cites: tuple[Figure | None, ...]
    if rate is not None and rate.value < FULL:
        share, cites = f"{number(rate)}%", (rate, disclosed, total)
    elif due is None and rate is None and disclosed is not None and total is not None \
            and disclosed.value < total.value:
        share, cites = percent(disclosed.value, total.value), (disclosed, total)
    else:
        return None
    counts = ""
    if disclosed is not None and total is not None:
        what = "公示期已届满的一般程序行政处罚决定" if due is not None else "全年作出行政处罚决定"
        counts = f"{what}{amount(total)}，公示{amount(disclosed)}，"
    return Finding(
        problem="行政执法公示不够全面",
        detail=f"{counts}公示率{share}，事后公开未做到应公尽公，公示工作与“公开为常态、不公开为例外”的要求还有差距。",
        plan="全面落实行政执法公示制度",
        plan_detail="对作出的行政处罚决定逐案核对公示范围，在规定期限内通过行政执法监督平台和政府网站及时公开，"
                    "做到应公尽公。",
        cites=tuple(f for f in cites if f is not None),
    )


def _late_disclosures(facts: Facts) -> Finding | None:
    on_time = facts.get("disclosure_on_time_rate")
    if on_time is None or on_time.value >= FULL:
        return None
    return Finding(
        problem="部分执法决定公示不够及时",
        detail=f"执法决定按时公示率为{number(on_time)}%，部分处罚决定未在规定期限内公示。",
        plan="规范执法决定公示时限",
        plan_detail="明确公示责任人和公示时限，建立公示台账，逐案跟踪，确保执法决定在规定期限内公示。",
        cites=(on_time,),
    )


def _legal_review_gap(facts: Facts) -> Finding | None:
    reviews, general = facts.get("legal_reviews_completed"), facts.get("general_procedure_cases")
    if reviews is None or general is None or reviews.value >= general.value:
        return None
    return Finding(
        problem="法制审核尚未实现全覆盖",
        detail=f"全年一般程序处罚案件{amount(general)}，完成法制审核{amount(reviews)}，"
               f"尚有{general.value - reviews.value}起未见法制审核记录。",
        plan="严格落实重大执法决定法制审核制度",
        plan_detail="将法制审核作为作出一般程序行政处罚决定的必经程序，未经法制审核或者审核未通过的，不得作出决定。",
        cites=(reviews, general),
    )


def _deadline_breaches(facts: Facts) -> Finding | None:
    breaches = facts.get("deadline_breaches")
    if breaches is None or breaches.value == 0:
        return None
    detail = f"全年发生办案期限超期{amount(breaches)}"
    detail += f"（{breaches.note}）" if breaches.note else ""
    return Finding(
        problem="部分案件办理超出规定期限",
        detail=detail + "，执法程序的时限要求落实不到位。",
        plan="强化办案期限管理",
        plan_detail="依托系统期限预警，对临近期限的案件逐案督办，确保立案、调查、告知、决定、送达各环节在规定期限内完成。",
        cites=(breaches,),
    )


def _training_below_target(facts: Facts, target: int) -> Finding | None:
    hours = facts.get("training_hours")
    if hours is None:
        parts = [facts.get("training_hours_online"), facts.get("training_hours_offline")]
        known = [f for f in parts if f is not None]
        if not known:
            return None
        total, cites = sum(f.value for f in known), tuple(known)
    else:
        total, cites = hours.value, (hours,)
    if total >= target:
        return None
    return Finding(
        problem="执法培训学时不足",
        detail=f"全年组织执法培训共计{total}学时，未达到每人集中培训时间不少于{target}学时的要求，"
               "执法人员的法律素养和业务能力还需进一步提高。",
        plan=_TRAINING_PLAN,
        plan_detail="制定年度培训计划，开展法律法规和行政执法业务培训，"
                    f"力争达到全年每人集中培训时间不少于{target}学时。",
        cites=cites,
    )


def _evaluation_problems(facts: Facts) -> Finding | None:
    evaluated, with_problems = facts.get("case_file_evaluations"), facts.get("case_file_evaluations_with_problems")
    if with_problems is None or with_problems.value == 0:
        return None
    base = f"评查行政处罚案卷{amount(evaluated)}，其中" if evaluated is not None else "案卷评查中"
    return Finding(
        problem="执法案卷质量有待提高",
        detail=f"{base}{amount(with_problems)}发现问题，案卷制作仍存在格式不统一、记录不完整等情况。",
        plan="以案卷评查促进执法规范化",
        plan_detail="对评查发现的问题逐卷整改，统一执法文书格式，完善调查取证和法制审核记录。",
        cites=tuple(f for f in (evaluated, with_problems) if f is not None),
    )


def _hotline_open_items(facts: Facts) -> Finding | None:
    completion = facts.get("hotline_completion_rate")
    if completion is None or completion.value >= FULL:
        return None
    return Finding(
        problem="群众诉求办结不够及时",
        detail=f"12345市民热线反映事项办结率为{number(completion)}%，部分诉求尚未办结。",
        plan="提升群众诉求办理质效",
        plan_detail="完善12345市民热线与执法部门的联动机制，对未办结事项逐件跟踪，做到件件有回应、事事有着落。",
        cites=(completion,),
    )


def _adverse_reviews(facts: Facts) -> Finding | None:
    adverse = facts.get("decisions_revoked_or_changed")
    if adverse is None or adverse.value == 0:
        return None
    return Finding(
        problem="执法程序有待规范",
        detail=f"全年有{amount(adverse)}执法决定在行政复议或诉讼中被撤销或变更，执法程序和证据方面仍有薄弱环节。",
        plan="强化依法执法",
        plan_detail="对被撤销或变更的案件逐案复盘，查找事实认定、法律适用和程序方面的问题，完善执法流程。",
        cites=(adverse,),
    )
