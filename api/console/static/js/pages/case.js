// A case: status, parties, clocks with days left, the steps waiting on it (myTasks) and a form for any step of its
// procedure (the API accepts or refuses it), evidence and documents from the log, the timeline.
import { gql } from "../api.js";
import { daysText, formatDateTime, h, section, shortHash, table, yuan } from "../dom.js";
import { EVENT, ROLE, enumLabel, label, statusLabel, stepLabel } from "../labels.js";
import { officerDatalist, stepForm } from "../forms.js";
import { apiErrors, deadlineBadge, kindText, problem, statusBadge, townName } from "./common.js";

export const CASE_FIELDS = `id streamId kind procedure status town unit caseNo partyName violationType openedAt filedAt
  decidedAt closedAt fineAmountFen version proposalHash lastEvent { type occurredAt seq }
  officers { officerId name }
  deadlines { clockKey deadlineId startedOn dueOn warnOn provisional status }
  timeline { seq type occurredAt recordedAt actor actors status hash data }
  legalReviews { proposalHash requestedAt completedAt outcome reviewer opinion }
  decision { decidedAt decidedBy decisionType sanctions fineAmountFen modifier documentNo servedAt paymentDueOn }
  payments { paidAt amountFen channel receiptNo settles }
  disclosure { state channels recordedAt }`;
const CASE = `query Case($id: ID!) { case(id: $id) { __typename ... on Case { ${CASE_FIELDS} }
  ... on NotFound { code message id } } }`;
const TASKS = "{ myTasks(first: 100) { caseId step role dueOn } }";
const AGGREGATE = { GENERAL: "GENERAL_CASE", SIMPLE: "SIMPLE_CASE", ILLEGAL_CONSTRUCTION: "CONSTRUCTION_CASE" };
const EVIDENCE_EVENTS = new Set(["EvidenceCollected", "InquiryRecorded", "SiteRecorded"]);
const HIDDEN_DATA = new Set(["actors", "occurred_at", "recorded_at"]);

export function aggregateOf(c) {
  return c.kind === "CASE" ? AGGREGATE[c.procedure] : c.kind;
}

export async function loadCase(id) {
  return gql(CASE, { id });
}

