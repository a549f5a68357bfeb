// 文书 on a case: the documents its procedure has (the catalog names them from the domain's table), each
// downloaded with the caller's token from GET /documents/{caseId}/{kind}.docx|pdf — generated, numbered and
// recorded by the API the first time — with the number (文号), version and SHA-256 the API answers. A document
// the case has not reached is the API's 409, shown beside it.
import { download } from "../files.js";
import { h, section, table } from "../dom.js";
import { EVENT, label } from "../labels.js";
import { aggregateOf } from "./common.js";

const REFUSED = { 401: "登录失效", 403: "无权下载", 404: "案件不存在或不在您的辖区", 409: "尚不能生成",
  503: "PDF 暂不可用（服务器未安装 LibreOffice）" };

function showRecorded(row, headers) {
  row.querySelector(".number").textContent = decodeURIComponent(headers.get("x-document-number") ?? "");
  row.querySelector(".version").textContent = headers.get("x-document-version") ?? "";
  row.querySelector(".sha256").textContent = headers.get("x-document-sha256") ?? "";
  row.dataset.generated = "true";
}

function fetcher(c, doc, format) {
  return async (event) => {
    const row = event.target.closest("tr");
    const message = row.querySelector(".document-message");
    message.textContent = "生成中…";
    const got = await download(`/documents/${encodeURIComponent(c.streamId)}/${doc.kind}.${format}`,
      `${doc.title}.${format}`);
    if (got.ok) showRecorded(row, got.headers);
    message.textContent = got.ok ? `已下载 ${format}` : `${REFUSED[got.status] ?? `HTTP ${got.status}`}：${got.body.error ?? ""}`;
    message.className = `document-message ${got.ok ? "ok" : "refused"}`;
  };
}

function documentRow(c, doc) {
  const reached = c.timeline.some((e) => e.type === doc.dueAfter);
  return h("tr", { class: "document", dataset: { kind: doc.kind } },
    h("td", { class: "title" }, doc.title, h("div", { class: "muted" }, reached ? "可生成" : `待「${label(EVENT, doc.dueAfter)}」`)),
    h("td", { class: "number" }, "—"), h("td", { class: "version" }, ""),
    h("td", { class: "hash" }, h("code", { class: "sha256" })),
    h("td", { class: "actions" },
      h("button", { type: "button", class: "secondary download-docx", onclick: fetcher(c, doc, "docx") }, "docx"), " ",
      h("button", { type: "button", class: "secondary download-pdf", onclick: fetcher(c, doc, "pdf") }, "pdf"),
      h("div", { class: "document-message" })));
}

export function documentsSection(ctx, c) {
  const kinds = ctx.catalog.documents.filter((d) => d.family === aggregateOf(c));
  return section("文书", kinds.length ? table(["文书", "文号", "版本", "SHA-256（docx，生成时记录）", "下载"],
    kinds.map((doc) => documentRow(c, doc)), { id: "documents" }) : h("p", { class: "muted" }, "此类案件无文书"));
}
