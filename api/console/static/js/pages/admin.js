// 基础数据: a district administrator's onboarding workbook (importReferenceWorkbook: check, then record from a day)
// and the district's register history (referenceHistory). Refusals show the sheet, row and column the API names.
import { gql } from "../api.js";
import { h, section, table } from "../dom.js";
import { apiErrors } from "./common.js";

const IMPORT = `mutation Import($i: ImportReferenceWorkbookInput!) { importReferenceWorkbook(input: $i) { __typename
  ... on ReferenceChangesRecorded { dryRun changes { register keeper effectiveFrom puts retires } }
  ... on WorkbookRefused { code message sheet row column }
  ... on ReferenceRefused { code message file record field }
  ... on ValidationError { code message field } ... on Forbidden { code message } } }`;
const HISTORY = `{ referenceHistory { register keeper effectiveFrom puts retires actor source recordedAt } }`;
const REGISTER = { districts: "区", towns: "镇街", officers: "人员", catalogs: "执法事项目录", benchmarks: "裁量基准",
  soft_lists: "轻微免罚清单", profiles: "规则配置", violation_types: "违法类型" };

function base64Of(buffer) {
  let text = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function outcomeView(result) {
  if (result.__typename === "ReferenceChangesRecorded") {
    const done = result.dryRun ? "检查通过，未登记（试运行）" : "已登记";
    const rows = result.changes.map((c) => h("tr", {}, h("td", {}, REGISTER[c.register] ?? c.register),
      h("td", {}, c.puts), h("td", {}, c.effectiveFrom)));
    return h("div", { id: "admin-result", class: "ok" }, h("p", {}, `${done}：${result.changes.length} 项变更`),
      result.changes.length ? table(["登记簿", "记录数", "生效日期"], rows) : h("p", {}, "与现行记录相同，无需变更"));
  }
  const where = result.__typename === "WorkbookRefused" ? `工作表「${result.sheet}」第 ${result.row ?? "-"} 行 ${result.column ?? ""}：` : "";
  return h("div", { id: "admin-result", class: "form-error", dataset: { sheet: result.sheet ?? "", row: result.row ?? "",
    column: result.column ?? "" } }, `未登记，原因：${where}${result.message}`);
}

async function historyView() {
  const { data, errors } = await gql(HISTORY);
  if (errors) return apiErrors(errors);
  const rows = data.referenceHistory.slice().reverse().map((c) => h("tr", {},
    h("td", {}, c.recordedAt?.slice(0, 16).replace("T", " ") ?? ""), h("td", {}, c.actor),
    h("td", {}, REGISTER[c.register] ?? c.register), h("td", {}, c.effectiveFrom), h("td", {}, c.puts),
    h("td", {}, c.retires.join("、")), h("td", { class: "source" }, c.source)));
  return table(["登记时间", "操作人", "登记簿", "生效日期", "登记记录", "终止记录", "来源"], rows, { id: "admin-history" });
}

export async function adminPage(ctx) {
  const file = h("input", { type: "file", id: "admin-file", accept: ".xlsx" });
  const from = h("input", { type: "date", id: "admin-from", value: new Date().toISOString().slice(0, 10) });
  const out = h("div", { id: "admin-out" });
  const history = h("div", {}, await historyView());
  const submit = async (dryRun) => {
    if (!file.files.length) { out.replaceChildren(h("div", { class: "form-error" }, "请选择基础数据工作簿（.xlsx）")); return; }
    const chosen = file.files[0];
    const { data, errors } = await gql(IMPORT, { i: { workbook: base64Of(await chosen.arrayBuffer()),
      filename: chosen.name, effectiveFrom: from.value, dryRun } });
    out.replaceChildren(errors ? apiErrors(errors) : outcomeView(data.importReferenceWorkbook));
    if (!dryRun && !errors) history.replaceChildren(await historyView());
  };
  const field = (text, control) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  return h("div", {}, h("h1", {}, "基础数据"),
    section("导入基础数据工作簿", h("p", {}, "区、镇街、执法单位、人员、执法证、执法事项目录、裁量基准、轻微免罚清单；模板：zhifa admin template"),
      h("form", { class: "grid", onsubmit: (e) => { e.preventDefault(); submit(false); } },
        field("工作簿", file), field("生效日期", from),
        h("div", { class: "actions" },
          h("button", { type: "button", class: "secondary", id: "admin-check", onclick: () => submit(true) }, "检查"),
          h("button", { type: "submit", class: "primary", id: "admin-import" }, "登记"))), out),
    section("变更记录", history));
}
