// Chinese labels for what the API returns in codes (statuses, steps, enums, field names). Presentation only:
// an unknown code is shown as it is.
export const STATUS = {
  NEW: "新建", LEAD_REGISTERED: "线索已登记", VERIFYING: "核查中", NOT_FILED: "不予立案", TRANSFERRED_OUT: "已移送",
  FILED: "已立案", INVESTIGATING: "调查取证中", INVESTIGATION_CONCLUDED: "调查终结", LEGAL_REVIEW: "法制审核中",
  REVIEW_APPROVED: "审核通过", REVIEW_NOT_PASSED: "审核未通过", REFERRAL_RECOMMENDED: "建议移送",
  NOTICE_SERVED: "已告知", STATEMENT_REVIEW: "陈述申辩复核", HEARING_REQUESTED: "已申请听证",
  HEARING_NOTIFIED: "已通知听证", HEARING_CONCLUDED: "听证结束", COLLECTIVE_DISCUSSION: "集体讨论",
  DECIDED: "已决定", DOCUMENT_ISSUED: "文书已制作", SERVED: "已送达", PAYMENT_OVERDUE: "逾期未缴",
  DEMAND_SERVED: "已催告", COURT_ENFORCEMENT: "申请法院强制执行", PERFORMED: "已履行", CLOSED: "已结案",
  ARCHIVED: "已归档", WITHDRAWN: "已撤销立案", CRIMINAL_TRANSFER: "移送司法",
  IDENTIFIED: "已表明身份", INFORMED: "已告知", STATEMENT_HEARD: "已听取陈述", DELIVERED: "已交付",
  FILED_WITH_AGENCY: "已备案", PLANNED: "已计划", IN_PROGRESS: "检查中", COMPLETED: "已完成", CANCELLED: "已取消",
  ISSUED: "已下达", REINSPECTION_DUE: "待复查", COMPLIED: "已整改", NOT_COMPLIED: "未整改", ESCALATED: "已升级",
  DISCOVERED: "已发现", STOP_ORDER: "已责令停止建设", CORRECTION_OR_DEMOLITION_DECISION: "限期改正/拆除决定",
  SELF_DEMOLITION_DEADLINE: "自行拆除期限", ANNOUNCED: "已公告", DEMAND: "已催告",
  FORCED_DEMOLITION_DECISION: "强制拆除决定", DEMOLISHED: "已强制拆除", SELF_DEMOLISHED: "已自行拆除",
  CORRECTED: "已改正", QUASHED: "已撤销",
};

