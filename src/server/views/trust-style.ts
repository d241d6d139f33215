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
table.status form.inline { display:block; }
details.fine > summary { cursor:pointer; margin:.3rem 0; }
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
  .diff-row.rewritten p:first-child::before { content:"Was: "; font-weight:600; color:var(--muted); }
  .diff-row.rewritten p + p::before { content:"Nu: "; font-weight:600; color:var(--muted); }
}
`;
export const FORM_STYLE = `
form.search.wide { display:block; max-width:36rem; margin:1rem 0; flex:none; }
form.search.wide label { display:block; font-weight:600; margin-bottom:.3rem; }
form.search.wide .row { display:flex; gap:.5rem; }
form.search.wide input { flex:1; min-width:0; font:inherit; padding:.45rem .65rem; border:1px solid #b8c0ca; border-radius:6px; }
a.button { display:inline-block; text-decoration:none; }
form.watch-form { max-width:36rem; margin:1rem 0 1.5rem; }
form.watch-form fieldset { border:1px solid var(--line); border-radius:8px; padding:.75rem 1rem 1rem; margin:0; min-width:0; }
form.watch-form legend { font-weight:700; padding:0 .35rem; }
form.watch-form .field { margin:0 0 .9rem; }
form.watch-form .field > label { display:block; font-weight:600; margin-bottom:.3rem; }
form.watch-form .field.check > label { font-weight:400; display:flex; gap:.5rem; align-items:center; }
form.watch-form .field.check > label.disabled { color:var(--muted); }
form.watch-form input[type=text], form.watch-form input[type=email], form.watch-form input[type=url], form.watch-form select {
  display:block; width:100%; min-width:0; font:inherit; padding:.5rem .65rem; min-height:2.5rem; border:1px solid #b8c0ca; border-radius:6px; background:var(--bg);
}
form.watch-form input[type=checkbox] { width:1.15rem; height:1.15rem; margin:0; }
form.watch-form .dropzone { border:2px dashed var(--muted); border-radius:6px; padding:1rem; margin:.6rem 0; text-align:center; color:var(--muted); }
form.watch-form .dropzone.over { border-style:solid; color:inherit; }
form.watch-form .dropzone[hidden], form.watch-form progress[hidden] { display:none; }
form.watch-form progress { display:block; width:100%; margin-top:.5rem; }
form.watch-form .hint { color:var(--muted); font-size:.88rem; margin:.3rem 0 0; overflow-wrap:anywhere; }
form.watch-form button { min-height:2.5rem; }
button.secondary { background:var(--bg); color:var(--accent); }
button.danger { background:#fff; color:#9b1c1c; border-color:#9b1c1c; }
.buttons { display:flex; flex-wrap:wrap; gap:.6rem; }
.buttons form.inline { margin:0; }
li.monitor { overflow-wrap:anywhere; }
li.monitor .title { font-weight:600; font-size:1.05rem; }
li.monitor form.inline { margin-top:.4rem; }
form.watch-bell { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; margin:.5rem 0; }
form.watch-bell.following a { font-weight:600; text-decoration:none; }
pre.secret { white-space:pre-wrap; overflow-wrap:anywhere; background:var(--soft); padding:.6rem .8rem; border-radius:6px; }
select { max-width:100%; }
form.filters label { max-width:100%; min-width:0; }
`;
