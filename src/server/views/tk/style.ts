/** Styles of the Kamer pages: lists, vote bars, timelines, speeches; readable on a phone, no JavaScript. */
export const TK_STYLE = `
nav.kamer { display:flex; flex-wrap:wrap; gap:.25rem .9rem; font-size:.92rem; margin:0 0 1rem; padding:0 0 .5rem; border-bottom:1px solid var(--line); }
nav.kamer a[aria-current] { font-weight:700; color:var(--fg); text-decoration:none; }
.tk h1 { overflow-wrap:anywhere; }
.tk section { margin:0 0 1.5rem; }
.tk ul.rows, .tk ol.rows { list-style:none; padding:0; margin:0 0 1rem; }
.tk .rows > li { padding:.5rem 0; border-bottom:1px solid var(--line); overflow-wrap:anywhere; }
.tk .rows > li:target { outline:2px solid var(--accent); outline-offset:2px; }
.tk .rows .meta { display:block; }
.tk .grid2 { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap:0 2rem; }
.tk .nummer { font-variant-numeric:tabular-nums; white-space:nowrap; }
.tk .flag { display:inline-block; font-size:.78rem; padding:0 .4em; border-radius:3px; background:#f6d5d1; color:#7b1d12; white-space:nowrap; }
.tk .flag.ok { background:#d5f0dc; color:#17532c; }
.tk .flag.info { background:var(--line); color:var(--fg); }
.tk table.list { border-collapse:collapse; width:100%; font-size:.95rem; }
.tk table.list th, .tk table.list td { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
.tk table.list td.num, .tk table.list th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.tk .table-wrap { max-width:100%; overflow-x:auto; }
.tk dl.facts { display:grid; grid-template-columns:minmax(7rem, auto) 1fr; gap:.2rem .9rem; margin:0 0 1rem; }
.tk dl.facts dt { color:var(--muted); }
.tk dl.facts dd { margin:0; overflow-wrap:anywhere; }
/* Votes: one bar per party, length by seats; the colour is never the only cue (text says voor/tegen). */
.votes .summary { font-size:1.05rem; }
.votes svg.stack { display:block; width:100%; max-width:40rem; height:auto; margin:.4rem 0 1rem; }
.votes table { max-width:40rem; }
.votes td.bar { width:40%; min-width:3rem; }
/* Party names and votes are short words: wrap between them, never inside. */
.votes table.list th, .votes table.list td { overflow-wrap:normal; }
.bar-track { display:block; background:var(--soft); border-radius:3px; height:1rem; }
.bar-fill { display:block; height:1rem; border-radius:3px; }
.voor .bar-fill, .bar-fill.voor { background:#1e8449; }
.tegen .bar-fill, .bar-fill.tegen { background:#c0392b; }
.other .bar-fill, .bar-fill.other { background:#8a939e; }
.legend { display:flex; flex-wrap:wrap; gap:.2rem 1rem; font-size:.9rem; padding:0; list-style:none; }
.legend .swatch { display:inline-block; width:.8rem; height:.8rem; border-radius:2px; margin-right:.3rem; vertical-align:-.05rem; }
/* Dossier timeline */
ol.timeline { list-style:none; padding:0 0 0 1.1rem; margin:0 0 1rem; border-left:3px solid var(--line); }
ol.timeline > li { position:relative; padding:.2rem 0 .8rem .6rem; overflow-wrap:anywhere; }
ol.timeline > li::before { content:''; position:absolute; left:-1.6rem; top:.55rem; width:.7rem; height:.7rem; border-radius:50%; background:var(--accent); border:2px solid var(--bg); }
ol.timeline > li.absent::before { background:#b8c0ca; }
ol.timeline > li:target { outline:2px solid var(--accent); outline-offset:2px; }
ol.timeline .volg { font-weight:700; font-variant-numeric:tabular-nums; margin-right:.4rem; }
/* Reports */
.speech { margin:0 0 1rem; padding:.4rem .75rem; border-left:4px solid var(--line); background:var(--bg); }
.speech.interruptie { margin-left:1.25rem; border-left-color:#d68910; }
.speech.voorzitter { border-left-color:var(--accent); background:var(--soft); }
.speech .who { font-weight:700; margin:0 0 .2rem; }
.speech .speech { margin:.5rem 0 .5rem .75rem; background:var(--soft); }
.vlos-text.fragment { margin:.25rem 0 .5rem; padding-left:.5rem; border-left:2px dotted var(--line); }
.tk nav.toc ol { padding-left:1.4rem; margin:0 0 1rem; }
.tk nav.toc li { margin:.15rem 0; overflow-wrap:anywhere; }
.tk table.sprekers caption { text-align:left; caption-side:bottom; padding-top:.25rem; }
.tk table.sprekers td.wie { min-width:8rem; overflow-wrap:break-word; }
.tk table.sprekers .rol { display:block; font-size:.85rem; }
.tk table.sprekers th, .tk table.sprekers td { padding-left:.3rem; padding-right:.3rem; }
.tk abbr[title] { text-decoration:none; }
.speech p, .vlos-text p { margin:0 0 .5rem; overflow-wrap:anywhere; }
.agenda-day { font-weight:600; margin:.6rem 0 0; }
`;