function dataText(data) {
  return Object.entries(data ?? {}).filter(([k, v]) => !HIDDEN_DATA.has(k) && v !== null && v !== "" &&
    !(Array.isArray(v) && !v.length)).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`)
    .join("；");
}

export function evidenceSection(c) {
  const rows = c.timeline.filter((e) => EVIDENCE_EVENTS.has(e.type)).map((e) => h("tr", { class: "evidence" },
    h("td", {}, label(EVENT, e.type)), h("td", {}, formatDateTime(e.occurredAt)), h("td", {}, e.actors.join("、")),
    h("td", { class: "data" }, dataText(e.data))));
  return section("证据", rows.length ? table(["类别", "时间", "执法人员", "内容"], rows, { id: "evidence" })
    : h("p", { class: "muted" }, "尚无证据"));
}

function documentsSection(c) {
  const rows = [];
  for (const e of c.timeline) {
    for (const [key, value] of Object.entries(e.data ?? {})) {
      if (typeof value === "string" && value && /(_no|_number)$/.test(key)) {
        rows.push(h("tr", { class: "document" }, h("td", {}, label(EVENT, e.type)), h("td", {}, key),
          h("td", {}, value), h("td", {}, formatDateTime(e.occurredAt))));
      }
    }
  }
  return section("文书", rows.length ? table(["事项", "文书", "编号", "时间"], rows, { id: "documents" })
    : h("p", { class: "muted" }, "尚无文书"));
}

export function timelineSection(c) {
  const rows = c.timeline.map((e) => h("tr", { class: "event", dataset: { type: e.type } },
    h("td", {}, e.seq), h("td", {}, formatDateTime(e.occurredAt)), h("td", {}, label(EVENT, e.type)),
    h("td", {}, e.actors?.length ? e.actors.join("、") : e.actor), h("td", {}, e.status ? statusLabel(e.status) : ""),
    h("td", { class: "hash", title: e.hash }, shortHash(e.hash))));
  return section(`时间线（${c.timeline.length} 条）`,
    table(["序号", "发生时间", "事项", "执法人员", "状态", "哈希"], rows, { id: "timeline" }));
}

function deadlinesSection(c) {
  const rows = c.deadlines.map((d) => h("tr", { class: `deadline deadline-row-${d.status}` },
    h("td", {}, d.clockKey), h("td", {}, d.startedOn), h("td", {}, d.warnOn), h("td", {}, d.dueOn),
    h("td", {}, ["RUNNING", "WARNED", "BREACHED", "PAUSED"].includes(d.status) ? daysText(d.dueOn) : "—"),
    h("td", {}, deadlineBadge(d.status), d.provisional ? h("span", { class: "muted" }, "（暂定）") : null)));
  return section("期限", rows.length ? table(["期限", "起算", "预警日", "到期日", "剩余", "状态"], rows, { id: "deadlines" })
    : h("p", { class: "muted" }, "无期限"));
}

export function summarySection(ctx, c) {
  const item = (k, v) => [h("dt", {}, k), h("dd", {}, v ?? "—")];
  return section("基本情况", h("dl", { class: "facts" },
    item("状态", statusBadge(c.status)), item("类型", kindText(c)), item("案号", c.caseNo),
    item("当事人", c.partyName), item("违法类型", ctx.refs.violationTypes.find((v) => v.code === c.violationType)?.name
      ?? c.violationType), item("乡镇", townName(ctx, c.town)), item("执法单位", c.unit),
    item("办案人员", c.officers.map((o) => o.name).join("、") || "—"), item("受理", formatDateTime(c.openedAt)),
    item("立案", formatDateTime(c.filedAt)), item("决定", formatDateTime(c.decidedAt)),
    item("结案", formatDateTime(c.closedAt)), item("罚款", c.fineAmountFen === null ? "—" : yuan(c.fineAmountFen)),
    item("处理意见哈希", c.proposalHash ? h("code", { class: "proposal-hash" }, c.proposalHash) : "—"),
    item("公示", c.disclosure.state), item("版本", c.version)));
}

function decisionSection(c) {
  const parts = [];
  for (const r of c.legalReviews) {
    parts.push(h("p", { class: "review" }, `法制审核：${r.outcome ? enumLabel("LegalReviewOutcome", r.outcome) : "待审核"}`,
      r.reviewer ? ` · ${r.reviewer}` : "", r.opinion ? ` · ${r.opinion}` : ""));
  }
  if (c.decision) {
    const d = c.decision;
    parts.push(h("p", {}, `处罚决定：${enumLabel("DecisionType", d.decisionType)} · `,
      d.sanctions.map((s) => enumLabel("Sanction", s)).join("、"), ` · ${yuan(d.fineAmountFen)}`,
      d.documentNo ? ` · ${d.documentNo}` : "", d.servedAt ? ` · 送达 ${formatDateTime(d.servedAt)}` : "",
      d.paymentDueOn ? ` · 缴款期限 ${d.paymentDueOn}` : ""));
  }
  for (const p of c.payments) {
    parts.push(h("p", {}, `缴款：${yuan(p.amountFen)} · ${enumLabel("PaymentChannel", p.channel)} · ${p.receiptNo}`,
      p.settles ? " · 已缴清" : ""));
  }
  return parts.length ? section("审核与决定", parts) : null;
}

function stepsSection(ctx, c, tasks, tasksErrors) {
  const area = h("div", { id: "step-area" });
  const aggregate = aggregateOf(c);
  const steps = ctx.catalog.steps.filter((s) => s.aggregate === aggregate && !s.opens);
  const open = (mutation) => {
    const prefill = c.proposalHash ? { proposalHash: c.proposalHash } : {};
    area.replaceChildren(stepForm(ctx.catalog, ctx.refs, mutation, { fixed: { caseId: c.streamId }, prefill,
      onDone: async (after) => {
        await ctx.refresh();
        ctx.flash(`已提交：当前状态「${statusLabel(after.status)}」`);
      } }));
    area.querySelector("input, select, textarea")?.focus();
  };
  const mine = tasks.filter((t) => t.caseId === c.streamId);
  const byCommand = Object.fromEntries(ctx.catalog.steps.map((s) => [s.command, s.mutation]));
  const picker = h("select", { id: "step-picker", onchange: () => picker.value && open(picker.value) },
    h("option", { value: "" }, "选择步骤…"),
    steps.map((s) => h("option", { value: s.mutation }, `${stepLabel(s.command)}（${label(ROLE, s.role)}）`)));
  return section("办理",
    mine.length ? h("div", { class: "task-buttons" }, h("span", {}, "待我办理："), mine.map((t) => h("button", {
      type: "button", class: "primary task-button", dataset: { step: t.step },
      onclick: () => open(byCommand[t.step]) }, `${stepLabel(t.step)}${t.dueOn ? `（${daysText(t.dueOn)}）` : ""}`)))
      : h("p", { class: "muted" }, "此案暂无待我办理的步骤"),
    tasksErrors ? h("p", { class: "muted" }, tasksErrors.map((e) => e.message).join("；")) : null,
    h("div", { class: "field" }, h("label", { for: "step-picker" }, "其他步骤（由系统依法校验）"), picker),
    officerDatalist(ctx.refs), area);
}

export async function casePage(ctx, id) {
  const [{ data, errors }, tasks] = await Promise.all([loadCase(id), gql(TASKS)]);
  const c = data?.case;
  if (!c) return h("div", {}, h("h1", {}, "案件"), apiErrors(errors));
  if (c.__typename !== "Case") return h("div", {}, h("h1", {}, "案件"), problem(c));
  return h("div", { class: "case", dataset: { case: c.streamId, status: c.status, version: String(c.version) } },
    h("h1", {}, c.caseNo || c.streamId, " ", statusBadge(c.status)),
    h("p", {}, h("a", { href: `#/audit/${encodeURIComponent(c.streamId)}` }, "审计追溯（哈希链）")),
    apiErrors(errors), summarySection(ctx, c), deadlinesSection(c),
    stepsSection(ctx, c, tasks.data?.myTasks ?? [], tasks.errors), decisionSection(c), evidenceSection(c),
    documentsSection(c), timelineSection(c));
}
