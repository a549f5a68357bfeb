// 监督看板: cases by town and status, overdue work and breaches by clock, the year's figures with year-over-year
// (annualStatistics: the district's rollup for a district supervisor), each as the API returns it for the caller.
import { gql } from "../api.js";
import { h, section, table, yuan } from "../dom.js";
import { statusLabel } from "../labels.js";
import { barChart } from "../charts.js";
import { apiErrors, caseLink, deadlineBadge, townName } from "./common.js";

const CASES = `query Cases($after: String) { cases(first: 100, after: $after) { totalCount
  pageInfo { hasNextPage endCursor } edges { node { streamId town status kind procedure } } } }`;
const OVERDUE = `{ overdueDeadlines(first: 100) { deadline { caseId clockKey dueOn status }
  case { streamId caseNo town status partyName } } }`;
const STATISTICS = `query Stats($town: String!, $year: Int!) { annualStatistics(town: $town, year: $year) {
  __typename ... on NotFound { code message }
  ... on AnnualStatistics { scope scopeName year asOf figures { metric name value unit previousValue }
    districtRollup { scope scopeName figures { metric name value unit previousValue } } } } }`;
const KEY_METRICS = ["inspections_recorded", "cases_filed", "decisions_disclosed", "disclosure_rate",
  "disclosure_on_time_rate"];
const MAX_PAGES = 10;

export function figureText(f) {
  if (f === null || f === undefined) return "—";
  if (f.unit === "BASIS_POINTS") return `${(f.value / 100).toFixed(2)}%`;
  if (f.unit === "FEN") return yuan(f.value);
  return String(f.value);
}

function change(f) {
  if (f.previousValue === null || f.previousValue === undefined) return "—";
  const delta = f.value - f.previousValue;
  if (f.previousValue === 0) return delta === 0 ? "持平" : `+${figureText({ ...f, value: delta })}`;
  const pct = ((delta / f.previousValue) * 100).toFixed(1);
  return `${delta >= 0 ? "+" : ""}${pct}%`;
}

async function allCases() {
  const nodes = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { data, errors } = await gql(CASES, { after });
    if (errors) return { nodes, errors };
    nodes.push(...data.cases.edges.map((e) => e.node));
    if (!data.cases.pageInfo.hasNextPage) return { nodes, total: data.cases.totalCount };
    after = data.cases.pageInfo.endCursor;
  }
  return { nodes, truncated: true };
}

function byTownSection(ctx, cases) {
  const towns = [...new Set(cases.nodes.map((c) => c.town))].sort();
  const statuses = [...new Set(cases.nodes.map((c) => c.status))].sort();
  const count = (town, status) => cases.nodes.filter((c) => c.town === town && (!status || c.status === status)).length;
  const rows = towns.map((t) => h("tr", { class: "town-row", dataset: { town: t } }, h("th", {}, townName(ctx, t)),
    statuses.map((s) => h("td", { dataset: { status: s } }, count(t, s) || "")), h("td", { class: "total" }, count(t))));
  return section(`按乡镇和状态的案件（共 ${cases.nodes.length} 件${cases.truncated ? "，仅统计前 1000 件" : ""}）`,
    apiErrors(cases.errors),
    towns.length ? [table(["乡镇", ...statuses.map(statusLabel), "合计"], rows, { id: "cases-by-town" }),
      barChart(towns.map((t) => ({ label: townName(ctx, t), value: count(t) })), { title: "各乡镇案件数" })]
      : h("p", { class: "muted empty" }, "暂无案件"));
}

function overdueSection(ctx, overdue) {
  const items = overdue.data?.overdueDeadlines ?? [];
  const clocks = [...new Set(items.map((o) => o.deadline.clockKey))].sort();
  const breached = (k) => items.filter((o) => o.deadline.clockKey === k && o.deadline.status === "BREACHED").length;
  const rows = items.map((o) => h("tr", { class: "overdue-row", dataset: { case: o.deadline.caseId } },
    h("td", {}, caseLink(o.case, o.deadline.caseId)), h("td", {}, o.case ? townName(ctx, o.case.town) : "—"),
    h("td", {}, o.deadline.clockKey), h("td", {}, o.deadline.dueOn), h("td", {}, deadlineBadge(o.deadline.status))));
  return section(`超期事项（${items.length}）`, apiErrors(overdue.errors),
    items.length ? [table(["案件", "乡镇", "期限", "到期日", "状态"], rows, { id: "overdue" }),
      barChart(clocks.map((k) => ({ label: k, value: breached(k) })), { title: "按期限的超期（已超期）" })]
      : h("p", { class: "muted empty" }, "暂无超期事项"));
}

function figuresTable(scope, figures) {
  const shown = figures.filter((f) => KEY_METRICS.includes(f.metric) || f.value || f.previousValue);
  return table(["指标", "本年", "上年", "同比"], shown.map((f) => h("tr", { class: "figure", dataset: {
    metric: f.metric, scope, value: String(f.value) } }, h("th", {}, f.name), h("td", { class: "value" }, figureText(f)),
    h("td", {}, f.previousValue === null ? "—" : figureText({ ...f, value: f.previousValue })), h("td", {}, change(f)))),
  { class: "figures", dataset: { scope } });
}

async function statisticsSection(ctx, year) {
  const towns = ctx.refs.towns;
  const results = await Promise.all(towns.map((t) => gql(STATISTICS, { town: t.code, year })));
  const parts = [];
  const rollup = results.map((r) => r.data?.annualStatistics?.districtRollup).find(Boolean);
  if (rollup) {
    const onTime = rollup.figures.find((f) => f.metric === "disclosure_on_time_rate");
    parts.push(h("h3", {}, `${rollup.scopeName}（全区）`),
      h("p", { class: "kpi" }, "按时公示率：", h("strong", { id: "on-time-rate" }, figureText(onTime))),
      figuresTable(rollup.scope, rollup.figures),
      barChart(rollup.figures.filter((f) => f.unit === "COUNT" && (f.value || f.previousValue)).slice(0, 12)
        .map((f) => ({ label: f.name, value: f.value, previous: f.previousValue })),
      { title: `${year} 年与上年（浅色）对比` }));
  }
  results.forEach((r, i) => {
    const s = r.data?.annualStatistics;
    parts.push(h("h3", {}, towns[i].name), apiErrors(r.errors));
    if (s?.__typename === "AnnualStatistics") parts.push(figuresTable(s.scope, s.figures));
    else if (s) parts.push(h("p", { class: "muted" }, `${s.code}：${s.message}`));
  });
  return parts;
}

export async function dashboardPage(ctx) {
  const year = new Date().getFullYear();
  const [cases, overdue] = await Promise.all([allCases(), gql(OVERDUE)]);
  const yearBox = h("input", { type: "number", id: "year", value: year, min: 2000, max: 2100 });
  const statistics = h("div", { id: "statistics" }, ...(await statisticsSection(ctx, year)));
  const reload = async () => statistics.replaceChildren(...(await statisticsSection(ctx, Number(yearBox.value))));
  return h("div", { class: "dashboard" }, h("h1", {}, "监督看板"), byTownSection(ctx, cases),
    overdueSection(ctx, overdue),
    section("年度数据（同比）", h("div", { class: "field inline" }, h("label", { for: "year" }, "年度"), yearBox,
      h("button", { type: "button", class: "secondary", onclick: reload }, "刷新")), statistics));
}
