/**
 * The style and the script of the review pages. Both are inlined in every
 * page and allowed by their SHA-256 in the page's Content-Security-Policy,
 * so the pages load nothing and run no inline event handler.
 */

export const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --bg: #fff; --panel: #f6f6f4; --fig: #e8eefc; --fig-ink: #0b3d91; --hit: #ffe58a; --ev: #e6f4e6; --err: #a40000; --warn: #6b4e00; --ign: #ececec; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: #0b3d91; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
header, main { padding: 0 1rem; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 1.35rem; margin: .75rem 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
.summary { margin: 0 0 .75rem; color: var(--muted); }
.status-ok { color: #185c18; font-weight: 600; }
.status-failed { color: var(--err); font-weight: 600; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 1.2fr); gap: 1rem; align-items: start; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; background: var(--bg); z-index: 1; }
th.ln, td.ln { width: 3.2rem; color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
tr.h td { font-weight: 700; }
.md { color: var(--muted); }
.fig { font: inherit; color: var(--fig-ink); background: var(--fig); border: 1px solid #9db3e6; border-radius: 3px; padding: 0 .15rem; margin: 0; cursor: pointer; }
.nb { white-space: nowrap; }
.nb .fig { white-space: normal; }
.fig:focus-visible, .fig:hover { outline: 3px solid #0b3d91; outline-offset: 1px; }
.is-active { background: var(--hit) !important; color: #000 !important; outline: 2px solid #7a5c00; }
#source { background: var(--panel); padding: 0 .75rem .75rem; border: 1px solid var(--line); position: sticky; top: 0; max-height: 100vh; overflow: auto; }
#source ol { margin: 0; padding-left: 2.6rem; font-size: .92rem; }
#source li { white-space: pre-wrap; overflow-wrap: anywhere; }
#source li::marker { color: var(--muted); font-size: .8rem; }
mark.ev { background: var(--ev); color: inherit; border-bottom: 2px solid #2e7d32; }
.sf.uncovered { text-decoration: underline wavy var(--err); }
.sf.ignored { background: var(--ign); }
.note { font-size: .78rem; color: var(--muted); margin-left: .2rem; }
.note.err { color: var(--err); font-weight: 600; }
ul.issues { list-style: none; margin: .25rem 0 0; padding: 0; font-size: .85rem; }
.issues li { border-left: 4px solid var(--err); padding: .1rem .4rem; margin: .2rem 0; background: #fdf1f1; color: var(--err); }
.issues li.warning { border-color: #b58900; background: #fdf8e6; color: var(--warn); }
.issues code { color: inherit; }
#problems ul.issues { font-size: .9rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .5rem; margin: 0; }
.fact { border: 1px solid var(--line); padding: .4rem .6rem; background: var(--bg); }
.fact dt { font-weight: 700; }
.fact dd { margin: 0; font-size: .9rem; }
.fact.is-active { outline: 3px solid #7a5c00; }
#tip { position: fixed; z-index: 20; max-width: 22rem; background: #1b1b1b; color: #fff; padding: .4rem .6rem; border-radius: 4px; font-size: .85rem; white-space: pre-line; pointer-events: none; }
#tip[hidden] { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.articles { table-layout: auto; }
table.articles th:nth-child(n+2), table.articles td:nth-child(n+2) { white-space: nowrap; }
table.articles td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.articles tr.failing td:first-child { border-left: 4px solid var(--err); }
@media (max-width: 820px) {
  .layout { display: block; }
  #source { position: static; max-height: none; margin-top: 1rem; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, td, th { display: block; width: auto; }
  tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
  th.ln, td.ln { display: none; }
  td { border: 0; padding: .15rem .25rem; }
  td[data-label]::before { content: attr(data-label) " "; font-weight: 700; color: var(--muted); font-size: .8rem; }
  table.articles td.n { text-align: left; }
}
`;

export const SCRIPT = `
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var live = document.getElementById("live");
  var active = null;
  function byFact(id) { return document.querySelectorAll('[data-fact="' + CSS.escape(id) + '"]'); }
  function byEvidence(id) { return document.querySelectorAll('[data-evidence~="' + CSS.escape(id) + '"]'); }
  function clear() {
    document.querySelectorAll(".is-active").forEach(function (e) { e.classList.remove("is-active"); });
    document.querySelectorAll('button[aria-pressed="true"]').forEach(function (e) { e.setAttribute("aria-pressed", "false"); });
  }
  function activate(id) {
    clear();
    if (active === id) { active = null; live.textContent = ""; return; }
    active = id;
    var figures = byFact(id);
    figures.forEach(function (e) { e.classList.add("is-active"); if (e.tagName === "BUTTON") e.setAttribute("aria-pressed", "true"); });
    var evidence = byEvidence(id);
    evidence.forEach(function (e) { e.classList.add("is-active"); });
    var card = document.getElementById("fact-" + id);
    if (card) card.classList.add("is-active");
    if (evidence[0]) evidence[0].scrollIntoView({ block: "nearest" });
    live.textContent = id + ": " + figures.length + " figure(s) in the briefs, " + evidence.length + " piece(s) of evidence in the source";
  }
  function show(target) {
    var card = document.getElementById("fact-" + target.getAttribute("data-fact"));
    if (!card) return;
    tip.textContent = card.innerText;
    tip.hidden = false;
    var box = target.getBoundingClientRect();
    var top = box.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(0, box.top - tip.offsetHeight - 6);
    tip.style.top = top + "px";
    tip.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 4)) + "px";
  }
  function hide() { tip.hidden = true; }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-fact]");
    if (button) activate(button.getAttribute("data-fact"));
  });
  document.addEventListener("mouseover", function (event) { var t = event.target.closest && event.target.closest("button[data-fact]"); if (t) show(t); });
  document.addEventListener("mouseout", function (event) { if (event.target.closest && event.target.closest("button[data-fact]")) hide(); });
  document.addEventListener("focusin", function (event) { var t = event.target.closest && event.target.closest("button[data-fact]"); if (t) show(t); else hide(); });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); clear(); active = null; } });
  var reload = document.body.getAttribute("data-reload");
  if (reload) {
    var seen = null;
    setInterval(function () {
      fetch(reload, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (version) {
        if (seen !== null && version !== seen) location.reload();
        seen = version;
      }).catch(function () {});
    }, 1000);
  }
})();
`;
