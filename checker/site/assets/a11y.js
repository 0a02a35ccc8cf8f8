/* Keyboard access to the theme's controls, for every council's site (WCAG 2.2 AA: 2.1.1, 2.4.3,
   4.1.2). No request to another host; nothing here depends on the page's content.

   Material draws its menu, search and section toggles as <label>s of hidden checkboxes: a mouse
   can click them, but Tab never reaches the Menu and Search icons, and none of them says what it
   is or whether it is open. Here each such label becomes a button for the keyboard and for
   assistive technology: it takes focus, has the role of a button, a name, and aria-expanded kept
   in step with its checkbox however the checkbox changes (a click, the theme's own script, a key).
   Enter is the theme's own (it clicks a focused label); Space is added here.

   Below 1220 CSS px (a phone, or 200-400% zoom) the navigation is a drawer. While it is closed
   a11y.css hides it, so Tab skips its links; once it is open, focus moves into it, the rest of
   the page is inert (nothing behind it can take focus) and Escape closes it, returning focus to
   the Menu button. */
(function () {
  var DRAWER = "(max-width: 76.234375em)"; // the theme's drawer layout: below 1220 CSS px
  var NAMES = { __drawer: "Menu", __search: "Search" };
  var checked = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "checked");

  function toggle(label) {
    var id = label.htmlFor;
    return id ? document.getElementById(id) : null;
  }

  /* A label that can act as a button: it names a checkbox toggle, holds no link or control of
     its own (the drawer's title holds the site's logo link), is not an overlay or an icon inside
     the search field, and is not the title of the wide layout's table of contents (which opens
     nothing there). */
  function isButton(label) {
    var input = toggle(label);
    return (
      input !== null &&
      input.type === "checkbox" &&
      input.classList.contains("md-toggle") &&
      !label.querySelector("a, button, input, select, textarea, [tabindex]") &&
      !label.matches(".md-overlay, .md-search__overlay, .md-search__icon") &&
      !label.closest(".md-sidebar--secondary") &&
      (label.textContent.trim() !== "" || NAMES[label.htmlFor] !== undefined)
    );
  }

  function sync(input) {
    document.querySelectorAll('label[for="' + input.id + '"][role="button"]').forEach(function (l) {
      l.setAttribute("aria-expanded", input.checked ? "true" : "false");
    });
    setTimeout(unexpand, 0); // after the theme's own click handler has run
    if (input.id === "__drawer") drawer(input.checked);
    if (input.id === "__search") search(input.checked);
  }

  /* Search opened from its button moves focus to the search field; closed (Escape), focus goes
     back to the button, where the panel was, rather than to the start of the page. */
  var searchOpener = null;
  function search(open) {
    var field = document.querySelector(".md-search__input");
    var active = document.activeElement;
    if (open && active && active.matches && active.matches('label[for="__search"][role="button"]')) {
      searchOpener = active;
      requestAnimationFrame(function () {
        if (field) field.focus();
      });
    } else if (!open && searchOpener) {
      var back = searchOpener;
      searchOpener = null;
      setTimeout(function () {
        var now = document.activeElement;
        if (!now || now === document.body || (now.closest && now.closest(".md-search"))) back.focus();
      }, 0);
    }
  }

  /* Every change of a toggle, the theme's scripted ones included, keeps the buttons in step. */
  function watch(input) {
    if (input.dataset.a11yWatched) return;
    input.dataset.a11yWatched = "1";
    Object.defineProperty(input, "checked", {
      configurable: true,
      get: function () {
        return checked.get.call(this);
      },
      set: function (value) {
        var before = checked.get.call(this);
        checked.set.call(this, value);
        if (before !== !!value) sync(this);
      },
    });
    input.addEventListener("change", function () {
      sync(input);
    });
  }

  function buttons() {
    document.querySelectorAll("label[for]").forEach(function (label) {
      if (label.dataset.a11yButton || !isButton(label)) return;
      var input = toggle(label);
      label.dataset.a11yButton = "1";
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      if (NAMES[input.id] && label.closest(".md-header")) {
        label.setAttribute("aria-label", NAMES[input.id]);
      }
      var controls = input.id === "__drawer" ? document.querySelector(".md-sidebar--primary") : null;
      if (input.id === "__search") controls = document.querySelector(".md-search");
      if (!controls) controls = input.parentElement && input.parentElement.querySelector(":scope > .md-nav");
      if (controls) {
        if (!controls.id) controls.id = input.id + "-panel";
        label.setAttribute("aria-controls", controls.id);
      }
      label.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault(); // Space would scroll the page
          label.click();
        }
      });
      watch(input);
      sync(input);
    });
    unexpand();
  }

  /* The theme puts aria-expanded on a section's list (a navigation landmark, where it means
     nothing) on every click: the button that opens the section carries it instead. */
  function unexpand() {
    document.querySelectorAll("nav.md-nav[aria-expanded]").forEach(function (nav) {
      nav.removeAttribute("aria-expanded");
    });
  }

  /* While the drawer is open below 1220 px: everything but the drawer is inert, and focus is in
     the drawer. Closed, or at a wider width, nothing is inert. */
  var opener = null;
  function drawer(open) {
    var narrow = window.matchMedia(DRAWER).matches;
    var sidebar = document.querySelector(".md-sidebar--primary");
    var rest = document.querySelectorAll(
      "body > [data-md-component='skip'], .md-header, .md-main__inner > :not(.md-sidebar--primary), .md-top, .md-footer"
    );
    rest.forEach(function (element) {
      element.inert = open && narrow;
    });
    if (!sidebar) return;
    if (open && narrow) {
      opener = document.activeElement;
      var first = sidebar.querySelector("a[href], label[role='button']");
      if (first) {
        // after the drawer is shown (a11y.css shows it once its checkbox is checked)
        requestAnimationFrame(function () {
          first.focus();
        });
      }
    } else if (!open && opener && sidebar.contains(document.activeElement)) {
      opener.focus();
      opener = null;
    } else if (!open) {
      opener = null;
    }
  }

  function onKey(event) {
    if (event.key !== "Escape") return;
    var input = document.getElementById("__drawer");
    if (input && input.checked) {
      var back = opener || document.querySelector('.md-header label[for="__drawer"]');
      input.checked = false;
      if (back) back.focus();
      opener = null;
    }
  }

  /* Material wraps every table in a scrolling .md-typeset__scrollwrap at run time, without a
     tabindex (axe scrollable-region-focusable, WCAG 2.1.1): make each one reachable by keyboard
     and name it after its table's caption. */
  function scrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, i) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent : "Table " + (i + 1) + " (scrollable)");
    });
  }

  function setUp() {
    buttons();
    scrollRegions();
    var input = document.getElementById("__drawer");
    if (input) drawer(input.checked);
  }

  document.addEventListener("keydown", onKey);
  window.matchMedia(DRAWER).addEventListener("change", function () {
    var input = document.getElementById("__drawer");
    if (input) drawer(input.checked);
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp); // Material's page-load observable
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
