"""Values the ledger entries use."""

from __future__ import annotations

import enum


class EquipmentKind(enum.StrEnum):
    BODY_CAMERA = "BODY_CAMERA"  # 执法记录仪
    CAMCORDER = "CAMCORDER"  # 摄像机/录像机
    FIXED_CAMERA = "FIXED_CAMERA"  # 摄像头
    IOT_PHONE = "IOT_PHONE"  # 物联网手机
    DRONE = "DRONE"  # 无人机


class TrainingMode(enum.StrEnum):
    ONLINE = "ONLINE"  # 网络授课
    OFFLINE = "OFFLINE"  # 线下集中授课、交流研讨、案例分析


class TrainingAudience(enum.StrEnum):
    OFFICERS = "OFFICERS"
    AUXILIARY = "AUXILIARY"
    ALL = "ALL"


class TrainingCategory(enum.StrEnum):
    PROGRAMME = "PROGRAMME"  # the year's training programme (the headline sessions and hours)
    INTERNAL = "INTERNAL"  # internal sessions of the unit's legal section, reported apart (大寺: +4)


class HotlineCategory(enum.StrEnum):
    """Stored apart; they need not reconcile (DOMAIN.md §5.6)."""

    RECEIVED = "RECEIVED"  # 平台反馈投诉举报 (tickets)
    CALLS_HANDLED = "CALLS_HANDLED"  # 接听、处理来电投诉
    SUPERIOR_REFERRED = "SUPERIOR_REFERRED"  # 上级督办
    RESPONDED = "RESPONDED"  # tickets responded to
    COMPLETED = "COMPLETED"  # tickets completed (办结)


class EvaluationResult(enum.StrEnum):
    QUALIFIED = "QUALIFIED"  # 合格
    PROBLEMS = "PROBLEMS"  # problems found


class ActCategory(enum.StrEnum):
    LICENCE = "LICENCE"  # 行政许可
    BENEFIT = "BENEFIT"  # 行政给付
    CONFIRMATION = "CONFIRMATION"  # 行政确认


HEADLINE_VIOLATION_TYPE = "ALL"  # a campaign headline total (治理违法行为3000余起) that is not a sum of parts
