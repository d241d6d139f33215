/** The site's one stylesheet: readable type, works on a phone, no JavaScript needed. */
export const STYLE = `
:root { --fg:#1b1f24; --muted:#5b6470; --line:#dde1e6; --accent:#0b5cad; --mark:#ffe58a; --bg:#fff; --soft:#f5f7f9; }
* { box-sizing: border-box; }
html { font-size: 17px; }
body { margin:0; color:var(--fg); background:var(--bg); font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height:1.55; }
a { color:var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
header.site { display:flex; flex-wrap:wrap; gap:.75rem 1.5rem; align-items:center; padding:.75rem 1.25rem; border-bottom:1px solid var(--line); background:var(--soft); }
.brand { font-weight:700; font-size:1.2rem; color:var(--fg); text-decoration:none; letter-spacing:-.01em; }
form.search { display:flex; flex:1 1 22rem; gap:.5rem; max-width:44rem; }
form.search input { flex:1; min-width:0; font:inherit; padding:.45rem .65rem; border:1px solid #b8c0ca; border-radius:6px; }
form.search button { font:inherit; padding:.45rem .9rem; border:0; border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; }
main { max-width:72rem; margin:0 auto; padding:1.25rem; }
footer.site { max-width:72rem; margin:2rem auto; padding:1rem 1.25rem; border-top:1px solid var(--line); display:flex; gap:1.5rem; font-size:.9rem; color:var(--muted); }
h1 { font-size:1.6rem; line-height:1.25; margin:.2rem 0 .8rem; }
h2 { font-size:1.15rem; margin:1.2rem 0 .5rem; }
h3 { font-size:1rem; margin:1rem 0 .4rem; }
.columns { display:grid; grid-template-columns: minmax(0,1fr) 17rem; gap:2rem; }
@media (max-width: 50rem) { .columns { grid-template-columns: minmax(0,1fr); } html { font-size:16px; } }
.meta { color:var(--muted); font-size:.9rem; }
.kind { font-weight:600; }
ol.doclist { list-style:none; padding:0; margin:0; }
ol.doclist li { padding:.7rem 0; border-bottom:1px solid var(--line); }
ol.doclist a.title, ol.doclist > li > a { font-weight:600; font-size:1.05rem; }
.snippet { margin:.3rem 0 0; }
mark { background:var(--mark); color:inherit; padding:0 .1em; border-radius:2px; }
.total { color:var(--muted); margin-top:0; }
ul.facet { list-style:none; padding:0; margin:0; }
ul.facet li { display:flex; justify-content:space-between; gap:.5rem; padding:.15rem 0; }
.n { color:var(--muted); font-variant-numeric: tabular-nums; }
ol.others-top { list-style:none; padding:0; margin:.6rem 0 0; font-size:.92rem; }
ol.others-top li { padding:.45rem 0; border-top:1px solid var(--line); overflow-wrap:anywhere; }
ol.others-top a.title { font-weight:600; }
.via-synonym { margin:.2rem 0 0; font-style:italic; }
.pager { display:flex; justify-content:space-between; margin-top:1rem; }
.error { border:1px solid #e0a3a3; background:#fdf1f1; padding:.75rem 1rem; border-radius:6px; margin-bottom:1rem; }
.query-pointer { margin:.5rem 0 0; font-size:.9rem; overflow-x:auto; }
.notice { background:var(--soft); border-left:3px solid var(--accent); padding:.4rem .75rem; }
.doctext { max-width:46rem; }
.doctext p { margin:0 0 .9rem; white-space:pre-line; overflow-wrap:anywhere; }
.page-marker { margin:1.2rem 0 .6rem; border-top:1px dashed var(--line); font-size:.8rem; }
.page-marker a { color:var(--muted); text-decoration:none; background:var(--bg); position:relative; top:-.75em; padding-right:.5rem; }
dl.structure, dl.counts { display:grid; grid-template-columns:auto 1fr; gap:.2rem .8rem; margin:0 0 1rem; font-size:.92rem; }
dl.structure dt, dl.counts dt { color:var(--muted); }
dl.structure dd, dl.counts dd { margin:0; }
.help dl { display:grid; grid-template-columns:minmax(10rem,auto) 1fr; gap:.3rem 1rem; }
.help dd { margin:0; }
code { background:var(--soft); padding:0 .25em; border-radius:3px; }
.intro p { color:var(--muted); max-width:42rem; }
.search-tools { margin:0 0 .75rem; font-size:.92rem; }
ul.chips { list-style:none; display:flex; flex-wrap:wrap; gap:.4rem; padding:0; margin:0 0 .75rem; }
a.chip { display:inline-block; padding:.15rem .6rem; border:1px solid #b8c0ca; border-radius:999px; background:var(--soft); text-decoration:none; font-size:.9rem; color:var(--fg); }
a.chip:hover { border-color:var(--accent); }
.chip-key { color:var(--muted); }
ul.facet li.on a { font-weight:600; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
form.advanced { max-width:40rem; display:grid; gap:.8rem; }
form.advanced label { display:grid; gap:.2rem; font-weight:600; }
form.advanced .hint { font-weight:400; color:var(--muted); font-size:.88rem; }
form.advanced input, form.advanced select { font:inherit; padding:.4rem .55rem; border:1px solid #b8c0ca; border-radius:6px; width:100%; min-width:0; }
form.advanced fieldset { border:1px solid var(--line); border-radius:6px; padding:.6rem .8rem; display:grid; gap:.6rem; }
form.advanced .period { display:grid; grid-template-columns:1fr 1fr; gap:.6rem; }
form.advanced button { justify-self:start; font:inherit; padding:.5rem 1.1rem; border:0; border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; }
@media (max-width: 30rem) { form.advanced .period { grid-template-columns:1fr; } }
`;
