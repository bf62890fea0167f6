// The query page of `msckg serve`. Plain JavaScript, no libraries, nothing fetched from elsewhere.
//
// The named queries (GET /queries) are the examples. A named query left as loaded runs through
// /queries/NAME with its parameters from the form; any other text is POSTed to /sparql.
"use strict";

const RESULTS_JSON = "application/sparql-results+json";
const ACCEPT_ANY = RESULTS_JSON + ", text/turtle;q=0.9";
const $ = (id) => document.getElementById(id);

const state = {
  queries: new Map(), // name -> named query (from /queries)
  named: null, // the named query loaded into the editor, if any
  last: null, // the request behind the results shown
  lastKind: null, // "results" or "graph"
};

function setStatus(text, kind) {
  const status = $("status");
  status.textContent = text;
  status.className = kind || "";
}

async function loadExamples() {
  let list;
  try {
    const response = await fetch("/queries", { headers: { Accept: "application/json" } });
    list = await response.json();
  } catch (error) {
    setStatus("could not load the named queries: " + error, "error");
    return;
  }
  const select = $("examples");
  for (const query of list) {
    state.queries.set(query.name, query);
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = query.name;
    option.title = query.answers;
    select.append(option);
  }
}

function chooseExample(name) {
  const query = state.queries.get(name) || null;
  state.named = query;
  const params = $("params");
  params.replaceChildren();
  $("example-doc").textContent = query
    ? query.answers + " (Runs as " + query.url + " with the fields below; edit the text to run it as plain SPARQL.)"
    : "";
  if (!query) {
    return;
  }
  $("query").value = query.text;
  for (const param of query.params) {
    const label = document.createElement("label");
    label.htmlFor = "param-" + param.name;
    label.textContent = param.name + " (" + param.type + ")";
    const input = document.createElement("input");
    input.id = "param-" + param.name;
    input.name = param.name;
    input.placeholder = param.description;
    input.title = param.description;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        run();
      }
    });
    const doc = document.createElement("div");
    doc.className = "param-doc";
    doc.textContent = param.description;
    params.append(label, input, doc);
  }
}

// The request for what the editor holds now.
function currentRequest() {
  const text = $("query").value;
  const named = state.named;
  if (named && text === named.text) {
    const search = new URLSearchParams();
    for (const param of named.params) {
      search.set(param.name, $("param-" + param.name).value.trim());
    }
    const query = search.toString();
    return { method: "GET", url: named.url + (query ? "?" + query : ""), label: named.name };
  }
  return {
    method: "POST",
    url: "/sparql",
    body: new URLSearchParams({ query: text }).toString(),
    contentType: "application/x-www-form-urlencoded",
    label: "query",
  };
}

function send(request, accept) {
  const headers = { Accept: accept };
  if (request.contentType) {
    headers["Content-Type"] = request.contentType;
  }
  return fetch(request.url, { method: request.method, headers: headers, body: request.body });
}

function termCell(term) {
  const td = document.createElement("td");
  if (!term) {
    return td;
  }
  if (term.type === "uri") {
    if (/^https?:\/\//i.test(term.value)) {
      const link = document.createElement("a");
      link.href = term.value;
      link.textContent = term.value;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      td.append(link);
    } else {
      td.textContent = term.value;
    }
  } else if (term.type === "bnode") {
    const span = document.createElement("span");
    span.className = "bnode";
    span.textContent = "_:" + term.value;
    td.append(span);
  } else if (term.type === "triple") {
    const v = term.value;
    td.textContent = "<< " + [v.subject, v.predicate, v.object].map((t) => t.value).join(" ") + " >>";
  } else {
    td.textContent = term.value;
    if (term.datatype) {
      td.title = term.datatype;
      td.className = "literal-typed";
    } else if (term["xml:lang"]) {
      td.title = "@" + term["xml:lang"];
    }
  }
  return td;
}

function clearResults() {
  $("results").tHead.replaceChildren();
  $("results").tBodies[0].replaceChildren();
  const pre = $("graph-output");
  pre.hidden = true;
  pre.textContent = "";
}

function showTable(data) {
  const head = document.createElement("tr");
  const vars = data.head.vars || [];
  for (const name of vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  $("results").tHead.append(head);
  const body = $("results").tBodies[0];
  for (const binding of data.results.bindings) {
    const tr = document.createElement("tr");
    for (const name of vars) {
      tr.append(termCell(binding[name]));
    }
    body.append(tr);
  }
  return data.results.bindings.length;
}

async function run() {
  const request = currentRequest();
  setStatus("running " + request.label + " …");
  const started = performance.now();
  let response;
  try {
    response = await send(request, ACCEPT_ANY);
  } catch (error) {
    setStatus("the endpoint did not answer: " + error, "error");
    return;
  }
  const ms = Math.round(performance.now() - started);
  clearResults();
  if (!response.ok) {
    setStatus(response.status + " " + response.statusText + ": " + (await response.text()), "error");
    $("download-csv").disabled = true;
    $("download-json").disabled = true;
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  let summary;
  if (type.startsWith(RESULTS_JSON)) {
    const data = await response.json();
    if ("boolean" in data) {
      summary = "ASK: " + data.boolean;
      $("graph-output").hidden = false;
      $("graph-output").textContent = String(data.boolean);
    } else {
      const rows = showTable(data);
      summary = rows + (rows === 1 ? " row" : " rows");
    }
    state.lastKind = "results";
  } else {
    const text = await response.text();
    $("graph-output").hidden = false;
    $("graph-output").textContent = text;
    summary = "graph (Turtle)";
    state.lastKind = "graph";
  }
  state.last = request;
  $("download-csv").disabled = state.lastKind !== "results";
  $("download-json").disabled = false;
  const cap = response.headers.get("X-SPARQL-MaxRows");
  if (cap) {
    setStatus(summary + " in " + ms + " ms; cut off at " + cap + " rows (the server's --max-rows)", "warn");
  } else {
    setStatus(summary + " in " + ms + " ms");
  }
}

async function download(kind) {
  if (!state.last) {
    return;
  }
  const graph = state.lastKind === "graph";
  const accept = kind === "csv" ? "text/csv" : graph ? "application/ld+json" : RESULTS_JSON;
  const extension = kind === "csv" ? "csv" : graph ? "jsonld" : "json";
  const response = await send(state.last, accept);
  if (!response.ok) {
    setStatus(response.status + ": " + (await response.text()), "error");
    return;
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "msckg-results." + extension;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

document.addEventListener("DOMContentLoaded", () => {
  $("examples").addEventListener("change", (event) => chooseExample(event.target.value));
  $("run").addEventListener("click", run);
  $("download-csv").addEventListener("click", () => download("csv"));
  $("download-json").addEventListener("click", () => download("json"));
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  loadExamples();
});
