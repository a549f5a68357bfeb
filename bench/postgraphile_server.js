// B2's PostGraphile v4 over the same tables (installed under bench/.node by bench/postgraphile.py, never globally).
// Each request runs in a transaction as zhifa_reader with zhifa.towns set, as the zhifa read side does, so the same
// row-level security applies.  node bench/postgraphile_server.js DATABASE_URL PORT TOWNS
const http = require("http");
const { postgraphile } = require("postgraphile");

const [database, port, towns] = process.argv.slice(2);
const handler = postgraphile(database, "public", {
  pgSettings: { role: "zhifa_reader", "zhifa.towns": towns },
  disableDefaultMutations: true,
  dynamicJson: true,
  graphqlRoute: "/graphql",
  disableQueryLog: true,
  retryOnInitFail: false,
});
http.createServer(handler).listen(Number(port), "127.0.0.1");
