// Review page: keyboard shortcuts and the link between obligation cards and highlighted text.
// j / k move between obligations (j at the last loaded card loads the next page), c confirms,
// e edits, r rejects, Escape cancels an edit; t tracks a focused period that the extraction set
// aside; x selects the focused obligation, C confirms and R rejects every selected one.
(() => {
  "use strict";

  const list = document.getElementById("obligation-list");
  const text = document.getElementById("contract-text");

  // t on a focused entry of the periods not tracked turns it into a pending obligation.
  const unused = document.getElementById("unused-periods");
  if (unused) {
    unused.addEventListener("keydown", (event) => {
      if (event.key !== "t" || event.altKey || event.ctrlKey || event.metaKey) return;
      const item = event.target instanceof Element ? event.target.closest(".rv-unused-item") : null;
      const button = item?.querySelector('[data-action="track"]');
      if (button) {
        event.preventDefault();
        event.stopPropagation();
        button.click();
      }
    });
  }
  if (!list) return;

  let currentId = null;

  const cards = () => Array.from(list.querySelectorAll(":scope > .rv-card"));
  const cardFor = (id) => document.getElementById(`ob-${id}`);
  const marksFor = (id) => (text ? text.querySelectorAll(`mark.ev[data-ob~="${id}"]`) : []);

  function typing(target) {
    if (!(target instanceof Element)) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
  }

  function select(id, { scroll = true } = {}) {
    if (currentId !== null) {
      const previous = cardFor(currentId);
      if (previous) previous.classList.remove("selected");
      marksFor(currentId).forEach((mark) => mark.classList.remove("active"));
    }
    currentId = id;
    const card = cardFor(id);
    if (!card) return;
    card.classList.add("selected");
    const marks = marksFor(id);
    marks.forEach((mark) => mark.classList.add("active"));
    if (scroll) {
      card.scrollIntoView({ block: "nearest" });
      const first = document.getElementById(`ev-${id}`) || marks[0];
      if (first) first.scrollIntoView({ block: "center" });
      card.focus({ preventScroll: true });
    }
  }

  // Set when j at the last card asked for the next page: its first card is selected on arrival.
  let selectNextLoaded = false;

  function move(step) {
    const all = cards();
    if (all.length === 0) return;
    const index = all.findIndex((card) => card.dataset.ob === String(currentId));
    const more = list.querySelector(':scope > .rv-more [data-action="more"]');
    if (step > 0 && more && index === all.length - 1) {
      selectNextLoaded = true;
      more.click();
      return;
    }
    const next = index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next].dataset.ob);
  }

  function act(action) {
    if (currentId === null) move(1);
    const card = cardFor(currentId);
    if (!card) return;
    const control = card.querySelector(`[data-action="${action}"]`);
    if (control && !control.disabled) control.click();
  }

  // Marks follow the review status of their obligation after a card swaps itself.
  function paintMarks(card) {
    marksFor(card.dataset.ob).forEach((mark) => {
      const first = mark.dataset.ob.split(" ")[0];
      if (first === card.dataset.ob) {
        mark.className = mark.className.replace(/\bst-\w+/, `st-${card.dataset.status}`);
      }
    });
  }

  // Selection for bulk confirm or reject: the boxes belong to the bulk form by their form=.
  const bulk = document.getElementById("bulk-form");
  const picked = () => Array.from(list.querySelectorAll(".rv-pick:checked"));
  function countPicked() {
    const count = picked().length;
    const label = document.getElementById("picked-count");
    if (label) label.textContent = `${count} selected`;
    list.querySelectorAll(".rv-card").forEach((card) => {
      const box = card.querySelector(".rv-pick");
      card.classList.toggle("picked", Boolean(box && box.checked));
    });
  }
  function togglePick() {
    if (currentId === null) move(1);
    const box = cardFor(currentId)?.querySelector(".rv-pick");
    if (box) {
      box.checked = !box.checked;
      countPicked();
    }
  }
  function bulkAct(action) {
    const button = bulk?.querySelector(`[data-action="bulk-${action}"]`);
    if (button && picked().length > 0) button.click();
  }
  list.addEventListener("change", (event) => {
    if (event.target instanceof Element && event.target.classList.contains("rv-pick")) countPicked();
  });
  document.getElementById("pick-all")?.addEventListener("change", (event) => {
    list.querySelectorAll(".rv-pick").forEach((box) => {
      box.checked = event.target.checked;
    });
    countPicked();
  });

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape" && currentId !== null) {
      const cancel = cardFor(currentId)?.querySelector('[data-action="cancel"]');
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
      return;
    }
    if (typing(event.target)) return;
    const handlers = {
      j: () => move(1),
      k: () => move(-1),
      c: () => act("confirm"),
      e: () => act("edit"),
      r: () => act("reject"),
      x: () => togglePick(),
      C: () => bulkAct("confirm"),
      R: () => bulkAct("reject"),
    };
    const handler = handlers[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  });

  list.addEventListener("click", (event) => {
    const card = event.target.closest(".rv-card");
    if (card) select(card.dataset.ob, { scroll: false });
    const jump = event.target.closest(".rv-jump");
    if (jump && card) {
      event.preventDefault();
      select(card.dataset.ob);
    }
  });

  if (text) {
    text.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.ev");
      if (!mark) return;
      const id = mark.dataset.ob.split(" ")[0];
      select(id, { scroll: false });
      const card = cardFor(id);
      if (card) card.scrollIntoView({ block: "nearest" });
    });
  }

  // htmx:load fires on content htmx has just swapped in, such as a card that replaced itself.
  document.body.addEventListener("htmx:load", (event) => {
    const fresh = event.detail.elt;
    if (!(fresh instanceof Element) || !fresh.classList.contains("rv-card")) return;
    paintMarks(fresh);
    if (selectNextLoaded) {
      selectNextLoaded = false;
      select(fresh.dataset.ob);
      return;
    }
    if (fresh.dataset.ob === String(currentId)) {
      fresh.classList.add("selected");
      const field = fresh.querySelector("input, select, textarea");
      if (fresh.classList.contains("editing") && field) field.focus();
      else fresh.focus({ preventScroll: true });
    }
  });

  const fromHash = /^#(?:ob|ev)-(\d+)$/.exec(window.location.hash);
  if (fromHash) select(fromHash[1]);
})();
