process.stdout.write('schema:compose: no subgraphs yet\n');
