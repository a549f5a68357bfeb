// 法制审核: the reviewer's queue (myTasks, and cases in LEGAL_REVIEW), and a review page with the proposal, its
// hash and the evidence, to approve or return with an opinion (completeLegalReview).
import { gql } from "../api.js";
import { formatDateTime, h, section, table } from "../dom.js";
import { enumLabel, statusLabel, stepLabel } from "../labels.js";
import { stepForm } from "../forms.js";
import { apiErrors, caseLink, problem, statusBadge } from "./common.js";
import { loadCase, summarySection, timelineSection } from "./case.js";
import { evidenceSection } from "./evidence.js";

const QUEUE = `{ myTasks(first: 100) { caseId step dueOn case { streamId caseNo partyName status } }
  cases(filter: { statuses: ["LEGAL_REVIEW"] }, first: 100) { totalCount edges { node {
    streamId caseNo partyName status town lastEvent { occurredAt } } } } }`;
const PROPOSAL_EVENTS = new Set(["InvestigationReportSubmitted", "StatementReviewed", "ProposalRevised"]);

export async function reviewsPage() {
  const { data, errors } = await gql(QUEUE);
  const tasks = (data?.myTasks ?? []).filter((t) => t.step === "CompleteLegalReview");
  const cases = data?.cases?.edges.map((e) => e.node) ?? [];
  const link = (id) => h("a", { href: `#/review/${encodeURIComponent(id)}`, class: "review-link" }, "审核");
  return h("div", {}, h("h1", {}, "法制审核"), apiErrors(errors),
    section("待我审核", tasks.length ? table(["案件", "当事人", "状态", "步骤", "期限", ""], tasks.map((t) =>
      h("tr", { class: "review-task", dataset: { case: t.caseId } }, h("td", {}, caseLink(t.case, t.caseId)),
        h("td", {}, t.case?.partyName ?? "—"), h("td", {}, t.case ? statusBadge(t.case.status) : "—"),
        h("td", {}, stepLabel(t.step)), h("td", {}, t.dueOn ?? "—"), h("td", {}, link(t.caseId)))), { id: "review-queue" })
      : h("p", { class: "muted empty" }, "暂无待审核案件")),
    section(`法制审核中的案件（${data?.cases?.totalCount ?? 0}）`, table(["案件", "当事人", "状态", "最近", ""],
      cases.map((c) => h("tr", { dataset: { case: c.streamId } }, h("td", {}, caseLink(c)), h("td", {}, c.partyName ?? "—"),
        h("td", {}, statusBadge(c.status)), h("td", {}, formatDateTime(c.lastEvent.occurredAt)),
        h("td", {}, link(c.streamId)))))));
}

function proposalOf(c) {
  const event = [...c.timeline].reverse().find((e) => PROPOSAL_EVENTS.has(e.type) && (e.data?.proposal ||
    e.data?.revised_proposal));
  return event ? { event, proposal: event.data.proposal ?? event.data.revised_proposal } : null;
}

function proposalSection(c) {
  const found = proposalOf(c);
  if (!found) return section("处理意见", h("p", { class: "muted" }, "尚无处理意见"));
  const p = found.proposal;
  const rows = Object.entries(p).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, k === "sanctions" ? v.map((s) => enumLabel("Sanction", s)).join("、")
      : k === "decision_type" ? enumLabel("DecisionType", v) : typeof v === "object" ? JSON.stringify(v) : String(v))));
  return section("处理意见", h("p", {}, `提交：${formatDateTime(found.event.occurredAt)} · ${found.event.actor}`),
    h("p", {}, "哈希：", h("code", { class: "proposal-hash" }, c.proposalHash ?? "—")),
    h("table", { id: "proposal" }, h("tbody", {}, rows)));
}

export async function reviewPage(ctx, id) {
  const { data, errors } = await loadCase(id);
  const c = data?.case;
  if (!c) return h("div", {}, h("h1", {}, "法制审核"), apiErrors(errors));
  if (c.__typename !== "Case") return h("div", {}, h("h1", {}, "法制审核"), problem(c));
  // The review as the case offers it (with its proposalHash as the default), else as the catalog describes it.
  const step = c.nextSteps.find((s) => s.mutation === "completeLegalReview")
    ?? ctx.catalog.steps.find((s) => s.mutation === "completeLegalReview");
  const form = stepForm(step, { fixed: { caseId: c.streamId }, submitText: "提交审核意见",
    onDone: async (after) => {
      await ctx.refresh();
      ctx.flash(`已提交审核意见：当前状态「${statusLabel(after.status)}」`);
    } });
  return h("div", { class: "review", dataset: { case: c.streamId, status: c.status } },
    h("h1", {}, `法制审核：${c.caseNo || c.streamId} `, statusBadge(c.status)),
    h("p", {}, caseLink(c)), summarySection(ctx, c), proposalSection(c), evidenceSection(c),
    section("审核意见（同意 / 退回）", form), timelineSection(c));
}