export const STEP = {
  AnnounceDemolition: "公告限期拆除", AppealLitigation: "提起上诉", ApplyCoerciveMeasure: "采取行政强制措施",
  ApplyCourtEnforcement: "申请法院强制执行", ApproveCriminalTransfer: "批准移送司法", ApproveDeferral: "批准延期缴纳",
  ApproveInstallments: "批准分期缴纳", ArchiveCase: "归档", CancelInspection: "取消检查", CloseCase: "结案",
  CloseSimpleCase: "简易程序结案", CollectFineOnTheSpot: "当场收缴罚款", CompleteDemolition: "完成强制拆除",
  CompleteInspection: "完成检查", CompleteLegalReview: "完成法制审核", DecideCorrectionOrDemolition: "作出限期改正/拆除决定",
  DecideForcedDemolition: "作出强制拆除决定", DecideOnTheSpot: "当场处罚决定", DecidePreservedEvidence: "处理先行登记保存证据",
  DecideReconsideration: "行政复议决定", DecideRecusal: "回避决定", DecideSimplePenalty: "简易程序处罚决定",
  DeliverDecision: "交付决定书", EscalateRectification: "整改升级", ExtendDecisionDeadline: "延长办案期限",
  FileCase: "立案", FileWithAgency: "备案", GiveEducation: "批评教育", HandOverCash: "上缴罚款",
  HearStatement: "听取陈述申辩", IdentifyOfficers: "出示执法证件", InformParty: "告知当事人",
  IssueDecisionDocument: "制作处罚决定书", IssueRectificationOrder: "下达责令改正通知书", IssueStopOrder: "责令停止建设",
  JudgeLitigation: "诉讼判决", MakeDecision: "作出处罚决定", MarkReinspectionDue: "标记待复查",
  PlanInspection: "计划检查", PreserveEvidence: "先行登记保存证据", ProposeCriminalTransfer: "提议移送司法",
  RecordBankPayment: "登记银行缴款", RecordChallenge: "登记复议/诉讼", RecordChallengeOutcome: "登记复议/诉讼结果",
  HoldCollectiveDiscussion: "集体讨论", RecordCompliance: "登记已整改", RecordDeadlineLapsed: "登记期满未履行",
  RecordDecisionDisclosure: "登记决定公示", CollectEvidence: "收集证据", HoldHearing: "举行听证",
  RecordIllegalConstruction: "登记违法建设", RecordInquiry: "询问笔录", RecordInspection: "登记巡查",
  RecordFinding: "登记检查发现", FileLitigation: "登记行政诉讼", RecordNonCompliance: "登记未整改",
  RecordPartyAbsent: "当事人缺席", ReceivePayment: "登记缴款", RecordPaymentDeadlinePassed: "登记缴款期满",
  FileReconsideration: "登记行政复议", RecordSite: "现场检查笔录", ReceiveStatement: "登记陈述申辩",
  RecordStatementWindowExpired: "陈述申辩期满", RefuseFiling: "不予立案", RegisterLead: "登记线索",
  ReleaseCoerciveMeasure: "解除强制措施", RequestHearing: "申请听证", RequestLegalReview: "提请法制审核",
  RequestRecusal: "申请回避", ReviewStatement: "复核陈述申辩", ServeHearingNotice: "送达听证通知",
  ServeConstructionDecision: "送达违建决定", ServeDecision: "送达处罚决定书", ServeDemand: "催告",
  ServeEnforcementDemand: "送达催告书", ServePriorNotice: "送达事先告知书", StartInspection: "开始检查",
  StartInvestigation: "开始调查", StartVerification: "开始核查", SubmitInvestigationReport: "提交调查终结报告",
  TransferToAgency: "移送其他机关", TransferCaseToPolice: "移送公安机关", VerifyCorrection: "复查整改",
  VerifyObligationPerformed: "确认义务已履行", VerifySelfDemolition: "确认自行拆除", WaiveStatement: "放弃陈述申辩",
  WithdrawFiling: "撤销立案",
};

export const ROLE = {
  officer: "执法人员", auxiliary: "协管员", case_lead: "主办人", legal_reviewer: "法制审核员", principal: "负责人",
  hearing_host: "听证主持人", supervisor: "区级监督", platform_operator: "平台操作员", auditor: "审计员", admin: "管理员",
};

export const KIND = { CASE: "案件", INSPECTION: "巡查", RECTIFICATION: "责令改正" };
export const PROCEDURE = { GENERAL: "一般程序", SIMPLE: "简易程序", ILLEGAL_CONSTRUCTION: "违法建设" };

export const DEADLINE_STATUS = {
  RUNNING: "计时中", WARNED: "预警", BREACHED: "已超期", SATISFIED: "已完成", PAUSED: "已中止", CANCELLED: "已取消",
};

