// Placeholder until schema governance lands: there is no supergraph to check yet.
process.stdout.write('schema:check: no subgraphs yet\n');
