// util.js: DOM building with textContent only (data never goes in as markup), formatting,
// folding for search, safe links.

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (key === "style") Object.assign(node.style, value);
      else node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const NUMBER = new Intl.NumberFormat("en-US");
function fmt(n) {
  return NUMBER.format(n || 0);
}

function plural(n, one, many) {
  return fmt(n) + " " + (n === 1 ? one : (many || one + "s"));
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}/;
function dayOf(date) {
  if (!date) return null;
  const m = DAY_RE.exec(String(date).trim());
  return m ? m[0] : null;
}

function fold(text) {
  return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function safeUrl(url) {
  if (!url) return null;
  try {
    const u = new URL(String(url));
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

function externalLink(url, text) {
  const href = safeUrl(url);
  if (!href) return el("span", {text: text || url});
  return el("a", {href: href, target: "_blank", rel: "noopener noreferrer", text: text || href});
}

const COLOR_RE = /^#[0-9a-fA-F]{3,8}$/;
function colorOf(label) {
  const c = STATE.data.colors[label];
  return typeof c === "string" && COLOR_RE.test(c) ? c : "#ddd";
}

function labelChip(label) {
  return el("span", {class: "chip", text: label, style: {background: colorOf(label)}});
}

// A clickable text that is a button for keyboard and screen readers.
function linkButton(text, onClick, title) {
  return el("button", {class: "link", type: "button", text: text, title: title, on: {click: onClick}});
}

function section(title, ...children) {
  return el("section", {class: "card-section"}, el("h3", {text: title}), ...children);
}

function inRange(day, from, to) {
  if (!from && !to) return true;
  if (!day) return false;
  return (!from || day >= from) && (!to || day <= to);
}

// `text` split into strings and <mark>s at the occurrences (case-insensitive) of each group's needles,
// coloured by the group's label: [{needles: [...], label: "PER", title: "..."}].
function markNeedles(text, groups) {
  const spans = [];
  const low = text.toLowerCase();
  groups.forEach((group, g) => {
    for (const n of group.needles) {
      const needle = String(n || "").toLowerCase();
      if (needle.length < 2) continue;
      let at = low.indexOf(needle);
      while (at >= 0) {
        spans.push([at, at + needle.length, g]);
        at = low.indexOf(needle, at + needle.length);
      }
    }
  });
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  let pos = 0;
  for (const [s, e, g] of spans) {
    if (s < pos) continue;
    if (s > pos) out.push(text.slice(pos, s));
    out.push(el("mark", {class: "ent", text: text.slice(s, e), title: groups[g].title,
                         style: {background: colorOf(groups[g].label)}}));
    pos = e;
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}