export const ENUM = {
  ServiceMethod: { DIRECT: "直接送达", LEFT_AT_RESIDENCE: "留置送达", MAIL: "邮寄送达", ELECTRONIC: "电子送达",
    PUBLIC_NOTICE: "公告送达" },
  Sanction: { WARNING: "警告", PUBLIC_CRITICISM: "通报批评", FINE: "罚款", CONFISCATE_GAINS: "没收违法所得",
    CONFISCATE_PROPERTY: "没收非法财物", SUSPEND_PERMIT: "暂扣许可证件", REVOKE_PERMIT: "吊销许可证件",
    DOWNGRADE_QUALIFICATION: "降低资质等级", RESTRICT_BUSINESS: "限制开展生产经营活动", ORDER_SUSPEND: "责令停产停业",
    ORDER_CLOSE: "责令关闭", RESTRICT_PRACTICE: "限制从业" },
  DecisionType: { PENALTY: "给予行政处罚", NO_PENALTY: "不予行政处罚", TRANSFER_TO_JUDICIARY: "移送司法机关" },
  Modifier: { NONE: "一般", LIGHTER: "从轻", REDUCED: "减轻", HEAVIER: "从重" },
  LegalReviewOutcome: { APPROVED: "同意", SUPPLEMENT_INVESTIGATION: "退回补充调查", REVISE: "退回修改",
    REFER_OUT: "建议移送", NOT_PASSED: "不同意" },
  LeadSource: { INSPECTION: "巡查发现", HOTLINE_12345: "12345热线", REFERRAL: "移送", SUPERIOR_ASSIGNED: "上级交办",
    COMPLAINT: "投诉举报", SELF_REPORT: "主动报告" },
  PartyType: { CITIZEN: "自然人", ORGANIZATION: "法人或其他组织" },
  PaymentChannel: { ON_THE_SPOT: "当场缴纳", BANK: "银行缴纳" },
  FindingKind: { NO_VIOLATION: "未发现违法", ON_SITE_CORRECTED: "当场改正", RECTIFICATION_ORDERED: "责令改正",
    SIMPLE_PENALTY: "简易程序处罚", LEAD_FOR_FILING: "线索待立案", REFERRED_OUT: "移送其他部门" },
  InspectionTrigger: { ROUTINE_PATROL: "日常巡查", SPECIAL_CAMPAIGN: "专项整治", HOTLINE_12345: "12345热线",
    COMPLAINT: "投诉举报", SUPERIOR_ASSIGNED: "上级交办", RANDOM_CHECK: "双随机抽查" },
  MediaKind: { VIDEO: "视频", AUDIO: "音频", PHOTO: "照片", DOCUMENT: "文档" },
  FilingRefusalGround: { NO_VIOLATION: "无违法事实", TIME_BARRED: "超过追责时效", MINOR_AND_CORRECTED: "轻微并已改正",
    PARTY_UNKNOWN: "当事人不明", NOT_OUR_JURISDICTION: "不属本机关管辖" },
  NoPenaltyGround: { MINOR_CORRECTED_NO_HARM: "轻微并及时改正，无危害后果", FIRST_VIOLATION: "初次违法且危害轻微",
    NO_FAULT: "无主观过错", UNDER_14: "不满十四周岁", MENTAL_INCAPACITY: "精神病人", FACTS_NOT_ESTABLISHED: "违法事实不能成立" },
  SoftOutcome: { EDUCATION_ONLY: "仅教育", NO_PENALTY: "不予处罚", LIGHTER: "从轻", REDUCED: "减轻" },
  ChallengeKind: { RECONSIDERATION: "行政复议", LITIGATION: "行政诉讼" },
  ReconsiderationOutcome: { MAINTAINED: "维持", CHANGED: "变更", REVOKED: "撤销", REVOKED_REDO: "撤销并责令重作",
    CONFIRMED_ILLEGAL: "确认违法", CONFIRMED_VOID: "确认无效", MEDIATED: "调解", TERMINATED: "终止" },
  JudgmentOutcome: { DISMISSED: "驳回诉讼请求", CHANGED: "变更", REVOKED: "撤销", REVOKED_REDO: "撤销并责令重作",
    CONFIRMED_ILLEGAL: "确认违法", CONFIRMED_VOID: "确认无效", WITHDRAWN: "撤诉" },
  DecisionKind: { DEMOLISH: "限期拆除", CORRECT: "限期改正" },
  EscalationTarget: { GENERAL_CASE: "转一般程序案件", DEMOLITION: "转违法建设拆除" },
  ReportFileFormat: { DOCX: "Word 文档", HTML: "网页", MD: "Markdown", JSON: "JSON" },
};

