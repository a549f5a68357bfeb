"""Chinese names of the ledgers, their entries' events and fields, for the templates' and the exports' headers."""

from __future__ import annotations

from domain.ledgers.kinds import LedgerKind

KIND_ZH = {
    LedgerKind.ROSTER: "人员名册", LedgerKind.EQUIPMENT: "音像记录设备台账", LedgerKind.TRAINING: "培训记录",
    LedgerKind.HOTLINE: "12345热线台账", LedgerKind.CAMPAIGN: "专项整治台账", LedgerKind.EVALUATION: "案卷评查台账",
    LedgerKind.PLATFORM: "行政执法监督平台台账", LedgerKind.PUBLICITY: "普法宣传台账",
    LedgerKind.OTHER_ACTS: "行政许可、给付、确认台账",
}

# The events the entries become, as an exported ledger names each row's kind.
EVENT_ZH = {
    "StaffMemberJoined": "人员入职", "CertificateIssued": "发放执法证", "CertificateCancelled": "注销执法证",
    "StaffMemberLeft": "人员离职", "EquipmentRegistered": "装备登记", "EquipmentRetired": "装备报废",
    "TrainingSessionHeld": "培训记录", "HotlineTallyRecorded": "热线统计", "CampaignTallyRecorded": "专项行动统计",
    "CaseFileEvaluated": "评议记录", "PatrolRecordsUploaded": "巡查上传", "PlatformWarningRaised": "平台预警",
    "PlatformWarningResolved": "预警处置", "PublicityRecorded": "宣传记录",
    "AdministrativeActsRecorded": "其他执法行为",
}

FIELD_ZH = {
    "unit": "执法单位", "entry_id": "记录编号", "occurred_at": "发生时间", "actors": "记录人",
    "audience": "对象", "case_ref": "关联案件", "category": "类别", "count": "数量", "count_unit": "计量单位",
    "description": "说明", "equipment": "装备", "events": "事件", "expires_on": "有效期至", "hours": "学时",
    "label": "名称", "legal_reviewer": "法制审核人员", "materials": "材料", "mode": "方式", "name": "姓名",
    "number": "编号", "organiser": "组织单位", "period_label": "统计期间", "person_id": "人员编号",
    "problems": "问题", "qualifier": "限定", "reason": "原因", "resolution": "处置结果", "result": "结果",
    "session": "场次", "subject_ref": "对象编号", "supervisor": "监督人员", "title": "标题",
    "violation_type": "违法类型", "warning_no": "预警编号", "event_type": "记录类型", "actor": "记录人",
}


def zh(field: str) -> str:
    """A field's Chinese header; the field name itself for one not named here yet (never a blank header)."""
    return FIELD_ZH.get(field, field)
