/* Plan editors: add and remove rows, fill long selects on demand, lead a finding's link to its
   field, keep focus sensible after an htmx save, warn before leaving unsaved changes, and let a
   person be dragged onto their caller in the call-tree picture. Everything also works with the
   keyboard: the picture's drag-and-drop only fills in the caller select that is on the page anyway.

   A successful save usually leaves the form on the page (views.edit): the server sends the message
   into #save-status and, out of band, the new revision, the findings and the few rows it changed;
   this script then keeps opened rows open, relabels the selects of people from the new list and
   forgets the "unsaved changes" mark unless something was typed while the save was on its way.

   Rows nobody touched since the page was drawn ([data-keep] without data-touched) are sent as
   "kept" — their token only, not their fields — and each list's order as one value: a page of
   1,000 rows then posts a few dozen values instead of 5,000. A page drawn after a refusal
   (it holds input that was not saved) sends every field. */
(function () {
  "use strict";
  var counter = 0;

  function live(message) {
    var region = document.getElementById("plan-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "plan-live";
      region.className = "visually-hidden";
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message || ""; }, 50);
  }

  function form() { return document.getElementById("component-form"); }

  function markDirty(target) {
    var row = target && target.closest && target.closest("[data-keep]");
    if (row) row.dataset.touched = "1";
    var f = form();
    if (!f) return;
    f.dataset.dirty = "1";
    f.dataset.edits = String(Number(f.dataset.edits || 0) + 1);
  }

  // ---- rows

  function addRow(button) {
    var template = document.getElementById(button.dataset.addRow);
    var into = document.getElementById(button.dataset.into);
    if (!template || !into) return;
    counter += 1;
    var token = "n" + Date.now().toString(36) + counter;
    var html = template.innerHTML.split("__T__").join(token);
    var holder = document.createElement(into.tagName === "TBODY" ? "tbody" : "div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    if (!row) return;
    row.querySelectorAll("[data-preset]").forEach(function (input) {
      var key = "preset" + input.dataset.preset.charAt(0).toUpperCase() + input.dataset.preset.slice(1);
      if (button.dataset[key] !== undefined) input.value = button.dataset[key];
    });
    row.dataset.touched = "1";
    into.appendChild(row);
    if (row.tagName === "DETAILS") row.open = true;
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
    markDirty();
    live(button.dataset.added);
  }

  function removeRow(button) {
    var row = button.closest("[data-row]");
    if (!row) return;
    var list = row.parentElement;
    var next = row.nextElementSibling || row.previousElementSibling;
    var holder = button.closest("[data-removed]");
    var message = holder ? holder.dataset.removed : "";
    row.remove();
    markDirty();
    var target = next && next.querySelector("[data-remove-row]");
    if (!target) {
      var section = list.closest("section, .card, details") || document;
      target = section.querySelector("[data-add-row]");
    }
    if (target) target.focus();
    live(message);
  }

  // ---- selects with hundreds of options: filled from a JSON list when first used

  function fillSelect(select) {
    if (select.dataset.filled) return;
    var source = document.getElementById(select.dataset.options);
    if (!source) return;
    var options = JSON.parse(source.textContent);
    var current = select.value;
    var exclude = select.dataset.exclude || "";
    var have = {};
    Array.prototype.forEach.call(select.options, function (o) { have[o.value] = true; });
    var fragment = document.createDocumentFragment();
    options.forEach(function (pair) {
      if (pair[0] === exclude || have[pair[0]]) return;
      var o = document.createElement("option");
      o.value = pair[0];
      o.textContent = pair[1];
      fragment.appendChild(o);
    });
    select.appendChild(fragment);
    select.value = current;
    select.dataset.filled = "1";
  }

  // After a save the server may send a select's list of choices again (names changed, people
  // added or removed): relabel the options each select has, drop the ones gone, and let the
  // select be filled again from the new list when next used.
  function refreshSelects(source) {
    var labels = {};
    JSON.parse(source.textContent).forEach(function (pair) { labels[pair[0]] = pair[1]; });
    document.querySelectorAll("select[data-options='" + source.id + "']").forEach(function (select) {
      Array.prototype.slice.call(select.options).forEach(function (o) {
        if (Object.prototype.hasOwnProperty.call(labels, o.value)) {
          if (o.textContent !== labels[o.value]) o.textContent = labels[o.value];
        } else if (o.value && o.value.indexOf("__") !== 0 && !o.selected) {
          o.remove();
        }
      });
      delete select.dataset.filled;
    });
  }

  // ---- going to a field from a finding or an error summary

  function reveal(id, focus) {
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var d = target.closest("details");
    while (d) {
      d.open = true;
      d = d.parentElement && d.parentElement.closest("details");
    }
    if (target.tagName === "DETAILS") target.open = true;
    target.scrollIntoView({ block: "center" });
    if (focus) {
      var focusable = target.matches("input, select, textarea, button, a[href]") ? target
        : target.querySelector("input:not([type=hidden]), select, textarea");
      (focusable || target).focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) { event.preventDefault(); addRow(add); return; }
    var remove = event.target.closest("[data-remove-row]");
    if (remove) { event.preventDefault(); removeRow(remove); return; }
    var link = event.target.closest("a[href*='#f-'], .error-summary a[href^='#']");
    if (link) {
      var url = new URL(link.href, window.location.href);
      if (url.pathname === window.location.pathname && url.hash) {
        event.preventDefault();
        history.replaceState(null, "", url.hash);
        reveal(decodeURIComponent(url.hash.slice(1)), true);
      }
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("select[data-options]")) fillSelect(event.target);
  });
  document.addEventListener("pointerdown", function (event) {
    var select = event.target.closest && event.target.closest("select[data-options]");
    if (select) fillSelect(select);
  });

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#component-form")) markDirty(event.target);
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#component-form")) markDirty(event.target);
  });

  // ---- what a save sends: the touched rows in full, the others as kept
  document.addEventListener("htmx:configRequest", function (event) {
    var f = form();
    if (!f || event.detail.elt !== f || f.querySelector("input[name=rerender]")) return;
    var drop = {};
    var kept = {};
    f.querySelectorAll("[data-keep]").forEach(function (row) {
      if (row.dataset.touched) return;
      var spec = row.dataset.keep;
      var at = spec.indexOf(":");
      row.querySelectorAll("[name]").forEach(function (el) {
        if (el.name.indexOf("rows-") !== 0) drop[el.name] = true;
      });
      (kept[spec.slice(0, at)] = kept[spec.slice(0, at)] || []).push(spec.slice(at + 1));
    });
    var lists = {};
    var data = new FormData();
    event.detail.parameters.forEach(function (value, name) {
      if (drop[name]) return;
      if (name.indexOf("rows-") === 0) (lists[name] = lists[name] || []).push(value);
      else data.append(name, value);
    });
    Object.keys(lists).forEach(function (name) { data.append(name, lists[name].join(",")); });
    Object.keys(kept).forEach(function (list) { data.append("kept-" + list, kept[list].join(",")); });
    event.detail.parameters = data;
  });

  window.addEventListener("beforeunload", function (event) {
    var f = form();
    if (f && f.dataset.dirty && !f.dataset.submitting) {
      event.preventDefault();
      event.returnValue = f.dataset.dirtyMessage || "";
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === "component-form") event.target.dataset.submitting = "1";
  });

  // ---- after an htmx save: focus the error summary, the refusal, or the save button again

  document.addEventListener("htmx:afterSwap", function (event) {
    var region = document.getElementById("component-region");
    if (!region || !region.contains(event.detail.elt) && event.detail.elt !== region) return;
    var target = region.querySelector("[data-autofocus]") || region.querySelector("[data-autofocus-after-save]");
    if (target) target.focus();
    var f = form();
    if (f && (region.querySelector(".error-summary") || region.querySelector(".stale"))) f.dataset.dirty = "1";
    setupCallTree();
  });
  // A save that fails outright (signed out, no longer allowed, server error): say so; the input stays.
  document.addEventListener("htmx:responseError", function (event) {
    var f = form();
    if (!f || event.detail.elt !== f) return;
    delete f.dataset.submitting;
    var box = document.getElementById("save-failed") || document.createElement("div");
    box.id = "save-failed";
    box.className = "alert error";
    box.setAttribute("role", "alert");
    box.textContent = (f.dataset.failedMessage || "") + " (" + event.detail.xhr.status + ")";
    f.insertBefore(box, f.firstChild);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var f = form();
    if (f && event.detail.elt === f) {
      f.dataset.submitting = "1";
      f.dataset.sentEdits = f.dataset.edits || "0";
    }
  });
  // Saved in place: the same form stays, so its marks are reset here.
  document.addEventListener("htmx:afterOnLoad", function (event) {
    var f = form();
    if (!f || event.detail.elt !== f || !event.detail.successful) return;
    var target = event.detail.target;
    if (!target || target.id !== "save-status") return;
    delete f.dataset.submitting;
    if ((f.dataset.edits || "0") === f.dataset.sentEdits) {
      delete f.dataset.dirty;
      // What the rows hold is now stored: they can be sent as kept again.
      f.querySelectorAll("[data-touched]").forEach(function (row) { delete row.dataset.touched; });
    }
    var failed = document.getElementById("save-failed");
    if (failed) failed.remove();
  });
  // A row drawn again after a save stays open if the person had it open.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    var fragment = event.detail.fragment;
    if (!target || target.tagName !== "DETAILS" || !target.open || !fragment) return;
    var fresh = fragment.nodeType === 11 ? fragment.firstElementChild : fragment;
    if (fresh && fresh.tagName === "DETAILS") fresh.open = true;
  });
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("script[data-refresh]").forEach(function (source) {
      source.removeAttribute("data-refresh");
      refreshSelects(source);
    });
    setupCallTree();
  });

  // ---- call tree: drag a person onto the person who should alert them

  function setupCallTree() {
    var svg = document.querySelector("svg.call-tree");
    if (!svg || svg.dataset.dnd || !form()) return;
    svg.dataset.dnd = "1";
    var dragged = null;
    var ghost = null;
    svg.addEventListener("pointerdown", function (event) {
      var node = event.target.closest("g.node");
      if (!node || event.button !== 0) return;
      dragged = node;
      node.classList.add("dragging");
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!dragged) return;
      var under = document.elementFromPoint(event.clientX, event.clientY);
      var node = under && under.closest && under.closest("g.node");
      if (ghost && ghost !== node) ghost.classList.remove("drop-target");
      ghost = node && node !== dragged ? node : null;
      if (ghost) ghost.classList.add("drop-target");
    });
    svg.addEventListener("pointerup", function (event) {
      if (!dragged) return;
      var source = dragged;
      dragged.classList.remove("dragging");
      dragged = null;
      if (ghost) ghost.classList.remove("drop-target");
      var target = ghost;
      ghost = null;
      if (!target) return;
      var select = document.querySelector("select[data-caller-of='" + source.dataset.key + "']");
      if (!select) return;
      fillSelect(select);
      select.value = target.dataset.key;
      if (select.value !== target.dataset.key) return;
      // Alerted after the people the new caller already alerts.
      var siblings = document.querySelectorAll("select[data-caller-of]");
      var count = 0;
      siblings.forEach(function (s) { if (s !== select && s.value === target.dataset.key) count += 1; });
      var order = document.getElementById(select.id + "-order");
      if (order) order.value = String(count + 1);
      markDirty(select);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      var f = form();
      if (f.requestSubmit) f.requestSubmit(); else f.submit();
    });
  }

  function onLoad() {
    if (window.location.hash.indexOf("#f-") === 0) reveal(decodeURIComponent(window.location.hash.slice(1)), true);
    setupCallTree();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onLoad);
  else onLoad();
})();
