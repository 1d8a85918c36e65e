/* The docs page: fetch the OpenAPI document with the pasted API key, show it with Swagger UI,
   and authorize "Try it out" with the same key. The document depends on the key's user, so
   a new key given in Swagger UI's own "Authorize" dialog loads the document again.
   The key is kept in sessionStorage only: it is gone when the tab closes. */
(function () {
  "use strict";

  var SPEC_URL = "/api/v1/openapi.json";
  var SCHEME = "bearerAuth";
  var STORAGE_KEY = "rest_api.docs.key";

  var form = document.getElementById("key-form");
  var keyInput = document.getElementById("api-key");
  var modelsInput = document.getElementById("models");
  var forgetButton = document.getElementById("forget-key");
  var statusLine = document.getElementById("status");
  var currentKey = null;

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = "rest-api-status" + (isError ? " error" : "");
  }

  function specUrl(models) {
    return models ? SPEC_URL + "?models=" + encodeURIComponent(models) : SPEC_URL;
  }

  function fetchSpec(key, models) {
    return fetch(specUrl(models), {
      headers: { "Authorization": "Bearer " + key, "Accept": "application/json" },
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body && body.error ? body.error.message : "HTTP " + response.status);
        }
        return body;
      });
    });
  }

  function loadSpec(key, models) {
    say("Loading the API description…");
    return fetchSpec(key, models).then(function (spec) {
      sessionStorage.setItem(STORAGE_KEY, key);
      render(spec, key);
      var count = (spec.tags || []).length - 1;
      say("Authorized: " + count + " model(s) documented for this key. Open one, then \"Try it out\".");
    }).catch(function (error) {
      say("Could not load the API description: " + error.message, true);
    });
  }

  // Swagger UI's "Authorize" and "Logout" buttons keep this page's key in step.
  function keySyncPlugin() {
    return { statePlugins: { auth: { wrapActions: {
      authorize: function (original) {
        return function (payload) {
          var entry = payload && payload[SCHEME];
          var key = entry && entry.value;
          var result = original(payload);
          if (key && key !== currentKey) {
            keyInput.value = key;
            window.setTimeout(function () { loadSpec(key, modelsInput.value.trim()); }, 0);
          }
          return result;
        };
      },
      logout: function (original) {
        return function (names) {
          forgetKey();
          return original(names);
        };
      }
    } } } };
  }

  function render(spec, key) {
    currentKey = key;
    var ui = window.SwaggerUIBundle({
      spec: spec,
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      plugins: [keySyncPlugin],
      layout: "BaseLayout",
      validatorUrl: null,
      docExpansion: "none",
      defaultModelsExpandDepth: 0,
      filter: true,
      displayRequestDuration: true,
      // The API never uses the browser's Odoo session: the Bearer key alone authenticates.
      requestInterceptor: function (request) { request.credentials = "omit"; return request; },
      onComplete: function () { ui.preauthorizeApiKey(SCHEME, key); }
    });
    window.ui = ui;
  }

  function forgetKey() {
    sessionStorage.removeItem(STORAGE_KEY);
    currentKey = null;
    keyInput.value = "";
    say("Key forgotten. Paste an API key to load the API description.");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = keyInput.value.trim();
    if (key) { loadSpec(key, modelsInput.value.trim()); }
  });

  forgetButton.addEventListener("click", function () {
    if (window.ui && window.ui.authActions) { window.ui.authActions.logout([SCHEME]); }
    forgetKey();
  });

  var saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved) {
    keyInput.value = saved;
    loadSpec(saved, "");
  }
}());
