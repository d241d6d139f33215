/** Styles of the status page, the versions' differences, the Dutch not-found pages and the forms of "mijn". */
export const TRUST_STYLE = `
.table-wrap { overflow-x:auto; max-width:100%; }
table.status { border-collapse:collapse; width:100%; font-size:.92rem; }
table.status th, table.status td { text-align:left; vertical-align:top; padding:.45rem .6rem .45rem 0; border-bottom:1px solid var(--line); }
table.status thead th { color:var(--muted); font-weight:600; }
table.status tr.alarm th { color:#9b1c1c; }
.alarm { color:#9b1c1c; }
.ok { color:#1d6b35; }
form.inline { display:inline-block; margin:.3rem 0 0; }
button, .button { font:inherit; padding:.4rem .85rem; border:1px solid var(--accent); border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; }
button.secondary { background:var(--bg); color:var(--accent); }
ul.failures { padding-left:1.1rem; }
ul.failures li { margin:.4rem 0; overflow-wrap:anywhere; }
ul.failures code { overflow-wrap:anywhere; }
footer.site { flex-wrap:wrap; }
@media (max-width: 40rem) {
  table.status thead { display:none; }
  table.status, table.status tbody, table.status tr, table.status th, table.status td { display:block; width:100%; }
  table.status tr { border-bottom:1px solid var(--line); padding:.4rem 0; }
  table.status th, table.status td { border:0; padding:.1rem 0; }
  table.status td::before { content:attr(data-label) ": "; color:var(--muted); }
}
`;
export const CHANGES_STYLE = `
ul.changes { padding-left:1.1rem; }
ul.changes li { margin:.25rem 0; overflow-wrap:anywhere; }
ins { background:#dff5e1; text-decoration:none; }
del { background:#fbe1e1; }
.diff { border-top:1px solid var(--line); }
.diff-row { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:1rem; border-bottom:1px solid var(--line); }
.diff-row p { margin:.5rem 0; overflow-wrap:anywhere; }
.diff-row.head p { font-weight:600; color:var(--muted); }
.diff-row.same p { color:var(--muted); }
.diff-skip { text-align:center; margin:.4rem 0; }
@media (max-width: 40rem) {
  .diff-row { grid-template-columns:minmax(0,1fr); gap:0; }
  .diff-row.head { display:none; }
  .diff-row.same p + p, .diff-row p.empty { display:none; }
}
`;
export const FORM_STYLE = `
form.search.wide { display:block; max-width:36rem; margin:1rem 0; flex:none; }
form.search.wide label { display:block; font-weight:600; margin-bottom:.3rem; }
form.search.wide .row { display:flex; gap:.5rem; }
form.search.wide input { flex:1; min-width:0; font:inherit; padding:.45rem .65rem; border:1px solid #b8c0ca; border-radius:6px; }
a.button { display:inline-block; text-decoration:none; }
`;
