// Starts Swagger UI on /api/docs from the vendored swagger-ui-dist (a file, not an inline
// script: the Content-Security-Policy runs no inline script). The options are FastAPI's; no
// online validator, so the page asks nothing of any other site.
"use strict";

(() => {
  const root = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
