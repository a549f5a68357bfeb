// 案件查询: the filters of `cases` (towns, kinds, statuses, procedures, violation types, officer, overdue, dates).
import { gql } from "../api.js";
import { formatDateTime, h, section, table } from "../dom.js";
import { KIND, PROCEDURE, STATUS } from "../labels.js";
import { apiErrors, caseLink, kindText, statusBadge, townName } from "./common.js";

const CASES = `query Search($filter: CaseFilterInput, $orderBy: CaseOrderBy!, $after: String) {
  cases(filter: $filter, orderBy: $orderBy, first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { streamId caseNo partyName status kind procedure town violationType openedAt decidedAt
      currentDeadline { dueOn status } } } } }`;

function multi(id, options) {
  return h("select", { id, multiple: true, size: Math.min(6, options.length) },
    options.map(([value, text]) => h("option", { value }, text)));
}

const chosen = (select) => [...select.selectedOptions].map((o) => o.value);

export async function searchPage(ctx) {
  const towns = multi("q-towns", ctx.refs.towns.map((t) => [t.code, t.name]));
  const kinds = multi("q-kinds", Object.entries(KIND));
  const procedures = multi("q-procedures", Object.entries(PROCEDURE));
  const statuses = multi("q-statuses", Object.entries(STATUS));
  const types = multi("q-violation-types", ctx.refs.violationTypes.map((v) => [v.code, v.name]));
  const officer = h("input", { id: "q-officer", type: "text", list: "q-officers" });
  const overdue = h("select", { id: "q-overdue" }, h("option", { value: "" }, "不限"),
    h("option", { value: "true" }, "仅超期"), h("option", { value: "false" }, "未超期"));
  const dates = Object.fromEntries(["openedFrom", "openedTo", "decidedFrom", "decidedTo"].map((k) =>
    [k, h("input", { type: "date", id: `q-${k}` })]));
  const order = h("select", { id: "q-order" }, [["OPENED_AT_DESC", "受理时间（新→旧）"], ["OPENED_AT_ASC", "受理时间（旧→新）"],
    ["LAST_EVENT_AT_DESC", "最近办理"], ["CASE_NO_ASC", "案号"]].map(([v, t]) => h("option", { value: v }, t)));
  const results = h("div", { id: "results" });
  let after = null;

  const filter = () => {
    const f = {};
    for (const [key, select] of [["towns", towns], ["kinds", kinds], ["procedures", procedures],
      ["statuses", statuses], ["violationTypes", types]]) {
      if (chosen(select).length) f[key] = chosen(select);
    }
    if (officer.value.trim()) f.officer = officer.value.trim();
    if (overdue.value) f.overdue = overdue.value === "true";
    for (const [key, input] of Object.entries(dates)) {
      if (input.value) f[key] = `${input.value}T${key.endsWith("To") ? "23:59:59" : "00:00:00"}+08:00`;
    }
    return f;
  };
  const run = async (more = false) => {
    const { data, errors } = await gql(CASES, { filter: filter(), orderBy: order.value, after: more ? after : null });
    if (!more) results.replaceChildren();
    if (errors) return results.append(apiErrors(errors));
    const page = data.cases;
    after = page.pageInfo.endCursor;
    const rows = page.edges.map(({ node: c }) => h("tr", { class: "result", dataset: { case: c.streamId } },
      h("td", {}, caseLink(c)), h("td", {}, c.partyName ?? "—"), h("td", {}, kindText(c)), h("td", {}, statusBadge(c.status)),
      h("td", {}, townName(ctx, c.town)), h("td", {}, formatDateTime(c.openedAt)),
      h("td", {}, c.currentDeadline?.dueOn ?? "—")));
    if (!more) results.append(h("p", { id: "result-count" }, `共 ${page.totalCount} 件`),
      table(["案件", "当事人", "类型", "状态", "乡镇", "受理", "当前期限"], [], { id: "search-results" }));
    results.querySelector("#search-results tbody").append(...rows);
    results.querySelector("#more")?.remove();
    if (page.pageInfo.hasNextPage) {
      results.append(h("button", { type: "button", id: "more", class: "secondary", onclick: () => run(true) }, "更多"));
    }
  };
  const field = (text, control) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  const form = h("form", { id: "search", class: "grid", onsubmit: (e) => { e.preventDefault(); run(); } },
    field("乡镇", towns), field("类型", kinds), field("程序", procedures), field("状态", statuses), field("违法类型", types),
    field("执法人员", officer), field("超期", overdue), field("受理起", dates.openedFrom), field("受理止", dates.openedTo),
    field("决定起", dates.decidedFrom), field("决定止", dates.decidedTo), field("排序", order),
    h("datalist", { id: "q-officers" }, ctx.refs.officers.map((o) => h("option", { value: o.officerId }, o.name))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "查询")));
  await run();
  return h("div", {}, h("h1", {}, "案件查询"), section("条件", form), section("结果", results));
}