export const FIELD = {
  address: "地址", adopted: "是否采纳", amountFen: "金额", announcementNumber: "公告文号", appellant: "上诉人",
  approvedBy: "批准人", archiveNo: "档案号", areaDm2: "面积（平方分米）", authority: "复议机关", avEvidence: "音视频证据",
  avRef: "音视频编号", benchmarkId: "裁量基准", caseId: "案件", caseLead: "主办人", caseNo: "案号",
  certificatesShown: "已出示执法证件", channel: "渠道", coActors: "协同执法人员", complexCase: "重大复杂案件",
  conclusion: "讨论结论", confiscationValueFen: "没收财物价值", content: "内容", count: "数量", court: "法院",
  deadlineDays: "期限（天）", decisionNumber: "决定书文号", decisionType: "决定类型", deliveryMethod: "交付方式",
  demandNumber: "催告书文号", description: "描述", discoveredAt: "发现时间", disposition: "处理决定",
  documentNo: "文书编号", dueOn: "到期日", emergency: "紧急情况", emergencyReason: "紧急原因",
  enforcementItem: "执法事项", estimatedAreaDm2: "估算面积（平方分米）", evidenceHash: "证据哈希",
  evidenceId: "证据编号", extraDays: "延长天数", facts: "违法事实", factsCertain: "事实确凿", finding: "检查发现",
  findings: "核查/调查情况", fineAmountFen: "罚款金额", fineFen: "罚款金额", granted: "准予", ground: "理由",
  grounds: "理由和依据", hardToCollect: "事后难以执行", harmToLifeHealthOrFinance: "危害生命健康或财产安全",
  hearingOn: "听证日期", host: "主持人", idNumber: "身份证号/统一社会信用代码", installments: "分期", instance: "审级",
  isMinor: "未成年人", itemCode: "执法事项", items: "物品", itemsChecked: "检查事项", kind: "类型",
  legalBasis: "法律依据", letterNo: "函号", majorPublicInterest: "涉及重大公共利益", measure: "强制措施",
  measureId: "措施编号", method: "送达方式", mitigatingGrounds: "从轻减轻情节", modifier: "裁量情节", name: "姓名/名称",
  newDueOn: "新到期日", newFineAmountFen: "新罚款金额", noPenaltyGround: "不予处罚理由", noticeNo: "告知书文号",
  obligation: "义务", occurredAt: "发生时间（北京时间，留空为现在）", officerId: "执法人员", officers: "办案人员",
  opinion: "审核意见", orderNumber: "通知书文号", outcome: "结果", party: "当事人", partyPresent: "当事人在场",
  partyReported: "当事人报告已改正", partyType: "当事人类型", person: "被询问人", phone: "电话", place: "地点",
  plannedOn: "计划日期", point: "陈述申辩要点", points: "陈述申辩要点", policeUnit: "公安机关",
  preservationId: "保存编号", proposal: "处理意见", proposalHash: "处理意见哈希", proposedFineFen: "拟罚款金额",
  proposedSanctions: "拟处罚种类", reason: "理由", reasons: "理由", receiptNo: "收据号", receiptNumber: "收据号",
  receivingAgency: "接收机关", recipient: "受送达人", reconsiderationFirstNotice: "复议前置告知",
  recordHash: "笔录哈希", recordId: "笔录编号", recordNumber: "备案号", recordRef: "笔录编号", ref: "编号",
  reference: "文号", referredTo: "移送至", refusalNote: "拒收说明", refused: "拒绝签收", replacement: "替换人员",
  requestId: "请求编号", requestedByParty: "当事人申请", requirement: "整改要求", reviews: "复核意见",
  revisedProposal: "修改后的处理意见", rightsNotice: "权利告知", sanctions: "处罚种类", serviceMethod: "送达方式",
  sha256: "SHA-256", siteRecord: "现场记录", softListItemId: "柔性执法清单事项", softOutcome: "柔性执法结果",
  source: "线索来源", sourceFindingId: "来源检查发现", sourceOrderId: "来源通知书", sourceRef: "来源编号",
  startedAt: "开始时间", statement: "陈述申辩", statementWaived: "放弃陈述申辩", structureCount: "建筑数量",
  summary: "摘要", target: "升级方向", town: "乡镇", trigger: "检查起因", unit: "执法单位", upheld: "维持",
  violationEndedOn: "违法行为终了日", violationType: "违法类型", waived: "放弃",
};

export const EVENT = {
  LeadRegistered: "线索登记", VerificationStarted: "开始核查", CaseFiled: "立案", InvestigationStarted: "开始调查",
  EvidenceCollected: "收集证据", InquiryRecorded: "询问笔录", SiteRecorded: "现场检查笔录",
  InvestigationReportSubmitted: "调查终结报告", LegalReviewRequested: "提请法制审核", LegalReviewCompleted: "法制审核完成",
  PriorNoticeServed: "送达事先告知书", StatementReceived: "收到陈述申辩", StatementReviewed: "复核陈述申辩",
  DecisionMade: "作出处罚决定", DecisionDocumentIssued: "制作处罚决定书", DecisionServed: "送达处罚决定书",
  PaymentReceived: "收到罚款", CaseClosed: "结案", CaseArchived: "归档", DeadlineStarted: "期限开始",
  DeadlineWarning: "期限预警", DeadlineBreached: "期限超期", DeadlineSatisfied: "期限完成", DeadlineCancelled: "期限取消",
  DeadlinePaused: "期限中止", DeadlineResumed: "期限恢复", InspectionCompleted: "巡查完成", InspectionRecorded: "巡查登记",
  SimplePenaltyDecided: "当场处罚决定", RectificationOrderIssued: "下达责令改正通知书",
};

export const label = (map, code) => (code === null || code === undefined ? "—" : map[code] ?? code);
export const enumLabel = (type, value) => ENUM[type]?.[value] ?? value;
export const statusLabel = (code) => label(STATUS, code);
export const stepLabel = (command) => label(STEP, command);
