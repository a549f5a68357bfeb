"""Generated decisions full of personal information, each with the list of values that must never be published.

Identity numbers are real in form (region code, birth date, GB 11643 check character; some 15-digit), bank cards
pass the Luhn check (some written in groups of four), phones are mobiles and Tianjin landlines in the usual
notations, addresses are roads, villages and estates with house, building, unit and room numbers, and other
people are named after the word that introduces them (证人, 邻居, 举报人, …), as case files write them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain.cases.proposal import DecisionType
from domain.disclosure.content import DecisionContent
from domain.disclosure.identifiers import id_check_character, luhn_check_digit
from domain.disclosure.masking import ROLE_WORDS
from domain.values import Party, PartyType, Sanction

REGIONS = ("120111", "120101", "120102", "120104", "120110", "120113", "110105", "310115", "130102", "370202")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟"
COMPOUND = ("欧阳", "司马", "诸葛", "上官")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞"
         "香月媛瑞凡佳嘉琼勤珍莉桂叶璐琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁丹蓉君琴蕊薇菁梦岚馨韵艺卿聪澜纯悦昭冰爽"
         "茗羽希宁欣育筠柔竹晓欢霄枫芸菲寒伊亚宜可舒影思建国志平东文辉力永健世广义兴良海山仁波宇斌鹏刚峰浩亮政谦奇"
         "翰朗伯宏若鸣朋梁栋维启克伦翔旭泽晨辰士家致树德行泰盛雄琛钧冠策腾楠榕风航弘之时发同承先为")
ROADS = ("富康路", "学府路", "津港公路", "宏源道", "友谊南路", "柳霞路", "张家窝大街", "龙泉道", "中北大道", "民和巷")
ESTATES = ("田丽园小区", "和苑家园", "康居花园", "锦绣公寓", "阳光新村", "知景社区", "南河庄", "大寺村", "王村",
           "杨柳青镇东楼")
TOWNS = ("天津市西青区张家窝镇", "天津市西青区大寺镇", "天津市西青区杨柳青镇", "西青区精武镇")
BANK_PREFIXES = ("622202", "621700", "622848", "436742", "622588", "621226", "622700")


@dataclass(frozen=True)
class Planted:
    """A value that must not be published, and the form(s) it may take."""

    kind: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedDecision:
    content: DecisionContent
    planted: tuple[Planted, ...]


def id_number(rng: random.Random) -> str:
    birth = datetime(1950, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 20000))
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def id_number_15(rng: random.Random) -> str:
    birth = datetime(1940, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 20000))
    return f"{rng.choice(REGIONS)}{birth:%y%m%d}{rng.randrange(1000):03d}"


def bank_card(rng: random.Random) -> str:
    length = rng.choice((16, 19))
    partial = rng.choice(BANK_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(length - 7))
    return partial + luhn_check_digit(partial)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10)}{rng.randrange(10 ** 8):08d}"


def name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.05 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "Xx")


def _phone_text(rng: random.Random, planted: list[Planted]) -> str:
    if rng.random() < 0.6:
        number = mobile(rng)
        shown = rng.choice((number, f"{number[:3]}-{number[3:7]}-{number[7:]}",
                            f"{number[:3]} {number[3:7]} {number[7:]}", f"+86{number}"))
        planted.append(Planted("mobile", (shown, number)))
        return shown
    local = f"{rng.choice('2368')}{rng.randrange(10 ** 7):07d}"
    shown = rng.choice((f"022-{local}", f"(022){local}", f"022 {local}", f"022{local}"))
    planted.append(Planted("landline", (shown, "022" + local)))
    return shown


def _address(rng: random.Random, planted: list[Planted]) -> str:
    town = rng.choice(TOWNS)
    style = rng.randrange(4)
    if style == 0:
        detail = (f"{rng.choice(ROADS)}{rng.randint(1, 300)}号{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元"
                  f"{rng.randint(101, 2802)}室")
    elif style == 1:
        detail = f"{rng.choice(ESTATES)}{rng.randint(1, 40)}号楼{rng.randint(1, 6)}门{rng.randint(101, 1802)}"
    elif style == 2:
        detail = f"{rng.choice(ESTATES)}{rng.randint(1, 20)}排{rng.randint(1, 40)}号"
    else:
        detail = f"{rng.choice(ROADS)}{rng.randint(1, 300)}-{rng.randint(1, 30)}-{rng.randint(101, 2802)}"
    house = detail.lstrip("".join(set("".join(ROADS + ESTATES))))
    full = town + detail
    planted.append(Planted("address", (full, house)))
    return full


def _person(rng: random.Random, planted: list[Planted], taken: set[str]) -> str:
    while True:
        candidate = name(rng)
        if all(candidate not in other and other not in candidate for other in taken):
            taken.add(candidate)
            planted.append(Planted("name", (candidate,)))
            return candidate


def decision(rng: random.Random, index: int) -> GeneratedDecision:
    planted: list[Planted] = []
    citizen = rng.random() < 0.8
    party_name = name(rng) if citizen else f"天津市{rng.choice(('宏达', '鑫源', '万通'))}商贸有限公司"
    taken = {party_name}
    party_id = id_number(rng) if citizen else f"91120111MA0{rng.randrange(10 ** 6):06d}X"
    party_phone = mobile(rng)
    party_address = _address(rng, planted if citizen else [])
    if citizen:
        planted.append(Planted("id", (party_id,)))
    planted.append(Planted("mobile", (party_phone,)))
    party = Party(name=party_name, party_type=PartyType.CITIZEN if citizen else PartyType.ORGANIZATION,
                  id_number=party_id, address=party_address, phone=party_phone)

    def sentence() -> str:
        kind = rng.randrange(8)
        role = rng.choice([r for r in ROLE_WORDS if r not in ("名叫", "姓名")])
        if kind == 0:
            other = id_number(rng) if rng.random() < 0.8 else id_number_15(rng)
            planted.append(Planted("id", (other,)))
            return f"{role}{_person(rng, planted, taken)}（身份证号{other}）称其目睹了经过。"
        if kind == 1:
            return f"{role}{_person(rng, planted, taken)}反映，联系电话{_phone_text(rng, planted)}。"
        if kind == 2:
            card = bank_card(rng)
            shown = " ".join(card[i:i + 4] for i in range(0, len(card), 4)) if rng.random() < 0.4 else card
            planted.append(Planted("bank", (shown, card)))
            return f"当事人称违法所得存入其银行卡{shown}。"
        if kind == 3:
            return f"{role}{_person(rng, planted, taken)}家住{_address(rng, planted)}，证实了上述事实。"
        if kind == 4:
            first, second = _person(rng, planted, taken), _person(rng, planted, taken)
            return f"{role}{first}、{second}证实当事人多次在此经营。"
        if kind == 5:
            return f"经{role}：{_person(rng, planted, taken)}举报，执法人员到场核查。"
        if kind == 6:
            return f"当事人联系方式：{_phone_text(rng, planted)}，住址{_address(rng, planted)}。"
        account = f"{rng.randrange(10 ** 11, 10 ** 12)}{rng.randrange(10 ** 6):06d}"
        planted.append(Planted("account", (account,)))
        return f"罚款应缴入账户{account}，当事人电话{party_phone}。"

    served = datetime(2026, 3, 2, 2, tzinfo=UTC) + timedelta(hours=index)
    content = DecisionContent(
        case_id=f"case:gen-{index}", case_no=f"津西青张综执立〔2026〕{index + 1}号",
        decision_no=f"津西青张综执罚〔2026〕{index + 1}号", town="zhangjiawo", unit="zhangjiawo-bureau", party=party,
        violation_type="ROAD_OCCUPATION_VENDING", place=_address(rng, planted) if rng.random() < 0.3 else "学府路",
        facts="".join(sentence() for _ in range(rng.randint(2, 5))),
        grounds="违反《天津市市容和环境卫生管理条例》第二十条。" + sentence(),
        statements=tuple(sentence() for _ in range(rng.randint(0, 2))),
        decision_type=DecisionType.PENALTY, sanctions=(Sanction.FINE,), fine_fen=rng.randrange(5000, 5_000_000),
        decided_at=served - timedelta(days=1), served_at=served)
    return GeneratedDecision(content, tuple(planted))


def decisions(count: int, *, seed: int = 20261123) -> list[GeneratedDecision]:
    rng = random.Random(seed)
    return [decision(rng, i) for i in range(count)]
