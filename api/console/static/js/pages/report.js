// 年度报告: the annual enforcement report from annualReport — an HTML preview and downloads (docx, html, md).
import { gql } from "../api.js";
import { h, section } from "../dom.js";
import { apiErrors } from "./common.js";

const REPORT = `query Report($town: String!, $year: Int!, $format: ReportFileFormat!, $asOf: Date) {
  annualReport(town: $town, year: $year, format: $format, asOf: $asOf) { __typename
    ... on NotFound { code message }
    ... on AnnualReport { town year asOf format mimeType contentBase64 stored snapshotHash snapshotKind } } }`;
const EXTENSION = { DOCX: "docx", HTML: "html", MD: "md" };

function bytesOf(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export async function reportPage(ctx) {
  const town = h("select", { id: "r-town" }, ctx.refs.towns.map((t) => h("option", { value: t.code }, t.name)));
  const year = h("input", { type: "number", id: "r-year", value: new Date().getFullYear() - 1, min: 2000, max: 2100 });
  const asOf = h("input", { type: "date", id: "r-as-of" });
  const out = h("div", { id: "report-out" });
  const fetchReport = async (format) => {
    const { data, errors } = await gql(REPORT, { town: town.value, year: Number(year.value), format,
      asOf: asOf.value || null });
    if (errors) { out.replaceChildren(apiErrors(errors)); return null; }
    const report = data.annualReport;
    if (report.__typename !== "AnnualReport") {
      out.replaceChildren(h("div", { class: "form-error" }, `${report.code}：${report.message}`));
      return null;
    }
    return report;
  };
  const preview = async () => {
    const report = await fetchReport("HTML");
    if (!report) return;
    const html = new TextDecoder().decode(bytesOf(report.contentBase64));
    out.replaceChildren(h("p", { id: "report-meta" }, `${report.year} 年 · 截至 ${report.asOf} · `,
      report.stored ? `年终快照（${report.snapshotKind}，${report.snapshotHash?.slice(0, 12)}…）` : "按当前数据生成"),
    h("iframe", { id: "report-preview", title: "报告预览", sandbox: "", srcdoc: html }));
  };
  const download = async (format) => {
    const report = await fetchReport(format);
    if (!report) return;
    const url = URL.createObjectURL(new Blob([bytesOf(report.contentBase64)], { type: report.mimeType }));
    const name = `${ctx.refs.towns.find((t) => t.code === report.town)?.name ?? report.town}${report.year}年行政执法工作报告.${EXTENSION[format]}`;
    const link = h("a", { href: url, download: name }, name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
  const field = (text, control) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  return h("div", {}, h("h1", {}, "年度报告"), section("行政执法工作报告",
    h("form", { class: "grid", onsubmit: (e) => { e.preventDefault(); preview(); } },
      field("乡镇", town), field("年度", year), field("截至日期（可选）", asOf),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "preview" }, "预览"),
        ["DOCX", "HTML", "MD"].map((f) => h("button", { type: "button", class: "secondary", dataset: { format: f },
          onclick: () => download(f) }, `下载 ${EXTENSION[f]}`)))), out));
}
