// The generated TypeScript client in use (docs/sdk.md): list, search with a domain, create with relation
// commands, update by filter, a typed error and a method call. `make check-sdk` compiles it with
// `tsc --strict` beside the client (build/sdk/typescript) and runs it with node against the demo data.
import { client } from "./client/client.gen";
import {
  resPartnerCallModelMethod, resPartnerCreate, resPartnerList, resPartnerRead, resPartnerSearch,
  resPartnerUpdateMany,
} from "./client";
import type { Domain, ErrorEnvelope, NotFoundEnvelope, ResPartnerNewValues } from "./client";

declare const process: { argv: string[]; exitCode?: number };

// `filter` and `context` travel as JSON text (`content: application/json` in the document); the
// client's default serializer would spell a list as repeated parameters.
function jsonQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
    }
  }
  return params.toString();
}

function isNotFound(answer: ErrorEnvelope): answer is NotFoundEnvelope {
  return answer.error.code === 404;
}

async function main(url: string, key: string): Promise<void> {
  client.setConfig({ baseUrl: `${url}/api/v1`, auth: key, querySerializer: jsonQuery });

  // A page of records, with a field selection and a typed filter.
  const companies: Domain = [["is_company", "=", true]];
  const page = await resPartnerList({ query: { query: "{id, name}", filter: companies, page_size: 2 } });
  if (!page.data) throw new Error(`list: ${page.response.status}`);
  console.log("list:", page.data.data.records.map((record) => record.name), "of", page.data.data.pagination.total_count);

  // A search with a domain: operators and [field, operator, value] terms.
  const domain: Domain = ["|", ["name", "ilike", "deco"], ["email", "=like", "ready%"]];
  const found = await resPartnerSearch({ body: { domain, query: "{id, name}", limit: 5 } });
  if (!found.data) throw new Error(`search: ${found.response.status}`);
  console.log("search:", found.data.data.records.map((record) => record.name));

  // A create with relation commands, as Odoo writes them: [6, 0, ids] and [0, 0, values].
  const values: ResPartnerNewValues = {
    name: "SDK TS Company", is_company: true,
    category_id: [[6, 0, [1, 2]]], child_ids: [[0, 0, { name: "SDK TS Contact" }]],
  };
  const created = await resPartnerCreate({ body: { data: values }, query: { query: "{id, name, category_id}" } });
  if (!created.data) throw new Error(`create: ${created.response.status}`);
  console.log("create:", created.data.data.name, created.data.data.id, created.data.data.category_id);

  // An update by filter.
  const updated = await resPartnerUpdateMany({
    body: { data: { comment: "Written by the generated client" }, filter: [["name", "=like", "SDK TS%"]] },
  });
  if (!updated.data) throw new Error(`update: ${updated.response.status}`);
  console.log("update by filter:", updated.data.data.count, "records");

  // A typed error: every error answer the API gives is an envelope, the 404 one a NotFoundEnvelope
  // (code 404); only the HTTP server's own 414 (a URL too long) is HTML text.
  const missing = await resPartnerRead({ path: { id: 999999 } });
  if (!missing.error || typeof missing.error === "string" || !isNotFound(missing.error)) {
    throw new Error(`read: ${missing.response.status}`);
  }
  const code: 404 = missing.error.error.code;
  console.log("error:", code, missing.error.error.type, missing.error.error.message);

  // A method call.
  const named = await resPartnerCallModelMethod({ path: { function: "name_search" }, body: { args: ["Deco"] } });
  if (!named.data) throw new Error(`method: ${named.response.status}`);
  console.log("method: name_search('Deco') =", JSON.stringify(named.data.data.result));
}

main(process.argv[2] ?? "http://127.0.0.1:8069", process.argv[3] ?? "demo").catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
