// Files over the API's HTTP routes with the caller's bearer token: evidence uploads through XMLHttpRequest (fetch
// reports no upload progress) and downloads through fetch into a blob URL (a link cannot carry Authorization).
import { getJson, session } from "./api.js";

// Media types the browser may leave empty (phones' HEIC, recorders' AMR): by extension, as the server names them.
const BY_EXTENSION = { heic: "image/heic", heif: "image/heif", amr: "audio/amr", m4a: "audio/mp4", aac: "audio/aac",
  mp3: "audio/mpeg", wav: "audio/wav", mp4: "video/mp4", pdf: "application/pdf", jpg: "image/jpeg", jpeg: "image/jpeg",
  png: "image/png" };

export function mediaTypeOf(file) {
  return file.type || BY_EXTENSION[file.name.split(".").pop().toLowerCase()] || "application/octet-stream";
}

function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

// POST /evidence/{caseId}; resolves to {ok, status, body}; onProgress(percent) while the bytes go out.
export function uploadEvidence(caseId, file, { digest, onProgress }) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/evidence/${encodeURIComponent(caseId)}`);
    xhr.setRequestHeader("Authorization", `Bearer ${session.token || ""}`);
    xhr.setRequestHeader("Content-Type", mediaTypeOf(file));
    xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
    if (digest) xhr.setRequestHeader("X-Content-SHA256", digest);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100)); };
    xhr.onload = () => resolve({ ok: xhr.status < 300, status: xhr.status, body: parsed(xhr.responseText) });
    xhr.onerror = () => resolve({ ok: false, status: 0, body: { error: "网络错误，文件未上传" } });
    xhr.send(file);
  });
}

// GET /evidence/{caseId}: the files uploaded for the case; resolves to {ok, status, body: {caseId, files}}.
export async function listEvidence(caseId) {
  try {
    return await getJson(`/evidence/${encodeURIComponent(caseId)}`,
      { headers: { Authorization: `Bearer ${session.token || ""}` } });
  } catch (error) {
    return { ok: false, status: 0, body: { error: `无法连接服务器：${error.message}` } };
  }
}

// The name a Content-Disposition gives (filename*=UTF-8''… first), else `fallback`.
function filenameOf(disposition, fallback) {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (encoded) return decodeURIComponent(encoded[1]);
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? fallback;
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// GET `path` with the token and save the file; resolves to {ok, status, headers, body (the refusal's JSON)}.
export async function download(path, fallbackName) {
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${session.token || ""}` } });
  } catch (error) {
    return { ok: false, status: 0, headers: new Headers(), body: { error: `无法连接服务器：${error.message}` } };
  }
  if (!response.ok) {
    return { ok: false, status: response.status, headers: response.headers, body: await response.json().catch(() => ({})) };
  }
  saveBlob(await response.blob(), filenameOf(response.headers.get("content-disposition"), fallbackName));
  return { ok: true, status: response.status, headers: response.headers, body: {} };
}

export function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
