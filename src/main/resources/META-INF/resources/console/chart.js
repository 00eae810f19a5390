// A grouped bar chart in SVG, drawn here rather than with a library: three series of a few dozen bars need
// ~60 lines, and the page stays free of third-party code under its strict Content-Security-Policy.
const SVG = 'http://www.w3.org/2000/svg';
export const SERIES = ['sent', 'failed', 'skipped'];

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

/** Draws the buckets into figure as an SVG chart named label, followed by the same numbers as a table. */
export function drawActivity(figure, label, buckets, formatStart) {
  figure.replaceChildren();
  const width = 720, height = 200, left = 36, bottom = 20, top = 8;
  const max = Math.max(1, ...buckets.map((b) => Math.max(...SERIES.map((s) => b[s]))));
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' }, figure);
  element('title', {}, svg).textContent = label;
  const slot = (width - left) / Math.max(1, buckets.length);
  const bar = Math.max(1, slot / (SERIES.length + 1));
  const plot = height - bottom - top;
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plot * (1 - fraction);
    element('line', { x1: left, x2: width, y1: y, y2: y, class: 'grid' }, svg);
    element('text', { x: left - 4, y: y + 4, class: 'axis', 'text-anchor': 'end' }, svg).textContent = Math.round(max * fraction);
  }
  buckets.forEach((bucket, i) => {
    SERIES.forEach((series, j) => {
      const h = plot * bucket[series] / max;
      element('rect', { x: left + i * slot + j * bar, y: top + plot - h, width: bar, height: h, class: series }, svg);
    });
    if (i % Math.ceil(buckets.length / 8) === 0) {
      element('text', { x: left + i * slot, y: height - 4, class: 'axis' }, svg).textContent = formatStart(bucket.start);
    }
  });
  const legend = document.createElement('figcaption');
  legend.append(...SERIES.map((s) => Object.assign(document.createElement('span'), { className: `key ${s}`, textContent: s })));
  figure.appendChild(legend);
  figure.appendChild(numbers(label, buckets, formatStart));
}

function numbers(label, buckets, formatStart) {
  const details = document.createElement('details');
  details.appendChild(Object.assign(document.createElement('summary'), { textContent: `${label}: the numbers` }));
  const table = document.createElement('table');
  table.createCaption().textContent = `${label} (numbers)`;
  const head = table.createTHead().insertRow();
  for (const name of ['Start (UTC)', ...SERIES]) head.appendChild(Object.assign(document.createElement('th'), { textContent: name }));
  const body = table.createTBody();
  for (const bucket of buckets) {
    const row = body.insertRow();
    for (const value of [formatStart(bucket.start), ...SERIES.map((s) => bucket[s])]) row.insertCell().textContent = value;
  }
  details.appendChild(table);
  return details;
}
