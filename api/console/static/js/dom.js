// A tiny element builder: h("div", {class: "x", onclick: f}, "text", child, [children]).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function table(headers, rows, attrs = {}) {
  return h("table", attrs,
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
    h("tbody", {}, rows));
}

export function section(title, ...children) {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

// Whole days from today (Beijing calendar day) to an ISO date; negative when past.
export function daysLeft(isoDate) {
  if (!isoDate) return null;
  const today = new Date(new Date().toLocaleString("en-US", { timeZone: "Asia/Shanghai" }));
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - start) / 86400000);
}

export function daysText(isoDate) {
  const n = daysLeft(isoDate);
  if (n === null) return "—";
  if (n > 0) return `剩余 ${n} 天`;
  if (n === 0) return "今日到期";
  return `已超期 ${-n} 天`;
}

export function formatDateTime(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

export function yuan(fen) {
  if (fen === null || fen === undefined) return "—";
  return `${(Number(fen) / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2 })} 元`;
}

export function shortHash(hash) {
  return hash ? `${hash.slice(0, 12)}…` : "—";
}
