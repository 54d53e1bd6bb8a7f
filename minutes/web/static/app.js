// minutes web app: small progressive enhancements; every page works without them.
"use strict";

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// Owner picker: search the roster by name, alias, pinyin or initials (/api/people).
function ownerPicker(input) {
  const box = input.closest(".field, label") || input.parentElement;
  box.style.position = "relative";
  const list = document.createElement("ul");
  list.className = "picker-list";
  list.hidden = true;
  list.setAttribute("role", "listbox");
  box.appendChild(list);
  let active = -1;
  const choose = (name) => { input.value = name; list.hidden = true; input.dispatchEvent(new Event("change")); };
  const show = (people) => {
    list.replaceChildren();
    active = -1;
    for (const p of people) {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.name = p.name;
      li.textContent = p.name;
      const extra = document.createElement("small");
      extra.textContent = [p.department, p.title, p.via ? "别名 " + p.via : ""].filter(Boolean).join(" · ");
      li.appendChild(extra);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(p.name); });
      list.appendChild(li);
    }
    list.hidden = people.length === 0;
  };
  const search = debounce(async () => {
    const q = input.value.trim();
    if (!q) { list.hidden = true; return; }
    try {
      const res = await fetch("/api/people?q=" + encodeURIComponent(q), { credentials: "same-origin" });
      if (res.ok) show(await res.json());
    } catch (e) { list.hidden = true; }
  }, 120);
  input.addEventListener("input", search);
  input.addEventListener("blur", () => { setTimeout(() => { list.hidden = true; }, 100); });
  input.addEventListener("keydown", (e) => {
    const items = [...list.children];
    if (list.hidden || !items.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((li, n) => li.setAttribute("aria-selected", String(n === active)));
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      choose(items[active].dataset.name);
    } else if (e.key === "Escape") {
      list.hidden = true;
    }
  });
}

// Drag and drop onto the upload zone.
function dropZone(zone) {
  const input = zone.querySelector("input[type=file]");
  const names = zone.querySelector(".drop-files");
  const showNames = () => { names.textContent = [...input.files].map((f) => f.name).join("、"); };
  input.addEventListener("change", showNames);
  ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; showNames(); }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.owner-picker").forEach(ownerPicker);
  const zone = document.getElementById("drop");
  if (zone) dropZone(zone);
  // Candidate buttons (ambiguous owners) and suggested dates fill their field.
  document.querySelectorAll("button.pick").forEach((b) => b.addEventListener("click", () => {
    b.closest(".field").querySelector("input.owner-picker").value = b.dataset.owner;
  }));
  document.querySelectorAll("button.suggest").forEach((b) => b.addEventListener("click", () => {
    b.closest(".field").querySelector("input[type=date]").value = b.dataset.date;
  }));
  document.querySelectorAll("[data-confirm]").forEach((b) => b.addEventListener("click", (e) => {
    if (!window.confirm(b.dataset.confirm)) e.preventDefault();
  }));
});
