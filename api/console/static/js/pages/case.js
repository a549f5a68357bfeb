// A case: status, parties, clocks with days left, the steps waiting on it (nextSteps: deadline, role, a form with
// the case's defaults) and a form for any other step of its procedure (the API accepts or refuses it), evidence
// (upload with progress, downloads), its documents (文书) to download, the timeline.
import { gql } from "../api.js";
import { daysText, formatDateTime, h, section, shortHash, table, yuan } from "../dom.js";
import { EVENT, ROLE, enumLabel, label, statusLabel, stepLabel } from "../labels.js";
import { STEP_SELECTION, officerDatalist, stepForm } from "../forms.js";
import { aggregateOf, apiErrors, deadlineBadge, kindText, problem, statusBadge, townName } from "./common.js";
import { documentsSection } from "./documents.js";
import { evidenceSection } from "./evidence.js";

export const CASE_FIELDS = `id streamId kind procedure status town unit caseNo partyName violationType openedAt filedAt
  decidedAt closedAt fineAmountFen version proposalHash lastEvent { type occurredAt seq }
  officers { officerId name }
  deadlines { clockKey deadlineId startedOn dueOn warnOn provisional status }
  timeline { seq type occurredAt recordedAt actor actors status hash data }
  legalReviews { proposalHash requestedAt completedAt outcome reviewer opinion }
  decision { decidedAt decidedBy decisionType sanctions fineAmountFen modifier documentNo servedAt paymentDueOn }
  payments { paidAt amountFen channel receiptNo settles }
  disclosure { state channels recordedAt }`;
const CASE_QUERY_FIELDS = `${CASE_FIELDS} nextSteps { ${STEP_SELECTION} }`;
const CASE = `query Case($id: ID!) { case(id: $id) { __typename ... on Case { ${CASE_QUERY_FIELDS} }
  ... on NotFound { code message id } } }`;

export async function loadCase(id) {
  return gql(CASE, { id });
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

function workingDaysText(n) {
  if (n > 0) return `剩余 ${n} 个工作日`;
  return n === 0 ? "今日到期" : `已超期 ${-n} 个工作日`;
}

// One step the case waits for: taken here by a caller who may, greyed with the role that takes it otherwise.
function nextStepItem(s, open) {
  const d = s.deadline;
  return h("li", { class: `next-step${s.callerMay ? "" : " not-mine"}`, dataset: { mutation: s.mutation, step: s.step } },
    h("button", { type: "button", class: "primary next-step-button", disabled: !s.callerMay, title: s.whyNot,
      dataset: { mutation: s.mutation }, onclick: () => open(s) }, stepLabel(s.step)),
    h("span", { class: "role" }, label(ROLE, s.role)),
    d ? h("span", { class: "step-deadline", dataset: { due: d.dueOn, left: String(d.workingDaysLeft) } },
      `期限 ${d.dueOn}（${workingDaysText(d.workingDaysLeft)}）`) : null,
    s.fieldAction ? h("span", { class: "muted" }, "需两名执法人员") : null,
    s.callerMay ? null : h("span", { class: "muted why-not" }, `需由${label(ROLE, s.role)}办理`));
}

// What the case waits for (nextSteps, with the case's defaults) and, beside it, every other step of its procedure
// from the catalog: those the law allows without the case waiting for them (evidence, an inquiry, a statement).
export function stepsSection(ctx, c) {
  const area = h("div", { id: "step-area" });
  const open = (step, prefill = {}) => {
    area.replaceChildren(stepForm(step, { fixed: { caseId: c.streamId }, prefill, onDone: async (after) => {
      await ctx.refresh();
      ctx.flash(`已提交：当前状态「${statusLabel(after.status)}」`);
    } }));
    area.querySelector("input, select, textarea")?.focus();
  };
  const offered = new Set(c.nextSteps.map((s) => s.mutation));
  const others = ctx.catalog.steps.filter((s) => s.aggregate === aggregateOf(c) && !s.opens && !offered.has(s.mutation));
  const picker = h("select", { id: "step-picker", onchange: () => picker.value &&
      open(others.find((s) => s.mutation === picker.value)) },
    h("option", { value: "" }, "选择步骤…"),
    others.map((s) => h("option", { value: s.mutation }, `${stepLabel(s.step)}（${label(ROLE, s.role)}）`)));
  const panel = section("办理",
    c.nextSteps.length ? h("ul", { class: "next-steps", id: "next-steps" }, c.nextSteps.map((s) => nextStepItem(s, open)))
      : h("p", { class: "muted" }, "此案暂无待办步骤"),
    h("div", { class: "field" }, h("label", { for: "step-picker" }, "其他步骤（由系统依法校验）"), picker),
    officerDatalist(ctx.refs), area);
  return { el: panel, open: (mutation, prefill) => open(c.nextSteps.find((s) => s.mutation === mutation) ??
    ctx.catalog.steps.find((s) => s.mutation === mutation), prefill) };
}

export async function casePage(ctx, id) {
  const { data, errors } = await loadCase(id);
  const c = data?.case;
  if (!c) return h("div", {}, h("h1", {}, "案件"), apiErrors(errors));
  if (c.__typename !== "Case") return h("div", {}, h("h1", {}, "案件"), problem(c));
  const steps = stepsSection(ctx, c);
  return h("div", { class: "case", dataset: { case: c.streamId, status: c.status, version: String(c.version) } },
    h("h1", {}, c.caseNo || c.streamId, " ", statusBadge(c.status)),
    h("p", {}, h("a", { href: `#/audit/${encodeURIComponent(c.streamId)}` }, "审计追溯（哈希链）")),
    apiErrors(errors), summarySection(ctx, c), deadlinesSection(c), steps.el, decisionSection(c),
    evidenceSection(c, { upload: true, record: (prefill) => steps.open("recordEvidence", prefill) }),
    documentsSection(ctx, c), timelineSection(c));
}
