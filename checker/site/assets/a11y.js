/* WCAG 2.1.1 (axe scrollable-region-focusable): Material wraps every table in a scrolling
   .md-typeset__scrollwrap at run time, without a tabindex; make each one reachable by keyboard and
   name it after its table's caption. document$ is Material's page-load observable. */
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, i) {
    var caption = wrap.querySelector("caption");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption ? caption.textContent : "Table " + (i + 1) + " (scrollable)");
  });
});
