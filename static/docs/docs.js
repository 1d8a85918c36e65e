/* The docs page: with the pasted API key, list the models the key's user can read, then show
   one model's OpenAPI document at a time with Swagger UI (the whole document of a database with
   hundreds of models is megabytes: too much for a browser), and authorize "Try it out" with the
   same key. The document depends on the key's user, so a new key given in Swagger UI's own
   "Authorize" dialog loads the list and the document again.
   The key is kept in sessionStorage only: it is gone when the tab closes. */
(function () {
  "use strict";

  var SPEC_URL = "/api/v1/openapi.json";
  var INDEX_URL = "/api/v1/openapi/models";
  var SCHEME = "bearerAuth";
  var STORAGE_KEY = "rest_api.docs.key";
  var PREFERRED = ["res.partner", "res.users"];

  var form = document.getElementById("key-form");
  var keyInput = document.getElementById("api-key");
  var modelsInput = document.getElementById("models");
  var modelList = document.getElementById("model-list");
  var forgetButton = document.getElementById("forget-key");
  var statusLine = document.getElementById("status");
  var currentKey = null;
  var known = {};      // model name -> description, for the current key
  var knownCount = 0;

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = "rest-api-status" + (isError ? " error" : "");
  }

  function getJson(url, key) {
    return fetch(url, {
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

  function names(text) {
    return text.split(",").map(function (part) { return part.trim(); }).filter(Boolean);
  }

  function fillPicker(models) {
    known = {};
    knownCount = models.length;
    var options = document.createDocumentFragment();
    models.forEach(function (entry) {
      known[entry.model] = entry.description;
      var option = document.createElement("option");
      option.value = entry.model;
      option.label = entry.description;
      options.appendChild(option);
    });
    modelList.replaceChildren(options);
  }

  function defaultModel(models) {
    for (var i = 0; i < PREFERRED.length; i += 1) {
      if (known[PREFERRED[i]]) { return PREFERRED[i]; }
    }
    return models.length ? models[0].model : "";
  }

  // The list of models (small) and, at the same time, the document of the model(s) asked or of
  // the likely default; a guess the list does not confirm is dropped.
  function loadApi(key) {
    say("Loading the models this key can read…");
    var guess = (names(modelsInput.value).length ? names(modelsInput.value) : PREFERRED.slice(0, 1)).join(",");
    var early = getJson(SPEC_URL + "?models=" + encodeURIComponent(guess), key);
    early.catch(function () { return null; });  // judged once the list is there
    return getJson(INDEX_URL, key).then(function (body) {
      sessionStorage.setItem(STORAGE_KEY, key);
      currentKey = key;
      fillPicker(body.data.models);
      if (!names(modelsInput.value).length) { modelsInput.value = defaultModel(body.data.models); }
      return loadModels(key, modelsInput.value, names(modelsInput.value).join(",") === guess ? early : null);
    }).catch(function (error) {
      say("Could not load the API description: " + error.message, true);
    });
  }

  function loadModels(key, text, fetched) {
    var wanted = names(text);
    var unknown = wanted.filter(function (name) { return !known[name]; });
    if (!wanted.length || unknown.length) {
      say((unknown.length ? "Not a model this key can read: " + unknown.join(", ") + ". " : "")
          + "Pick one of the " + knownCount + " models in the list.", unknown.length > 0);
      return Promise.resolve();
    }
    say("Loading the description of " + wanted.join(", ") + "…");
    var spec = fetched || getJson(SPEC_URL + "?models=" + encodeURIComponent(wanted.join(",")), key);
    return spec.then(function (spec) {
      render(spec, key);
      say("Authorized: " + wanted.join(", ") + " documented (" + knownCount + " models readable with this key; "
          + "pick another above). Open an operation, then \"Try it out\".");
    }).catch(function (error) {
      say("Could not load the API description: " + error.message, true);
    });
  }

  // What Swagger UI is given to display: the served OpenAPI 3.1 document rewritten in its 3.0
  // form. Swagger UI resolves a 3.1 document with ApiDOM, several times slower: opening an
  // operation of a model with a few hundred fields took seconds. The rewrite only changes
  // spelling ("type": [t, "null"] -> nullable, const -> enum, prefixItems -> items, a schema's
  // examples -> example); the document itself (openapi.json, for generators) stays 3.1.
  function asOpenApi30(node) {
    if (Array.isArray(node)) { return node.map(asOpenApi30); }
    if (node === null || typeof node !== "object") { return node; }
    var out = {};
    Object.keys(node).forEach(function (name) {
      var value = node[name];
      if (name === "type" && (Array.isArray(value) || value === "null")) {
        var types = [].concat(value).filter(function (type) { return type !== "null"; });
        if (types.length) { out.type = types[0]; }
        if (types.length < [].concat(value).length) { out.nullable = true; }
      } else if (name === "const") {
        out["enum"] = [value];
      } else if (name === "examples" && Array.isArray(value)) {
        out.example = value[0];  // a schema's examples (3.1); a parameter's named examples stay
      } else if (name === "prefixItems") {
        out.items = value.length ? asOpenApi30(value[0]) : {};
      } else if (name === "contentEncoding") {
        out.format = "byte";
      } else if (name === "properties" && value && typeof value === "object") {
        out.properties = {};  // field names, not keywords: a field may be called "type" or "const"
        Object.keys(value).forEach(function (field) { out.properties[field] = asOpenApi30(value[field]); });
      } else {
        out[name] = asOpenApi30(value);
      }
    });
    if (Array.isArray(out["enum"]) && out["enum"].indexOf(null) >= 0) {
      out["enum"] = out["enum"].filter(function (item) { return item !== null; });
      out.nullable = true;
    }
    return out;
  }

  function forDisplay(spec) {
    var shown = asOpenApi30(spec);
    shown.openapi = "3.0.3";
    return shown;
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
            window.setTimeout(function () { loadApi(key); }, 0);
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
      spec: forDisplay(spec),
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      plugins: [keySyncPlugin],
      layout: "BaseLayout",
      validatorUrl: null,
      docExpansion: "list",  // every tag open: its operations are listed, as the status line says
      defaultModelsExpandDepth: 0,
      defaultModelExpandDepth: 1,
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
    if (!key) { return; }
    if (key === currentKey && knownCount) { loadModels(key, modelsInput.value); } else { loadApi(key); }
  });

  // Picking a model in the list (or typing one and leaving the field) shows its document.
  modelsInput.addEventListener("change", function () {
    if (currentKey && knownCount) { loadModels(currentKey, modelsInput.value); }
  });

  forgetButton.addEventListener("click", function () {
    if (window.ui && window.ui.authActions) { window.ui.authActions.logout([SCHEME]); }
    forgetKey();
  });

  var saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved) {
    keyInput.value = saved;
    loadApi(saved);
  }
}());
