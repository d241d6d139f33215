/** Styles of the structure views (questions, answers, commitments, meeting threads); no JavaScript needed. */
export const STRUCTURE_STYLE = `
nav.sections { display:flex; flex-wrap:wrap; gap:.25rem 1rem; font-size:.95rem; }
nav.sections a { text-decoration:none; }
.party-group { margin:0 0 1.25rem; }
.party-group > h3 { margin-bottom:.4rem; }
details.qa { border:1px solid var(--line); border-radius:6px; margin:0 0 .5rem; background:var(--bg); }
details.qa > summary { cursor:pointer; padding:.5rem .75rem; list-style-position:outside; margin-left:1rem; }
details.qa[open] > summary { border-bottom:1px solid var(--line); background:var(--soft); }
details.qa:target, .answer:target, li:target { outline:2px solid var(--accent); outline-offset:2px; }
.qno { font-weight:600; margin-right:.35rem; }
.qa .question, .qa .answer { padding:.5rem .75rem; }
.qa .question p, .qa .answer p, .footnotes li, .commitment-text { white-space:pre-line; overflow-wrap:anywhere; }
.qa .answer { border-top:1px dashed var(--line); background:#fbfcfd; }
.qa h4 { font-size:.9rem; margin:0 0 .3rem; color:var(--muted); }
.see-also { font-size:.9rem; margin:.4rem 0 0; }
.asked-in { font-size:.85rem; color:var(--muted); margin:0 0 .3rem; }
mark.commitment { background:#d8f0dc; }
ul.commitments { list-style:none; padding:0; margin:0 0 1rem; }
ul.commitments li { border-left:4px solid var(--line); padding:.4rem .75rem; margin:0 0 .6rem; background:var(--soft); }
ul.commitments li.overdue { border-left-color:#c0392b; }
ul.commitments li.this-month { border-left-color:#d68910; }
ul.commitments li.later { border-left-color:#1e8449; }
.deadline { font-weight:600; }
.badge { display:inline-block; font-size:.78rem; padding:0 .4em; border-radius:3px; background:var(--line); margin-left:.3rem; white-space:nowrap; }
.badge.overdue { background:#f6d5d1; }
.badge.this-month { background:#fbe5c8; }
.badge.later { background:#d5f0dc; }
.badge.fulfilled { background:#cfe8ff; }
.badge.source { margin-left:0; background:#eee; }
.badge.source.register, .badge.source.both { background:#e8ddf6; }
.commitments .register-text { margin:.15rem 0; overflow-wrap:anywhere; }
q.evidence { display:block; margin:.2rem 0 0 .6rem; font-style:italic; overflow-wrap:anywhere; }
.badge.quality.answered { background:#d5f0dc; }
.badge.quality.referral { background:#dde6f6; }
.badge.quality.postponed { background:#fbe5c8; }
.badge.quality.partial { background:#fbf0c0; }
.badge.quality.non-answer { background:#f6d5d1; }
.quality-reason { font-size:.85rem; font-weight:normal; color:var(--muted, #555); overflow-wrap:anywhere; }
form.filters { display:flex; flex-wrap:wrap; gap:.5rem .75rem; align-items:flex-end; margin:0 0 1rem; }
form.filters label { display:flex; flex-direction:column; font-size:.85rem; color:var(--muted); }
form.filters input, form.filters select { font:inherit; padding:.35rem .5rem; border:1px solid #b8c0ca; border-radius:6px; max-width:100%; }
form.filters button { font:inherit; padding:.4rem .9rem; border:0; border-radius:6px; background:var(--accent); color:#fff; }
ul.status-tabs { list-style:none; padding:0; display:flex; flex-wrap:wrap; gap:.4rem 1rem; margin:0 0 1rem; }
ol.thread { padding-left:1.3rem; }
ol.thread li { margin:0 0 .4rem; overflow-wrap:anywhere; }
.footnotes { font-size:.9rem; border-top:1px solid var(--line); margin-top:1.5rem; }
ol.citations li { margin:0 0 .3rem; overflow-wrap:anywhere; }
table.counts { border-collapse:collapse; width:100%; max-width:36rem; }
table.counts th, table.counts td { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); }
table.counts td.num, table.counts th.num { text-align:right; font-variant-numeric:tabular-nums; }
`;
