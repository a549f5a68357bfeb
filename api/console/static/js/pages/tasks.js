// 我的待办: myTasks, by due date, with days left and the case's current clock's warning.
import { gql } from "../api.js";
import { daysLeft, daysText, h, section, table } from "../dom.js";
import { ROLE, label, stepLabel } from "../labels.js";
import { apiErrors, caseLink, deadlineBadge, kindText, statusBadge } from "./common.js";

const TASKS = `{ myTasks(first: 100) { caseId step role dueOn
  case { streamId caseNo partyName status kind procedure town currentDeadline { clockKey dueOn status } } } }`;

export async function tasksPage(ctx) {
  const { data, errors } = await gql(TASKS);
  const tasks = data?.myTasks ?? [];
  const rows = tasks.map((t) => {
    const left = daysLeft(t.dueOn);
    const warn = t.case?.currentDeadline?.status;
    const href = t.step === "CompleteLegalReview" ? `#/review/${encodeURIComponent(t.caseId)}`
      : `#/case/${encodeURIComponent(t.caseId)}`;
    return h("tr", { class: `task ${left !== null && left < 0 ? "overdue" : ""}`, dataset: { case: t.caseId, step: t.step } },
      h("td", {}, caseLink(t.case, t.caseId)), h("td", {}, t.case?.partyName ?? "—"),
      h("td", {}, t.case ? kindText(t.case) : "—"), h("td", {}, t.case ? statusBadge(t.case.status) : "—"),
      h("td", {}, h("a", { href, class: "task-step" }, stepLabel(t.step))), h("td", {}, label(ROLE, t.role)),
      h("td", {}, t.dueOn ?? "—"), h("td", { class: "days" }, t.dueOn ? daysText(t.dueOn) : "—"),
      h("td", {}, deadlineBadge(warn)));
  });
  return h("div", {}, h("h1", {}, "我的待办"), apiErrors(errors),
    section(`共 ${tasks.length} 项`, tasks.length
      ? table(["案件", "当事人", "类型", "状态", "待办步骤", "角色", "期限", "剩余", "预警"], rows, { id: "tasks" })
      : h("p", { class: "muted empty" }, "暂无待办")));
}
