// Parley admin: a "Preview" button under the post body; the server renders and sanitises.
(function () {
  "use strict";
  function init() {
    var body = document.getElementById("id_body");
    var form = body && body.form;
    if (!form) { return; }
    var format = document.getElementById("id_body_format");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button parley-preview-button";
    button.textContent = "Preview";
    var output = document.createElement("div");
    output.className = "parley-preview";
    output.setAttribute("aria-live", "polite");
    body.parentNode.appendChild(button);
    body.parentNode.appendChild(output);
    var url = window.location.pathname.replace(/(add|\d+\/change)\/?$/, "") + "preview/";
    button.addEventListener("click", function () {
      var data = new FormData();
      data.append("body", body.value);
      data.append("body_format", format ? format.value : "markdown");
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      output.textContent = "Rendering…";
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          if (result.error) { output.textContent = result.error; return; }
          // The server's HTML went through the same nh3 allow-list as the public page.
          output.innerHTML = result.html;
        })
        .catch(function () { output.textContent = "Preview failed; your text is unchanged."; });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
