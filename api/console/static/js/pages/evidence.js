// 证据 on a case: an upload with a progress bar (POST /evidence/{caseId}), every file uploaded for the case with the
// server's SHA-256, size and type (GET /evidence/{caseId}: whoever uploaded it, whenever — an upload not yet recorded
// by a step is not lost with the page), and the evidence the case records (its timeline), each downloadable with the
// caller's token. A refusal shows the API's message and changes nothing.
import { download, listEvidence, sizeText, uploadEvidence } from "../files.js";
import { formatDateTime, h, section, table } from "../dom.js";
import { EVENT, enumLabel, label } from "../labels.js";

const EVIDENCE_EVENTS = new Set(["EvidenceCollected", "InquiryRecorded", "SiteRecorded"]);
const HIDDEN_DATA = new Set(["actors", "occurred_at", "recorded_at"]);
const ACCEPT = "image/*,audio/*,video/mp4,application/pdf,.heic,.heif,.amr,.m4a";
const REFUSED = { 401: "登录失效", 403: "无权上传", 404: "案件不存在或不在您的辖区", 413: "文件过大",
  415: "文件类型不允许", 422: "内容与校验值不符或为空" };

function dataText(data) {
  return Object.entries(data ?? {}).filter(([k, v]) => !HIDDEN_DATA.has(k) && v !== null && v !== "" &&
    !(Array.isArray(v) && !v.length)).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`)
    .join("；");
}

// The MediaKind of recordEvidence for a media type.
function mediaKind(type) {
  const kinds = [["image/", "PHOTO"], ["audio/", "AUDIO"], ["video/", "VIDEO"]];
  return kinds.find(([prefix]) => type.startsWith(prefix))?.[1] ?? "DOCUMENT";
}

function downloadButton(caseId, sha256, name, message) {
  return h("button", { type: "button", class: "secondary download-evidence", dataset: { sha256 }, onclick: async () => {
    const got = await download(`/evidence/${encodeURIComponent(caseId)}/${sha256}`, name);
    message.textContent = got.ok ? "" : `无法下载（HTTP ${got.status}）：${got.body.error ?? ""}`;
  } }, "下载");
}

function citedHash(e) {
  return e.data?.evidence_hash ?? e.data?.record_hash;
}

function recordedRows(c, message) {
  return c.timeline.filter((e) => EVIDENCE_EVENTS.has(e.type)).map((e) => {
    const sha256 = citedHash(e);
    return h("tr", { class: "evidence" }, h("td", {}, label(EVENT, e.type)), h("td", {}, formatDateTime(e.occurredAt)),
      h("td", {}, e.actors.join("、")), h("td", { class: "data" }, dataText(e.data)),
      h("td", {}, sha256 ? downloadButton(c.streamId, sha256, sha256, message) : "—"));
  });
}

// A file a step already cites says so; one not yet recorded offers recordEvidence with its hash.
function recordAction(c, file, record) {
  const cited = c.timeline.some((e) => EVIDENCE_EVENTS.has(e.type) && citedHash(e) === file.sha256);
  if (cited) return h("span", { class: "recorded" }, "已登记");
  return record ? h("button", { type: "button", class: "secondary record-evidence", onclick: () => record({
    evidenceHash: file.sha256, kind: mediaKind(file.mediaType), description: file.filename }) }, "登记为证据") : null;
}

function fileRow(c, file, record, message) {
  return h("tr", { class: "evidence-file", dataset: { sha256: file.sha256 } }, h("td", {}, file.filename),
    h("td", { class: "media-type" }, `${enumLabel("MediaKind", mediaKind(file.mediaType))}（${file.mediaType}）`),
    h("td", { class: "size", dataset: { bytes: String(file.size) } }, sizeText(file.size)),
    h("td", { class: "hash" }, h("code", { class: "sha256" }, file.sha256)),
    h("td", {}, file.uploadedBy), h("td", {}, formatDateTime(file.uploadedAt)),
    h("td", {}, downloadButton(c.streamId, file.sha256, file.filename, message), recordAction(c, file, record)));
}

function filesTable(c, files, record, message) {
  return files.length ? table(["文件", "类型", "大小", "SHA-256（服务器计算）", "上传人", "上传时间", ""],
    files.map((f) => fileRow(c, f, record, message)), { id: "evidence-files" })
    : h("p", { class: "muted", id: "no-evidence-files" }, "本案尚未上传文件");
}

// The case's uploads as the server lists them, into `area`; a failure says so and leaves the upload usable.
async function showFiles(c, area, record, message) {
  const got = await listEvidence(c.streamId);
  area.replaceChildren(got.ok ? filesTable(c, got.body.files ?? [], record, message)
    : h("p", { class: "form-error", id: "evidence-files-error" }, `无法列出已上传的文件（HTTP ${got.status}）：${got.body.error ?? ""}`));
}

function refusalText(got) {
  const reason = REFUSED[got.status] ?? "上传失败";
  const rule = got.body.rule ? `（规则 ${got.body.rule}）` : "";
  return `上传被拒绝：${reason}（HTTP ${got.status}）：${got.body.error ?? ""}${rule}`;
}

function progressBar() {
  const bar = h("progress", { id: "upload-progress", max: "100", value: "0", hidden: true });
  const percent = h("span", { id: "upload-percent" });
  const show = (n) => { bar.hidden = false; bar.value = n; bar.setAttribute("value", String(n)); percent.textContent = `${n}%`; };
  const hide = () => { bar.hidden = true; percent.textContent = ""; };
  return { els: [bar, percent], show, hide };
}

function uploadForm(c, onUploaded) {
  const chooser = h("input", { type: "file", id: "evidence-file", accept: ACCEPT });
  const digest = h("input", { type: "text", id: "evidence-digest", placeholder: "设备给出的 SHA-256（可选）" });
  const progress = progressBar();
  const error = h("div", { class: "form-error", id: "upload-error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "primary", id: "evidence-upload-button" }, "上传");
  const refuse = (text) => { progress.hide(); error.textContent = text; error.hidden = false; };
  const submit = async (event) => {
    event.preventDefault();
    error.hidden = true;
    const file = chooser.files[0];
    if (!file) return refuse("请选择文件");
    progress.show(0);
    button.disabled = true;
    const got = await uploadEvidence(c.streamId, file, { digest: digest.value.trim(), onProgress: progress.show });
    button.disabled = false;
    if (!got.ok) return refuse(refusalText(got));
    progress.show(100);
    return onUploaded(got.body);
  };
  return h("form", { id: "evidence-upload", class: "grid", onsubmit: submit },
    h("div", { class: "field" }, h("label", { for: "evidence-file" }, "照片、录音、视频或扫描件（JPEG/PNG/HEIC、音频、MP4、PDF）"), chooser),
    h("div", { class: "field" }, h("label", { for: "evidence-digest" }, "校验值"), digest),
    h("div", { class: "actions" }, button, progress.els), error);
}

// `upload`: offer the upload (the case page); `record(prefill)`: open recordEvidence for an uploaded file.
export function evidenceSection(c, { upload = false, record = null } = {}) {
  const message = h("div", { class: "form-error download-error", role: "alert" });
  const files = h("div", { id: "evidence-files-area" }, h("p", { class: "muted" }, "正在列出已上传的文件…"));
  const onUploaded = () => showFiles(c, files, record, message);
  if (upload) showFiles(c, files, record, message);
  const rows = recordedRows(c, message);
  return section("证据",
    upload ? [uploadForm(c, onUploaded), files] : null, h("h3", {}, "已登记的证据"),
    rows.length ? table(["类别", "时间", "执法人员", "内容", "文件"], rows, { id: "evidence" })
      : h("p", { class: "muted" }, "尚无证据"), message);
}
