/* The page editor's address as it will be saved (cong.editorial.editor). Wagtail fills the
   slug from the title with Vietnamese letters; the server folds it to ASCII
   (cong.core.text.slugify_vi, mirrored by slugifyVi below): the folded address shows below the
   field while the title or the slug is typed. */
(function () {
  "use strict";

  var label = (document.currentScript && document.currentScript.dataset.label) || "";

  function slugifyVi(text) {
    return text
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  }

  function attach() {
    var field = document.getElementById("id_slug");
    if (!field || document.getElementById("cong-slug-preview")) return;
    var preview = document.createElement("p");
    preview.id = "cong-slug-preview";
    preview.className = "help";
    var code = document.createElement("code");
    preview.append(label + " ", code);
    field.insertAdjacentElement("afterend", preview);

    function update() {
      var slug = slugifyVi(field.value);
      preview.hidden = !slug;
      code.textContent = slug;
    }
    field.addEventListener("input", update);
    field.addEventListener("change", update);
    // Wagtail's title script sets the slug's value without an event this script can rely on.
    window.setInterval(update, 300);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
})();
