// Simple SVG bar charts (no library): horizontal bars, optionally a second series (last year).
const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// rows: [{label, value, previous?}]
export function barChart(rows, { title = "", unit = "" } = {}) {
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 640;
  const hasPrevious = rows.some((r) => r.previous !== null && r.previous !== undefined);
  const max = Math.max(1, ...rows.flatMap((r) => [r.value, r.previous ?? 0]));
  const height = rows.length * rowHeight + 30;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": title });
  svg.append(el("text", { x: 0, y: 14, class: "chart-title" }, title));
  rows.forEach((r, i) => {
    const y = 24 + i * rowHeight;
    const span = width - labelWidth - 70;
    svg.append(el("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end", class: "chart-label" }, r.label));
    svg.append(el("rect", { x: labelWidth, y: y + 2, width: Math.max(1, (r.value / max) * span),
      height: hasPrevious ? 10 : 16, class: "bar" }));
    if (hasPrevious) {
      svg.append(el("rect", { x: labelWidth, y: y + 13, width: Math.max(1, ((r.previous ?? 0) / max) * span),
        height: 7, class: "bar previous" }));
    }
    svg.append(el("text", { x: labelWidth + (r.value / max) * span + 6, y: y + 14, class: "chart-value" },
      `${r.value}${unit}`));
  });
  return svg;
}
